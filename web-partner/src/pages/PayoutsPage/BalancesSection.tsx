import { useMutation } from '@apollo/client/react';
import { formatUsd, notifyError, notifySuccess } from '@hotlead/ui';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { IconSend } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { PartnerEarningsDocument, PayoutRequestDocument, PayoutsPageDocument, type PayoutsPageQuery } from '../../gql/graphql';
import { isBelow, isNegative, payoutRequestErrorCopy, STREAM_LABELS } from './labels';

type PartnerOrg = NonNullable<PayoutsPageQuery['partnerOrg']>;

const REQUEST_STREAM = 'LEAD_SALES';
const CLAWBACK_NOTE = 'Below zero after a clawback: recovered from future earnings.';

function BalanceCard({ label, amount, hint, negative }: { label: string; amount: string; hint: ReactNode; negative?: boolean }) {
  return (
    <Paper withBorder p="md" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={negative ? 'red' : undefined}>
        {formatUsd(amount)}
      </Text>
      <Text size="xs" c={negative ? 'red' : 'dimmed'}>
        {hint}
      </Text>
    </Paper>
  );
}

/** Why the owner cannot request a payout right now; null when they can. */
function requestBlocker(partnerOrg: PartnerOrg, stream: PartnerOrg['earnings']['byStream'][number] | undefined): string | null {
  const account = partnerOrg.payoutAccount;
  if (!account) return 'Connect a payout account to request payouts.';
  if (account.status !== 'ACTIVE') return 'Finish onboarding your payout account to request payouts.';
  if (!stream) return 'Lead-sale payouts are not available.';
  if (isBelow(stream.available, stream.minimum)) {
    return `Payouts start at ${formatUsd(stream.minimum)}; ${formatUsd(stream.available)} of lead-sale earnings is available now.`;
  }
  return null;
}

/** Pending, available, on the way and paid; per-stream balances and schedules; "Request payout" (owners). */
export function BalancesSection({ partnerOrg }: { partnerOrg: PartnerOrg }) {
  const { earnings } = partnerOrg;
  const isOwner = partnerOrg.viewerRole === 'OWNER';
  const leadSales = earnings.byStream.find((s) => s.stream === REQUEST_STREAM);
  const blocker = requestBlocker(partnerOrg, leadSales);
  const [requestError, setRequestError] = useState<string | null>(null);
  const [request, { loading }] = useMutation(PayoutRequestDocument, {
    refetchQueries: [PayoutsPageDocument, PartnerEarningsDocument],
    awaitRefetchQueries: true,
  });

  const requestPayout = async () => {
    setRequestError(null);
    try {
      const { data } = await request({ variables: { partnerOrgId: partnerOrg.id, stream: REQUEST_STREAM } });
      const payload = data?.payoutRequest;
      const firstError = payload?.userErrors[0];
      if (firstError) {
        setRequestError(payoutRequestErrorCopy(firstError, leadSales?.minimum));
        return;
      }
      if (payload?.payout) notifySuccess(`${formatUsd(payload.payout.amount)} is on its way to your payout account.`, 'Payout requested');
    } catch (error) {
      notifyError(error, 'Payout not requested');
    }
  };

  return (
    <Paper aria-label="Balances" component="section">
      <Stack gap="md">
        <Group justify="space-between" align="flex-start">
          <Title order={3} size="h4">
            Balances
          </Title>
          {isOwner && (
            <Stack gap={4} align="flex-end" maw={420}>
              <Button
                leftSection={<IconSend size={16} />}
                disabled={blocker !== null}
                loading={loading}
                onClick={() => void requestPayout()}
                aria-describedby={blocker ? 'request-payout-blocker' : undefined}
              >
                Request payout
              </Button>
              <Text id="request-payout-blocker" size="xs" c="dimmed" ta="right">
                {blocker ?? `Sends your available lead-sale earnings now instead of on the weekly run.`}
              </Text>
            </Stack>
          )}
        </Group>

        {requestError && (
          <Alert color="red" title="Payout not requested" role="alert" withCloseButton onClose={() => setRequestError(null)}>
            {requestError}
          </Alert>
        )}

        <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }}>
          <BalanceCard label="Pending" amount={earnings.pending} hint="In the 14-day holdback after each sale" />
          <BalanceCard
            label="Available"
            amount={earnings.available}
            negative={isNegative(earnings.available)}
            hint={isNegative(earnings.available) ? CLAWBACK_NOTE : 'Paid on the next scheduled run'}
          />
          <BalanceCard label="On the way" amount={earnings.inTransit} hint="Payouts being sent to your account" />
          <BalanceCard label="Paid" amount={earnings.paid} hint="Paid out so far" />
        </SimpleGrid>

        <Table.ScrollContainer minWidth={720}>
          <Table aria-label="Balances by stream" verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Stream</Table.Th>
                <Table.Th ta="right">Pending</Table.Th>
                <Table.Th ta="right">Available</Table.Th>
                <Table.Th ta="right">Minimum payout</Table.Th>
                <Table.Th>Schedule</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {earnings.byStream.map((s) => (
                <Table.Tr key={s.stream}>
                  <Table.Td fw={500}>{STREAM_LABELS[s.stream]}</Table.Td>
                  <Table.Td ta="right">{formatUsd(s.pending)}</Table.Td>
                  <Table.Td ta="right">
                    <Text size="sm" c={isNegative(s.available) ? 'red' : undefined}>
                      {formatUsd(s.available)}
                    </Text>
                    {isNegative(s.available) && (
                      <Text size="xs" c="red">
                        Recovered from future earnings
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td ta="right">{formatUsd(s.minimum)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{s.schedule}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
