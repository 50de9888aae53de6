import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatDate, formatUsd, LoadMoreButton, notifyError, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Badge, Group, Paper, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { IconReceipt } from '@tabler/icons-react';
import { useState } from 'react';
import { PartnerEarningsDocument, type EarningStatus, type EarningType, type PartnerEarningsQuery } from '../../gql/graphql';
import { bonusLabel, EARNING_TYPE_LABELS, formatRate } from './labels';

type Earning = PartnerEarningsQuery['partnerEarnings']['edges'][number]['node'];
type TypeFilter = EarningType | 'ALL';
type StatusFilter = EarningStatus | 'ALL';

export const EARNINGS_PAGE_SIZE = 25;

const TYPE_FILTERS: { value: TypeFilter; label: string; none: string }[] = [
  { value: 'ALL', label: 'All', none: 'No earnings yet' },
  { value: 'LEAD_SALE', label: 'Lead sales', none: 'No lead-sale commissions yet' },
  { value: 'BONUS', label: 'Bonuses', none: 'No bonus earnings yet' },
  { value: 'PROGRAM', label: 'Program', none: 'No partner-program commissions yet' },
  { value: 'DATA_PACK', label: 'Data packs', none: 'No data-pack revenue share yet' },
];

const STATUS_FILTERS: { value: StatusFilter; label: string }[] = [
  { value: 'ALL', label: 'Any status' },
  { value: 'PENDING', label: 'In holdback' },
  { value: 'AVAILABLE', label: 'Available' },
  { value: 'PAID', label: 'Paid' },
  { value: 'REVERSED', label: 'Reversed' },
];

const numberFormat = new Intl.NumberFormat('en-US');

function EarningStatus({ earning }: { earning: Earning }) {
  switch (earning.status) {
    case 'PENDING':
      return (
        <Stack gap={2} align="flex-start">
          <Badge color="yellow" variant="light">
            Pending
          </Badge>
          <Text size="xs" c="dimmed">
            In holdback until {formatDate(earning.availableAt)}
          </Text>
        </Stack>
      );
    case 'AVAILABLE':
      return (
        <Badge color="teal" variant="light">
          Available
        </Badge>
      );
    case 'PAID':
      return (
        <Badge color="gray" variant="light">
          Paid
        </Badge>
      );
    case 'REVERSED':
      return (
        <Stack gap={2} align="flex-start">
          <Badge color="red" variant="light">
            Reversed
          </Badge>
          {earning.reversalReason && (
            <Text size="xs" c="red">
              {earning.reversalReason}
            </Text>
          )}
        </Stack>
      );
    default:
      return <Badge variant="light">{earning.status}</Badge>;
  }
}

function emptyCopy(type: TypeFilter, status: StatusFilter): { title: string; description: string } {
  if (status !== 'ALL') return { title: 'No earnings with this status', description: 'Choose “Any status” to see every earning.' };
  const title = TYPE_FILTERS.find((f) => f.value === type)?.none ?? 'No earnings yet';
  return type === 'ALL'
    ? { title, description: 'You earn a commission each time one of your leads sells. Upload leads to start earning.' }
    : { title, description: 'Choose “All” to see every earning.' };
}

/** Every earning (commission, bonus, program or data-pack share), newest first, filterable by type and status. */
export function EarningsSection({ partnerOrgId }: { partnerOrgId: string }) {
  const [type, setType] = useState<TypeFilter>('ALL');
  const [status, setStatus] = useState<StatusFilter>('ALL');
  const [loadingMore, setLoadingMore] = useState(false);
  const { data, error, refetch, fetchMore } = useQuery(PartnerEarningsDocument, {
    variables: { partnerOrgId, type: type === 'ALL' ? null : type, status: status === 'ALL' ? null : status, first: EARNINGS_PAGE_SIZE },
  });
  const connection = data?.partnerEarnings;
  const earnings = connection?.edges.map((e) => e.node);

  const loadMore = async () => {
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } });
    } catch (loadError) {
      notifyError(loadError, 'Could not load more earnings');
    } finally {
      setLoadingMore(false);
    }
  };

  let body;
  if (!earnings) {
    body = error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <TableSkeleton rows={6} />;
  } else if (earnings.length === 0) {
    const copy = emptyCopy(type, status);
    body = <EmptyPanel icon={<IconReceipt size={28} />} title={copy.title} description={copy.description} />;
  } else {
    body = (
      <Stack gap="sm">
        <Text size="sm" c="dimmed">
          {connection?.totalCountIsEstimate ? 'More than ' : ''}
          {numberFormat.format(connection?.totalCount ?? earnings.length)} {connection?.totalCount === 1 ? 'earning' : 'earnings'} · showing{' '}
          {earnings.length}
        </Text>
        <Table.ScrollContainer minWidth={960}>
          <Table aria-label="Earnings" striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Earned</Table.Th>
                <Table.Th>Description</Table.Th>
                <Table.Th ta="right">Sale amount</Table.Th>
                <Table.Th ta="right">Rate</Table.Th>
                <Table.Th>Bonuses</Table.Th>
                <Table.Th ta="right">Amount</Table.Th>
                <Table.Th>Status</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {earnings.map((earning) => (
                <Table.Tr key={earning.id}>
                  <Table.Td>{formatDate(earning.earnedAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{earning.description}</Text>
                    <Text size="xs" c="dimmed">
                      {EARNING_TYPE_LABELS[earning.type]}
                    </Text>
                  </Table.Td>
                  <Table.Td ta="right">{earning.saleAmount ? formatUsd(earning.saleAmount) : '—'}</Table.Td>
                  <Table.Td ta="right">{formatRate(earning.rate)}</Table.Td>
                  <Table.Td>
                    {earning.bonuses.length > 0 ? (
                      <Group gap={4}>
                        {earning.bonuses.map((bonus) => (
                          <Badge key={bonus} size="sm" color="violet" variant="light" tt="none">
                            {bonusLabel(bonus)}
                          </Badge>
                        ))}
                      </Group>
                    ) : (
                      '—'
                    )}
                  </Table.Td>
                  <Table.Td ta="right" fw={500} td={earning.status === 'REVERSED' ? 'line-through' : undefined}>
                    {formatUsd(earning.amount)}
                  </Table.Td>
                  <Table.Td>
                    <EarningStatus earning={earning} />
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
    <Paper aria-label="Earnings breakdown" component="section">
      <Stack gap="sm">
        <Group justify="space-between" align="center">
          <Title order={3} size="h4">
            Earnings
          </Title>
          <Group gap="sm">
            <SegmentedControl
              aria-label="Earning type"
              size="xs"
              value={type}
              onChange={(value) => setType(value as TypeFilter)}
              data={TYPE_FILTERS.map(({ value, label }) => ({ value, label }))}
            />
            <Select
              aria-label="Earning status"
              size="xs"
              w={140}
              allowDeselect={false}
              value={status}
              onChange={(value) => setStatus((value ?? 'ALL') as StatusFilter)}
              data={STATUS_FILTERS}
            />
          </Group>
        </Group>
        {body}
      </Stack>
    </Paper>
  );
}
