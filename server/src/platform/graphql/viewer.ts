import type { UserPrincipal } from '../auth/principal.js';
import type { Context } from './context.js';
import { unauthenticated } from './errors.js';

/** The signed-in person; for operations whose @Allow rule already demands USER. */
export function viewer(ctx: Context): UserPrincipal {
  if (ctx.principal.kind !== 'user') throw unauthenticated();
  return ctx.principal;
}
