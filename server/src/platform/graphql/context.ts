// The per-request (or per-subscription-operation) context: who asks, fresh dataloaders, and the
// services. Loaders are never shared between requests, so one request cannot see another's cache.
import { randomUUID } from 'node:crypto';
import type { Principal } from '../auth/principal.js';
import { createLoaders, type Loaders } from '../../modules/loaders.js';
import type { ViewerRow } from '../../modules/identity/session.service.js';
import type { Logger } from '../observability/logger.js';
import type { Platform } from '../platform.js';
import type { Services } from '../../modules/services.js';

/** Lets a resolver set or clear the session cookie; a no-op over WebSocket. */
export interface SessionCookie {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface RequestInfo {
  ip: string | null;
  userAgent: string | null;
}

export interface Context {
  requestId: string;
  principal: Principal;
  platform: Platform;
  services: Services;
  loaders: Loaders;
  log: Logger;
  request: RequestInfo;
  sessionCookie: SessionCookie;
}

/** A context with fresh loaders; the one way HTTP requests, subscriptions and tests build one. */
export function createContext(
  platform: Platform,
  services: Services,
  principal: Principal,
  options: { requestId?: string; request?: RequestInfo; sessionCookie?: SessionCookie; viewer?: ViewerRow | null } = {},
): Context {
  const requestId = options.requestId ?? randomUUID();
  const loaders = createLoaders(platform.prisma);
  if (options.viewer) loaders.userProfileById.prime(options.viewer.id, options.viewer);
  let log: Context['log'] | undefined;
  return {
    requestId,
    principal,
    platform,
    services,
    loaders,
    // Built when something logs: most requests never do.
    get log() {
      return (log ??= platform.log.child({ requestId }));
    },
    request: options.request ?? { ip: null, userAgent: null },
    sessionCookie: options.sessionCookie ?? { set() {}, clear() {} },
  };
}
