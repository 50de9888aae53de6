// The per-request (or per-subscription-operation) context: who asks, fresh dataloaders, and the
// services. Loaders are never shared between requests, so one request cannot see another's cache.
import type { Principal } from '../auth/principal.js';
import type { Logger } from '../observability/logger.js';
import type { Platform } from '../platform.js';
import type { Services } from '../../modules/services.js';
import type { Loaders } from '../../modules/loaders.js';

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
