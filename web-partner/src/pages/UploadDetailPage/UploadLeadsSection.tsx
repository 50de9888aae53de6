import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatUsd, LoadMoreButton, notifyError, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconUsers } from '@tabler/icons-react';
import { useState } from 'react';
import { UploadLeadsDocument, type LeadUploadStatus } from '../../gql/graphql';
import { formatCount, isImportActive } from '../../supply/labels';
import { LeadStatusBadge, VerificationBadge } from '../../supply/UploadBadges';
import { FRESH_ON_OPEN } from '../fetchPolicies';

export const LEADS_PAGE_SIZE = 25;

function emptyCopy(status: LeadUploadStatus): { title: string; description: string } {
  if (isImportActive(status)) return { title: 'No leads yet', description: 'Leads appear here as the import adds them.' };
  if (status === 'FAILED' || status === 'CANCELED')
    return { title: 'No leads', description: 'This import ended without keeping any leads.' };
  return { title: 'No leads from this upload', description: 'None of its rows became a lead; download the rejected rows to see why.' };
}

/** The leads this upload added, newest first, with their scores, verification and list price. */
export function UploadLeadsSection({ uploadId, status }: { uploadId: string; status: LeadUploadStatus }) {
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, error, refetch, fetchMore } = useQuery(UploadLeadsDocument, {
    variables: { uploadId, first: LEADS_PAGE_SIZE },
    ...FRESH_ON_OPEN,
  });
  const connection = data?.inventoryLeads;
  const leads = connection?.edges.map((e) => e.node);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } });
    } catch (loadError) {
      notifyError(loadError, 'Could not load more leads');
    } finally {
      setLoadingMore(false);
    }
  };

  let body;
  if (!leads) {
    body = error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <TableSkeleton rows={5} />;
  } else if (leads.length === 0) {
    body = <EmptyPanel icon={<IconUsers size={28} />} {...emptyCopy(status)} />;
  } else {
    body = (
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {connection?.totalCountIsEstimate ? 'More than ' : ''}
          {formatCount(connection?.totalCount ?? leads.length)} {connection?.totalCount === 1 ? 'lead' : 'leads'} · showing {leads.length}
        </Text>
        <Table.ScrollContainer minWidth={980}>
          <Table aria-label="Leads of this upload" striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Name</Table.Th>
                <Table.Th>Email</Table.Th>
                <Table.Th>Company</Table.Th>
                <Table.Th ta="right">Intent</Table.Th>
                <Table.Th ta="right">Freshness</Table.Th>
                <Table.Th>Verification</Table.Th>
                <Table.Th ta="right">List price</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {leads.map((lead) => (
                <Table.Tr key={lead.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {`${lead.firstName} ${lead.lastName}`.trim()}
                    </Text>
                    {lead.jobTitle && (
                      <Text size="xs" c="dimmed">
                        {lead.jobTitle}
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{lead.email ?? '—'}</Table.Td>
                  <Table.Td>{lead.companyName}</Table.Td>
                  <Table.Td ta="right">{lead.intentScore}</Table.Td>
                  <Table.Td ta="right">{lead.freshnessScore}</Table.Td>
                  <Table.Td>
                    <VerificationBadge status={lead.verificationStatus} />
                  </Table.Td>
                  <Table.Td ta="right">{formatUsd(lead.listPrice)}</Table.Td>
                  <Table.Td>
                    <LeadStatusBadge status={lead.status} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
        <LoadMoreButton hasNextPage={connection?.pageInfo.hasNextPage ?? false} loading={loadingMore} onLoadMore={() => void loadMore()} />
      </Stack>
    );
  }

  return (
    <Paper component="section" aria-label="Leads">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Leads
        </Title>
        {body}
      </Stack>
    </Paper>
  );
}
