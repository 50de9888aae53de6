import { EmptyPanel, formatDateTime, formatUsd } from '@hotlead/ui';
import { Badge, Code, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import type { PayoutsPageQuery } from '../../gql/graphql';
import { STREAM_LABELS } from './labels';

type Payout = PayoutsPageQuery['partnerPayouts'][number];

const PAYOUT_STATUS: Record<string, { label: string; color: string }> = {
  RESERVED: { label: 'On the way', color: 'blue' },
  PAID: { label: 'Paid', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
};

function PayoutStatus({ payout }: { payout: Payout }) {
  const status = PAYOUT_STATUS[payout.status] ?? { label: payout.status, color: 'gray' };
  return (
    <Stack gap={2} align="flex-start">
      <Badge color={status.color} variant="light">
        {status.label}
      </Badge>
      {payout.status === 'PAID' && payout.paidAt && (
        <Text size="xs" c="dimmed">
          {formatDateTime(payout.paidAt)}
        </Text>
      )}
      {payout.status === 'FAILED' && payout.failureReason && (
        <Text size="xs" c="red">
          {payout.failureReason}
        </Text>
      )}
    </Stack>
  );
}

/** Money sent (or being sent) to the partner, newest first. */
export function PayoutsListSection({ payouts }: { payouts: readonly Payout[] }) {
  return (
    <Paper aria-label="Payouts" component="section">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Payouts
        </Title>
        {payouts.length === 0 ? (
          <EmptyPanel
            icon={<IconCash size={28} />}
            title="No payouts yet"
            description="Lead-sale earnings are paid every Monday once at least $50 is available, to a connected payout account. Owners can also request a payout above."
          />
        ) : (
          <Table.ScrollContainer minWidth={720}>
            <Table aria-label="Payouts list" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Date</Table.Th>
                  <Table.Th>Stream</Table.Th>
                  <Table.Th ta="right">Amount</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th>Origin</Table.Th>
                  <Table.Th>Transfer</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {payouts.map((payout) => (
                  <Table.Tr key={payout.id}>
                    <Table.Td>{formatDateTime(payout.createdAt)}</Table.Td>
                    <Table.Td>{STREAM_LABELS[payout.stream]}</Table.Td>
                    <Table.Td ta="right" fw={500}>
                      {formatUsd(payout.amount)}
                    </Table.Td>
                    <Table.Td>
                      <PayoutStatus payout={payout} />
                    </Table.Td>
                    <Table.Td>{payout.requested ? 'Requested' : 'Scheduled'}</Table.Td>
                    <Table.Td>{payout.transferId ? <Code>{payout.transferId}</Code> : '—'}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
