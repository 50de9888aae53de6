import type { ApolloCache, Reference } from '@apollo/client';
import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmModal, EmptyPanel, LoadMoreButton, notifyError, notifySuccess, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Alert, Anchor, Group, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { Link } from 'react-router';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { countText, flagStatusLook } from '../../components/Supply/supplyWords';
import {
  DuplicateFlagsDocument,
  DuplicateResolveDocument,
  type DuplicateFlagFieldsFragment,
  type LeadDuplicateResolution,
} from '../../gql/graphql';
import { DUPLICATE_FLAG_STATUSES, parseDuplicateFlagStatus, urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';
import { DuplicateComparisonCard, leadName } from './DuplicateComparisonCard';

interface StoredConnection {
  edges?: readonly { node: Reference }[];
  totalCount?: number;
}

/**
 * A settled flag leaves the lists that hold it (one fewer in their count); lists that do not hold it
 * (other statuses, another upload's count) are dropped, to be fetched afresh when shown.
 */
function dropSettledFlag(cache: ApolloCache, flagId: string) {
  cache.modify({
    fields: {
      leadDuplicateFlags(existing, { readField, DELETE }) {
        const connection = existing as StoredConnection;
        const edges = connection.edges ?? [];
        const kept = edges.filter((edge) => readField('id', edge.node) !== flagId);
        if (kept.length === edges.length) return DELETE;
        return { ...connection, edges: kept, totalCount: Math.max(0, (connection.totalCount ?? 1) - 1) };
      },
    },
  });
}

const EMPTY_TITLES = {
  OPEN: 'No probable duplicates to review.',
  DISMISSED: 'No duplicates were kept as separate leads.',
  MERGED: 'No duplicates were merged.',
} as const;

/** Probable duplicates side by side: keep both leads, or merge the newer into the older. */
export function DuplicateReviewPage() {
  const [statusParam, setStatus] = useSearchParam('status');
  const [uploadId, setUploadId] = useSearchParam('upload');
  const status = parseDuplicateFlagStatus(statusParam) ?? 'OPEN';
  const { data, error, refetch, fetchMore } = useQuery(DuplicateFlagsDocument, {
    variables: { first: PAGE_SIZE, status, uploadId: uploadId || null },
    ...FRESH_ON_OPEN,
  });
  const [resolve] = useMutation(DuplicateResolveDocument);
  const [busy, setBusy] = useState<{ flagId: string; action: LeadDuplicateResolution } | null>(null);
  const [merging, setMerging] = useState<DuplicateFlagFieldsFragment | null>(null);
  const [flagErrors, setFlagErrors] = useState<Record<string, string>>({});
  const [loadingMore, setLoadingMore] = useState(false);
  const connection = data?.leadDuplicateFlags;
  // A flag settled here no longer belongs to this status, even before the list is fetched again.
  const flags = connection?.edges.map((e) => e.node).filter((f) => f.status === status);

  const settle = async (flag: DuplicateFlagFieldsFragment, action: LeadDuplicateResolution) => {
    if (busy) return;
    setBusy({ flagId: flag.id, action });
    setFlagErrors(({ [flag.id]: _, ...rest }) => rest);
    try {
      const { data: result } = await resolve({
        variables: { input: { flagId: flag.id, action } },
        update: (cache, { data: resolved }) => {
          if (resolved?.leadDuplicateResolve.flag && resolved.leadDuplicateResolve.userErrors.length === 0) dropSettledFlag(cache, flag.id);
        },
      });
      const payload = result?.leadDuplicateResolve;
      if (!payload) return;
      const firstError = payload.userErrors[0];
      if (firstError) {
        setFlagErrors((previous) => ({ ...previous, [flag.id]: firstError.message }));
        return;
      }
      notifySuccess(
        action === 'MERGE'
          ? `${leadName(flag.lead)} was merged into the older lead and archived.`
          : `${leadName(flag.lead)} and ${leadName(flag.matchedLead)} stay separate leads.`,
        action === 'MERGE' ? 'Leads merged' : 'Kept both',
      );
    } catch (err) {
      notifyError(err, action === 'MERGE' ? 'Leads not merged' : 'Duplicate not settled');
    } finally {
      setBusy(null);
      setMerging(null);
    }
  };

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } });
    } catch (err) {
      notifyError(err, 'Could not load more');
    } finally {
      setLoadingMore(false);
    }
  };

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Probable duplicates</Title>
        <Text c="dimmed" size="sm">
          Accepted leads whose name and company closely match another lead. Compare them, then keep both or merge the newer one into the
          older.
        </Text>
      </div>
      <Group>
        <SegmentedControl
          aria-label="Duplicate status"
          value={status}
          onChange={(value) => setStatus(value === 'OPEN' ? '' : value)}
          data={DUPLICATE_FLAG_STATUSES.map((s) => ({ value: s, label: s === 'OPEN' ? 'To review' : flagStatusLook(s).label }))}
        />
      </Group>
      {uploadId && (
        <Alert color="blue" variant="light">
          <Group gap="xs">
            <Text size="sm">Showing the probable duplicates of one upload.</Text>
            <Anchor component={Link} to={urls.supplyUpload(uploadId)} size="sm">
              Open the upload
            </Anchor>
            <Anchor component="button" type="button" size="sm" onClick={() => setUploadId('')}>
              Show every upload&apos;s
            </Anchor>
          </Group>
        </Alert>
      )}
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !connection || !flags ? (
        <TableSkeleton rows={6} />
      ) : flags.length === 0 ? (
        <EmptyPanel
          title={EMPTY_TITLES[status]}
          description={
            status === 'OPEN' ? 'Imports flag accepted leads that resemble one already in the inventory; they show up here.' : undefined
          }
        />
      ) : (
        <Stack gap="md">
          <Text size="sm" c="dimmed">
            {countText(connection.totalCount, connection.totalCountIsEstimate, 'probable duplicate')} · showing {flags.length}
          </Text>
          {flags.map((flag) => (
            <Stack key={flag.id} gap={4}>
              {flagErrors[flag.id] && (
                <Alert color="red" role="alert" title="Not settled">
                  {flagErrors[flag.id]}
                </Alert>
              )}
              <DuplicateComparisonCard
                flag={flag}
                busy={busy?.flagId === flag.id ? busy.action : null}
                onKeepBoth={() => void settle(flag, 'DISMISS')}
                onMerge={() => setMerging(flag)}
              />
            </Stack>
          ))}
          <LoadMoreButton hasNextPage={connection.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={() => void loadMore()} />
        </Stack>
      )}
      <ConfirmModal
        opened={merging !== null}
        title="Merge into the older lead?"
        confirmLabel="Merge leads"
        loading={busy?.action === 'MERGE'}
        onClose={() => setMerging(null)}
        onConfirm={() => merging && void settle(merging, 'MERGE')}
      >
        {merging &&
          `${leadName(merging.lead)}, the newer lead, is archived and taken off sale. Fields that ${leadName(merging.matchedLead)}, the older lead, is missing are copied from it. This cannot be undone.`}
      </ConfirmModal>
    </Stack>
  );
}
