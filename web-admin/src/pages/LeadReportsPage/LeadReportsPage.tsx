import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatDateTime, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Button, Group, SegmentedControl, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconCheck, IconX } from '@tabler/icons-react';
import { useState } from 'react';
import { LookBadge, ReportStatusBadge } from '../../components/Marketplace/MarketplaceBadges';
import { formatAge, reportKindLabel, reportStatusLook, verdictLook } from '../../components/Marketplace/marketplaceWords';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { AdminLeadReportsDocument, type AdminLeadReportFieldsFragment, type LeadReportDecision } from '../../gql/graphql';
import { LEAD_REPORT_STATUSES, parseLeadReportStatus } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { leadName } from './leadName';
import { ResolveReportModal } from './ResolveReportModal';

const EMPTY_TITLES = {
  OPEN: 'No bad-lead reports to review.',
  REFUNDED: 'No reports were refunded.',
  REJECTED: 'No reports were rejected.',
} as const;

function Verdict({ verdict }: { verdict: string | null }) {
  const look = verdictLook(verdict);
  return look ? <LookBadge look={look} /> : <Text size="sm">Not checked</Text>;
}

function Decision({ report, onDecide }: { report: AdminLeadReportFieldsFragment; onDecide: (decision: LeadReportDecision) => void }) {
  if (report.status === 'OPEN') {
    return (
      <Group gap="xs" wrap="nowrap">
        <Button size="xs" leftSection={<IconCheck size={14} />} onClick={() => onDecide('REFUND')}>
          Refund
        </Button>
        <Button size="xs" color="red" variant="light" leftSection={<IconX size={14} />} onClick={() => onDecide('REJECT')}>
          Reject
        </Button>
      </Group>
    );
  }
  return (
    <Stack gap={2} align="flex-start">
      <ReportStatusBadge status={report.status} />
      {report.resolution && (
        <Text size="xs" maw={280}>
          {report.resolution}
        </Text>
      )}
      <Text size="xs" c="dimmed">
        {formatDateTime(report.resolvedAt)}
      </Text>
    </Stack>
  );
}

/** Buyers' reports on bought leads: refund (credits back, commission reversed) or reject, with a note the buyer reads. */
export function LeadReportsPage() {
  const [statusParam, setStatus] = useSearchParam('status');
  const status = parseLeadReportStatus(statusParam) ?? 'OPEN';
  const { data, error, refetch } = useQuery(AdminLeadReportsDocument, { variables: { status }, ...FRESH_ON_OPEN });
  const [target, setTarget] = useState<{ report: AdminLeadReportFieldsFragment; decision: LeadReportDecision } | null>(null);
  // A report decided here leaves this status even before the list is fetched again.
  const reports = data?.adminLeadReports.filter((r) => r.status === status);
  const now = new Date();

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Bad-lead reports</Title>
        <Text c="dimmed" size="sm">
          Leads buyers say are wrong, oldest first. Bounces within 30 days are refunded automatically once verification confirms them; the
          rest wait for you.
        </Text>
      </div>
      <SegmentedControl
        aria-label="Report status"
        w="fit-content"
        value={status}
        onChange={(value) => setStatus(value === 'OPEN' ? '' : value)}
        data={LEAD_REPORT_STATUSES.map((s) => ({ value: s, label: s === 'OPEN' ? 'To review' : reportStatusLook(s).label }))}
      />
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !reports ? (
        <TableSkeleton rows={6} />
      ) : reports.length === 0 ? (
        <EmptyPanel
          title={EMPTY_TITLES[status]}
          description={status === 'OPEN' ? 'Reports that need a decision appear here when buyers flag a lead.' : undefined}
        />
      ) : (
        <Table.ScrollContainer minWidth={900}>
          <Table aria-label="Bad-lead reports" striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Lead</Table.Th>
                <Table.Th>Problem</Table.Th>
                <Table.Th>Buyer&apos;s note</Table.Th>
                <Table.Th>Verification</Table.Th>
                <Table.Th>Age</Table.Th>
                <Table.Th>{status === 'OPEN' ? 'Decision' : 'Outcome'}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {reports.map((report) => (
                <Table.Tr key={report.id}>
                  <Table.Td>
                    <Text size="sm" fw={500}>
                      {leadName(report.lead)}
                    </Text>
                    <Text size="xs">{report.lead?.email ?? 'No email'}</Text>
                    <Text size="xs" c="dimmed">
                      {report.lead?.companyName ?? '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>{reportKindLabel(report.kind)}</Table.Td>
                  <Table.Td>
                    <Text size="sm" maw={320} style={{ whiteSpace: 'pre-wrap' }}>
                      {report.note || '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Verdict verdict={report.verification} />
                  </Table.Td>
                  <Table.Td>
                    <Tooltip label={`Reported ${formatDateTime(report.createdAt)}`}>
                      <Text size="sm" span>
                        {formatAge(report.createdAt, now)}
                      </Text>
                    </Tooltip>
                  </Table.Td>
                  <Table.Td>
                    <Decision report={report} onDecide={(decision) => setTarget({ report, decision })} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
      <ResolveReportModal target={target} onClose={() => setTarget(null)} />
    </Stack>
  );
}
