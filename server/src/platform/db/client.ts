// The Prisma client over a node-postgres pool (driver adapter, no native engine). The pool is ours,
// so raw SQL for hot paths and statement counting in tests share it with Prisma.
import pg from 'pg';
import { createPrismaClient, type PrismaClient } from '@hotlead/prisma';

export type Db = PrismaClient;

export interface Database {
  prisma: Db;
  pool: pg.Pool;
  /** Statements sent since the process started (tests diff it around an operation). */
  statementCount(): number;
  close(): Promise<void>;
}

export function connectDatabase(url: string, options: { max?: number; applicationName?: string } = {}): Database {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.max ?? 10,
    application_name: options.applicationName ?? 'hotlead',
    idleTimeoutMillis: 30_000,
  });
  pool.on('error', () => {
    // An idle client lost its connection; the pool replaces it. Queries in flight report their own error.
  });
  let statements = 0;
  pool.on('connect', (client) => {
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      statements += 1;
      return query(...args);
    };
  });
  const prisma = createPrismaClient(pool);
  return {
    prisma,
    pool,
    statementCount: () => statements,
    close: async () => {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}
