// Once per test run: a PostgreSQL server (embedded, or the one DATABASE_URL names) and a template
// database that is migrated, has the reference data and pg-boss's schema. Each test file then clones
// its own database from the template in milliseconds (see test/db.ts), so files never share state.
import { createHash, randomBytes } from 'node:crypto';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres } from '../src/platform/db/embedded.js';
import { migrateDeploy, migrationFiles } from '../src/platform/db/migrate.js';
import { withDatabase } from '../src/platform/db/resolve.js';
import { connectDatabase } from '../src/platform/db/client.js';
import { JobQueue } from '../src/platform/jobs/queue.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { seedIndustries } from '../src/seed/run.js';

declare module 'vitest' {
  export interface ProvidedContext {
    dbServerUrl: string;
    templateDatabase: string;
  }
}

export const TEST_DB_PREFIX = 'hotlead_test_';

async function admin<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

export default async function setup(project: TestProject) {
  const embedded = process.env.DATABASE_URL ? null : await startEmbeddedPostgres('test');
  const serverUrl = embedded?.serverUrl ?? process.env.DATABASE_URL!;

  const fingerprint = createHash('sha256');
  for (const m of migrationFiles()) fingerprint.update(m.name).update(m.checksum);
  const template = `hotlead_template_${fingerprint.digest('hex').slice(0, 12)}`;

  await admin(serverUrl, async (client) => {
    // Leftovers of an interrupted run.
    const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
      `${TEST_DB_PREFIX}%`,
    ]);
    for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    const exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template])).rowCount;
    if (exists) return;
    // Build under a temporary name and rename at the end, so a half-built template is never used.
    const building = `hotlead_building_${randomBytes(4).toString('hex')}`;
    await client.query(`CREATE DATABASE "${building}"`);
    const url = withDatabase(serverUrl, building);
    await migrateDeploy(url);
    const db = connectDatabase(url, { max: 2 });
    await seedIndustries(db.prisma);
    await db.close();
    const jobs = JobQueue.create(url, createLogger('silent'));
    await jobs.start();
    await jobs.stop();
    await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
  });

  project.provide('dbServerUrl', serverUrl);
  project.provide('templateDatabase', template);

  return async () => {
    await admin(serverUrl, async (client) => {
      const { rows } = await client.query<{ datname: string }>(`SELECT datname FROM pg_database WHERE datname LIKE $1`, [
        `${TEST_DB_PREFIX}%`,
      ]);
      for (const r of rows) await client.query(`DROP DATABASE IF EXISTS "${r.datname}" WITH (FORCE)`);
    });
    await embedded?.stop();
  };
}
