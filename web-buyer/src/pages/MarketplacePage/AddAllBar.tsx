import { useApolloClient } from '@apollo/client/react';
import { notifyError, notifyFailure, notifySuccess } from '@hotlead/ui';
import { Button, Group, Paper, Progress, Stack, Text } from '@mantine/core';
import { IconShoppingCartPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useCartActions } from '../../cart/useCartActions';
import {
  MarketplaceLeadIdsDocument,
  type LeadSearchFilterInput,
  type MarketplaceLeadIdsQuery,
  type LeadSearchSort,
} from '../../gql/graphql';
import { formatCount } from '../../marketplace/format';

/** The most leads "Add all" puts in the cart at once (the cart's own limit). */
export const ADD_ALL_LIMIT = 10_000;
/** Ids per leadSearch page while collecting them. */
export const ID_PAGE_SIZE = 100;
/** Ids per cartAdd call. */
export const ADD_BATCH_SIZE = 1_000;

interface Progress {
  phase: 'collecting' | 'adding';
  done: number;
  total: number;
}

export interface AddAllBarProps {
  workspaceId: string;
  filter: LeadSearchFilterInput;
  sort: LeadSearchSort;
  totalCount: number;
  totalCountIsEstimate: boolean;
}

/** "Add all N matching to cart": pages through the search collecting ids, then adds them in batches. */
export function AddAllBar({ workspaceId, filter, sort, totalCount, totalCountIsEstimate }: AddAllBarProps) {
  const client = useApolloClient();
  const { add } = useCartActions(workspaceId);
  const [progress, setProgress] = useState<Progress | null>(null);
  const tooMany = totalCountIsEstimate || totalCount > ADD_ALL_LIMIT;

  const addAll = async () => {
    setProgress({ phase: 'collecting', done: 0, total: totalCount });
    try {
      const ids: string[] = [];
      let after: string | null = null;
      for (;;) {
        const { data }: { data?: MarketplaceLeadIdsQuery } = await client.query({
          query: MarketplaceLeadIdsDocument,
          variables: { workspaceId, filter, sort, first: ID_PAGE_SIZE, after },
          fetchPolicy: 'no-cache',
        });
        if (!data) throw new Error('No answer from the search');
        const leads: MarketplaceLeadIdsQuery['leadSearch']['leads'] = data.leadSearch.leads;
        ids.push(...leads.nodes.map((n) => n.id));
        if (ids.length > ADD_ALL_LIMIT) {
          notifyFailure(`More than ${formatCount(ADD_ALL_LIMIT)} leads match now. Narrow the filters and try again.`, 'Not added');
          return;
        }
        setProgress({ phase: 'collecting', done: ids.length, total: Math.max(totalCount, ids.length) });
        if (!leads.pageInfo.hasNextPage || !leads.pageInfo.endCursor) break;
        after = leads.pageInfo.endCursor;
      }
      for (let i = 0; i < ids.length; i += ADD_BATCH_SIZE) {
        setProgress({ phase: 'adding', done: i, total: ids.length });
        const { error } = await add(ids.slice(i, i + ADD_BATCH_SIZE));
        if (error) {
          notifyFailure(i > 0 ? `${error} ${formatCount(i)} leads were added before this.` : error, 'Not all leads were added');
          return;
        }
      }
      notifySuccess(`${formatCount(ids.length)} ${ids.length === 1 ? 'lead' : 'leads'} added to the cart.`, 'Added to cart');
    } catch (error) {
      notifyError(error, 'Leads not added');
    } finally {
      setProgress(null);
    }
  };

  if (totalCount === 0) return null;
  return (
    <Paper withBorder p="sm" aria-label="Add all matching">
      {progress ? (
        <Stack gap={6}>
          <Text size="sm">
            {progress.phase === 'collecting'
              ? `Finding the matching leads… ${formatCount(progress.done)} of ${formatCount(progress.total)}`
              : `Adding to the cart… ${formatCount(progress.done)} of ${formatCount(progress.total)}`}
          </Text>
          <Progress
            value={progress.total ? (progress.done / progress.total) * 100 : 0}
            animated
            aria-label="Add all progress"
            color={progress.phase === 'collecting' ? 'blue' : 'teal'}
          />
        </Stack>
      ) : (
        <Group justify="space-between">
          <Text size="sm" c={tooMany ? 'dimmed' : undefined}>
            {tooMany
              ? `Adding all matching leads works for up to ${formatCount(ADD_ALL_LIMIT)}. Narrow the filters to add them all at once.`
              : 'Add every lead of this search to the cart.'}
          </Text>
          <Button variant="light" leftSection={<IconShoppingCartPlus size={16} />} disabled={tooMany} onClick={() => void addAll()}>
            Add all {totalCountIsEstimate ? 'about ' : ''}
            {formatCount(totalCount)} matching to cart
          </Button>
        </Group>
      )}
    </Paper>
  );
}
