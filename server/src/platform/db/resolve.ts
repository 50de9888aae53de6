// Where the database is: DATABASE_URL when configured, else the embedded server for this checkout.
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPurpose } from './embedded.js';

export const APP_DATABASE = 'hotlead';

export interface ResolvedDatabase {
  url: string;
  embedded: boolean;
  stop(): Promise<void>;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

export async function ensureDatabaseExists(serverUrl: string, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    const { rowCount } = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (!rowCount) await client.query(`CREATE DATABASE "${database.replace(/"/g, '""')}"`);
  } finally {
    await client.end();
  }
}

export async function resolveDatabase(
  configuredUrl: string | undefined,
  purpose: EmbeddedPurpose = 'app',
  log: (line: string) => void = () => {},
): Promise<ResolvedDatabase> {
  if (configuredUrl) return { url: configuredUrl, embedded: false, stop: async () => {} };
  const server = await startEmbeddedPostgres(purpose, log);
  await ensureDatabaseExists(server.serverUrl, APP_DATABASE);
  return { url: withDatabase(server.serverUrl, APP_DATABASE), embedded: true, stop: () => server.stop() };
}
