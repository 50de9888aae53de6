import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatDateTime, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Badge, Paper, Stack, Table, Text } from '@mantine/core';
import { IconFlag } from '@tabler/icons-react';
import { LeadReportsDocument } from '../../gql/graphql';
import { fullName, REPORT_KIND_LABELS, REPORT_STATUS } from '../../purchases/labels';

/** The workspace's bad-lead reports: what was reported, where it stands, the verifier's verdict and the decision. */
export function ReportsSection({ workspaceId }: { workspaceId: string }) {
  const { data, error, refetch } = useQuery(LeadReportsDocument, { variables: { workspaceId }, fetchPolicy: 'cache-and-network' });
  const reports = data?.leadReports;

  return (
    <Paper>
      {!reports ? (
        error ? (
          <QueryErrorAlert error={error} onRetry={() => void refetch()} />
        ) : (
          <TableSkeleton rows={3} />
        )
      ) : reports.length === 0 ? (
        <EmptyPanel
          title="No reports"
          description="Report a bad lead from its purchase's details; bounces within 30 days are refunded automatically."
          icon={<IconFlag size={28} />}
        />
      ) : (
        <Table.ScrollContainer minWidth={800}>
          <Table aria-label="Lead reports" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Reported</Table.Th>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Problem</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Verification</Table.Th>
                <Table.Th>Resolution</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reports.map((r) => {
                const status = REPORT_STATUS[r.status];
                return (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(r.createdAt)}</Text>
                    </Table.Td>
                    <Table.Td>
                      {r.lead ? (
                        <Stack gap={0}>
                          <Text size="sm" fw={600}>
                            {fullName(r.lead)}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {[r.lead.email, r.lead.companyName].filter(Boolean).join(' · ')}
                          </Text>
                        </Stack>
                      ) : (
                        <Text size="sm" c="dimmed">
                          Removed lead
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm">{REPORT_KIND_LABELS[r.kind]}</Text>
                        {r.note && (
                          <Text size="xs" c="dimmed">
                            {r.note}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                    <Table.Td>
                      <Badge size="sm" variant="light" color={status.color}>
                        {status.label}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{r.verification ?? '—'}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Stack gap={0}>
                        <Text size="sm">{r.resolution ?? (r.status === 'OPEN' ? 'Waiting for review' : '—')}</Text>
                        {r.resolvedAt && (
                          <Text size="xs" c="dimmed">
                            {formatDateTime(r.resolvedAt)}
                          </Text>
                        )}
                      </Stack>
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
