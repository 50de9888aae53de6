import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { HttpResponse, graphql } from 'msw';
import { describe, expect, it } from 'vitest';
import {
  CartRemoveDocument,
  LeadsPurchaseDocument,
  type CartRemoveMutationVariables,
  type LeadsPurchaseMutationVariables,
} from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildCart, buildCartLine, buildLeadPurchase, mockCart, mockLeadPurchases, type CartFixture } from '../../test/marketplace';

const route = '/workspaces/ws-1/cart';
const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });

const twoLines = () =>
  buildCart(
    [
      buildCartLine(),
      buildCartLine(
        { id: 'lead-2', firstName: 'Grace', lastName: 'H', companyName: 'Globex', listPrice: '8.0000' },
        { exclusive: true, price: '40.0000', credits: '400.0000' },
      ),
    ],
    { leadCount: 2, totalUsd: '52.5000', credits: '525.0000', walletBalance: '2500.0000' },
  );

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe('CartPage', () => {
  it('shows the lines and the totals', async () => {
    renderConsole(route, [...signedIn(), mockCart(twoLines())]);

    const table = await screen.findByRole('table', { name: 'Cart' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Ada L.');
    expect(rows[0]).toHaveTextContent('$12.50');
    expect(rows[0]).toHaveTextContent('125');
    expect(rows[1]).toHaveTextContent('Grace H.');
    expect(rows[1]).toHaveTextContent('Exclusive');
    expect(rows[1]).toHaveTextContent('$40.00');

    expect(screen.getByTestId('summary-leads')).toHaveTextContent('2');
    expect(screen.getByTestId('summary-total')).toHaveTextContent('$52.50');
    expect(screen.getByTestId('summary-credits')).toHaveTextContent('525');
    expect(screen.getByTestId('summary-balance')).toHaveTextContent('2,500');
    expect(screen.queryByTestId('summary-shortfall')).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Buy with credits' })).toBeEnabled();
  });

  it('shows the shortfall, disables buying and links to the credits page', async () => {
    renderConsole(route, [
      ...signedIn(),
      mockCart(buildCart([buildCartLine()], { credits: '3000.0000', walletBalance: '2500.0000', shortfallCredits: '500.0000' })),
    ]);

    expect(await screen.findByTestId('summary-shortfall')).toHaveTextContent('500 credits');
    const buy = screen.getByRole('button', { name: 'Buy with credits' });
    expect(buy).toBeDisabled();
    expect(buy).toHaveAccessibleDescription('You need 500 more credits to buy these leads.');
    expect(screen.getByRole('link', { name: 'Buy credits' })).toHaveAttribute('href', '/workspaces/ws-1/credits');
  });

  it('shows an unavailable line in red, and removes lines', async () => {
    let cart: CartFixture = buildCart(
      [buildCartLine(), buildCartLine({ id: 'lead-2', firstName: 'Grace', lastName: 'H' }, { unavailable: 'Sold exclusively' })],
      {
        leadCount: 1,
      },
    );
    const removals: CartRemoveMutationVariables[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockCart(() => cart),
      mockOperation(CartRemoveDocument, (variables) => {
        removals.push(variables);
        const ids = variables.leadIds ? [variables.leadIds].flat().map(String) : null;
        cart = buildCart(ids ? cart.lines.filter((l) => !ids.includes(l.lead.id)) : []);
        return { cartRemove: { cart, userErrors: [] } };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Cart' });
    expect(within(table).getByText('Unavailable: Sold exclusively')).toBeInTheDocument();
    await user.click(within(table).getByRole('button', { name: 'Remove Grace H.' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(2));
    expect(removals).toEqual([{ workspaceId: 'ws-1', leadIds: ['lead-2'] }]);

    await user.click(screen.getByRole('button', { name: 'Empty cart' }));
    const dialog = await screen.findByRole('dialog', { name: 'Empty the cart?' });
    await user.click(within(dialog).getByRole('button', { name: 'Empty cart' }));
    expect(await screen.findByText('Your cart is empty')).toBeInTheDocument();
    expect(removals[1]).toEqual({ workspaceId: 'ws-1', leadIds: null });
    expect(screen.getByRole('link', { name: 'Browse the marketplace' })).toHaveAttribute('href', '/workspaces/ws-1/marketplace');
  });

  it('buys with an idempotency key, then shows the purchases', async () => {
    const purchases: LeadsPurchaseMutationVariables[] = [];
    let bought = false;
    const { user, router } = renderConsole(route, [
      ...signedIn(),
      mockCart(() => (bought ? buildCart() : twoLines())),
      mockOperation(LeadsPurchaseDocument, (variables) => {
        purchases.push(variables);
        bought = true;
        return {
          leadsPurchase: {
            purchase: {
              __typename: 'LeadPurchase',
              id: 'lp-9',
              leadCount: 2,
              totalUsd: '52.5000',
              credits: '525.0000',
              status: 'COMPLETED',
            },
            userErrors: [],
          },
        };
      }),
      mockLeadPurchases([buildLeadPurchase({ id: 'lp-9', leadCount: 2 })]),
    ]);

    await user.click(await screen.findByRole('radio', { name: 'Valid + catch-all' }));
    await user.click(screen.getByRole('button', { name: 'Buy with credits' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/workspaces/ws-1/purchases'));
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ workspaceId: 'ws-1', exportMode: 'VALID_AND_CATCH_ALL' });
    expect(purchases[0]!.idempotencyKey).toMatch(UUID);
    expect(await screen.findByText('Purchase complete')).toBeInTheDocument();
    expect(screen.getByText('2 leads bought for 525 credits.')).toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Lead purchases' })).toBeInTheDocument();
  });

  it('retries a failed checkout with the same key, and shows user errors', async () => {
    const keys: string[] = [];
    let attempt = 0;
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockCart(twoLines()),
      graphql.mutation('LeadsPurchase', ({ variables }) => {
        keys.push(String(variables['idempotencyKey']));
        attempt += 1;
        if (attempt === 1) return HttpResponse.error();
        return HttpResponse.json({
          data: {
            leadsPurchase: {
              purchase: null,
              userErrors: [{ code: 'INSUFFICIENT_CREDITS', message: 'The wallet holds 100 credits; 525 are needed.', field: null }],
            },
          },
        });
      }),
    ]);

    const buy = await screen.findByRole('button', { name: 'Buy with credits' });
    await user.click(buy);
    expect(await screen.findByText('Purchase not completed')).toBeInTheDocument();
    await waitFor(() => expect(buy).toBeEnabled());
    await user.click(buy);

    const summary = screen.getByRole('region', { name: 'Order summary' });
    expect(await within(summary).findByRole('alert')).toHaveTextContent('The wallet holds 100 credits; 525 are needed.');
    expect(keys).toHaveLength(2);
    expect(keys[0]).toMatch(UUID);
    expect(keys[1]).toBe(keys[0]);
  });

  it('shows the empty cart with a link to the marketplace', async () => {
    renderConsole(route, [...signedIn(), mockCart(buildCart())]);
    expect(await screen.findByText('Your cart is empty')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the marketplace' })).toHaveAttribute('href', '/workspaces/ws-1/marketplace');
  });
});
