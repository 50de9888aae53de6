import { useMutation, useQuery } from '@apollo/client/react';
import {
  ConfirmModal,
  EmptyPanel,
  formatCredits,
  formatDateTime,
  formatUsd,
  notifyError,
  notifyFailure,
  QueryErrorAlert,
  reportOutcome,
  TableSkeleton,
} from '@hotlead/ui';
import { ActionIcon, Badge, Button, Group, Menu, Paper, Stack, Switch, Table, Text, Title, VisuallyHidden } from '@mantine/core';
import { IconBookmarks, IconDots, IconPlayerPause, IconPlayerPlay, IconArchive, IconTrash } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { Link, useParams } from 'react-router';
import {
  CartDocument,
  LeadSegmentDeleteDocument,
  LeadSegmentPullDocument,
  LeadSegmentRunDocument,
  LeadSegmentsDocument,
  LeadSegmentUpdateDocument,
  MarketplaceIndustriesDocument,
  type LeadSegmentFieldsFragment,
  type LeadSegmentRunMutation,
  type LeadSegmentStatus,
} from '../../gql/graphql';
import { formatCount } from '../../marketplace/format';
import { describeSearch, searchFromFilter } from '../../marketplace/search';
import { useNotifyWithLink } from '../../notifyWithLink';
import { urls } from '../../urls';

type SegmentRunResult = NonNullable<LeadSegmentRunMutation['leadSegmentRun']['run']>;

export const SEGMENT_STATUS: Record<LeadSegmentStatus, { label: string; color: string }> = {
  ACTIVE: { label: 'Active', color: 'teal' },
  PAUSED: { label: 'Paused', color: 'yellow' },
  ARCHIVED: { label: 'Archived', color: 'gray' },
};

/** The workspace's saved segments: run (count and price), open in the marketplace, pull into the cart, pause, archive, delete. */
export function SegmentsPage() {
  const { workspaceId = '' } = useParams();
  const [includeArchived, setIncludeArchived] = useState(false);
  const { data, error, refetch } = useQuery(LeadSegmentsDocument, {
    variables: { workspaceId, includeArchived },
    fetchPolicy: 'cache-and-network',
  });
  const { data: industriesData } = useQuery(MarketplaceIndustriesDocument);
  const industryNames = useMemo(() => new Map(industriesData?.industries.map((i) => [i.id, i.name])), [industriesData]);
  const [deleting, setDeleting] = useState<LeadSegmentFieldsFragment | null>(null);
  const [deleteSegment, { loading: deleteLoading }] = useMutation(LeadSegmentDeleteDocument, { refetchQueries: [LeadSegmentsDocument] });
  const segments = data?.leadSegments;

  const confirmDelete = async () => {
    if (!deleting) return;
    const done = await reportOutcome(async () => (await deleteSegment({ variables: { segmentId: deleting.id } })).data?.leadSegmentDelete, {
      success: `${deleting.name} was deleted.`,
      failureTitle: 'Segment not deleted',
    });
    if (done) setDeleting(null);
  };

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Segments</Title>
          <Text c="dimmed" size="sm">
            Saved marketplace searches: see how many leads match now, and add them to your cart.
          </Text>
        </div>
        <Group gap="md">
          <Switch label="Show archived" checked={includeArchived} onChange={(event) => setIncludeArchived(event.currentTarget.checked)} />
          <Button component={Link} to={urls.marketplace(workspaceId)} variant="subtle">
            Go to the marketplace
          </Button>
        </Group>
      </Group>
      <Paper>
        {!segments ? (
          error ? (
            <QueryErrorAlert error={error} onRetry={() => void refetch()} />
          ) : (
            <TableSkeleton rows={4} />
          )
        ) : segments.length === 0 ? (
          <EmptyPanel
            title="No saved segments yet."
            description="Set filters in the marketplace and choose Save as segment."
            icon={<IconBookmarks size={28} />}
            action={
              <Button component={Link} to={urls.marketplace(workspaceId)}>
                Browse the marketplace
              </Button>
            }
          />
        ) : (
          <Table.ScrollContainer minWidth={960}>
            <Table aria-label="Saved segments" verticalSpacing="sm">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>Segment</Table.Th>
                  <Table.Th>Filters</Table.Th>
                  <Table.Th>Status</Table.Th>
                  <Table.Th ta="right">Last count</Table.Th>
                  <Table.Th>Last run</Table.Th>
                  <Table.Th>
                    <VisuallyHidden>Actions</VisuallyHidden>
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {segments.map((segment) => (
                  <SegmentRow
                    key={segment.id}
                    workspaceId={workspaceId}
                    segment={segment}
                    industryNames={industryNames}
                    onDelete={() => setDeleting(segment)}
                  />
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <ConfirmModal
        opened={deleting !== null}
        title="Delete segment?"
        confirmLabel="Delete segment"
        loading={deleteLoading}
        onConfirm={() => void confirmDelete()}
        onClose={() => setDeleting(null)}
      >
        {deleting ? `${deleting.name} will be deleted. Leads already in your cart or bought stay where they are.` : ''}
      </ConfirmModal>
    </Stack>
  );
}

interface SegmentRowProps {
  workspaceId: string;
  segment: LeadSegmentFieldsFragment;
  industryNames: ReadonlyMap<string, string>;
  onDelete: () => void;
}

function SegmentRow({ workspaceId, segment, industryNames, onDelete }: SegmentRowProps) {
  const search = useMemo(() => searchFromFilter(segment.filters), [segment.filters]);
  const [result, setResult] = useState<SegmentRunResult | null>(null);
  const [run, { loading: running }] = useMutation(LeadSegmentRunDocument);
  const [pull, { loading: pulling }] = useMutation(LeadSegmentPullDocument);
  const [update, { loading: updating }] = useMutation(LeadSegmentUpdateDocument, { refetchQueries: [LeadSegmentsDocument] });
  const notifyInCart = useNotifyWithLink(urls.cart(workspaceId));
  const status = SEGMENT_STATUS[segment.status];

  const runSegment = async () => {
    try {
      const { data } = await run({ variables: { segmentId: segment.id } });
      const payload = data?.leadSegmentRun;
      if (!payload) return;
      const refused = payload.userErrors[0];
      if (refused || !payload.run) {
        notifyFailure(refused?.message ?? 'The segment could not be run.', `${segment.name} was not run`);
        return;
      }
      setResult(payload.run);
    } catch (error) {
      notifyError(error, `${segment.name} was not run`);
    }
  };

  const pullSegment = async () => {
    try {
      const { data } = await pull({
        variables: { segmentId: segment.id },
        update: (cache, { data: answer }) => {
          const cart = answer?.leadSegmentPull.cart;
          if (cart) cache.writeQuery({ query: CartDocument, variables: { workspaceId }, data: { cart } });
        },
      });
      const payload = data?.leadSegmentPull;
      if (!payload) return;
      const refused = payload.userErrors[0];
      if (refused || !payload.cart) {
        notifyFailure(refused?.message ?? 'The leads could not be added.', 'Not added to the cart');
        return;
      }
      const n = payload.cart.leadCount;
      notifyInCart({
        title: 'Added to cart',
        message: `${formatCount(n)} ${n === 1 ? 'lead' : 'leads'} in your cart`,
        linkLabel: 'Go to the cart',
      });
    } catch (error) {
      notifyError(error, 'Not added to the cart');
    }
  };

  const setStatus = (next: LeadSegmentStatus, success: string) =>
    void reportOutcome(async () => (await update({ variables: { segmentId: segment.id, status: next } })).data?.leadSegmentUpdate, {
      success,
      failureTitle: `${segment.name} was not changed`,
    });

  return (
    <Table.Tr>
      <Table.Td>
        <Text fw={600} size="sm">
          {segment.name}
        </Text>
        {segment.description && (
          <Text size="xs" c="dimmed">
            {segment.description}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{describeSearch(search, industryNames)}</Text>
      </Table.Td>
      <Table.Td>
        <Badge color={status.color} variant="light">
          {status.label}
        </Badge>
      </Table.Td>
      <Table.Td ta="right">
        {result ? (
          <Stack gap={0} align="flex-end" data-testid="segment-run-result">
            <Text size="sm" fw={600}>
              {result.countIsEstimate ? 'about ' : ''}
              {formatCount(result.count)} {result.count === 1 ? 'lead' : 'leads'}
            </Text>
            <Text size="xs" c="dimmed">
              {formatUsd(result.totalUsd)} · {formatCredits(result.credits)} credits
            </Text>
            {result.buyableCount < result.count && (
              <Text size="xs" c="dimmed">
                for the first {formatCount(result.buyableCount)}
              </Text>
            )}
          </Stack>
        ) : segment.lastCount === null ? (
          '—'
        ) : (
          formatCount(segment.lastCount)
        )}
      </Table.Td>
      <Table.Td>
        <Text size="sm">{segment.lastRunAt ? formatDateTime(segment.lastRunAt) : '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap" justify="flex-end">
          <Button size="compact-sm" variant="light" loading={running} onClick={() => void runSegment()}>
            Run
          </Button>
          <Button size="compact-sm" variant="subtle" component={Link} to={urls.marketplace(workspaceId, search)}>
            Open in marketplace
          </Button>
          <Button
            size="compact-sm"
            variant="light"
            color="teal"
            loading={pulling}
            disabled={segment.status !== 'ACTIVE'}
            title={segment.status !== 'ACTIVE' ? 'Resume the segment to add its leads' : undefined}
            onClick={() => void pullSegment()}
          >
            Add to cart
          </Button>
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={`More actions for ${segment.name}`} loading={updating}>
                <IconDots size={16} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              {segment.status === 'ACTIVE' && (
                <Menu.Item leftSection={<IconPlayerPause size={14} />} onClick={() => setStatus('PAUSED', `${segment.name} is paused.`)}>
                  Pause
                </Menu.Item>
              )}
              {segment.status !== 'ACTIVE' && (
                <Menu.Item leftSection={<IconPlayerPlay size={14} />} onClick={() => setStatus('ACTIVE', `${segment.name} is active.`)}>
                  {segment.status === 'ARCHIVED' ? 'Restore' : 'Resume'}
                </Menu.Item>
              )}
              {segment.status !== 'ARCHIVED' && (
                <Menu.Item leftSection={<IconArchive size={14} />} onClick={() => setStatus('ARCHIVED', `${segment.name} is archived.`)}>
                  Archive
                </Menu.Item>
              )}
              <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={onDelete}>
                Delete
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}
