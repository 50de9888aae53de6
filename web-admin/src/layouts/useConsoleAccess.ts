import { useQuery } from '@apollo/client/react';
import { AdminViewerDocument } from '../gql/graphql';
import { consoleAccess, type ConsoleAccess } from './access';

/** The viewer's access to this console, or `undefined` while it loads. */
export function useConsoleAccess(): { access: ConsoleAccess | undefined; error: unknown; refetch: () => void } {
  const { data, error, refetch } = useQuery(AdminViewerDocument);
  return { access: data ? consoleAccess(data.me) : undefined, error, refetch: () => void refetch() };
}
