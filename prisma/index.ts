// The generated Prisma client (prisma generate → ./generated, not committed), its types, and the one
// way the platform builds a client: over a node-postgres pool through the driver adapter.
import { PrismaPg } from '@prisma/adapter-pg';
import type pg from 'pg';
import { PrismaClient } from './generated/client.ts';

export * from './generated/client.ts';

export function createPrismaClient(pool: pg.Pool): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(pool) });
}
