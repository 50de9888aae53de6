import { useQuery } from '@apollo/client/react';
import { Container } from '@mantine/core';
import type { ReactNode } from 'react';
import { Navigate, Outlet, useLocation } from 'react-router';
import { PageSkeleton } from '../feedback/Skeletons';
import { QueryErrorAlert } from '../feedback/QueryErrorAlert';
import { MeDocument } from '../gql/graphql';
import { loginPathFor } from './next';
import { useSessionRevokedLogout } from './useSessionRevokedLogout';
import { ViewerContext, type Viewer } from './ViewerContext';

/**
 * Runs `me`; signed-out visitors go to `/login?next=<here>`. Below it, `useViewer()` gives the
 * signed-in user and the session is watched for revocation.
 */
export function RequireAuth({ children }: { children?: ReactNode }) {
  const location = useLocation();
  const { data, error, refetch } = useQuery(MeDocument);

  if (!data) {
    return (
      <Container size="sm" py="xl">
        {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />}
      </Container>
    );
  }
  if (!data.me) {
    return <Navigate to={loginPathFor(location.pathname + location.search)} replace />;
  }
  return <SignedIn viewer={data.me}>{children ?? <Outlet />}</SignedIn>;
}

function SignedIn({ viewer, children }: { viewer: Viewer; children: ReactNode }) {
  useSessionRevokedLogout(viewer.currentSession?.id);
  return <ViewerContext.Provider value={viewer}>{children}</ViewerContext.Provider>;
}
