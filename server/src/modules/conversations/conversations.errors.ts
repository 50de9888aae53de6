// The relay's refusals as GraphQL errors. The platform's error code says what kind of failure it is
// (so clients and the access tests treat it like any other); `reason` keeps the relay's own code for
// the message the UI shows (THREAD_CLOSED, PROVIDER_FIRST, …).
import { AppError, ErrorCode } from '../../platform/graphql/errors.js';
import { RelayRefusal } from '../relay/relay.errors.js';

const CODE_OF: Record<RelayRefusal['code'], ErrorCode> = {
  THREAD_NOT_FOUND: ErrorCode.NOT_FOUND,
  NOT_A_PARTY: ErrorCode.FORBIDDEN,
  THREAD_CLOSED: ErrorCode.BAD_USER_INPUT,
  THREAD_SUSPENDED: ErrorCode.BAD_USER_INPUT,
  PROVIDER_FIRST: ErrorCode.BAD_USER_INPUT,
  RATE_LIMITED: ErrorCode.RATE_LIMITED,
  ATTACHMENT_REFUSED: ErrorCode.BAD_USER_INPUT,
  TOO_LARGE: ErrorCode.BAD_USER_INPUT,
  INVALID_INPUT: ErrorCode.BAD_USER_INPUT,
};

export function refusalError(refusal: RelayRefusal): AppError {
  return new AppError(CODE_OF[refusal.code] ?? ErrorCode.BAD_USER_INPUT, refusal.message, { reason: refusal.code });
}

/** Runs a relay call; a RelayRefusal becomes its GraphQL error, anything else passes through. */
export async function relayCall<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (error instanceof RelayRefusal) throw refusalError(error);
    throw error;
  }
}

export type ConversationsRefusal =
  'NOT_ALLOWED' | 'THREAD_CLOSED' | 'NOT_SUSPENDED' | 'NOT_A_PROVIDER' | 'USER_DELETED' | 'NOT_A_RELAY_MESSAGE';

/**
 * A business rule refused the action: BAD_USER_INPUT with a stable `reason`, the same shape as the
 * requests module's refusals (requests.errors.ts), so the SPAs handle both alike.
 */
export function refused(reason: ConversationsRefusal, message: string): AppError {
  return new AppError(ErrorCode.BAD_USER_INPUT, message, { reason });
}
