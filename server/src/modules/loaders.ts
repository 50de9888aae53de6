// Every module's per-request loaders, built fresh for each HTTP request and subscription operation.
import type { Db } from '../platform/db/client.js';
import { createIdentityLoaders } from './identity/identity.loaders.js';
import { createPartnerLoaders } from './partners/partners.loaders.js';

export function createLoaders(prisma: Db) {
  return { ...createIdentityLoaders(prisma), ...createPartnerLoaders(prisma) };
}

export type Loaders = ReturnType<typeof createLoaders>;
