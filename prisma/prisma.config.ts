// Prisma CLI configuration. Prisma's native engines cannot be downloaded here, so migrations run on
// Prisma 6.19's JavaScript schema engine through the pg driver adapter. Three defects of that path
// are worked around below, plus a fourth: the adapter's executeScript splits a migration on every ";",
// which breaks function bodies (see docs/decisions.md, "Prisma without native engines").
import path from 'node:path';
import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { defineConfig } from 'prisma/config';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';

const here = path.dirname(new URL(import.meta.url).pathname);

function poolConfigFromUrl(url: string, database?: string): pg.PoolConfig {
  // Build from parts, never `connectionString`: pg lets a connection string override `database`,
  // which sent the shadow database's queries to the main database (defect 2).
  const u = new URL(url);
  return {
    host: decodeURIComponent(u.hostname) || 'localhost',
    port: Number(u.port || 5432),
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database: database ?? decodeURIComponent(u.pathname.slice(1)),
    max: 2,
    // The engine does not always end its pools; let the CLI exit instead of waiting out idle clients.
    allowExitOnIdle: true,
  };
}

/** A pool whose results report the catalog types "char" (18) and name (19) as text (defect 1). */
function catalogSafePool(config: pg.PoolConfig): pg.Pool {
  const retype = (result: pg.QueryResult | undefined): void => {
    for (const field of result?.fields ?? []) {
      if (field.dataTypeID === 18 || field.dataTypeID === 19) field.dataTypeID = 25;
    }
  };
  const pool = new pg.Pool(config);
  // Every query, through pool.query (callback form) or a checked-out client (promise form), runs on a
  // pooled client, so patching each client as it connects covers both.
  pool.on('connect', (client) => {
    type AnyQuery = (...args: unknown[]) => unknown;
    const original = client.query.bind(client) as AnyQuery;
    (client as unknown as { query: AnyQuery }).query = (...args: unknown[]) => {
      const last = args[args.length - 1];
      if (typeof last === 'function') {
        const callback = last as (err: Error | null, result?: pg.QueryResult) => void;
        return original(...args.slice(0, -1), (err: Error | null, result?: pg.QueryResult) => {
          retype(result);
          callback(err, result);
        });
      }
      const result = original(...args);
      if (result && typeof (result as Promise<unknown>).then === 'function') {
        return (result as Promise<pg.QueryResult>).then((r) => {
          retype(r);
          return r;
        });
      }
      return result;
    };
  });
  return pool;
}

/**
 * Sends a whole migration script as one simple-protocol query instead of the adapter's split on ";"
 * (defect 4): `$$` function bodies survive, and PostgreSQL runs the script as one implicit transaction.
 */
async function connectWholeScript(factory: PrismaPg, pool: pg.Pool) {
  const adapter = await factory.connect();
  const reportError = (adapter as unknown as { onError(error: unknown): never }).onError.bind(adapter);
  adapter.executeScript = async (script: string) => {
    try {
      await pool.query(script);
    } catch (error) {
      reportError(error);
    }
  };
  return adapter;
}

/** A fresh pool per connect(): the engine connects more than once and ends a pool after use (defect 3). */
function migrationAdapter(url: string): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: 'postgres',
    adapterName: '@prisma/adapter-pg',
    connect: () => {
      const pool = catalogSafePool(poolConfigFromUrl(url));
      return connectWholeScript(new PrismaPg(pool, { disposeExternalPool: true }), pool);
    },
    connectToShadowDb: async () => {
      const name = `prisma_shadow_${Date.now()}_${Math.floor(Math.random() * 1e6)}`;
      const admin = new pg.Client(poolConfigFromUrl(url));
      await admin.connect();
      await admin.query(`CREATE DATABASE "${name}"`);
      await admin.end();
      const pool = catalogSafePool(poolConfigFromUrl(url, name));
      const adapter = await connectWholeScript(new PrismaPg(pool, { disposeExternalPool: false }), pool);
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await pool.end();
        const cleanup = new pg.Client(poolConfigFromUrl(url));
        await cleanup.connect();
        await cleanup.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await cleanup.end();
      };
      return adapter;
    },
  };
}

export default defineConfig({
  schema: path.join(here, 'schema.prisma'),
  migrations: { path: path.join(here, 'migrations') },
  experimental: { adapter: true },
  engine: 'js',
  adapter: async () => {
    const url = process.env.DATABASE_URL;
    if (!url) throw new Error('DATABASE_URL is not set: run database commands through `pnpm db:*`.');
    return migrationAdapter(url);
  },
});
