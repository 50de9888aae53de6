import { useQuery } from '@apollo/client/react';
import { EmptyPanel, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Button } from '@mantine/core';
import { Link, Navigate, useLocation } from 'react-router';
import { BuyerViewerDocument } from '../../gql/graphql';
import { buyerMemberships } from '../../layouts/buyerMemberships';
import { urls } from '../../urls';

/**
 * Where the payment provider sends the buyer back (`/credits?purchase=…&result=…`, outside any
 * workspace): on to the credits page of the workspace named in the URL (the one that bought), else
 * the first buyer workspace, keeping the parameters (that page shows the purchase's outcome).
 */
export function CreditsReturnPage() {
  const { search } = useLocation();
  const { data, error, refetch } = useQuery(BuyerViewerDocument);

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const memberships = buyerMemberships(data.me);
  const named = new URLSearchParams(search).get('workspace');
  const target = memberships.find((m) => m.workspace.id === named) ?? memberships[0];
  if (!target) {
    return (
      <EmptyPanel
        title="No buyer workspace"
        description="Credits belong to a buyer workspace, and you are not a member of one."
        action={
          <Button component={Link} to={urls.workspaceNew()}>
            Create workspace
          </Button>
        }
      />
    );
  }
  return <Navigate to={urls.workspaceCredits(target.workspace.id, search)} replace />;
}
