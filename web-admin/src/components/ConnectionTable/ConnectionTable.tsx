import { EmptyPanel, LoadMoreButton, TableSkeleton, useLoadMore } from '@hotlead/ui';
import { Stack, Table, Text } from '@mantine/core';
import type { ReactNode } from 'react';

export interface Column<TNode> {
  header: string;
  cell: (node: TNode) => ReactNode;
}

export interface ConnectionTableProps<TNode extends { id: string }> {
  label: string;
  columns: readonly Column<TNode>[];
  /** `undefined` while the first page loads. */
  nodes: readonly TNode[] | undefined;
  totalCount?: number;
  totalCountIsEstimate?: boolean;
  /** Put before an estimated total; "More than " (a lower bound) unless told. */
  estimatePrefix?: string;
  hasNextPage: boolean;
  onLoadMore: () => Promise<unknown>;
  emptyTitle: string;
  emptyDescription?: string;
}

const numberFormat = new Intl.NumberFormat();

/** One page of a Relay connection as a table, with its count and a "Load more" button. */
export function ConnectionTable<TNode extends { id: string }>({
  label,
  columns,
  nodes,
  totalCount,
  totalCountIsEstimate,
  estimatePrefix = 'More than ',
  hasNextPage,
  onLoadMore,
  emptyTitle,
  emptyDescription,
}: ConnectionTableProps<TNode>) {
  const { loading: loadingMore, loadMore } = useLoadMore(onLoadMore);

  if (!nodes) return <TableSkeleton rows={8} />;
  if (nodes.length === 0) return <EmptyPanel title={emptyTitle} description={emptyDescription} />;

  return (
    <Stack gap="sm">
      {totalCount !== undefined && (
        <Text size="sm" c="dimmed">
          {totalCountIsEstimate ? estimatePrefix : ''}
          {numberFormat.format(totalCount)} {totalCount === 1 ? 'result' : 'results'} · showing {nodes.length}
        </Text>
      )}
      <Table.ScrollContainer minWidth={720}>
        <Table aria-label={label} striped>
          <Table.Thead>
            <Table.Tr>
              {columns.map((column) => (
                <Table.Th key={column.header}>{column.header}</Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {nodes.map((node) => (
              <Table.Tr key={node.id}>
                {columns.map((column) => (
                  <Table.Td key={column.header}>{column.cell(node)}</Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMoreButton hasNextPage={hasNextPage} loading={loadingMore} onLoadMore={loadMore} />
    </Stack>
  );
}
