import { CombinedGraphQLErrors } from '@apollo/client/errors';
import { useQuery } from '@apollo/client/react';
import { errorCode, errorMessage } from '@hotlead/graphql-client';
import { EmptyPanel, LoadMoreButton, notifyError, notifyFailure, QueryErrorAlert } from '@hotlead/ui';
import { Alert, Button, Grid, Group, Select, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconBookmarkPlus, IconSearchOff, IconShoppingCart } from '@tabler/icons-react';
import { useCallback, useMemo, useRef, useState } from 'react';
import { Link, useParams, useSearchParams } from 'react-router';
import { useCartActions } from '../../cart/useCartActions';
import { CartDocument, MarketplaceIndustriesDocument, MarketplaceSearchDocument, type LeadSearchSort } from '../../gql/graphql';
import { formatCount, leadName } from '../../marketplace/format';
import {
  describeSearch,
  leadSearchFilter,
  marketplaceSearchString,
  parseMarketplaceSearch,
  SORT_OPTIONS,
  updateSearch,
  type MarketplaceSearch,
} from '../../marketplace/search';
import { urls } from '../../urls';
import { AddAllBar } from './AddAllBar';
import { FilterSidebar } from './FilterSidebar';
import { LeadCard, type MarketplaceLead } from './LeadCard';
import { SaveSegmentModal } from './SaveSegmentModal';
import { useSentinel } from './useSentinel';

/** Leads per page of results. */
export const MARKETPLACE_PAGE_SIZE = 24;

/** The server's own words for a refused filter (BAD_USER_INPUT names the field). */
function filterErrorMessage(error: unknown): string {
  if (CombinedGraphQLErrors.is(error)) {
    const first = error.errors[0];
    const serverMessage = first?.extensions?.['serverMessage'];
    return typeof serverMessage === 'string' ? serverMessage : (first?.message ?? errorMessage(error));
  }
  return errorMessage(error);
}

/**
 * The buyer's marketplace: filters (kept in the URL) on the left, matching leads with masked
 * contact details on the right, paged by infinite scroll, each addable to the cart.
 */
export function MarketplacePage() {
  const { workspaceId = '' } = useParams();
  const [searchParams, setSearchParams] = useSearchParams();
  const search = useMemo(() => parseMarketplaceSearch(searchParams), [searchParams]);
  const filter = useMemo(() => leadSearchFilter(search), [search]);

  const { data, previousData, error, loading, fetchMore, refetch } = useQuery(MarketplaceSearchDocument, {
    variables: { workspaceId, filter, sort: search.sort, first: MARKETPLACE_PAGE_SIZE },
  });
  const { data: industriesData } = useQuery(MarketplaceIndustriesDocument);
  const { data: cartData } = useQuery(CartDocument, { variables: { workspaceId } });
  const { add } = useCartActions(workspaceId);
  const [addingId, setAddingId] = useState<string | null>(null);
  const [loadingMore, setLoadingMore] = useState(false);
  const [savingSegment, setSavingSegment] = useState(false);
  const loadingMoreRef = useRef(false);

  const changeSearch = useCallback(
    (change: Partial<MarketplaceSearch>) =>
      setSearchParams((previous) => new URLSearchParams(marketplaceSearchString(updateSearch(parseMarketplaceSearch(previous), change))), {
        replace: true,
      }),
    [setSearchParams],
  );
  const clearFilters = useCallback(
    () =>
      setSearchParams((previous) => new URLSearchParams(marketplaceSearchString({ sort: parseMarketplaceSearch(previous).sort })), {
        replace: true,
      }),
    [setSearchParams],
  );

  const leads = data?.leadSearch.leads;
  // The facets of the previous search stay while the next one loads, so the sidebar does not jump.
  const facets = (data ?? previousData)?.leadSearch.facets;
  const inCart = useMemo(() => new Set(cartData?.cart.lines.map((l) => l.lead.id)), [cartData]);
  const hasNextPage = leads?.pageInfo.hasNextPage ?? false;
  const endCursor = leads?.pageInfo.endCursor ?? null;

  const loadMore = useCallback(async () => {
    if (loadingMoreRef.current || !hasNextPage || !endCursor) return;
    loadingMoreRef.current = true;
    setLoadingMore(true);
    try {
      await fetchMore({
        variables: { after: endCursor },
        // leadSearch is not a connection field, so its pages are joined here.
        updateQuery: (previous, { fetchMoreResult }) => ({
          ...previous,
          leadSearch: {
            ...previous.leadSearch,
            leads: {
              ...previous.leadSearch.leads,
              pageInfo: fetchMoreResult.leadSearch.leads.pageInfo,
              edges: [...previous.leadSearch.leads.edges, ...fetchMoreResult.leadSearch.leads.edges],
            },
          },
        }),
      });
    } catch (e) {
      notifyError(e, 'Could not load more leads');
    } finally {
      loadingMoreRef.current = false;
      setLoadingMore(false);
    }
  }, [fetchMore, hasNextPage, endCursor]);

  const count = leads?.edges.length ?? 0;
  const sentinel = useSentinel<HTMLDivElement>(() => void loadMore(), hasNextPage && !loadingMore, count);

  const addLead = async (lead: MarketplaceLead, exclusive: boolean) => {
    setAddingId(lead.id);
    try {
      const { error: refused } = await add([lead.id], exclusive);
      if (refused) notifyFailure(refused, `${leadName(lead)} was not added`);
    } catch (e) {
      notifyError(e, `${leadName(lead)} was not added`);
    } finally {
      setAddingId(null);
    }
  };

  const cartCount = cartData?.cart.lines.length ?? 0;
  const industryNames = useMemo(() => new Map(industriesData?.industries.map((i) => [i.id, i.name])), [industriesData]);

  return (
    <Stack gap="lg">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>Marketplace</Title>
          <Text c="dimmed" size="sm">
            Contact details are masked until you buy a lead.
          </Text>
        </div>
        <Group gap="sm">
          <Button variant="default" leftSection={<IconBookmarkPlus size={16} />} onClick={() => setSavingSegment(true)}>
            Save as segment
          </Button>
          <Button component={Link} to={urls.cart(workspaceId)} variant="light" leftSection={<IconShoppingCart size={16} />}>
            Cart{cartCount > 0 ? ` (${formatCount(cartCount)})` : ''}
          </Button>
        </Group>
      </Group>
      <SaveSegmentModal
        opened={savingSegment}
        onClose={() => setSavingSegment(false)}
        workspaceId={workspaceId}
        filter={filter}
        summary={describeSearch(search, industryNames)}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, md: 4, lg: 3 }}>
          <FilterSidebar
            search={search}
            onChange={changeSearch}
            onClear={clearFilters}
            facets={facets}
            industries={industriesData?.industries ?? []}
          />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 8, lg: 9 }}>
          <Stack gap="md">
            <Group justify="space-between" align="flex-end">
              <Text fw={600} data-testid="result-count" aria-live="polite">
                {leads
                  ? `${leads.totalCountIsEstimate ? 'about ' : ''}${formatCount(leads.totalCount)} ${leads.totalCount === 1 ? 'lead' : 'leads'}`
                  : loading
                    ? 'Searching…'
                    : ''}
              </Text>
              <Select
                label="Sort by"
                data={SORT_OPTIONS}
                value={search.sort}
                allowDeselect={false}
                onChange={(value) => value && changeSearch({ sort: value as LeadSearchSort })}
                w={200}
              />
            </Group>

            {error && !leads ? (
              errorCode(error) === 'BAD_USER_INPUT' ? (
                <Alert color="red" icon={<IconAlertTriangle size={18} />} title="Check the filters" role="alert">
                  {filterErrorMessage(error)}
                </Alert>
              ) : (
                <QueryErrorAlert error={error} onRetry={() => void refetch()} />
              )
            ) : !leads ? (
              <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} aria-busy="true">
                {Array.from({ length: 6 }, (_, i) => (
                  <Skeleton key={i} h={260} radius="md" />
                ))}
              </SimpleGrid>
            ) : leads.edges.length === 0 ? (
              <EmptyPanel
                title="No leads match these filters."
                description="Clear some filters to see more."
                icon={<IconSearchOff size={28} />}
                action={
                  <Button variant="light" onClick={clearFilters}>
                    Clear filters
                  </Button>
                }
              />
            ) : (
              <>
                <AddAllBar
                  workspaceId={workspaceId}
                  filter={filter}
                  sort={search.sort}
                  totalCount={leads.totalCount}
                  totalCountIsEstimate={leads.totalCountIsEstimate}
                />
                <SimpleGrid cols={{ base: 1, sm: 2, xl: 3 }} aria-label="Leads">
                  {leads.edges.map(({ node }) => (
                    <LeadCard
                      key={node.id}
                      lead={node}
                      inCart={inCart.has(node.id)}
                      adding={addingId === node.id}
                      onAdd={(exclusive) => void addLead(node, exclusive)}
                    />
                  ))}
                </SimpleGrid>
                <div ref={sentinel} aria-hidden="true" />
                <LoadMoreButton hasNextPage={hasNextPage} loading={loadingMore} onLoadMore={() => void loadMore()} />
              </>
            )}
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
