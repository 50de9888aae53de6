import { useApolloClient, useSubscription } from '@apollo/client/react';
import { notifications } from '@mantine/notifications';
import { useNavigate } from 'react-router';
import { SessionRevokedDocument } from '../gql/graphql';

/**
 * Listens for the viewer's sessions being revoked elsewhere (another device, an admin, a password
 * change). When the current session is the one revoked, the user is sent to the login page with
 * an empty cache; other sessions' revocations are ignored here.
 */
export function useSessionRevokedLogout(currentSessionId: string | null | undefined): void {
  const client = useApolloClient();
  const navigate = useNavigate();

  useSubscription(SessionRevokedDocument, {
    skip: !currentSessionId,
    ignoreResults: true,
    onData: ({ data }) => {
      const event = data.data?.sessionRevoked;
      if (!event || event.sessionId !== currentSessionId) return;
      notifications.show({
        color: 'orange',
        title: 'You have been logged out',
        message: 'This session was ended from another device or by an administrator.',
      });
      void Promise.resolve(navigate('/login', { replace: true })).then(() => client.clearStore());
    },
  });
}
