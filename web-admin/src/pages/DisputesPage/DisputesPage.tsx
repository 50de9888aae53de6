import { useMutation, useQuery } from '@apollo/client/react';
import { formatCredits, formatDateTime, notifySuccess, QueryErrorAlert } from '@hotlead/ui';
import { Button, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { DisputeStatusBadge } from '../../components/Conversations/ConversationBadges';
import { disputeReasonLabel, disputeStatusLook, formatLocation } from '../../components/Conversations/conversationWords';
import { ReasonModal } from '../../components/Conversations/ReasonModal';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { AdminDisputesDocument, AssignmentDisputeResolveDocument, type AdminDisputesQuery } from '../../gql/graphql';
import { DISPUTE_STATUSES, parseDisputeStatus } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type Dispute = AdminDisputesQuery['adminDisputes']['edges'][number]['node'];

function columnsFor(onDecide: (dispute: Dispute, uphold: boolean) => void): Column<Dispute>[] {
  return [
    { header: 'Opened', cell: (d) => formatDateTime(d.createdAt) },
    { header: 'Provider', cell: (d) => d.providerName },
    {
      header: 'Lead',
      cell: (d) => (
        <Stack gap={2}>
          <Text size="sm" fw={500}>
            {d.assignment.lead.name}
          </Text>
          <Text size="xs" c="dimmed">
            {d.assignment.lead.niche.name} · {formatLocation(d.assignment.lead)}
          </Text>
          <Text size="xs" c="dimmed">
            Delivered {formatDateTime(d.assignment.deliveredAt)} · {formatCredits(d.assignment.price)} credits
          </Text>
        </Stack>
      ),
    },
    { header: 'Reason', cell: (d) => disputeReasonLabel(d.reason) },
    {
      header: "Provider's note",
      cell: (d) => (
        <Text size="sm" maw={320} style={{ whiteSpace: 'pre-wrap' }}>
          {d.note || '—'}
        </Text>
      ),
    },
    {
      header: 'Decision',
      cell: (d) =>
        d.status === 'OPEN' ? (
          <Group gap="xs" wrap="nowrap">
            <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => onDecide(d, true)}>
              Uphold
            </Button>
            <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => onDecide(d, false)}>
              Reject
            </Button>
          </Group>
        ) : (
          <Stack gap={2} align="flex-start">
            <DisputeStatusBadge status={d.status} />
            {d.resolutionNote && (
              <Text size="xs" maw={260}>
                {d.resolutionNote}
              </Text>
            )}
          </Stack>
        ),
    },
  ];
}

/** Providers' disputes of a charge (duplicate, unreachable, out of area, fake): uphold to refund, or reject, with a note. */
export function DisputesPage() {
  const [statusParam, setStatus] = useSearchParam('status');
  const status = parseDisputeStatus(statusParam) ?? 'OPEN';
  const { data, error, refetch, fetchMore } = useQuery(AdminDisputesDocument, {
    variables: { status, first: PAGE_SIZE },
    ...FRESH_ON_OPEN,
  });
  const [resolve] = useMutation(AssignmentDisputeResolveDocument, {
    refetchQueries: [AdminDisputesDocument],
    awaitRefetchQueries: true,
  });
  const [target, setTarget] = useState<{ dispute: Dispute; uphold: boolean } | null>(null);
  const connection = data?.adminDisputes;
  // A dispute decided here leaves this status even before the list is fetched again.
  const nodes = connection?.edges.map((e) => e.node).filter((d) => d.status === status);

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Disputes</Title>
        <Text c="dimmed" size="sm">
          Providers may dispute a lead within 14 days. Upholding refunds the lead&apos;s credits to the provider; the provider reads your
          note either way.
        </Text>
      </div>
      <SegmentedControl
        aria-label="Dispute status"
        w="fit-content"
        value={status}
        onChange={(value) => setStatus(value === 'OPEN' ? '' : value)}
        data={DISPUTE_STATUSES.map((s) => ({ value: s, label: s === 'OPEN' ? 'To review' : disputeStatusLook(s).label }))}
      />
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Disputes"
          columns={columnsFor((dispute, uphold) => setTarget({ dispute, uphold }))}
          nodes={nodes}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={status === 'OPEN' ? 'No disputes to review' : 'No disputes with this status'}
        />
      )}
      <ReasonModal
        opened={target !== null}
        title={target ? `${target.uphold ? 'Uphold' : 'Reject'} the dispute of ${target.dispute.providerName}` : ''}
        label="Note to the provider"
        confirmLabel={target?.uphold ? 'Uphold and refund' : 'Reject dispute'}
        color={target?.uphold ? undefined : 'red'}
        onClose={() => setTarget(null)}
        onSubmit={async (note) => {
          if (!target) return;
          await resolve({ variables: { id: target.dispute.id, uphold: target.uphold, note } });
          notifySuccess(
            target.uphold ? "The lead's credits are back with the provider." : 'The provider keeps the charge.',
            'Dispute resolved',
          );
        }}
      >
        {target?.uphold
          ? `The provider gets the lead's ${formatCredits(target.dispute.assignment.price)} credits back.`
          : 'The provider keeps the charge. Say why: they read your note.'}
      </ReasonModal>
    </Stack>
  );
}
