import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { HttpResponse, graphql } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from '../../credits/browser';
import {
  CartRemoveDocument,
  LeadsPurchaseDocument,
  type CartRemoveMutationVariables,
  type LeadsPurchaseMutationVariables,
} from '../../gql/graphql';
import type { WorkspaceRole } from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildCart, buildCartLine, buildLeadPurchase, mockCart, mockLeadPurchases, type CartFixture } from '../../test/marketplace';
import { cardPayment } from './CartPage';

const route = '/workspaces/ws-1/cart';
const signedIn = (role: WorkspaceRole = 'OWNER') =>
  signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' }, role)] });

const shortCart = () =>
  buildCart([buildCartLine()], { credits: '3000.0000', walletBalance: '2500.0000', shortfallCredits: '500.0000', totalUsd: '300.0000' });

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

afterEach(() => {
  vi.restoreAllMocks();
});

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
              failureReason: null,
            },
            checkoutUrl: null,
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
              checkoutUrl: null,
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

  it('lets an owner pay the shortfall by card: holds the credits, then goes to the checkout', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    const purchases: LeadsPurchaseMutationVariables[] = [];
    const { user } = renderConsole(route, [
      ...signedIn('ADMIN'),
      mockCart(shortCart()),
      mockOperation(LeadsPurchaseDocument, (variables) => {
        purchases.push(variables);
        return {
          leadsPurchase: {
            __typename: 'LeadsPurchasePayload',
            purchase: {
              __typename: 'LeadPurchase',
              id: 'lp-card',
              leadCount: 1,
              totalUsd: '300.0000',
              credits: '3000.0000',
              status: 'AWAITING_PAYMENT',
              failureReason: null,
            },
            checkoutUrl: 'https://checkout.example/cs_1',
            userErrors: [],
          },
        };
      }),
    ]);

    const card = await screen.findByRole('button', {
      name: 'Pay 2,500 credits with credits and the rest (500 credits, $50.00) by card',
    });
    // Buying with credits alone stays as it was: blocked by the shortfall.
    expect(screen.getByRole('button', { name: 'Buy with credits' })).toBeDisabled();
    await user.click(card);

    await waitFor(() => expect(assign).toHaveBeenCalledWith('https://checkout.example/cs_1'));
    expect(purchases).toHaveLength(1);
    expect(purchases[0]).toMatchObject({ workspaceId: 'ws-1', exportMode: 'VALID_ONLY', payShortfallByCard: true });
    expect(purchases[0]!.idempotencyKey).toMatch(UUID);
  });

  it('shows why a card payment was refused, and uses a new key next time', async () => {
    const assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
    const keys: string[] = [];
    const { user } = renderConsole(route, [
      ...signedIn('OWNER'),
      mockCart(shortCart()),
      mockOperation(LeadsPurchaseDocument, (variables) => {
        keys.push(variables.idempotencyKey);
        return {
          leadsPurchase: {
            purchase: null,
            checkoutUrl: null,
            userErrors: [{ code: 'PAYMENT_FAILED', message: 'The payment provider is unavailable.', field: null }],
          },
        };
      }),
    ]);

    const card = await screen.findByRole('button', { name: /by card/ });
    await user.click(card);
    const summary = screen.getByRole('region', { name: 'Order summary' });
    expect(await within(summary).findByRole('alert')).toHaveTextContent('The payment provider is unavailable.');
    await waitFor(() => expect(card).toBeEnabled());
    await user.click(card);
    await waitFor(() => expect(keys).toHaveLength(2));
    expect(keys[1]).not.toBe(keys[0]);
    expect(assign).not.toHaveBeenCalled();
  });

  it('asks a member to get an owner or admin to add credits instead of paying by card', async () => {
    renderConsole(route, [...signedIn('MEMBER'), mockCart(shortCart())]);

    expect(await screen.findByTestId('summary-shortfall')).toHaveTextContent('500 credits');
    const summary = screen.getByRole('region', { name: 'Order summary' });
    expect(await within(summary).findByRole('note')).toHaveTextContent('Ask one of them to add credits');
    expect(screen.queryByRole('button', { name: /by card/ })).not.toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Buy with credits' })).toBeDisabled();
  });

  it('offers no card payment when the credits cover the cart', async () => {
    renderConsole(route, [...signedIn('OWNER'), mockCart(twoLines())]);
    expect(await screen.findByRole('button', { name: 'Buy with credits' })).toBeEnabled();
    expect(screen.queryByRole('button', { name: /by card/ })).not.toBeInTheDocument();
  });
});

describe('cardPayment', () => {
  it('rounds the shortfall up to whole credits, at least 5, at $0.10 a credit', () => {
    expect(cardPayment('500.0000')).toEqual({ credits: 500, usd: '$50.00' });
    expect(cardPayment('12.4000')).toEqual({ credits: 13, usd: '$1.30' });
    expect(cardPayment('2.3000')).toEqual({ credits: 5, usd: '$0.50' });
    expect(cardPayment('12345.0000')).toEqual({ credits: 12345, usd: '$1,234.50' });
  });
});
