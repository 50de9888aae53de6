import { useApolloClient, useQuery } from '@apollo/client/react';
import { errorCode } from '@hotlead/graphql-client';
import { EmptyPanel, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, Stack, Text, Title } from '@mantine/core';
import { useEffect, useRef } from 'react';
import { Link, useParams } from 'react-router';
import { PartnerEarningsDocument, PayoutsPageDocument } from '../../gql/graphql';
import { urls } from '../../urls';
import { BalancesSection } from './BalancesSection';
import { EarningsSection } from './EarningsSection';
import { PayoutAccountCard } from './PayoutAccountCard';
import { PayoutsListSection } from './PayoutsListSection';
import { StatementsSection } from './StatementsSection';
import { useOnboardingReturn } from './useOnboardingReturn';

/** While a payout is on its way, look again this often (the provider transfer runs in the background). */
export const IN_TRANSIT_POLL_MS = 4_000;

/** A partner org's money: payout account, balances, payouts, the earnings breakdown and statements. */
export function PayoutsPage() {
  const { partnerOrgId = '' } = useParams();
  const client = useApolloClient();
  const onboardingResult = useOnboardingReturn(partnerOrgId);
  const { data, error, refetch, startPolling, stopPolling } = useQuery(PayoutsPageDocument, { variables: { id: partnerOrgId } });
  const inTransit = data?.partnerPayouts.filter((p) => p.status === 'RESERVED').length ?? 0;

  useEffect(() => {
    if (inTransit === 0) return;
    startPolling(IN_TRANSIT_POLL_MS);
    return () => stopPolling();
  }, [inTransit, startPolling, stopPolling]);

  // Once the last payout on its way has settled, its earnings read "Paid": show that too.
  const previousInTransit = useRef(inTransit);
  useEffect(() => {
    if (previousInTransit.current > 0 && inTransit === 0) void client.refetchQueries({ include: [PartnerEarningsDocument] });
    previousInTransit.current = inTransit;
  }, [inTransit, client]);

  if (!data) {
    if (error && errorCode(error) === 'NOT_FOUND') return <OrgNotFound />;
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const partnerOrg = data.partnerOrg;
  if (!partnerOrg) return <OrgNotFound />;

  return (
    <Stack gap="lg" maw={1100}>
      <div>
        <Title order={2}>Earnings & payouts</Title>
        <Text c="dimmed" size="sm">
          <Anchor component={Link} to={urls.partnerOrg(partnerOrg.id)}>
            {partnerOrg.name}
          </Anchor>{' '}
          · Commissions wait 14 days after each sale, then are paid to your payout account on schedule.
        </Text>
      </div>
      <PayoutAccountCard partnerOrg={partnerOrg} onboardingResult={onboardingResult} />
      <BalancesSection partnerOrg={partnerOrg} />
      <PayoutsListSection payouts={data.partnerPayouts} />
      <EarningsSection partnerOrgId={partnerOrg.id} />
      <StatementsSection partnerOrgId={partnerOrg.id} />
    </Stack>
  );
}

function OrgNotFound() {
  return <EmptyPanel title="Organization not found" description="It may have been removed, or you are no longer a member." />;
}
