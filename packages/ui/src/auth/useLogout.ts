import { useApolloClient, useMutation } from '@apollo/client/react';
import { errorCode } from '@hotlead/graphql-client';
import { useCallback } from 'react';
import { useNavigate } from 'react-router';
import { notifyError } from '../feedback/notify';
import { SessionLogoutDocument } from '../gql/graphql';

/** Ends the session on the server, then leaves for the login page with an empty cache. */
export function useLogout(): { logout: () => Promise<void>; loggingOut: boolean } {
  const client = useApolloClient();
  const navigate = useNavigate();
  const [sessionLogout, { loading }] = useMutation(SessionLogoutDocument);

  const logout = useCallback(async () => {
    try {
      await sessionLogout();
    } catch (error) {
      // A session that already ended is as good as logged out.
      if (errorCode(error) !== 'UNAUTHENTICATED') {
        notifyError(error, 'Could not log out');
        return;
      }
    }
    await navigate('/login', { replace: true });
    await client.clearStore();
  }, [client, navigate, sessionLogout]);

  return { logout, loggingOut: loading };
}
