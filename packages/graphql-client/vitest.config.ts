import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  resolve: {
    // The CommonJS graphql that Apollo and msw load in Node; see the SPAs' vitest configs.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    name: 'graphql-client',
    environment: 'node',
    include: ['src/**/*.test.ts'],
  },
});
