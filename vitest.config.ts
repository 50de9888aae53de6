// One vitest run, several projects: pure domain rules, the server against real PostgreSQL, the three
// SPAs in jsdom, and the end-to-end tests in headless Chromium (run separately by the test command,
// after the SPAs are built).
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    projects: ['packages/*/vitest.config.ts', 'server/vitest.config.ts', '{web-*,e2e}/vitest.config.ts'],
  },
});
