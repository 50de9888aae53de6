// The end-to-end tests drive a real Chromium. Use an installed one; as root (as CI runs) install
// Debian's package; otherwise stop with one line saying what to do.
import { existsSync } from 'node:fs';
import { run } from './lib.mjs';

export const CHROMIUM_CANDIDATES = [
  process.env.CHROMIUM_PATH,
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
].filter(Boolean);

export function findChromium() {
  return CHROMIUM_CANDIDATES.find((p) => existsSync(p));
}

export async function ensureChromium() {
  if (findChromium()) return 0;
  if (process.getuid?.() !== 0) {
    console.error('End-to-end tests need Chromium: install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROMIUM_PATH.');
    return 1;
  }
  console.log('› installing Debian chromium for the end-to-end tests');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let code = await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
  if (code !== 0) {
    await run('apt-get', ['update'], { env });
    code = await run('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], { env });
  }
  return code === 0 && findChromium() ? 0 : 1;
}
