import { useQuery } from '@apollo/client/react';
import { EmptyPanel, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Button } from '@mantine/core';
import { Link, Navigate, useLocation } from 'react-router';
import { PartnerViewerDocument } from '../../gql/graphql';
import { urls } from '../../urls';

/**
 * `/payouts` (where the payout provider sends partners back after onboarding, without an org id):
 * forwards to the payouts page of the viewer's organization, keeping the query (`?onboarding=…`).
 * Onboarding is for owners, so an organization the viewer owns comes first.
 */
export function PayoutsRedirectPage() {
  const { search } = useLocation();
  const { data, error, refetch } = useQuery(PartnerViewerDocument);

  if (!data) return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  const memberships = data.me?.partnerMemberships ?? [];
  const target = memberships.find((m) => m.role === 'OWNER') ?? memberships[0];
  if (!target) {
    return (
      <EmptyPanel
        title="No partner organization yet"
        description="Payouts belong to a partner organization. Create one, or ask an owner to invite you."
        action={
          <Button component={Link} to={urls.partnerOrgNew()}>
            Create partner organization
          </Button>
        }
      />
    );
  }
  return <Navigate to={urls.partnerOrgPayouts(target.partnerOrg.id) + search} replace />;
}
