import { useQuery } from '@apollo/client/react';
import { formatCents, formatCredits, formatDateTime, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, SegmentedControl, Stack, Text, Title, Tooltip } from '@mantine/core';
import { Link } from 'react-router';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { ExportStatusBadge, PurchaseStatusBadge } from '../../components/Marketplace/MarketplaceBadges';
import { purchaseStatusLook } from '../../components/Marketplace/marketplaceWords';
import { formatCount } from '../../components/Supply/supplyWords';
import { AdminLeadPurchasesDocument, type AdminLeadPurchasesQuery } from '../../gql/graphql';
import { LEAD_PURCHASE_STATUSES, parseLeadPurchaseStatus, urls } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type Purchase = AdminLeadPurchasesQuery['adminLeadPurchases']['edges'][number]['node'];

const columns: Column<Purchase>[] = [
  {
    header: 'Created',
    cell: (p) => (
      <Anchor component={Link} to={urls.marketplacePurchase(p.id)} size="sm">
        {formatDateTime(p.createdAt)}
      </Anchor>
    ),
  },
  { header: 'Workspace', cell: (p) => p.workspaceName },
  { header: 'Buyer', cell: (p) => p.buyerEmail ?? '—' },
  { header: 'Leads', cell: (p) => formatCount(p.leadCount) },
  {
    header: 'Credits',
    cell: (p) => (
      <div>
        <Text size="sm">{formatCredits(p.credits)}</Text>
        {p.cardAmountCents != null && (
          <Text size="xs" c="dimmed">
            + {formatCents(p.cardAmountCents)} by card
          </Text>
        )}
      </div>
    ),
  },
  {
    header: 'Status',
    cell: (p) => (
      <Stack gap={2} align="flex-start">
        <PurchaseStatusBadge status={p.status} />
        {p.failureReason && (
          <Tooltip label={p.failureReason} multiline w={320}>
            <Text size="xs" c="red" lineClamp={2} maw={240}>
              {p.failureReason}
            </Text>
          </Tooltip>
        )}
      </Stack>
    ),
  },
  {
    header: 'Export',
    cell: (p) =>
      p.status === 'COMPLETED' ? (
        <Stack gap={2} align="flex-start">
          <ExportStatusBadge status={p.exportStatus} />
          {p.exportRows != null && (
            <Text size="xs" c="dimmed">
              {formatCount(p.exportRows)} {p.exportRows === 1 ? 'row' : 'rows'}
            </Text>
          )}
        </Stack>
      ) : (
        '—'
      ),
  },
  { header: 'Refunded credits', cell: (p) => (Number(p.refundedCredits) > 0 ? formatCredits(p.refundedCredits) : '—') },
];

/** Every workspace's lead purchases, newest first: who bought what, how it was paid, its export and refunds. */
export function LeadPurchasesPage() {
  const [statusParam, setStatus] = useSearchParam('status');
  const status = parseLeadPurchaseStatus(statusParam);
  const { data, error, refetch, fetchMore } = useQuery(AdminLeadPurchasesDocument, {
    variables: { first: PAGE_SIZE, status },
    ...FRESH_ON_OPEN,
  });
  const connection = data?.adminLeadPurchases;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Purchases</Title>
        <Text c="dimmed" size="sm">
          Every workspace&apos;s lead purchases, newest first. Credits come from the wallet; a card pays the rest of a partial payment.
        </Text>
      </div>
      <SegmentedControl
        aria-label="Purchase status"
        w="fit-content"
        value={status ?? 'ALL'}
        onChange={(value) => setStatus(value === 'ALL' ? '' : value)}
        data={[{ value: 'ALL', label: 'All' }, ...LEAD_PURCHASE_STATUSES.map((s) => ({ value: s, label: purchaseStatusLook(s).label }))]}
      />
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Lead purchases"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={status ? 'No purchases with this status' : 'No purchases yet'}
          emptyDescription={status ? undefined : 'Purchases appear here as soon as a buyer checks out leads.'}
        />
      )}
    </Stack>
  );
}
