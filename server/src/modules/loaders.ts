// Every module's per-request loaders, built fresh for each HTTP request and subscription operation.
import type { Db } from '../platform/db/client.js';
import { createIdentityLoaders } from './identity/identity.loaders.js';
import { createPartnerLoaders } from './partners/partners.loaders.js';

type Built<F> = { readonly [K in keyof F]: F[K] extends () => infer L ? L : never };

/** Each loader is built on first use and then kept for the rest of the request. */
export function lazily<F extends Record<string, () => unknown>>(factories: F): Built<F> {
  const loaders = {} as Record<string, unknown>;
  for (const [name, build] of Object.entries(factories)) {
    Object.defineProperty(loaders, name, {
      enumerable: true,
      configurable: true, // so the getter can replace itself with the built loader
      get() {
        const loader = build();
        Object.defineProperty(loaders, name, { value: loader, enumerable: true });
        return loader;
      },
    });
  }
  return loaders as Built<F>;
}

export function createLoaders(prisma: Db) {
  return lazily({ ...createIdentityLoaders(prisma), ...createPartnerLoaders(prisma) });
}

export type Loaders = ReturnType<typeof createLoaders>;
