import { money } from '@hotlead/domain';
import { formatCredits, formatUsd } from '@hotlead/ui';
import { Badge, Code, Group, Table, Text } from '@mantine/core';
import type { LedgerEntriesQuery } from '../../gql/graphql';

type Posting = LedgerEntriesQuery['ledgerEntries']['edges'][number]['node']['postings'][number];

/** A signed amount in its asset: "-$75.00" or "+1,000" credits. */
function formatAmount(asset: string, amount: string): string {
  const sign = money.compare(amount, '0') > 0 ? '+' : '';
  return asset === 'USD' ? `${sign}${formatUsd(amount)}` : `${sign}${formatCredits(amount)}`;
}

/** Sums per asset, exactly (bigint units, no floats), in the order the assets first appear. */
export function sumsByAsset(postings: readonly Posting[]): { asset: string; total: string }[] {
  const totals = new Map<string, string>();
  for (const p of postings) totals.set(p.asset, money.add(totals.get(p.asset) ?? '0', p.amount));
  return [...totals].map(([asset, total]) => ({ asset, total }));
}

/** An entry's postings, with a footer showing that each asset sums to zero. */
export function PostingsTable({ label, postings }: { label: string; postings: readonly Posting[] }) {
  const sums = sumsByAsset(postings);
  return (
    <Table aria-label={label} withTableBorder fz="sm">
      <Table.Thead>
        <Table.Tr>
          <Table.Th>Account</Table.Th>
          <Table.Th>Account kind</Table.Th>
          <Table.Th>Asset</Table.Th>
          <Table.Th ta="right">Amount</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {postings.map((p, i) => (
          <Table.Tr key={`${p.accountCode}-${i}`}>
            <Table.Td>
              <Code>{p.accountCode}</Code>
            </Table.Td>
            <Table.Td>{p.accountKind}</Table.Td>
            <Table.Td>{p.asset}</Table.Td>
            <Table.Td ta="right" c={money.compare(p.amount, '0') < 0 ? 'red' : undefined}>
              {formatAmount(p.asset, p.amount)}
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
      <Table.Tfoot>
        {sums.map(({ asset, total }) => {
          const balanced = money.compare(total, '0') === 0;
          return (
            <Table.Tr key={asset}>
              <Table.Th colSpan={3}>Sum of {asset}</Table.Th>
              <Table.Td ta="right">
                <Group gap="xs" justify="flex-end" wrap="nowrap">
                  <Text size="sm" fw={700}>
                    {asset === 'USD' ? formatUsd(total) : formatCredits(total)}
                  </Text>
                  <Badge size="sm" variant="light" color={balanced ? 'teal' : 'red'}>
                    {balanced ? 'Balanced' : 'Unbalanced'}
                  </Badge>
                </Group>
              </Table.Td>
            </Table.Tr>
          );
        })}
      </Table.Tfoot>
    </Table>
  );
}
