import { useQuery } from '@apollo/client/react';
import { formatCredits, formatUsd, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Group, Loader, Paper, SegmentedControl, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMemo } from 'react';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { FinanceSummaryDocument, type FinanceSummaryQuery } from '../../gql/graphql';
import { parsePeriod, periodRange, PERIODS } from './period';
import { FRESH_ON_OPEN } from '../fetchPolicies';

type Summary = FinanceSummaryQuery['financeSummary'];

interface Stat {
  label: string;
  value: (s: Summary) => string;
  description: string;
}

// Figures of the period first, then balances as they are now (whatever the period).
const periodStats: Stat[] = [
  { label: 'Gross revenue', value: (s) => formatUsd(s.grossRevenue), description: 'Credit package and card sales' },
  { label: 'Refunds', value: (s) => formatUsd(s.refunds), description: 'Refunds and chargebacks' },
  { label: 'Net revenue', value: (s) => formatUsd(s.netRevenue), description: 'Gross revenue − refunds − commissions' },
  { label: 'Commissions', value: (s) => formatUsd(s.commissions), description: 'Partner commissions and bonuses, net of reversals' },
  { label: 'Credits sold', value: (s) => formatCredits(s.creditsSold), description: 'In credit packages, net of reversals' },
];

const balanceStats: Stat[] = [
  { label: 'Credits outstanding', value: (s) => formatCredits(s.creditsOutstanding), description: 'In all buyer wallets' },
  { label: 'Partner earnings in holdback', value: (s) => formatUsd(s.pendingHoldback), description: 'Not payable yet' },
  { label: 'Available to partners', value: (s) => formatUsd(s.availableToPartners), description: 'Payable now (pending payouts)' },
  { label: 'Payouts in transit', value: (s) => formatUsd(s.payoutsInTransit), description: 'Sent, not yet confirmed' },
  { label: 'Paid out', value: (s) => formatUsd(s.paidOut), description: 'To partners, all time' },
];

function StatGrid({ title, stats, summary }: { title: string; stats: Stat[]; summary: Summary }) {
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 5 }}>
        {stats.map((stat) => (
          <Paper key={stat.label} withBorder p="md" role="group" aria-label={stat.label}>
            <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
              {stat.label}
            </Text>
            <Text fz="xl" fw={700} mt={4}>
              {stat.value(summary)}
            </Text>
            <Text size="xs" c="dimmed" mt={4}>
              {stat.description}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** Revenue, credits, commissions and payouts from the ledger, for a chosen period. */
export function FinanceDashboardPage() {
  const [periodParam, setPeriodParam] = useSearchParam('period');
  const [fromParam, setFromParam] = useSearchParam('from');
  const [toParam, setToParam] = useSearchParam('to');
  const period = parsePeriod(periodParam);
  const range = useMemo(() => periodRange(period, { from: fromParam, to: toParam }), [period, fromParam, toParam]);

  const { data, previousData, loading, error, refetch } = useQuery(FinanceSummaryDocument, {
    variables: range ?? { from: null, to: null },
    skip: range === null,
    ...FRESH_ON_OPEN,
  });
  const summary = (data ?? previousData)?.financeSummary;

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <Title order={2}>Finance</Title>
        {loading && summary && <Loader size="sm" aria-label="Refreshing" />}
      </Group>
      <Group align="flex-end">
        <SegmentedControl
          aria-label="Period"
          value={period}
          onChange={(value) => setPeriodParam(value === 'all' ? '' : value)}
          data={PERIODS.map((p) => ({ value: p.value, label: p.label }))}
        />
        {period === 'custom' && (
          <>
            <TextInput type="date" label="From" value={fromParam} onChange={(e) => setFromParam(e.currentTarget.value)} />
            <TextInput
              type="date"
              label="To"
              value={toParam}
              onChange={(e) => setToParam(e.currentTarget.value)}
              error={range === null && fromParam && toParam ? 'The end is before the start' : undefined}
            />
          </>
        )}
      </Group>
      {range === null ? (
        <Text c="dimmed">Choose the first and last day of the period.</Text>
      ) : error && !summary ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !summary ? (
        <PageSkeleton />
      ) : (
        <>
          <StatGrid title="In the period" stats={periodStats} summary={summary} />
          <StatGrid title="Balances now" stats={balanceStats} summary={summary} />
        </>
      )}
    </Stack>
  );
}
