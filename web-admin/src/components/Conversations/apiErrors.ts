import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { errorMessage, graphQLErrorCode } from '@hotlead/graphql-client';
import type { UserErrorLike } from '@hotlead/ui';

function fieldPath(value: unknown): string[] | null {
  if (typeof value === 'string' && value) return value.split('.');
  if (Array.isArray(value) && value.every((part) => typeof part === 'string')) return value as string[];
  return null;
}

/**
 * The problems of a refused mutation as user errors: this API's mutations return their object, so a
 * refused input is a top-level BAD_USER_INPUT error with the server's words in
 * `extensions.serverMessage` (the friendly text replaced it) and the input field in
 * `extensions.field` (`["input", "capPerDay"]` or `"input.capPerDay"`). Other failures become
 * one general message.
 */
export function inputErrorsOf(error: unknown): UserErrorLike[] {
  if (CombinedGraphQLErrors.is(error)) {
    const input = error.errors.filter((e) => graphQLErrorCode(e) === 'BAD_USER_INPUT');
    if (input.length > 0) {
      return input.map((e) => {
        const serverMessage = e.extensions?.['serverMessage'];
        return {
          field: fieldPath(e.extensions?.['field']),
          message: typeof serverMessage === 'string' ? serverMessage : e.message,
        };
      });
    }
  }
  return [{ field: null, message: errorMessage(error) }];
}

/** The server's own words for a refused action (BAD_USER_INPUT), else the friendly message. */
export function actionErrorMessage(error: unknown): string {
  return inputErrorsOf(error)
    .map((e) => e.message)
    .join(' ');
}
