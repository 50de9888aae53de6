import { useQuery } from '@apollo/client/react';
import { formatDateTime, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, Group, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { PartnerPicker } from '../../components/Supply/PartnerPicker';
import { ReviewStatusBadge, UploadStatusBadge } from '../../components/Supply/SupplyBadges';
import { formatCount, formatDuration, uploadStatusLook } from '../../components/Supply/supplyWords';
import { AdminLeadUploadsDocument, type AdminLeadUploadsQuery } from '../../gql/graphql';
import { LEAD_UPLOAD_STATUSES, parseLeadUploadStatus, urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type Upload = AdminLeadUploadsQuery['leadUploads']['edges'][number]['node'];

const columns: Column<Upload>[] = [
  {
    header: 'File',
    cell: (u) => (
      <Anchor component={Link} to={urls.supplyUpload(u.id)} size="sm">
        {u.fileName}
      </Anchor>
    ),
  },
  { header: 'Partner', cell: (u) => u.partnerOrg.name },
  {
    header: 'Status',
    cell: (u) => (
      <Group gap={4} wrap="nowrap">
        <UploadStatusBadge status={u.status} />
        {(u.reviewStatus === 'PENDING' || u.reviewStatus === 'REJECTED') && <ReviewStatusBadge status={u.reviewStatus} />}
      </Group>
    ),
  },
  { header: 'Rows read', cell: (u) => formatCount(u.rowsRead) },
  { header: 'Accepted', cell: (u) => formatCount(u.accepted) },
  { header: 'Rejected', cell: (u) => formatCount(u.rejected) },
  { header: 'Duplicates', cell: (u) => formatCount(u.duplicates) },
  { header: 'Duration', cell: (u) => formatDuration(u.durationMs) },
  { header: 'Attempts', cell: (u) => u.attempts },
  {
    header: 'Error',
    cell: (u) =>
      u.error ? (
        <Tooltip label={u.error} multiline w={320}>
          <Text size="sm" c="red" lineClamp={2} maw={260}>
            {u.error}
          </Text>
        </Tooltip>
      ) : (
        '—'
      ),
  },
  { header: 'Uploaded', cell: (u) => formatDateTime(u.createdAt) },
];

/** Every partner's uploads as import jobs, newest first: status, counts, how long they ran, failures. */
export function UploadsPage() {
  const [statusParam, setStatus] = useSearchParam('status');
  const [partner, setPartner] = useSearchParam('partner');
  const status = parseLeadUploadStatus(statusParam);
  const { data, error, refetch, fetchMore } = useQuery(AdminLeadUploadsDocument, {
    variables: { first: PAGE_SIZE, status, partnerOrgId: partner || null },
    ...FRESH_ON_OPEN,
  });
  const connection = data?.leadUploads;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Uploads</Title>
        <Text c="dimmed" size="sm">
          Every partner&apos;s CSV uploads and their imports, newest first.
        </Text>
      </div>
      <Group align="flex-end">
        <PartnerPicker value={partner || null} onChange={(id) => setPartner(id ?? '')} />
        <SegmentedControl
          aria-label="Upload status"
          value={status ?? 'ALL'}
          onChange={(value) => setStatus(value === 'ALL' ? '' : value)}
          data={[{ value: 'ALL', label: 'All' }, ...LEAD_UPLOAD_STATUSES.map((s) => ({ value: s, label: uploadStatusLook(s).label }))]}
        />
      </Group>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Uploads"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={status || partner ? 'No uploads match these filters' : 'No uploads yet'}
          emptyDescription={status || partner ? undefined : 'Uploads appear here as soon as a partner sends a CSV.'}
        />
      )}
    </Stack>
  );
}
