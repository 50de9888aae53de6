import type { ApolloClient } from '@apollo/client';
import { ApolloProvider } from '@hotlead/graphql-client';
import { MantineProvider } from '@mantine/core';
import { Notifications } from '@mantine/notifications';
import type { ReactNode } from 'react';
import { theme } from './theme';

export interface AppProvidersProps {
  client: ApolloClient;
  /** `'test'` turns off Mantine transitions and portals (component tests). */
  env?: 'default' | 'test';
  children: ReactNode;
}

/** Theme, notifications and the Apollo client: everything a console needs above its router. */
export function AppProviders({ client, env = 'default', children }: AppProvidersProps) {
  return (
    <MantineProvider theme={theme} defaultColorScheme="light" env={env}>
      <Notifications position="top-right" />
      <ApolloProvider client={client}>{children}</ApolloProvider>
    </MantineProvider>
  );
}
