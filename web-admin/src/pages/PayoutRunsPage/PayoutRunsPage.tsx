import { useMutation, useQuery } from '@apollo/client/react';
import {
  EmptyPanel,
  formatDateTime,
  formatUsd,
  humanizeEnum,
  notifyError,
  notifyFailure,
  notifySuccess,
  QueryErrorAlert,
  TableSkeleton,
} from '@hotlead/ui';
import { Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconChevronDown, IconPlayerPlay } from '@tabler/icons-react';
import { useState } from 'react';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { PayoutRunsDocument, PayoutRunStartDocument, type PayoutStream } from '../../gql/graphql';
import { PayoutRunDrawer } from './PayoutRunDrawer';
import { PAYOUT_STREAMS, periodLabel, streamLabel } from './payoutWords';
import { RunPayoutsConfirm } from './RunPayoutsConfirm';
import { FRESH_ON_OPEN } from '../fetchPolicies';

const RUNS_SHOWN = 50;

/** Payout runs, newest first; admins run a stream now and open a run's payouts and skips. */
export function PayoutRunsPage() {
  const [runId, setRunId] = useSearchParam('run');
  const { data, error, refetch } = useQuery(PayoutRunsDocument, { variables: { first: RUNS_SHOWN }, ...FRESH_ON_OPEN });
  const [start, { loading: starting }] = useMutation(PayoutRunStartDocument, {
    refetchQueries: [PayoutRunsDocument],
    awaitRefetchQueries: true,
  });
  const [confirming, setConfirming] = useState<PayoutStream | null>(null);
  const runs = data?.payoutRuns;
  const openRun = runs?.find((r) => r.id === runId) ?? null;

  const runNow = async (stream: PayoutStream) => {
    try {
      const { data: result } = await start({ variables: { stream } });
      const payload = result?.payoutRunStart;
      if (!payload) return;
      const firstError = payload.userErrors[0];
      if (firstError) {
        notifyFailure(firstError.message, 'Payout run not started');
        return;
      }
      setConfirming(null);
      if (payload.run) {
        const { paidCount, failedCount, skipped } = payload.run;
        notifySuccess(`${paidCount} paid, ${failedCount} failed, ${skipped.length} skipped.`, `${streamLabel(stream)} payout run finished`);
        setRunId(payload.run.id);
      }
    } catch (err) {
      notifyError(err, 'Payout run not started');
    }
  };

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <div>
          <Title order={2}>Payout runs</Title>
          <Text c="dimmed" size="sm">
            Scheduled and manual runs of the payout engine, newest first.
          </Text>
        </div>
        <Menu position="bottom-end">
          <Menu.Target>
            <Button leftSection={<IconPlayerPlay size={16} />} rightSection={<IconChevronDown size={16} />}>
              Run now
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>Pay partners now</Menu.Label>
            {PAYOUT_STREAMS.map((s) => (
              <Menu.Item key={s.value} onClick={() => setConfirming(s.value)}>
                {s.label}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      </Group>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !runs ? (
        <TableSkeleton rows={6} />
      ) : runs.length === 0 ? (
        <EmptyPanel title="No payout runs yet" description="Runs appear here when the schedule pays partners, or when you run one now." />
      ) : (
        <Paper p={0}>
          <Table.ScrollContainer minWidth={960}>
            <Table aria-label="Payout runs" striped highlightOnHover>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Stream</Table.Th>
                  <Table.Th>Period</Table.Th>
                  <Table.Th>Trigger</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Paid</Table.Th>
                  <Table.Th ta="right">Failed</Table.Th>
                  <Table.Th ta="right">Skipped</Table.Th>
                  <Table.Th ta="right">Total paid</Table.Th>
                  <Table.Th>Started</Table.Th>
                  <Table.Th>Finished</Table.Th>
                  <Table.Th aria-label="Actions" />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {runs.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>{streamLabel(r.stream)}</Table.Td>
                    <Table.Td>{periodLabel(r.periodKey)}</Table.Td>
                    <Table.Td>{r.trigger === 'ADMIN' ? 'Admin' : 'Schedule'}</Table.Td>
                    <Table.Td>
                      <Badge variant="light" color={r.status === 'COMPLETED' ? 'teal' : 'blue'}>
                        {humanizeEnum(r.status)}
                      </Badge>
                    </Table.Td>
                    <Table.Td ta="right">{r.paidCount}</Table.Td>
                    <Table.Td ta="right">{r.failedCount}</Table.Td>
                    <Table.Td ta="right">{r.skipped.length}</Table.Td>
                    <Table.Td ta="right">{formatUsd(r.totalPaid)}</Table.Td>
                    <Table.Td>{formatDateTime(r.startedAt)}</Table.Td>
                    <Table.Td>{formatDateTime(r.finishedAt)}</Table.Td>
                    <Table.Td ta="right">
                      <Button
                        size="xs"
                        variant="light"
                        aria-label={`Details of ${streamLabel(r.stream)} · ${periodLabel(r.periodKey)}`}
                        onClick={() => setRunId(r.id)}
                      >
                        Details
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
      <RunPayoutsConfirm stream={confirming} loading={starting} onConfirm={(s) => void runNow(s)} onClose={() => setConfirming(null)} />
      <PayoutRunDrawer run={openRun} onClose={() => setRunId('')} />
    </Stack>
  );
}
