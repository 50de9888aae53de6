import { mockOperation, mockOperationError, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  CartAddDocument,
  MarketplaceLeadIdsDocument,
  MarketplaceSearchDocument,
  type CartAddMutationVariables,
  type MarketplaceLeadIdsQueryVariables,
  type MarketplaceSearchQueryVariables,
} from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildCart, buildCartLine, buildLead, marketplaceHandlers, mockCart, searchResult, type CartFixture } from '../../test/marketplace';
import { MARKETPLACE_PAGE_SIZE } from './MarketplacePage';

const route = '/workspaces/ws-1/marketplace';
const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });
const grace = buildLead({
  id: 'lead-2',
  firstName: 'Grace',
  lastName: 'H',
  jobTitle: 'Director of IT',
  companyName: 'Globex',
  hasPhone: false,
  phonePreview: null,
  listPrice: '8.0000',
});

describe('MarketplacePage', () => {
  it('shows the matching leads as masked preview cards, with the facet counts', async () => {
    const { user } = renderConsole(route, [
      ...signedIn(),
      ...marketplaceHandlers(searchResult([buildLead(), grace], { totalCount: 1290 })),
    ]);

    const ada = await screen.findByRole('article', { name: 'Ada L.' });
    for (const text of ['VP Engineering', 'Acme Corp', 'Software', 'Austin, TX, US', 'a***@acme.com', '+1 ***-***-4567', 'Trade show']) {
      expect(ada).toHaveTextContent(text);
    }
    expect(within(ada).getByTestId('lead-price')).toHaveTextContent('$12.50');
    expect(ada).toHaveTextContent('125 credits');
    expect(within(ada).getByLabelText('Intent 82')).toBeInTheDocument();
    const globex = screen.getByRole('article', { name: 'Grace H.' });
    expect(globex).toHaveTextContent('No phone');
    expect(globex).toHaveTextContent('80 credits');
    expect(screen.getByTestId('result-count')).toHaveTextContent('1,290 leads');

    const filters = screen.getByRole('complementary', { name: 'Filters' });
    expect(within(filters).getByRole('checkbox', { name: 'US (1,200)' })).not.toBeChecked();
    expect(within(filters).getByRole('checkbox', { name: 'DE (90)' })).toBeInTheDocument();
    expect(within(filters).getByRole('checkbox', { name: '51–200 (400)' })).toBeInTheDocument();
    expect(within(filters).getByRole('checkbox', { name: 'VP (210)' })).toBeInTheDocument();
    expect(within(filters).getByRole('switch', { name: 'Has phone (800)' })).not.toBeChecked();
    expect(within(filters).getByRole('switch', { name: 'Has LinkedIn (950)' })).toBeInTheDocument();
    expect(within(filters).getByRole('switch', { name: 'Email verified (1,000)' })).toBeInTheDocument();
    // No state or city before a country is chosen.
    expect(within(filters).queryByRole('checkbox', { name: 'TX (300)' })).not.toBeInTheDocument();

    await user.click(within(filters).getByRole('combobox', { name: 'Industry' }));
    expect(await screen.findByRole('option', { name: 'Software (1,234)' })).toBeInTheDocument();
    expect(screen.getByRole('option', { name: 'Healthcare (56)' })).toBeInTheDocument();
  });

  it('puts a filter change in the URL and searches with it', async () => {
    const searches: MarketplaceSearchQueryVariables[] = [];
    const { user, router } = renderConsole(route, [
      ...signedIn(),
      ...marketplaceHandlers((variables) => {
        searches.push(variables);
        return searchResult([buildLead()]);
      }),
    ]);

    await user.click(await screen.findByRole('checkbox', { name: 'US (1,200)' }));

    await waitFor(() => expect(router.state.location.search).toBe('?country=US'));
    await waitFor(() =>
      expect(searches.at(-1)).toEqual({
        workspaceId: 'ws-1',
        filter: { countries: ['US'] },
        sort: 'INTENT_DESC',
        first: MARKETPLACE_PAGE_SIZE,
      }),
    );
    // A country opens the states, a state the cities.
    await user.click(await screen.findByRole('checkbox', { name: 'TX (300)' }));
    await waitFor(() => expect(router.state.location.search).toBe('?country=US&state=TX'));
    expect(await screen.findByRole('checkbox', { name: 'Austin (120)' })).toBeInTheDocument();

    await user.click(screen.getByRole('switch', { name: 'Has phone (800)' }));
    await waitFor(() => expect(searches.at(-1)?.filter).toEqual({ countries: ['US'], states: ['TX'], hasPhone: true }));

    await user.click(screen.getByRole('combobox', { name: 'Sort by' }));
    await user.click(await screen.findByRole('option', { name: 'Price low → high' }));
    await waitFor(() => expect(router.state.location.search).toBe('?country=US&state=TX&phone=1&sort=PRICE_ASC'));
    await waitFor(() => expect(searches.at(-1)?.sort).toBe('PRICE_ASC'));

    await user.click(screen.getByRole('button', { name: 'Clear filters' }));
    await waitFor(() => expect(router.state.location.search).toBe('?sort=PRICE_ASC'));
    await waitFor(() => expect(searches.at(-1)?.filter).toEqual({}));
  });

  it('starts from the filters in the URL', async () => {
    const searches: MarketplaceSearchQueryVariables[] = [];
    renderConsole(
      `${route}?industry=ind-software&size=S_51_200&intentMin=40&age=30&priceMax=20&verified=1&catchAll=1&company=acme&sort=NEWEST`,
      [
        ...signedIn(),
        ...marketplaceHandlers((variables) => {
          searches.push(variables);
          return searchResult([buildLead()]);
        }),
      ],
    );

    expect(await screen.findByRole('article', { name: 'Ada L.' })).toBeInTheDocument();
    expect(searches[0]).toEqual({
      workspaceId: 'ws-1',
      filter: {
        industryIds: ['ind-software'],
        companySizes: ['S_51_200'],
        intentMin: 40,
        maxAgeDays: 30,
        priceMax: '20',
        emailVerified: true,
        includeCatchAll: true,
        companyName: 'acme',
      },
      sort: 'NEWEST',
      first: MARKETPLACE_PAGE_SIZE,
    });
    expect(screen.getByRole('checkbox', { name: '51–200 (400)' })).toBeChecked();
    expect(screen.getByRole('switch', { name: 'Include catch-all (150)' })).toBeChecked();
    expect(screen.getByRole('textbox', { name: 'Company name' })).toHaveValue('acme');
  });

  it('adds a lead to the cart, or exclusively, and shows it in the cart', async () => {
    let cart: CartFixture = buildCart();
    const adds: CartAddMutationVariables[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockCart(() => cart),
      mockOperation(CartAddDocument, (variables) => {
        adds.push(variables);
        const ids = Array.isArray(variables.leadIds) ? variables.leadIds : [variables.leadIds];
        cart = buildCart([...cart.lines, ...ids.map((id) => buildCartLine({ id: String(id) }, { exclusive: variables.exclusive }))]);
        return { cartAdd: { cart, userErrors: [] } };
      }),
      ...marketplaceHandlers(searchResult([buildLead(), grace, buildLead({ id: 'lead-3', firstName: 'Linus', purchased: true })])),
    ]);

    const ada = await screen.findByRole('article', { name: 'Ada L.' });
    await user.click(within(ada).getByRole('button', { name: 'Add to cart' }));
    await waitFor(() => expect(adds).toEqual([{ workspaceId: 'ws-1', leadIds: ['lead-1'], exclusive: false }]));
    expect(await within(ada).findByRole('button', { name: 'In cart' })).toBeDisabled();
    expect(screen.getByRole('link', { name: 'Cart (1)' })).toHaveAttribute('href', '/workspaces/ws-1/cart');

    const globex = screen.getByRole('article', { name: 'Grace H.' });
    await user.click(within(globex).getByRole('button', { name: 'More ways to add Grace H.' }));
    await user.click(await screen.findByRole('menuitem', { name: /Exclusive \(×5\): \$40\.00/ }));
    await waitFor(() => expect(adds[1]).toEqual({ workspaceId: 'ws-1', leadIds: ['lead-2'], exclusive: true }));
    expect(await within(globex).findByRole('button', { name: 'In cart' })).toBeInTheDocument();

    const bought = screen.getByRole('article', { name: 'Linus L.' });
    expect(bought).toHaveTextContent('Purchased');
    expect(within(bought).queryByRole('button', { name: 'Add to cart' })).not.toBeInTheDocument();
  });

  it('shows a cart refusal', async () => {
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockOperation(CartAddDocument, {
        cartAdd: { cart: null, userErrors: [{ code: 'CART_FULL', message: 'Your cart holds at most 10,000 leads.', field: null }] },
      }),
      ...marketplaceHandlers(),
    ]);
    const ada = await screen.findByRole('article', { name: 'Ada L.' });
    await user.click(within(ada).getByRole('button', { name: 'Add to cart' }));
    expect(await screen.findByText('Your cart holds at most 10,000 leads.')).toBeInTheDocument();
    expect(within(ada).getByRole('button', { name: 'Add to cart' })).toBeEnabled();
  });

  it('loads the next page with "Load more"', async () => {
    const { user } = renderConsole(route, [
      ...signedIn(),
      ...marketplaceHandlers((variables) =>
        variables.after === 'cursor-lead-1'
          ? searchResult([grace], { totalCount: 2 })
          : searchResult([buildLead()], { totalCount: 2, hasNextPage: true }),
      ),
    ]);

    expect(await screen.findByRole('article', { name: 'Ada L.' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('article', { name: 'Grace H.' })).toBeInTheDocument();
    expect(screen.getByRole('article', { name: 'Ada L.' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });

  it('adds every matching lead to the cart, a page of ids at a time', async () => {
    const idPages: MarketplaceLeadIdsQueryVariables[] = [];
    const adds: CartAddMutationVariables[] = [];
    const ids = Array.from({ length: 150 }, (_, i) => `lead-${i + 1}`);
    const { user } = renderConsole(route, [
      ...signedIn(),
      ...marketplaceHandlers(searchResult([buildLead()], { totalCount: 150, hasNextPage: true })),
      mockOperation(MarketplaceLeadIdsDocument, (variables) => {
        idPages.push(variables);
        const page = variables.after ? ids.slice(100) : ids.slice(0, 100);
        return {
          leadSearch: {
            __typename: 'LeadSearchResult',
            leads: {
              __typename: 'MarketplaceLeadConnection',
              totalCount: 150,
              totalCountIsEstimate: false,
              pageInfo: { __typename: 'PageInfo', hasNextPage: !variables.after, endCursor: variables.after ? null : 'cursor-100' },
              nodes: page.map((id) => ({ __typename: 'MarketplaceLead', id })),
            },
          },
        };
      }),
      mockOperation(CartAddDocument, (variables) => {
        adds.push(variables);
        return { cartAdd: { cart: buildCart(), userErrors: [] } };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Add all 150 matching to cart' }));

    expect(await screen.findByText('150 leads added to the cart.')).toBeInTheDocument();
    expect(idPages.map((v) => [v.first, v.after ?? null])).toEqual([
      [100, null],
      [100, 'cursor-100'],
    ]);
    expect(adds).toEqual([{ workspaceId: 'ws-1', leadIds: ids, exclusive: false }]);
  });

  it('refuses to add all above 10,000 and says "about" for an estimate', async () => {
    renderConsole(route, [
      ...signedIn(),
      ...marketplaceHandlers(searchResult([buildLead()], { totalCount: 25000, totalCountIsEstimate: true, hasNextPage: true })),
    ]);
    expect(await screen.findByTestId('result-count')).toHaveTextContent('about 25,000 leads');
    expect(screen.getByRole('button', { name: /Add all about 25,000 matching to cart/ })).toBeDisabled();
    expect(screen.getByText(/works for up to 10,000/)).toBeInTheDocument();
  });

  it('shows the empty state', async () => {
    renderConsole(route, [...signedIn(), ...marketplaceHandlers(searchResult([], { totalCount: 0 }))]);
    expect(await screen.findByText('No leads match these filters.')).toBeInTheDocument();
    expect(screen.getByText('Clear some filters to see more.')).toBeInTheDocument();
  });

  it('shows a filter the server refused', async () => {
    renderConsole(`${route}?priceMin=50&priceMax=10`, [
      ...signedIn(),
      mockOperationError(MarketplaceSearchDocument, 'BAD_USER_INPUT', '"priceMin" is above "priceMax".'),
      ...marketplaceHandlers(),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Check the filters');
    expect(alert).toHaveTextContent('"priceMin" is above "priceMax".');
  });
});
