import { useQuery } from '@apollo/client/react';
import { formatUsd, QueryErrorAlert } from '@hotlead/ui';
import { Group, SegmentedControl, Select, Stack, Text, Title } from '@mantine/core';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { PartnerPicker } from '../../components/Supply/PartnerPicker';
import { LeadStatusBadge, VerificationBadge } from '../../components/Supply/SupplyBadges';
import { leadStatusLook, verificationLook } from '../../components/Supply/supplyWords';
import { InventoryLeadsDocument, type InventoryLeadsQuery } from '../../gql/graphql';
import { LEAD_STATUSES, parseLeadStatus, parseSoldFilter, parseVerificationStatus, VERIFICATION_STATUSES } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

type InventoryLead = InventoryLeadsQuery['inventoryLeads']['edges'][number]['node'];

const columns: Column<InventoryLead>[] = [
  {
    header: 'Name',
    cell: (l) => (
      <div>
        <Text size="sm">{`${l.firstName} ${l.lastName}`}</Text>
        {l.jobTitle && (
          <Text size="xs" c="dimmed">
            {l.jobTitle}
          </Text>
        )}
      </div>
    ),
  },
  { header: 'Email', cell: (l) => l.email ?? '—' },
  { header: 'Company', cell: (l) => l.companyName },
  { header: 'Country', cell: (l) => (l.city ? `${l.country} / ${l.city}` : l.country) },
  { header: 'Intent', cell: (l) => l.intentScore },
  { header: 'Freshness', cell: (l) => l.freshnessScore },
  { header: 'Verification', cell: (l) => <VerificationBadge status={l.verificationStatus} /> },
  { header: 'List price', cell: (l) => formatUsd(l.listPrice) },
  { header: 'Status', cell: (l) => <LeadStatusBadge status={l.status} /> },
  { header: 'Sold', cell: (l) => l.soldCount },
];

/** Every partner's inventory, newest first, by partner, status, verification and whether it sold. */
export function InventoryPage() {
  const [partner, setPartner] = useSearchParam('partner');
  const [statusParam, setStatus] = useSearchParam('status');
  const [verificationParam, setVerification] = useSearchParam('verification');
  const [soldParam, setSold] = useSearchParam('sold');
  const status = parseLeadStatus(statusParam);
  const verificationStatus = parseVerificationStatus(verificationParam);
  const sold = parseSoldFilter(soldParam);
  const { data, error, refetch, fetchMore } = useQuery(InventoryLeadsDocument, {
    variables: {
      first: PAGE_SIZE,
      partnerOrgId: partner || null,
      status,
      verificationStatus,
      sold: sold === null ? null : sold === 'sold',
    },
    ...FRESH_ON_OPEN,
  });
  const connection = data?.inventoryLeads;
  const filtered = Boolean(partner || status || verificationStatus || sold);

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Inventory</Title>
        <Text c="dimmed" size="sm">
          Leads from every partner, newest first, with their scores, verification and price.
        </Text>
      </div>
      <Group align="flex-end">
        <PartnerPicker value={partner || null} onChange={(id) => setPartner(id ?? '')} />
        <Select
          label="Status"
          placeholder="All statuses"
          clearable
          data={LEAD_STATUSES.map((s) => ({ value: s, label: leadStatusLook(s).label }))}
          value={status}
          onChange={(value) => setStatus(value ?? '')}
          w={200}
        />
        <Select
          label="Verification"
          placeholder="Any verification"
          clearable
          data={VERIFICATION_STATUSES.map((s) => ({ value: s, label: verificationLook(s).label }))}
          value={verificationStatus}
          onChange={(value) => setVerification(value ?? '')}
          w={200}
        />
        <SegmentedControl
          aria-label="Sold"
          value={sold ?? 'all'}
          onChange={(value) => setSold(value === 'all' ? '' : value)}
          data={[
            { value: 'all', label: 'All' },
            { value: 'sold', label: 'Sold' },
            { value: 'unsold', label: 'Unsold' },
          ]}
        />
      </Group>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <ConnectionTable
          label="Inventory leads"
          columns={columns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          estimatePrefix="About "
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={filtered ? 'No leads match these filters' : 'The inventory is empty'}
          emptyDescription={filtered ? undefined : 'Leads appear here as partners upload them.'}
        />
      )}
    </Stack>
  );
}
