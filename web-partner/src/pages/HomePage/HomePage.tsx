import { useQuery } from '@apollo/client/react';
import { PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Container } from '@mantine/core';
import { Navigate } from 'react-router';
import { PartnerViewerDocument } from '../../gql/graphql';
import { urls } from '../../urls';

/** Landing: the viewer's first partner org, or the page to create one. */
export function HomePage() {
  const { data, error, refetch } = useQuery(PartnerViewerDocument);
  if (!data) {
    return (
      <Container size="sm" py="xl">
        {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />}
      </Container>
    );
  }
  const [first] = data.me?.partnerMemberships ?? [];
  return <Navigate to={first ? urls.partnerOrg(first.partnerOrg.id) : urls.partnerOrgNew()} replace />;
}
