// Small helpers shared by the benchmarks: free ports, child processes that are always cleaned up,
// statistics and a plain-text table.
import { spawn, type ChildProcess, type SpawnOptions } from 'node:child_process';
import net from 'node:net';
import pg from 'pg';
import { ensureDatabaseExists, withDatabase } from '../src/platform/db/resolve.js';

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

// Every child the bench starts, so an interrupted run (Ctrl+C, an exception) leaves nothing behind.
const children = new Set<ChildProcess>();

function killGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    // Children are started detached (their own process group): the group includes whatever they spawned.
    process.kill(-child.pid, signal);
  } catch {
    try {
      child.kill(signal);
    } catch {
      // already gone
    }
  }
}

process.on('exit', () => {
  for (const child of children) killGroup(child, 'SIGKILL');
});

export function track(child: ChildProcess): ChildProcess {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Spawns in its own process group (so the whole tree can be stopped) and tracks it. */
export function spawnTracked(command: string, args: string[], options: SpawnOptions): ChildProcess {
  return track(spawn(command, args, { ...options, detached: true }));
}

export function exited(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => child.once('exit', () => resolve()));
}

/** SIGTERM to anything left in the child's process group (e.g. a PostgreSQL whose parent crashed). */
function reapGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // the group is empty: nothing was left behind
  }
}

/** SIGTERM to the process (it stops what it started), SIGKILL to its group after `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 30_000): Promise<'clean' | 'killed'> {
  if (child.exitCode !== null || child.signalCode !== null) {
    reapGroup(child);
    return 'clean';
  }
  child.kill('SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  const outcome = await Promise.race([exited(child).then(() => 'exited' as const), timer]);
  if (outcome === 'exited') {
    reapGroup(child);
    return 'clean';
  }
  killGroup(child, 'SIGKILL');
  await exited(child);
  return 'killed';
}

export async function stopAllChildren(): Promise<void> {
  await Promise.all([...children].map((c) => stopChild(c, 10_000)));
}

/** Runs a command to completion and returns its wall time in milliseconds. */
export async function timeCommand(command: string, args: string[], options: SpawnOptions = {}): Promise<number> {
  const started = performance.now();
  const child = spawnTracked(command, args, { stdio: 'ignore', ...options });
  const code = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (c) => resolve(c));
  });
  const ms = performance.now() - started;
  if (code !== 0) throw new Error(`${command} ${args.join(' ')} exited with ${code}`);
  return ms;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

export function round(value: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

/** A left-aligned first column, right-aligned figures. */
export function table(header: string[], rows: (string | number)[][]): string {
  const cells = [header, ...rows.map((r) => r.map(String))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length)));
  const line = (r: string[]) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return ['  ' + line(cells[0]!), '  ' + rule, ...cells.slice(1).map((r) => '  ' + line(r))].join('\n');
}

/** Drops and creates a benchmark's own database, so every run starts from nothing. */
export async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  const admin = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
  await ensureDatabaseExists(serverUrl, name);
}
