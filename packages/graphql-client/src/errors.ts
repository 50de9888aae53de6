import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import type { GraphQLFormattedError } from 'graphql';

/** The `extensions.code` values the Hotlead API puts on top-level GraphQL errors. */
export const API_ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'RATE_LIMITED', 'BAD_USER_INPUT', 'INTERNAL'] as const;

export type ApiErrorCode = (typeof API_ERROR_CODES)[number];

const FRIENDLY_MESSAGES: Record<ApiErrorCode, string> = {
  UNAUTHENTICATED: 'Your session has ended. Please log in again.',
  FORBIDDEN: "You don't have permission to do that.",
  NOT_FOUND: "We couldn't find what you were looking for.",
  RATE_LIMITED: 'Too many requests. Please wait a moment and try again.',
  BAD_USER_INPUT: 'Some of the information sent was not valid. Please check it and try again.',
  INTERNAL: 'Something went wrong on our side. Please try again.',
};

export const NETWORK_ERROR_MESSAGE = "We can't reach the server. Check your connection and try again.";
export const UNKNOWN_ERROR_MESSAGE = 'Something went wrong. Please try again.';

export function isApiErrorCode(value: unknown): value is ApiErrorCode {
  return typeof value === 'string' && (API_ERROR_CODES as readonly string[]).includes(value);
}

/** The friendly, user-facing message for an API error code. */
export function friendlyMessageForCode(code: ApiErrorCode): string {
  return FRIENDLY_MESSAGES[code];
}

/** The `extensions.code` of one formatted GraphQL error, if it is one of ours. */
export function graphQLErrorCode(error: GraphQLFormattedError): ApiErrorCode | undefined {
  const code = error.extensions?.['code'];
  return isApiErrorCode(code) ? code : undefined;
}

/** The first API error code carried by an Apollo error (GraphQL or HTTP), if any. */
export function errorCode(error: unknown): ApiErrorCode | undefined {
  if (CombinedGraphQLErrors.is(error)) {
    for (const e of error.errors) {
      const code = graphQLErrorCode(e);
      if (code) return code;
    }
    return undefined;
  }
  if (ServerError.is(error)) {
    if (error.statusCode === 401) return 'UNAUTHENTICATED';
    if (error.statusCode === 403) return 'FORBIDDEN';
    if (error.statusCode === 429) return 'RATE_LIMITED';
    if (error.statusCode >= 500) return 'INTERNAL';
  }
  return undefined;
}

/** A message fit to show a user for any error an Apollo operation may produce. */
export function errorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    // The error link has already replaced coded messages by friendly ones.
    return error.errors[0]?.message ?? UNKNOWN_ERROR_MESSAGE;
  }
  const code = errorCode(error);
  if (code) return friendlyMessageForCode(code);
  // fetch rejects with a TypeError when the server cannot be reached at all.
  if (error instanceof TypeError) return NETWORK_ERROR_MESSAGE;
  return UNKNOWN_ERROR_MESSAGE;
}

/**
 * Replaces the message of a coded GraphQL error by its friendly text, keeping the server's text in
 * `extensions.serverMessage` for logs and support.
 */
export function withFriendlyMessage(error: GraphQLFormattedError): GraphQLFormattedError {
  const code = graphQLErrorCode(error);
  if (!code) return error;
  return {
    ...error,
    message: friendlyMessageForCode(code),
    extensions: { ...error.extensions, serverMessage: error.message },
  };
}
