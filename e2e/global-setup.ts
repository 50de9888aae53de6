// Starts the real API once for all end-to-end tests, exactly like local production mode
// (`node --import tsx src/main.ts --reset` in server/): embedded PostgreSQL of its own (e2e), fresh demo
// data, the job worker in-process (emails reach the dev mailbox through the real queue), and the built
// SPAs on the same port. Tests get the base URL through `inject('baseUrl')`.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Where the browser opens the SPAs (also the PUBLIC_URL inside emails). */
    baseUrl: string;
    /** The same server for Node-side requests (IPv4 loopback, no name resolution). */
    apiUrl: string;
    /** The inbound relay SMTP server started with the API (local mode). */
    relaySmtpPort: number;
  }
}

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tmp = path.join(root, '.tmp');
const START_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 30_000;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** Builds the SPAs when one has never been built. A failed build is reported, not fatal: the SPAs
 *  that exist are still served, and tests of a missing one fail on their own. */
function ensureWebBuilt(): void {
  const missing = ['buyer', 'partner', 'admin'].filter((app) => !existsSync(path.join(root, `web-${app}`, 'dist', 'index.html')));
  if (missing.length === 0) return;
  console.log(`[e2e] building the SPAs (missing: ${missing.map((m) => `web-${m}`).join(', ')})`);
  const result = spawnSync(process.execPath, [path.join('scripts', 'build-web.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) console.warn(`[e2e] node scripts/build-web.mjs exited with ${result.status}; testing whatever was built`);
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the API exited (${child.exitCode ?? child.signalCode}) before it was healthy; see ${logFile}`);
    }
    try {
      const res = await fetch(`${url}/health`, { signal: AbortSignal.timeout(5_000) });
      if (res.status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`the API did not answer GET /health with 200 within ${START_TIMEOUT_MS / 1000}s; see ${logFile}`);
}

function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM to whatever is left in the server's process group (a PostgreSQL whose parent crashed). */
function reapGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // the group is empty
  }
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) {
    reapGroup(child);
    return;
  }
  // SIGTERM: the server stops the API, the job queue and its embedded PostgreSQL, then exits.
  child.kill('SIGTERM');
  const timedOut = await Promise.race([
    exited(child).then(() => false),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(true), STOP_TIMEOUT_MS).unref()),
  ]);
  if (timedOut && child.pid !== undefined) {
    console.warn(`[e2e] the API did not exit within ${STOP_TIMEOUT_MS / 1000}s of SIGTERM; killing its process group`);
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
    await exited(child);
  }
  reapGroup(child);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  ensureWebBuilt();
  mkdirSync(tmp, { recursive: true });
  const port = await freePort();
  // The inbound relay SMTP server starts with the API in local mode; its own free port, so a running
  // `npm start` (port 2525) does not clash.
  const relaySmtpPort = await freePort();
  const baseUrl = `http://localhost:${port}`;
  const apiUrl = `http://127.0.0.1:${port}`;
  const logFile = path.join(tmp, 'e2e-server.log');
  const log = createWriteStream(logFile);

  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts', '--reset'], {
    cwd: path.join(root, 'server'),
    env: {
      ...process.env,
      EMBEDDED_POSTGRES: 'e2e',
      PORT: String(port),
      LOG_LEVEL: 'warn',
      IN_PROCESS_WORKER: 'true',
      SERVE_WEB: 'true',
      PUBLIC_URL: baseUrl,
      RELAY_SMTP_PORT: String(relaySmtpPort),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so a server that ignores SIGTERM can be killed with everything it started.
    detached: true,
  });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  const started = Date.now();
  try {
    await waitForHealth(apiUrl, child, logFile);
  } catch (error) {
    await stop(child);
    throw error;
  }
  console.log(
    `[e2e] API healthy at ${baseUrl} after ${((Date.now() - started) / 1000).toFixed(1)}s (log: ${path.relative(root, logFile)})`,
  );

  project.provide('baseUrl', baseUrl);
  project.provide('relaySmtpPort', relaySmtpPort);
  project.provide('apiUrl', apiUrl);

  return async () => {
    await stop(child);
    log.end();
  };
}
