// Builds the three SPAs, skipping any whose sources have not changed since its last build (a content
// hash of its inputs is kept in dist/.build-hash), so a restart does not pay for a rebuild.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { pnpm, root } from './lib.mjs';

export const APPS = ['buyer', 'partner', 'admin'];
const SHARED_INPUTS = ['packages/ui', 'packages/graphql-client', 'packages/domain/src', 'pnpm-lock.yaml', 'tsconfig.base.json'];

function addInputs(hash, target) {
  const full = path.join(root, target);
  if (!existsSync(full)) return;
  if (statSync(full).isFile()) {
    hash.update(target).update(readFileSync(full));
    return;
  }
  for (const entry of readdirSync(full, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    if (['node_modules', 'dist', '.turbo'].includes(entry.name) || entry.name.endsWith('.test.tsx') || entry.name.endsWith('.test.ts'))
      continue;
    addInputs(hash, path.join(target, entry.name));
  }
}

export function inputHash(app) {
  const hash = createHash('sha256');
  for (const target of [
    `web-${app}/src`,
    `web-${app}/index.html`,
    `web-${app}/vite.config.ts`,
    `web-${app}/package.json`,
    ...SHARED_INPUTS,
  ])
    addInputs(hash, target);
  return hash.digest('hex');
}

export async function buildWeb({ force = false } = {}) {
  for (const app of APPS) {
    const stamp = path.join(root, `web-${app}`, 'dist', '.build-hash');
    const hash = inputHash(app);
    if (!force && existsSync(stamp) && readFileSync(stamp, 'utf8') === hash) continue;
    console.log(`› building web-${app}`);
    const code = await pnpm(['--filter', `@hotlead/web-${app}`, 'run', 'build', '--logLevel', 'warn']);
    if (code !== 0) return code;
    writeFileSync(stamp, hash);
  }
  return 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exit(await buildWeb({ force: process.argv.includes('--force') }));
}
