// A fresh database for one test file, cloned from the migrated template.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { withDatabase } from '../src/platform/db/resolve.js';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

async function onServer(fn: (client: pg.Client) => Promise<void>): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(inject('dbServerUrl'), 'postgres') });
  await client.connect();
  try {
    await fn(client);
  } finally {
    await client.end();
  }
}

export async function createTestDatabase(): Promise<TestDatabase> {
  const name = `hotlead_test_${randomBytes(6).toString('hex')}`;
  await onServer((c) => c.query(`CREATE DATABASE "${name}" TEMPLATE "${inject('templateDatabase')}"`).then(() => undefined));
  return {
    name,
    url: withDatabase(inject('dbServerUrl'), name),
    drop: () => onServer((c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`).then(() => undefined)),
  };
}
