// Fails when server/schema.graphql or the generated client operations are stale: regenerates both
// and compares with what is committed.
import { execFileSync } from 'node:child_process';
import { pnpm, root } from './lib.mjs';

const GENERATED = ['server/schema.graphql', 'packages/ui/src/gql', 'web-buyer/src/gql', 'web-partner/src/gql', 'web-admin/src/gql'];

const code = await pnpm(['run', 'codegen']);
if (code !== 0) process.exit(code);
const changed = execFileSync('git', ['status', '--porcelain', '--', ...GENERATED], { cwd: root, encoding: 'utf8' }).trim();
if (changed) {
  console.error(`Generated files are stale; run \`pnpm codegen\` and commit:\n${changed}`);
  process.exit(1);
}
console.log('schema.graphql and generated operations are up to date');
