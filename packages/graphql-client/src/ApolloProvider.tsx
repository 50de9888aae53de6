import type { ApolloClient } from '@apollo/client';
import { ApolloProvider as BaseApolloProvider } from '@apollo/client/react';
import { useState, type ReactNode } from 'react';
import { createApolloClient, type CreateApolloClientOptions } from './createApolloClient';

export interface ApolloProviderProps {
  /** A ready client (tests, or an app that needs the client outside React). */
  client?: ApolloClient;
  /** Options for a client created once on first render when `client` is not given. */
  options?: CreateApolloClientOptions;
  children: ReactNode;
}

/** Provides a Hotlead Apollo Client to the tree, creating one from `options` if none is given. */
export function ApolloProvider({ client, options, children }: ApolloProviderProps) {
  const [ownClient] = useState(() => client ?? createApolloClient(options));
  return <BaseApolloProvider client={client ?? ownClient}>{children}</BaseApolloProvider>;
}
