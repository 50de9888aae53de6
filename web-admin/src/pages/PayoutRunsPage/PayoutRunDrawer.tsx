import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatDateTime, formatUsd, humanizeEnum, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Badge, Code, Drawer, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { PayoutRunPayoutsDocument, type PayoutRunFieldsFragment } from '../../gql/graphql';
import { payoutStatus, periodLabel, skipReason, streamLabel } from './payoutWords';
import { FRESH_ON_OPEN } from '../fetchPolicies';

export interface PayoutRunDrawerProps {
  /** The run to show; null when closed. */
  run: PayoutRunFieldsFragment | null;
  onClose: () => void;
}

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" fw={500}>
        {value}
      </Text>
    </div>
  );
}

function RunPayouts({ runId }: { runId: string }) {
  const { data, error, refetch } = useQuery(PayoutRunPayoutsDocument, { variables: { runId }, ...FRESH_ON_OPEN });
  if (error && !data) return <QueryErrorAlert error={error} onRetry={() => void refetch()} />;
  if (!data) return <TableSkeleton rows={3} />;
  if (data.payoutRunPayouts.length === 0) return <EmptyPanel title="No payouts in this run" description="Nobody was due a payout." />;
  return (
    <Table.ScrollContainer minWidth={560}>
      <Table aria-label="Payouts of the run" striped>
        <Table.Thead>
          <Table.Tr>
            <Table.Th ta="right">Amount</Table.Th>
            <Table.Th>Status</Table.Th>
            <Table.Th>Transfer</Table.Th>
            <Table.Th>Failure reason</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {data.payoutRunPayouts.map((p) => {
            const status = payoutStatus(p.status);
            return (
              <Table.Tr key={p.id}>
                <Table.Td ta="right">{formatUsd(p.amount)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color={status.color}>
                    {status.label}
                  </Badge>
                </Table.Td>
                <Table.Td>{p.transferId ? <Code>{p.transferId}</Code> : '—'}</Table.Td>
                <Table.Td>{p.failureReason ?? '—'}</Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** One run: its figures, its payouts, and the partners it skipped with why. */
export function PayoutRunDrawer({ run, onClose }: PayoutRunDrawerProps) {
  return (
    <Drawer
      opened={run !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={run ? `${streamLabel(run.stream)} payouts · ${periodLabel(run.periodKey)}` : ''}
    >
      {run && (
        <Stack gap="lg">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <Fact label="Status" value={humanizeEnum(run.status)} />
            <Fact label="Trigger" value={run.trigger === 'ADMIN' ? 'Admin' : 'Schedule'} />
            <Fact label="Total paid" value={formatUsd(run.totalPaid)} />
            <Fact label="Paid / failed" value={`${run.paidCount} / ${run.failedCount}`} />
            <Fact label="Started" value={formatDateTime(run.startedAt)} />
            <Fact label="Finished" value={formatDateTime(run.finishedAt)} />
          </SimpleGrid>
          <Stack gap="xs">
            <Title order={3} size="h5">
              Payouts
            </Title>
            <RunPayouts runId={run.id} />
          </Stack>
          <Stack gap="xs">
            <Title order={3} size="h5">
              Skipped partners
            </Title>
            {run.skipped.length === 0 ? (
              <Text size="sm" c="dimmed">
                No partner was skipped.
              </Text>
            ) : (
              <Table aria-label="Skipped partners" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Partner</Table.Th>
                    <Table.Th>Reason</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {run.skipped.map((s) => (
                    <Table.Tr key={s.partnerOrgId}>
                      <Table.Td>{s.partnerOrgName ? <Text size="sm">{s.partnerOrgName}</Text> : <Code>{s.partnerOrgId}</Code>}</Table.Td>
                      <Table.Td>{skipReason(s.reason)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            )}
          </Stack>
        </Stack>
      )}
    </Drawer>
  );
}
