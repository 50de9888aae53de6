import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { errorCode, errorMessage } from '@hotlead/graphql-client';
import type { UserErrorLike } from '@hotlead/ui';

// The request and relay mutations of issue 6 have no `userErrors` in their payloads: a refused input
// comes back as a top-level GraphQL error whose `extensions.field` names the input field (as
// `["input", "email"]`, `"input.email"` or `"email"`). The error link has swapped coded messages for
// generic ones by then and kept the server's text in `extensions.serverMessage`.

/** Codes whose server text is written for the person (the rest keep the generic friendly text). */
const SPEAKING_CODES = new Set(['BAD_USER_INPUT', 'INVALID_INPUT', 'RATE_LIMITED', 'NOT_FOUND', 'FORBIDDEN']);

function fieldPath(value: unknown): string[] | null {
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) return value as string[];
  if (typeof value === 'string' && value !== '') return value.split('.');
  return null;
}

/** The message to show for an API error: the server's own words when they are meant for people. */
export function apiErrorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const code = first?.extensions?.['code'];
    const serverMessage = first?.extensions?.['serverMessage'];
    if (typeof code === 'string' && SPEAKING_CODES.has(code)) {
      if (typeof serverMessage === 'string' && serverMessage !== '') return serverMessage;
      if (first?.message) return first.message;
    }
  }
  return errorMessage(error);
}

/**
 * The errors of a failed mutation as user errors (`field` from `extensions.field`), ready for
 * `applyUserErrors`; an empty list when the failure is not about the input (network, server fault).
 */
export function inputErrorsOf(error: unknown): UserErrorLike[] {
  if (!CombinedGraphQLErrors.is(error)) return [];
  return error.errors
    .filter((e) => {
      const code = e.extensions?.['code'];
      return code === 'BAD_USER_INPUT' || code === 'INVALID_INPUT';
    })
    .map((e) => {
      const serverMessage = e.extensions?.['serverMessage'];
      return {
        field: fieldPath(e.extensions?.['field']),
        message: typeof serverMessage === 'string' && serverMessage !== '' ? serverMessage : e.message,
      };
    });
}

export function isRateLimited(error: unknown): boolean {
  return errorCode(error) === 'RATE_LIMITED';
}

/** "Please try again in 12 minutes." from `extensions.retryAfterSeconds`, or a plain "later". */
export function retryAfterText(error: unknown): string {
  const retryAfter = CombinedGraphQLErrors.is(error) ? error.errors[0]?.extensions?.['retryAfterSeconds'] : undefined;
  if (typeof retryAfter !== 'number') return 'Please try again later.';
  const minutes = Math.max(1, Math.ceil(retryAfter / 60));
  return `Please try again in ${minutes} ${minutes === 1 ? 'minute' : 'minutes'}.`;
}
