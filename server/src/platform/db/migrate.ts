// Applies the committed migrations in prisma/migrations.
//
// Prisma's JavaScript schema engine authors migrations (`pnpm db:new`), but its `migrate deploy`
// leaves a 10-second timer behind on every run, which would dominate start-up. So deployment is done
// here: each pending migration.sql runs in its own transaction and is recorded in Prisma's own
// `_prisma_migrations` table with Prisma's checksum (SHA-256 of the file), so `prisma migrate status`
// and `migrate dev` keep agreeing with what was applied. An advisory lock serialises concurrent
// deployers (several API instances starting together).
import { spawn } from 'node:child_process';
import { createHash, randomUUID } from 'node:crypto';
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { repoRoot } from '../paths.js';

const prismaDir = path.join(repoRoot, 'prisma');
const migrationsDir = path.join(prismaDir, 'migrations');
const MIGRATION_LOCK = 72_616_001;

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export function migrationFiles(): MigrationFile[] {
  return readdirSync(migrationsDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(path.join(migrationsDir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(migrationsDir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}

/** Applies pending migrations; returns the names applied. Refuses to run over a failed or edited one. */
export async function migrateDeploy(databaseUrl: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL,
      "checksum" VARCHAR(64) NOT NULL,
      "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL,
      "logs" TEXT,
      "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
      "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const { rows } = await client.query<{ migration_name: string; checksum: string; finished_at: Date | null }>(
      `SELECT migration_name, checksum, finished_at FROM "_prisma_migrations" WHERE rolled_back_at IS NULL`,
    );
    const applied = new Map(rows.map((r) => [r.migration_name, r]));
    const done: string[] = [];
    for (const file of migrationFiles()) {
      const previous = applied.get(file.name);
      if (previous) {
        if (!previous.finished_at) throw new Error(`migration ${file.name} failed earlier; resolve it before deploying`);
        if (previous.checksum !== file.checksum) throw new Error(`migration ${file.name} was edited after it was applied`);
        continue;
      }
      await client.query('BEGIN');
      try {
        await client.query(file.sql);
        await client.query(
          `INSERT INTO "_prisma_migrations" (id, checksum, finished_at, migration_name, applied_steps_count)
           VALUES ($1, $2, now(), $3, 1)`,
          [randomUUID(), file.checksum, file.name],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`migration ${file.name} failed: ${(error as Error).message}`);
      }
      done.push(file.name);
    }
    return done;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    await client.end();
  }
}

/** Runs the Prisma CLI (authoring only) with the engine-download check satisfied. */
export function runPrisma(args: string[], databaseUrl: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.join(prismaDir, 'node_modules/.bin/prisma'), args, {
      cwd: prismaDir,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        PRISMA_HIDE_UPDATE_MESSAGE: '1',
        CHECKPOINT_DISABLE: '1',
        PRISMA_SCHEMA_ENGINE_BINARY: path.join(prismaDir, 'generate.mjs'),
        PRISMA_QUERY_ENGINE_LIBRARY: path.join(prismaDir, 'generate.mjs'),
      },
      stdio: 'inherit',
    });
    child.on('error', reject);
    child.on('close', (code) => (code === 0 ? resolve() : reject(new Error(`prisma ${args.join(' ')} exited with ${code}`))));
  });
}
