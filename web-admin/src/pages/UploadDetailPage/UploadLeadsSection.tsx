import { useQuery } from '@apollo/client/react';
import { formatUsd, QueryErrorAlert } from '@hotlead/ui';
import { Stack, Title } from '@mantine/core';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { LeadStatusBadge, VerificationBadge } from '../../components/Supply/SupplyBadges';
import { UploadDetailLeadsDocument, type UploadDetailLeadsQuery } from '../../gql/graphql';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type UploadLead = UploadDetailLeadsQuery['inventoryLeads']['edges'][number]['node'];

const columns: Column<UploadLead>[] = [
  { header: 'Row', cell: (l) => l.uploadRow ?? '—' },
  { header: 'Name', cell: (l) => `${l.firstName} ${l.lastName}` },
  { header: 'Email', cell: (l) => l.email ?? '—' },
  { header: 'Company', cell: (l) => l.companyName },
  { header: 'Intent', cell: (l) => l.intentScore },
  { header: 'Freshness', cell: (l) => l.freshnessScore },
  { header: 'Verification', cell: (l) => <VerificationBadge status={l.verificationStatus} /> },
  { header: 'List price', cell: (l) => formatUsd(l.listPrice) },
  { header: 'Status', cell: (l) => <LeadStatusBadge status={l.status} /> },
  { header: 'Sold', cell: (l) => l.soldCount },
];

/** The leads an upload added, newest first, with their scores, verification and price. */
export function UploadLeadsSection({ uploadId }: { uploadId: string }) {
  const { data, error, refetch, fetchMore } = useQuery(UploadDetailLeadsDocument, {
    variables: { uploadId, first: PAGE_SIZE },
    ...FRESH_ON_OPEN,
  });
  const connection = data?.inventoryLeads;

  return (
    <Stack gap="xs" component="section" aria-labelledby="upload-leads-title">
      <Title order={3} size="h4" id="upload-leads-title">
        Leads from this upload
      </Title>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Leads from this upload"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          estimatePrefix="About "
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle="No leads from this upload"
          emptyDescription="Failed, canceled and rejected imports keep no leads; a running import adds them as it goes."
        />
      )}
    </Stack>
  );
}
