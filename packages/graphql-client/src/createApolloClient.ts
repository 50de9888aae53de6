import { ApolloClient, ApolloLink, HttpLink, InMemoryCache } from '@apollo/client';
import type { TypePolicies } from '@apollo/client/cache';
import { CombinedGraphQLErrors, ServerError } from '@apollo/client/errors';
import { ErrorLink } from '@apollo/client/link/error';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import { OperationTypeNode } from 'graphql';
import { Observable, of } from 'rxjs';
import { graphQLErrorCode, withFriendlyMessage } from './errors';

export interface CreateApolloClientOptions {
  /** HTTP endpoint; relative URLs resolve against the page. Default `/graphql`. */
  httpUrl?: string;
  /**
   * graphql-ws endpoint. Default: the HTTP endpoint with `ws:`/`wss:` (the API serves both on the
   * same path). `null` turns the subscription transport off: subscriptions then stay idle, which is
   * what component tests want unless they mock the socket themselves.
   */
  wsUrl?: string | null;
  /** Called once per operation that fails with UNAUTHENTICATED (e.g. the session expired). */
  onUnauthenticated?: () => void;
  /** Extra cache type policies (e.g. relay pagination for a console's connections). */
  typePolicies?: TypePolicies;
}

/** Absolute HTTP URL for `httpUrl`, resolved against the current page when relative. */
export function resolveHttpUrl(httpUrl: string): string {
  const base = typeof window === 'undefined' ? 'http://localhost/' : window.location.href;
  return new URL(httpUrl, base).toString();
}

/** The graphql-ws URL served on the same path as the HTTP endpoint. */
export function deriveWsUrl(httpUrl: string): string {
  const url = new URL(resolveHttpUrl(httpUrl));
  url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
  return url.toString();
}

function createErrorLink(onUnauthenticated: (() => void) | undefined): ApolloLink {
  return new ErrorLink(({ error, result }) => {
    const unauthenticated =
      (CombinedGraphQLErrors.is(error) && error.errors.some((e) => graphQLErrorCode(e) === 'UNAUTHENTICATED')) ||
      (ServerError.is(error) && error.statusCode === 401);
    if (unauthenticated) onUnauthenticated?.();

    // Swap coded server messages for friendly ones before they reach components.
    if (result?.errors && CombinedGraphQLErrors.is(error)) {
      return of({ ...result, errors: result.errors.map(withFriendlyMessage) });
    }
    return undefined;
  });
}

/** An idle transport: subscriptions never emit and never fail. */
const idleSubscriptionLink = new ApolloLink(() => new Observable<ApolloLink.Result>(() => undefined));

/**
 * Apollo Client for a Hotlead SPA: cookie-authenticated HTTP for queries and mutations, graphql-ws
 * for subscriptions, friendly error messages, one InMemoryCache.
 */
export function createApolloClient(options: CreateApolloClientOptions = {}): ApolloClient {
  const httpUrl = resolveHttpUrl(options.httpUrl ?? '/graphql');
  const wsUrl = options.wsUrl === undefined ? deriveWsUrl(httpUrl) : options.wsUrl;

  const httpLink = new HttpLink({
    uri: httpUrl,
    credentials: 'include',
    // The API runs Apollo's CSRF prevention; this header makes every request a preflighted one.
    headers: { 'apollo-require-preflight': 'true' },
  });

  const subscriptionLink =
    wsUrl === null
      ? idleSubscriptionLink
      : new GraphQLWsLink(
          createClient({
            url: wsUrl,
            lazy: true,
            // The session cookie travels with the upgrade request; no connection params needed.
            retryAttempts: 5,
          }),
        );

  const transport = ApolloLink.split((operation) => operation.operationType === OperationTypeNode.SUBSCRIPTION, subscriptionLink, httpLink);

  return new ApolloClient({
    link: ApolloLink.from([createErrorLink(options.onUnauthenticated), transport]),
    // Apollo's default cache-first. Not cache-and-network: react-router renders navigations in a
    // transition, and a page whose variables come from the URL would then refetch its old and new
    // variables in turn, forever, while the transition never commits.
    cache: new InMemoryCache({ typePolicies: options.typePolicies ?? {} }),
  });
}
