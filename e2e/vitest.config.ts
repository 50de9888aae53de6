// End-to-end tests: the real API (embedded PostgreSQL, in-process job worker, built SPAs on one port)
// driven by headless Chromium through playwright-core. Run with `pnpm exec vitest run --project e2e`.
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const here = fileURLToPath(new URL('.', import.meta.url));

export default defineConfig({
  root: here,
  resolve: {
    // playwright-core is a dependency of the server package only (not hoisted to the root).
    alias: { 'playwright-core': fileURLToPath(new URL('../server/node_modules/playwright-core', import.meta.url)) },
  },
  test: {
    name: 'e2e',
    root: here,
    environment: 'node',
    include: ['**/*.test.ts'],
    globalSetup: ['./global-setup.ts'],
    // One server, one Chromium at a time: files run one after another.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
