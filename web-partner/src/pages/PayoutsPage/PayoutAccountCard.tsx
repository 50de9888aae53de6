import { useMutation } from '@apollo/client/react';
import { FormErrorAlert, notifyError, reportOutcome } from '@hotlead/ui';
import { Alert, Badge, Button, Group, Loader, Paper, Stack, Text, Title } from '@mantine/core';
import { IconBuildingBank, IconCircleCheck, IconRefresh } from '@tabler/icons-react';
import { useState } from 'react';
import { PayoutAccountOnboardDocument, PayoutAccountRefreshDocument, PayoutsPageDocument, type PayoutsPageQuery } from '../../gql/graphql';
import type { OnboardingReturn } from './useOnboardingReturn';

type PartnerOrg = NonNullable<PayoutsPageQuery['partnerOrg']>;

const STATUS_BADGES: Record<string, { label: string; color: string }> = {
  ACTIVE: { label: 'Payouts enabled', color: 'teal' },
  ONBOARDING: { label: 'Onboarding', color: 'yellow' },
  RESTRICTED: { label: 'Restricted', color: 'orange' },
};

function OnboardingResultAlert({ result, onClose }: { result: OnboardingReturn; onClose: () => void }) {
  if (result.state === 'checking') {
    return (
      <Alert color="blue" icon={<Loader size={16} />} title="Checking your payout account…" role="status">
        We are asking the payout provider whether onboarding is complete.
      </Alert>
    );
  }
  if (result.state === 'failed') {
    return (
      <Alert color="red" title="Could not check the payout account" withCloseButton onClose={onClose} role="alert">
        {result.message}
      </Alert>
    );
  }
  const { status, reason } = result;
  if (status === 'ACTIVE') {
    return (
      <Alert
        color="teal"
        icon={<IconCircleCheck size={18} />}
        title="Payout account connected"
        withCloseButton
        onClose={onClose}
        role="status"
      >
        Payouts are enabled: available earnings are paid to this account on schedule, and owners can request a payout.
      </Alert>
    );
  }
  if (status === 'RESTRICTED') {
    return (
      <Alert color="orange" title="The payout provider needs more details" withCloseButton onClose={onClose} role="status">
        Payouts start once the provider has everything it needs. Continue onboarding to provide it.
      </Alert>
    );
  }
  return (
    <Alert color="yellow" title="Onboarding is not finished yet" withCloseButton onClose={onClose} role="status">
      {reason === 'refresh'
        ? 'The onboarding link expired. Continue onboarding to get a fresh one.'
        : 'Continue onboarding whenever you are ready; payouts start once it is complete.'}
    </Alert>
  );
}

/** The connected payout account: connect or continue onboarding (owners), re-read its status, its state. */
export function PayoutAccountCard({ partnerOrg, onboardingResult }: { partnerOrg: PartnerOrg; onboardingResult: OnboardingReturn | null }) {
  const isOwner = partnerOrg.viewerRole === 'OWNER';
  const account = partnerOrg.payoutAccount;
  const [onboard] = useMutation(PayoutAccountOnboardDocument);
  const [refresh, { loading: refreshing }] = useMutation(PayoutAccountRefreshDocument, {
    refetchQueries: [PayoutsPageDocument],
    awaitRefetchQueries: true,
  });
  const [redirecting, setRedirecting] = useState(false);
  const [onboardErrors, setOnboardErrors] = useState<string[]>([]);
  const [resultDismissed, setResultDismissed] = useState(false);

  const startOnboarding = async () => {
    setOnboardErrors([]);
    setRedirecting(true);
    try {
      const { data } = await onboard({ variables: { partnerOrgId: partnerOrg.id } });
      const payload = data?.payoutAccountOnboard;
      if (payload?.url && payload.userErrors.length === 0) {
        // Leaves the app for the provider's onboarding page; the button stays busy until then.
        window.location.assign(payload.url);
        return;
      }
      setOnboardErrors(payload?.userErrors.map((e) => e.message) ?? ['The payout provider did not return an onboarding page.']);
    } catch (error) {
      notifyError(error, 'Could not start onboarding');
    }
    setRedirecting(false);
  };

  const refreshStatus = () =>
    reportOutcome(async () => (await refresh({ variables: { partnerOrgId: partnerOrg.id } })).data?.payoutAccountRefresh, {
      success: 'Payout account status updated.',
      failureTitle: 'Could not refresh the status',
    });

  const badge = account ? (STATUS_BADGES[account.status] ?? { label: account.status, color: 'gray' }) : null;

  return (
    <Paper aria-label="Payout account" component="section">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Group gap="xs">
            <Title order={3} size="h4">
              Payout account
            </Title>
            {badge && (
              <Badge color={badge.color} variant="light">
                {badge.label}
              </Badge>
            )}
            {account?.provider === 'SANDBOX' && (
              <Badge color="grape" variant="outline">
                Sandbox
              </Badge>
            )}
          </Group>
          {account && account.status !== 'ACTIVE' && (
            <Group gap="xs">
              <Button variant="default" leftSection={<IconRefresh size={16} />} loading={refreshing} onClick={() => void refreshStatus()}>
                Refresh status
              </Button>
              {isOwner && (
                <Button loading={redirecting} onClick={() => void startOnboarding()}>
                  Continue onboarding
                </Button>
              )}
            </Group>
          )}
        </Group>

        {onboardingResult && !resultDismissed && (
          <OnboardingResultAlert result={onboardingResult} onClose={() => setResultDismissed(true)} />
        )}
        <FormErrorAlert messages={onboardErrors} />

        {!account && (
          <Group justify="space-between" align="center">
            <Text size="sm" c="dimmed" maw={560}>
              {isOwner
                ? 'Connect a bank account through our payout provider to receive your earnings. It takes a few minutes.'
                : 'No payout account is connected yet. An owner of this organization connects one to receive earnings.'}
            </Text>
            {isOwner && (
              <Button leftSection={<IconBuildingBank size={16} />} loading={redirecting} onClick={() => void startOnboarding()}>
                Connect a payout account
              </Button>
            )}
          </Group>
        )}
        {account?.status === 'ACTIVE' && (
          <Text size="sm" c="dimmed">
            Available earnings are paid to this account on each stream’s schedule.
          </Text>
        )}
        {account && account.status !== 'ACTIVE' && (
          <Text size="sm" c="dimmed">
            {account.status === 'RESTRICTED'
              ? 'The payout provider needs more details before it can send money to this account.'
              : 'Onboarding has started but is not finished.'}{' '}
            {isOwner ? 'Continue onboarding to finish it.' : 'An owner of this organization finishes it.'} Earnings keep accruing meanwhile.
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
