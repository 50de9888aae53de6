// One Chromium per test file, a fresh context (cookies, storage) per test, a screenshot on failure.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, inject } from 'vitest';
import { findChromium } from '../../scripts/chromium.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const SCREENSHOT_DIR = path.join(root, '.tmp');

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export function launchChromium(): Promise<Browser> {
  const executablePath = findChromium();
  if (!executablePath) {
    throw new Error('Chromium not found: install it (Debian/Ubuntu: apt-get install -y chromium) or set CHROMIUM_PATH.');
  }
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS });
}

export interface BrowserHarness {
  readonly browser: Browser;
  /** The current test's context and page (a new one per test). */
  readonly context: BrowserContext;
  readonly page: Page;
  /** Another context in the same test (a second person); closed after the test. */
  newContext(): Promise<{ context: BrowserContext; page: Page }>;
}

function safeName(name: string): string {
  return name
    .replace(/[^\w-]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .toLowerCase()
    .slice(0, 80);
}

/** Registers the browser hooks of a test file; `name` prefixes failure screenshots. */
export function useBrowser(name: string): BrowserHarness {
  let browser: Browser | undefined;
  let current: { context: BrowserContext; page: Page } | undefined;
  let extra: { context: BrowserContext; page: Page }[] = [];
  const baseUrl = inject('baseUrl');

  const open = async () => {
    if (!browser) throw new Error('the browser is not running');
    const context = await browser.newContext({ baseURL: baseUrl, viewport: { width: 1280, height: 900 } });
    context.setDefaultTimeout(15_000);
    context.setDefaultNavigationTimeout(20_000);
    const page = await context.newPage();
    return { context, page };
  };

  beforeAll(async () => {
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });
  beforeEach(async () => {
    current = await open();
    extra = [];
  });
  afterEach(async ({ task }) => {
    const pages = [current, ...extra].filter((p): p is { context: BrowserContext; page: Page } => p !== undefined);
    if (task.result?.state === 'fail') {
      mkdirSync(SCREENSHOT_DIR, { recursive: true });
      for (const [i, p] of pages.entries()) {
        const file = path.join(SCREENSHOT_DIR, `e2e-${name}-${safeName(task.name)}${i ? `-${i + 1}` : ''}.png`);
        await p.page.screenshot({ path: file, fullPage: true }).catch(() => {});
      }
    }
    for (const p of pages) await p.context.close().catch(() => {});
    current = undefined;
    extra = [];
  });

  return {
    get browser() {
      if (!browser) throw new Error('the browser is not running');
      return browser;
    },
    get context() {
      if (!current) throw new Error('no context: use the harness inside a test');
      return current.context;
    },
    get page() {
      if (!current) throw new Error('no page: use the harness inside a test');
      return current.page;
    },
    async newContext() {
      const opened = await open();
      extra.push(opened);
      return opened;
    },
  };
}
