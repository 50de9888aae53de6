import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatCents, formatCredits, formatDateTime, formatUsd, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Alert, Button, Group, List, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { ExportStatusBadge, PurchaseStatusBadge, ReportStatusBadge } from '../../components/Marketplace/MarketplaceBadges';
import { Fact } from '../../components/Supply/Fact';
import { formatCount } from '../../components/Supply/supplyWords';
import { AdminLeadPurchaseDetailDocument, type AdminLeadPurchaseDetailQuery, type LeadExportMode } from '../../gql/graphql';
import { urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { describeFilters } from './purchaseFilters';

/** Leads per page of a purchase's detail. */
export const PURCHASE_ITEMS_PAGE_SIZE = 50;

type Purchase = NonNullable<AdminLeadPurchaseDetailQuery['adminLeadPurchase']>;
/** An item has no id of its own: its lead's id names its row. */
type ItemRow = Purchase['items']['edges'][number]['node'] & { id: string };

const EXPORT_MODES: Record<LeadExportMode, string> = {
  VALID_ONLY: 'Valid emails only',
  VALID_AND_CATCH_ALL: 'Valid + catch-all',
};

function exportModeLabel(mode: LeadExportMode): string {
  return EXPORT_MODES[mode] ?? mode;
}

const itemColumns: Column<ItemRow>[] = [
  {
    header: 'Name',
    cell: (item) => (
      <div>
        <Text size="sm">
          {item.lead.firstName} {item.lead.lastName}
        </Text>
        {item.lead.jobTitle && (
          <Text size="xs" c="dimmed">
            {item.lead.jobTitle}
          </Text>
        )}
      </div>
    ),
  },
  { header: 'Email', cell: (item) => item.lead.email ?? '—' },
  { header: 'Phone', cell: (item) => item.lead.phone ?? '—' },
  { header: 'Company', cell: (item) => `${item.lead.companyName} (${item.lead.country})` },
  { header: 'Price', cell: (item) => formatUsd(item.priceUsd) },
  { header: 'Exclusive', cell: (item) => (item.exclusive ? 'Yes' : 'No') },
  {
    header: 'Refund',
    cell: (item) =>
      item.refundedAt ? (
        <div>
          <Text size="sm">Refunded {formatDateTime(item.refundedAt)}</Text>
          <Text size="xs" c="dimmed">
            {item.refundReason || 'No reason recorded.'}
          </Text>
        </div>
      ) : (
        '—'
      ),
  },
  { header: 'Report', cell: (item) => (item.reportStatus ? <ReportStatusBadge status={item.reportStatus} /> : '—') },
];

function PurchaseSummary({ purchase }: { purchase: Purchase }) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="purchase-summary-title">
      <Stack gap="md">
        <Title order={3} size="h4" id="purchase-summary-title">
          Summary
        </Title>
        <SimpleGrid cols={{ base: 2, sm: 4 }}>
          <Fact label="Leads">{formatCount(purchase.leadCount)}</Fact>
          <Fact label="Total">{formatUsd(purchase.totalUsd)}</Fact>
          <Fact label="Credits">
            {formatCredits(purchase.credits)}
            {purchase.cardAmountCents != null && (
              <Text size="xs" c="dimmed">
                + {formatCents(purchase.cardAmountCents)} by card
              </Text>
            )}
          </Fact>
          <Fact label="Reserved credits">{formatCredits(purchase.reservedCredits)}</Fact>
          <Fact label="Refunded credits">{formatCredits(purchase.refundedCredits)}</Fact>
          <Fact label="Export mode">{exportModeLabel(purchase.exportMode)}</Fact>
          <Fact label="Export status">{purchase.status === 'COMPLETED' ? <ExportStatusBadge status={purchase.exportStatus} /> : '—'}</Fact>
          <Fact label="Export rows">{purchase.exportRows == null ? '—' : formatCount(purchase.exportRows)}</Fact>
          <Fact label="Exported">{formatDateTime(purchase.exportedAt)}</Fact>
          <Fact label="Created">{formatDateTime(purchase.createdAt)}</Fact>
          <Fact label="Completed">{formatDateTime(purchase.completedAt)}</Fact>
          <Fact label="Downloadable until">{formatDateTime(purchase.downloadableUntil)}</Fact>
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}

function PurchaseFilters({ filters }: { filters: unknown }) {
  const lines = describeFilters(filters);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="purchase-filters-title">
      <Stack gap="sm">
        <Title order={3} size="h4" id="purchase-filters-title">
          Filters used
        </Title>
        {lines.length === 0 ? (
          <Text size="sm" c="dimmed">
            None
          </Text>
        ) : (
          <List size="sm" listStyleType="none" spacing={4}>
            {lines.map((line) => (
              <List.Item key={line.label}>
                <Text span size="sm" c="dimmed">
                  {line.label}:
                </Text>{' '}
                {line.value}
              </List.Item>
            ))}
          </List>
        )}
      </Stack>
    </Paper>
  );
}

/** One lead purchase, for an admin: who bought, how it was paid, its export, the filters used and its leads. */
export function LeadPurchaseDetailPage() {
  const { purchaseId = '' } = useParams();
  const { data, error, refetch, fetchMore } = useQuery(AdminLeadPurchaseDetailDocument, {
    variables: { id: purchaseId, first: PURCHASE_ITEMS_PAGE_SIZE },
    ...FRESH_ON_OPEN,
  });

  const back = (
    <Button component={Link} to={urls.marketplacePurchases()} variant="subtle" leftSection={<IconArrowLeft size={16} />} w="fit-content">
      All purchases
    </Button>
  );

  if (!data) {
    return (
      <Stack>
        {back}
        {error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />}
      </Stack>
    );
  }
  const purchase = data.adminLeadPurchase;
  if (!purchase) {
    return (
      <Stack>
        {back}
        <EmptyPanel title="No such purchase" description="Check the link, or find the purchase in the list." />
      </Stack>
    );
  }
  const items = purchase.items;

  return (
    <Stack gap="md">
      {back}
      <div>
        <Group gap="sm">
          <Title order={2}>{purchase.workspaceName}</Title>
          <PurchaseStatusBadge status={purchase.status} />
        </Group>
        <Text c="dimmed" size="sm">
          {purchase.buyerEmail ? `Bought by ${purchase.buyerEmail}` : 'Buyer no longer on record'} on {formatDateTime(purchase.createdAt)}
        </Text>
      </div>
      {purchase.failureReason && (
        <Alert color="red" title="The purchase failed" role="alert">
          {purchase.failureReason}
        </Alert>
      )}
      <PurchaseSummary purchase={purchase} />
      <PurchaseFilters filters={purchase.filters} />
      <Stack gap="sm" component="section" aria-labelledby="purchase-leads-title">
        <Title order={3} size="h4" id="purchase-leads-title">
          Leads
        </Title>
        <ConnectionTable
          label="Purchased leads"
          columns={itemColumns}
          nodes={items.edges.map((e) => ({ ...e.node, id: e.node.lead.id }))}
          totalCount={items.totalCount}
          totalCountIsEstimate={items.totalCountIsEstimate}
          hasNextPage={items.pageInfo.hasNextPage}
          onLoadMore={() => fetchMore({ variables: { after: items.pageInfo.endCursor ?? null } })}
          emptyTitle="No leads"
          emptyDescription="This purchase holds no leads."
        />
      </Stack>
    </Stack>
  );
}
