import type { WatchQueryFetchPolicy } from '@apollo/client';

/**
 * Fresh figures each time a page opens (cache first, then the network), then the cache: when the
 * variables come from the URL, a network policy that stays on after a change makes the previous and
 * the new variables refetch each other without end (router transitions render the old URL in between).
 */
export const FRESH_ON_OPEN = {
  fetchPolicy: 'cache-and-network' as WatchQueryFetchPolicy,
  nextFetchPolicy: (): WatchQueryFetchPolicy => 'cache-first',
};
