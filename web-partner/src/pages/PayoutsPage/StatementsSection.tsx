import { useApolloClient } from '@apollo/client/react';
import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { errorCode, errorMessage } from '@hotlead/graphql-client';
import { downloadFile } from '@hotlead/ui';
import { Alert, Button, Group, Paper, SegmentedControl, Select, SimpleGrid, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconDownload } from '@tabler/icons-react';
import { useState } from 'react';
import { PartnerStatementDocument, type StatementFormat } from '../../gql/graphql';

type Mode = 'month' | 'range';

const DAY_MS = 86_400_000;
const MONTHS_OFFERED = 24;
const monthLabel = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });

/** "2026-03" for the UTC month of `date`. */
function monthKey(date: Date): string {
  return date.toISOString().slice(0, 7);
}

/** This month and the ones before it, newest first. */
function monthOptions(now: Date): { value: string; label: string }[] {
  return Array.from({ length: MONTHS_OFFERED }, (_, i) => {
    const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    return { value: monthKey(start), label: monthLabel.format(start) };
  });
}

/** The statement's [from, to) in UTC, or why it cannot be asked for. */
function period(mode: Mode, month: string, fromDay: string, toDay: string): { from: string; to: string } | { problem: string } {
  if (mode === 'month') {
    const [year, monthNumber] = month.split('-').map(Number);
    if (!year || !monthNumber) return { problem: 'Choose a month.' };
    return {
      from: new Date(Date.UTC(year, monthNumber - 1, 1)).toISOString(),
      to: new Date(Date.UTC(year, monthNumber, 1)).toISOString(),
    };
  }
  const from = Date.parse(`${fromDay}T00:00:00.000Z`);
  const to = Date.parse(`${toDay}T00:00:00.000Z`);
  if (Number.isNaN(from) || Number.isNaN(to)) return { problem: 'Choose the first and the last day of the statement.' };
  if (to < from) return { problem: 'The last day is before the first day.' };
  // The last day is included: the statement runs to the start of the next day.
  return { from: new Date(from).toISOString(), to: new Date(to + DAY_MS).toISOString() };
}

/** The server's own words for a refused statement (e.g. the range is too long); the friendly text otherwise. */
function statementErrorMessage(error: unknown): string {
  if (errorCode(error) === 'BAD_USER_INPUT' && CombinedGraphQLErrors.is(error)) {
    const serverMessage = error.errors[0]?.extensions?.['serverMessage'];
    if (typeof serverMessage === 'string') return serverMessage;
  }
  return errorMessage(error);
}

/** Earnings and payouts of a month or a date range, as a CSV or JSON file. */
export function StatementsSection({ partnerOrgId }: { partnerOrgId: string }) {
  const client = useApolloClient();
  const [now] = useState(() => new Date());
  const [mode, setMode] = useState<Mode>('month');
  const [month, setMonth] = useState(() => monthKey(now));
  const [fromDay, setFromDay] = useState('');
  const [toDay, setToDay] = useState('');
  const [downloading, setDownloading] = useState<StatementFormat | null>(null);
  const [problem, setProblem] = useState<string | null>(null);

  const download = async (format: StatementFormat) => {
    setProblem(null);
    const range = period(mode, month, fromDay, toDay);
    if ('problem' in range) {
      setProblem(range.problem);
      return;
    }
    setDownloading(format);
    try {
      const { data } = await client.query({
        query: PartnerStatementDocument,
        variables: { partnerOrgId, from: range.from, to: range.to, format },
        // Files are not kept in the cache.
        fetchPolicy: 'no-cache',
      });
      if (data) downloadFile(data.partnerStatement);
    } catch (error) {
      setProblem(statementErrorMessage(error));
    } finally {
      setDownloading(null);
    }
  };

  return (
    <Paper aria-label="Statements" component="section">
      <Stack gap="sm">
        <Title order={3} size="h4">
          Statements
        </Title>
        <Text size="sm" c="dimmed">
          Earnings and payouts of a month or of up to a year of days, with totals. Dates are in UTC.
        </Text>
        <SegmentedControl
          aria-label="Statement period"
          w="fit-content"
          value={mode}
          onChange={(value) => {
            setMode(value as Mode);
            setProblem(null);
          }}
          data={[
            { value: 'month', label: 'Month' },
            { value: 'range', label: 'Date range' },
          ]}
        />
        {mode === 'month' ? (
          <Select
            label="Month"
            maw={280}
            data={monthOptions(now)}
            value={month}
            onChange={(value) => value && setMonth(value)}
            allowDeselect={false}
          />
        ) : (
          <SimpleGrid cols={{ base: 1, xs: 2 }} maw={480}>
            <TextInput type="date" label="First day" value={fromDay} onChange={(e) => setFromDay(e.currentTarget.value)} />
            <TextInput type="date" label="Last day" value={toDay} onChange={(e) => setToDay(e.currentTarget.value)} />
          </SimpleGrid>
        )}
        {problem && (
          <Alert color="red" title="Could not create the statement" role="alert">
            {problem}
          </Alert>
        )}
        <Group gap="sm">
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={downloading === 'CSV'}
            disabled={downloading !== null && downloading !== 'CSV'}
            onClick={() => void download('CSV')}
          >
            Download CSV
          </Button>
          <Button
            variant="default"
            leftSection={<IconDownload size={16} />}
            loading={downloading === 'JSON'}
            disabled={downloading !== null && downloading !== 'JSON'}
            onClick={() => void download('JSON')}
          >
            Download JSON
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
