import { useQuery } from '@apollo/client/react';
import { PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Container } from '@mantine/core';
import { Navigate } from 'react-router';
import { BuyerViewerDocument } from '../../gql/graphql';
import { buyerMemberships } from '../../layouts/buyerMemberships';
import { urls } from '../../urls';

/**
 * Where a signed-in user lands: their first buyer workspace; an end user without one goes to
 * "My requests"; anyone else is asked to create a workspace.
 */
export function HomePage() {
  const { data, error, refetch } = useQuery(BuyerViewerDocument);

  if (!data) {
    return (
      <Container size="sm" py="xl">
        {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />}
      </Container>
    );
  }

  const [first] = buyerMemberships(data.me);
  if (first) return <Navigate to={urls.workspace(first.workspace.id)} replace />;
  if (data.me?.isEndUser) return <Navigate to={urls.endUserHome()} replace />;
  return <Navigate to={urls.workspaceNew()} replace />;
}
