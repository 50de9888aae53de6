import type { CodegenConfig } from '@graphql-codegen/cli';

/** Packages whose pages own colocated `.graphql` documents; each gets its own typed `src/gql/`. */
const documentPackages = ['packages/ui', 'web-buyer', 'web-partner', 'web-admin'] as const;

const sharedConfig = {
  enumsAsTypes: true,
  scalars: { DateTime: 'string', Decimal: 'string', JSON: 'unknown' },
  useTypeImports: true,
};

const config: CodegenConfig = {
  schema: 'server/schema.graphql',
  ignoreNoDocuments: false,
  generates: Object.fromEntries(
    documentPackages.map((pkg) => [
      `${pkg}/src/gql/`,
      {
        preset: 'client',
        documents: [`${pkg}/src/**/*.graphql`],
        config: sharedConfig,
        presetConfig: { fragmentMasking: false },
      },
    ]),
  ),
};

export default config;
