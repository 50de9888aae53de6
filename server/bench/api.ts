// Benchmark 1: the authenticated `me` query on the real API (in this process, no job worker) against a
// bare Apollo Server (also in this process, started after the API has stopped), same load settings.
import pg from 'pg';
import { startApi } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateDeploy } from '../src/platform/db/migrate.js';
import { ensureDatabaseExists, resolveDatabase, withDatabase } from '../src/platform/db/resolve.js';
import { embeddedUrl, embeddedPort } from '../src/platform/db/embedded.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { startBareApollo } from './bare-apollo.js';
import { measure, type LoadFigures } from './load.js';
import { round } from './util.js';

/** A database of its own on the bench server, so the demo database `pnpm start` seeds stays untouched. */
export const BENCH_API_DATABASE = 'hotlead_bench_api';
const ME_QUERY = JSON.stringify({ query: '{ me { id email name } }' });
const HELLO_QUERY = JSON.stringify({ query: '{ hello }' });

export interface ApiBenchResult {
  me: LoadFigures;
  bare: LoadFigures;
  ratio: number;
  database: string;
}

async function recreateDatabase(serverUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
  await ensureDatabaseExists(serverUrl, name);
}

async function post(url: string, body: string, headers: Record<string, string>): Promise<{ status: number; text: string }> {
  const res = await fetch(url, { method: 'POST', headers, body });
  return { status: res.status, text: await res.text() };
}

export async function benchApi(log: (line: string) => void): Promise<ApiBenchResult> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', SERVE_WEB: 'false', NODE_ENV: 'production' });
  // The bench's embedded PostgreSQL (EMBEDDED_POSTGRES=bench): its own data folder and port.
  const database = await resolveDatabase(config.DATABASE_URL, 'bench');
  try {
    const serverUrl = config.DATABASE_URL ?? embeddedUrl(embeddedPort('bench'));
    await recreateDatabase(serverUrl, BENCH_API_DATABASE);
    const url = withDatabase(serverUrl, BENCH_API_DATABASE);
    await migrateDeploy(url);

    const api = await startApi(config, url, createLogger('silent'), { runWorkers: false });
    let me: LoadFigures;
    try {
      const email = 'bench@hotlead.test';
      const signup = await api.services.auth.signup(
        { email, password: 'bench-password-2026', name: 'Bench User' },
        { ip: '127.0.0.1', userAgent: 'hotlead-bench' },
      );
      if (!signup.ok) throw new Error(`signup failed: ${JSON.stringify(signup.errors)}`);
      const token = signup.value.session.token;
      const graphqlUrl = `${api.http.url}/graphql`;
      const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

      // Correctness first: the exact body every measured response must equal.
      const check = await post(graphqlUrl, ME_QUERY, headers);
      const parsed = JSON.parse(check.text) as { data?: { me?: { email?: string } | null }; errors?: unknown[] };
      if (check.status !== 200 || parsed.errors || parsed.data?.me?.email !== email) {
        throw new Error(`me is not answering correctly (${check.status}): ${check.text}`);
      }
      log(`me answers correctly: ${check.text}`);
      log(`measuring me on the API (${graphqlUrl}) …`);
      me = await measure({ url: graphqlUrl, headers, body: ME_QUERY, expectBody: check.text });
    } finally {
      await api.stop();
    }

    const bareServer = await startBareApollo();
    let bare: LoadFigures;
    try {
      const graphqlUrl = `${bareServer.url}/graphql`;
      const headers = { 'content-type': 'application/json' };
      const check = await post(graphqlUrl, HELLO_QUERY, headers);
      if (check.status !== 200 || check.text.trim() !== '{"data":{"hello":"world"}}') {
        throw new Error(`bare Apollo is not answering correctly (${check.status}): ${check.text}`);
      }
      log(`measuring the bare Apollo server (${graphqlUrl}) …`);
      bare = await measure({ url: graphqlUrl, headers, body: HELLO_QUERY, expectBody: check.text });
    } finally {
      await bareServer.stop();
    }
    return {
      me,
      bare,
      ratio: round(me.requestsPerSecond / bare.requestsPerSecond, 3),
      database: database.embedded ? 'embedded PostgreSQL (bench)' : 'DATABASE_URL',
    };
  } finally {
    await database.stop();
  }
}
