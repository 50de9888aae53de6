import { useQuery } from '@apollo/client/react';
import { formatDateTime, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, List, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { formatCount, reviewReasonLabel } from '../../components/Supply/supplyWords';
import { UploadReviewQueueDocument, type UploadReviewQueueQuery } from '../../gql/graphql';
import { urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type QueuedUpload = UploadReviewQueueQuery['leadUploads']['edges'][number]['node'];

const columns: Column<QueuedUpload>[] = [
  { header: 'Partner', cell: (u) => u.partnerOrg.name },
  {
    header: 'File',
    cell: (u) => (
      <Anchor component={Link} to={urls.supplyUpload(u.id)} size="sm">
        {u.fileName}
      </Anchor>
    ),
  },
  { header: 'Finished', cell: (u) => formatDateTime(u.finishedAt) },
  { header: 'Rows read', cell: (u) => formatCount(u.rowsRead) },
  { header: 'Accepted', cell: (u) => formatCount(u.accepted) },
  { header: 'Rejected', cell: (u) => formatCount(u.rejected) },
  { header: 'Duplicates', cell: (u) => formatCount(u.duplicates) },
  { header: 'Verified', cell: (u) => formatCount(u.verified) },
  { header: 'Probable duplicates', cell: (u) => formatCount(u.probableDuplicates) },
  {
    header: 'Why it waits',
    cell: (u) =>
      u.reviewReasons.length === 0 ? (
        '—'
      ) : (
        <List size="sm" spacing={2}>
          {u.reviewReasons.map((r) => (
            <List.Item key={r}>{reviewReasonLabel(r)}</List.Item>
          ))}
        </List>
      ),
  },
];

/** Completed uploads whose leads wait, unlisted, until an admin approves or rejects them. */
export function UploadReviewQueuePage() {
  const { data, error, refetch, fetchMore } = useQuery(UploadReviewQueueDocument, {
    variables: { first: PAGE_SIZE },
    ...FRESH_ON_OPEN,
  });
  const connection = data?.leadUploads;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Review queue</Title>
        <Text c="dimmed" size="sm">
          Uploads whose leads stay unlisted until you approve them. Open one to review its leads and decide.
        </Text>
      </div>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Uploads waiting for review"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle="No uploads are waiting for review."
          emptyDescription="Uploads of new partners and of partners below the quality gates appear here once their import completes."
        />
      )}
    </Stack>
  );
}
