import { useApolloClient, useQuery } from '@apollo/client/react';
import {
  EmptyPanel,
  formatCredits,
  formatDate,
  formatDateTime,
  formatUsd,
  LoadMoreButton,
  PageSkeleton,
  QueryErrorAlert,
  useLoadMore,
} from '@hotlead/ui';
import { Badge, Button, Grid, Group, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconArrowLeft, IconFlag } from '@tabler/icons-react';
import { useState, type ReactNode } from 'react';
import { Link, useParams } from 'react-router';
import {
  LeadPurchaseDetailDocument,
  LeadPurchaseDocument,
  type LeadPurchaseDetailQuery,
  type LeadPurchaseFieldsFragment,
  type LeadReportStatus,
} from '../../gql/graphql';
import { formatCount } from '../../marketplace/format';
import { EXPORT_MODE_LABELS, fullName, isPositive } from '../../purchases/labels';
import { canRefreshExport, DownloadCsv, FreshExportButton, PurchaseStatusCell } from '../../purchases/PurchaseParts';
import { isSettling, usePurchaseCompleted, usePurchasePolling } from '../../purchases/usePurchaseUpdates';
import { urls } from '../../urls';
import { ReportLeadModal } from './ReportLeadModal';

/** Leads per page of a purchase's detail. */
export const PURCHASE_ITEMS_PAGE_SIZE = 50;

type Item = LeadPurchaseDetailQuery['leadPurchase']['items']['edges'][number]['node'];

/** One purchase: its summary and CSV, then its leads (revealed), 50 at a time, each with "Report a problem". */
export function PurchaseDetailPage() {
  const { workspaceId = '', purchaseId = '' } = useParams();
  const client = useApolloClient();
  const { data, error, refetch, fetchMore } = useQuery(LeadPurchaseDetailDocument, {
    variables: { id: purchaseId, first: PURCHASE_ITEMS_PAGE_SIZE },
  });
  const [reporting, setReporting] = useState<{ id: string; name: string } | null>(null);
  // Reports sent from this page, until the items are fetched again.
  const [reported, setReported] = useState<Record<string, LeadReportStatus>>({});
  usePurchaseCompleted(workspaceId);
  const purchase = data?.leadPurchase;
  usePurchasePolling(purchaseId, purchase ? isSettling(purchase) : false);
  const { loading: loadingMore, loadMore } = useLoadMore(() =>
    fetchMore({ variables: { after: purchase?.items.pageInfo.endCursor ?? null } }),
  );

  if (!purchase) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const items = purchase.items;

  return (
    <Stack gap="lg" maw={1200}>
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Purchase of {formatDateTime(purchase.completedAt ?? purchase.createdAt)}</Title>
          <Text c="dimmed" size="sm">
            {formatCount(purchase.leadCount)} {purchase.leadCount === 1 ? 'lead' : 'leads'} · {EXPORT_MODE_LABELS[purchase.exportMode]}
          </Text>
        </div>
        <Button component={Link} to={urls.purchases(workspaceId)} variant="subtle" leftSection={<IconArrowLeft size={16} />}>
          All purchases
        </Button>
      </Group>
      <PurchaseSummary purchase={purchase} />
      <Paper>
        <Stack gap="sm">
          <Title order={3} size="h4">
            Leads
          </Title>
          {items.edges.length === 0 ? (
            <EmptyPanel title="No leads" description="This purchase holds no leads." />
          ) : (
            <>
              <Text size="sm" c="dimmed">
                {items.totalCountIsEstimate ? 'More than ' : ''}
                {formatCount(items.totalCount)} {items.totalCount === 1 ? 'lead' : 'leads'} · showing {items.edges.length}
              </Text>
              <Table.ScrollContainer minWidth={900}>
                <Table aria-label="Purchased leads" striped>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>Name</Table.Th>
                      <Table.Th>Email</Table.Th>
                      <Table.Th>Phone</Table.Th>
                      <Table.Th>Company</Table.Th>
                      <Table.Th ta="right">Price</Table.Th>
                      <Table.Th>Status</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {items.edges.map(({ node: item }) => (
                      <ItemRow
                        key={item.lead.id}
                        item={item}
                        reportStatus={reported[item.lead.id] ?? item.reportStatus ?? null}
                        canReport={purchase.status === 'COMPLETED'}
                        onReport={() => setReporting({ id: item.lead.id, name: fullName(item.lead) })}
                      />
                    ))}
                  </Table.Tbody>
                </Table>
              </Table.ScrollContainer>
              <LoadMoreButton hasNextPage={items.pageInfo.hasNextPage} loading={loadingMore} onLoadMore={loadMore} />
            </>
          )}
        </Stack>
      </Paper>
      <ReportLeadModal
        lead={reporting}
        purchaseId={purchase.id}
        onClose={() => setReporting(null)}
        onReported={(report) => {
          const leadId = report.lead?.id ?? reporting?.id;
          if (leadId) setReported((current) => ({ ...current, [leadId]: report.status }));
          // Refunded at once (a verified bounce): the purchase's refunded credits changed.
          if (report.status === 'REFUNDED') {
            void client
              .query({ query: LeadPurchaseDocument, variables: { id: purchase.id }, fetchPolicy: 'network-only' })
              .catch(() => undefined);
          }
        }}
      />
    </Stack>
  );
}

function SummaryItem({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Stack gap={2}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      {typeof children === 'string' ? <Text size="sm">{children}</Text> : children}
    </Stack>
  );
}

function PurchaseSummary({ purchase }: { purchase: LeadPurchaseFieldsFragment }) {
  return (
    <Paper aria-label="Purchase summary" component="section">
      <Grid>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <SummaryItem label="Status">
            <PurchaseStatusCell purchase={purchase} />
          </SummaryItem>
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <SummaryItem label="Total">{`${formatUsd(purchase.totalUsd)} · ${formatCredits(purchase.credits)} credits`}</SummaryItem>
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <SummaryItem label="Refunded">
            {isPositive(purchase.refundedCredits) ? `${formatCredits(purchase.refundedCredits)} credits` : 'None'}
          </SummaryItem>
        </Grid.Col>
        <Grid.Col span={{ base: 6, md: 3 }}>
          <SummaryItem label="CSV">
            <Stack gap={4} align="flex-start">
              <DownloadCsv purchase={purchase} />
              {purchase.exportStatus === 'READY' && purchase.exportRows != null && (
                <Text size="xs" c="dimmed">
                  {formatCount(purchase.exportRows)} rows · made {formatDate(purchase.exportedAt)} · free until{' '}
                  {formatDate(purchase.downloadableUntil)}
                </Text>
              )}
              {canRefreshExport(purchase) && <FreshExportButton purchase={purchase} />}
            </Stack>
          </SummaryItem>
        </Grid.Col>
      </Grid>
    </Paper>
  );
}

const REPORT_BADGES: Record<LeadReportStatus, { label: string; color: string }> = {
  OPEN: { label: 'Reported', color: 'yellow' },
  REFUNDED: { label: 'Refunded', color: 'teal' },
  REJECTED: { label: 'Report rejected', color: 'gray' },
};

function ItemRow({
  item,
  reportStatus,
  canReport,
  onReport,
}: {
  item: Item;
  reportStatus: LeadReportStatus | null;
  canReport: boolean;
  onReport: () => void;
}) {
  const { lead } = item;
  const name = fullName(lead);
  const refunded = item.refundedAt != null;
  const report = reportStatus ? REPORT_BADGES[reportStatus] : null;
  return (
    <Table.Tr>
      <Table.Td>
        <Stack gap={0}>
          <Group gap={6}>
            <Text size="sm" fw={600}>
              {name}
            </Text>
            {item.exclusive && (
              <Badge size="xs" color="grape">
                Exclusive
              </Badge>
            )}
          </Group>
          {lead.jobTitle && (
            <Text size="xs" c="dimmed">
              {lead.jobTitle}
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{lead.email ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{lead.phone ?? '—'}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{lead.companyName}</Text>
      </Table.Td>
      <Table.Td ta="right">
        <Stack gap={0}>
          <Text size="sm">{formatUsd(item.priceUsd)}</Text>
          <Text size="xs" c="dimmed">
            {formatCredits(item.credits)} credits
          </Text>
        </Stack>
      </Table.Td>
      <Table.Td>
        <Stack gap={2} align="flex-start">
          {refunded && (
            <Badge size="sm" variant="light" color="teal">
              Refunded
            </Badge>
          )}
          {refunded && item.refundReason && (
            <Text size="xs" c="dimmed">
              {item.refundReason}
            </Text>
          )}
          {report && !(refunded && reportStatus === 'REFUNDED') && (
            <Badge size="sm" variant="light" color={report.color}>
              {report.label}
            </Badge>
          )}
          {!refunded && !report && (
            <Text size="xs" c="dimmed">
              —
            </Text>
          )}
        </Stack>
      </Table.Td>
      <Table.Td ta="right">
        {canReport && !refunded && !report && (
          <Button
            size="compact-xs"
            variant="subtle"
            color="red"
            leftSection={<IconFlag size={14} />}
            onClick={onReport}
            aria-label={`Report a problem with ${name}`}
          >
            Report a problem
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}
