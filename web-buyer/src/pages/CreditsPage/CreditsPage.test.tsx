import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { graphql, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from '../../credits/browser';
import {
  CreditAutoReloadUpdateDocument,
  CreditPurchaseStartDocument,
  CreditTransactionsCsvDocument,
  CreditTransactionsDocument,
} from '../../gql/graphql';
import {
  buildCreditsWorkspace,
  buildMembership,
  buildPurchase,
  buildTransaction,
  creditsHandlers,
  renderConsole,
  signedInAs,
  transactionsPage,
} from '../../test/fixtures';
import { RATE_LIMITED_MESSAGE } from './PackagesSection';

const route = '/workspaces/ws-1/credits';

function handlersAs(role: 'OWNER' | 'ADMIN' | 'MEMBER', extra: Parameters<typeof creditsHandlers>[1] = {}) {
  return [
    ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' }, role)] }),
    ...creditsHandlers(buildCreditsWorkspace(role, { savedCard: { __typename: 'SavedCard', brand: 'visa', last4: '4242' } }), extra),
  ];
}

let assign: ReturnType<typeof vi.spyOn>;
const { createObjectURL, revokeObjectURL } = URL;
beforeEach(() => {
  assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
  window.sessionStorage.clear();
});
afterEach(() => {
  vi.restoreAllMocks();
  Object.assign(URL, { createObjectURL, revokeObjectURL });
});

describe('CreditsPage', () => {
  it('shows the balance, the saved card, the packages and the purchases', async () => {
    renderConsole(
      route,
      handlersAs('OWNER', {
        purchases: [
          buildPurchase({
            id: 'p-open',
            status: 'PENDING',
            checkoutUrl: 'https://checkout.example/cs_1',
            packageName: 'Growth',
            credits: 5000,
            amountCents: 30000,
          }),
          buildPurchase({ id: 'p-failed', status: 'FAILED', failureReason: 'Your card was declined.' }),
          buildPurchase({ id: 'p-paid', status: 'PAID' }),
        ],
      }),
    );

    expect(await screen.findByRole('heading', { name: 'Credits' })).toBeInTheDocument();
    expect(screen.getByTestId('credit-balance')).toHaveTextContent('2,500');
    expect(screen.getByTestId('saved-card')).toHaveTextContent('Visa ending in 4242');

    const starter = screen.getByRole('group', { name: 'Starter' });
    expect(starter).toHaveTextContent('1,000 credits');
    expect(starter).toHaveTextContent('$75.00');
    expect(starter).toHaveTextContent('$0.075 per credit');
    expect(within(starter).getByRole('button', { name: 'Buy Starter' })).toBeEnabled();
    expect(screen.getByRole('group', { name: 'Growth' })).toHaveTextContent('$0.06 per credit');

    const purchases = await screen.findByRole('table', { name: 'Purchases' });
    const rows = within(purchases).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[0]).toHaveTextContent('Growth');
    expect(rows[0]).toHaveTextContent('5,000');
    expect(rows[0]).toHaveTextContent('$300.00');
    expect(rows[0]).toHaveTextContent('Pending');
    expect(within(rows[0]!).getByRole('link', { name: 'Continue payment' })).toHaveAttribute('href', 'https://checkout.example/cs_1');
    expect(rows[1]).toHaveTextContent('Failed');
    expect(rows[1]).toHaveTextContent('Your card was declined.');
    expect(within(rows[2]!).queryByRole('link')).not.toBeInTheDocument();
    expect(rows[2]).toHaveTextContent('Paid');
  });

  it('starts a purchase and sends the browser to the checkout page', async () => {
    const started: unknown[] = [];
    const { user } = renderConsole(route, [
      ...handlersAs('ADMIN'),
      mockOperation(CreditPurchaseStartDocument, (variables) => {
        started.push(variables);
        return {
          creditPurchaseStart: {
            checkoutUrl: 'http://localhost/buyer/sandbox/checkout/cs_sbx_1',
            purchase: { __typename: 'CreditPurchase', id: 'purchase-9', status: 'PENDING' },
            userErrors: [],
          },
        };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Buy Growth' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith('http://localhost/buyer/sandbox/checkout/cs_sbx_1'));
    expect(started).toEqual([{ workspaceId: 'ws-1', packageId: 'pkg-growth' }]);
  });

  it('shows a purchase user error and stays on the page', async () => {
    const { user } = renderConsole(route, [
      ...handlersAs('OWNER'),
      mockOperation(CreditPurchaseStartDocument, {
        creditPurchaseStart: {
          checkoutUrl: null,
          purchase: null,
          userErrors: [{ field: ['input', 'packageId'], message: 'That package is not on sale.', code: 'PACKAGE_UNAVAILABLE' }],
        },
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Buy Starter' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('That package is not on sale.');
    expect(assign).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Buy Starter' })).toBeEnabled();
  });

  it('explains the purchase rate limit', async () => {
    const { user } = renderConsole(route, [
      ...handlersAs('OWNER'),
      // As the API answers the sixth purchase of the hour.
      graphql.mutation('CreditPurchaseStart', () =>
        HttpResponse.json({
          data: null,
          errors: [
            {
              message: 'Too many attempts. Try again later.',
              extensions: { code: 'RATE_LIMITED', limit: 5, remaining: 0, retryAfterSeconds: 1450 },
            },
          ],
        }),
      ),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Buy Starter' }));

    expect(await screen.findByRole('alert')).toHaveTextContent(`${RATE_LIMITED_MESSAGE} Please try again in 25 minutes.`);
    expect(screen.getByRole('alert')).toHaveTextContent('5 purchases per hour');
    expect(assign).not.toHaveBeenCalled();
  });

  it('lets a member see the balance and history but not buy or set auto-reload', async () => {
    renderConsole(route, [
      ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' }, 'MEMBER')] }),
      ...creditsHandlers(
        buildCreditsWorkspace('MEMBER', {
          autoReload: {
            __typename: 'AutoReloadSettings',
            enabled: true,
            thresholdCredits: 500,
            package: { __typename: 'CreditPackage', id: 'pkg-starter', name: 'Starter', credits: 1000 },
          },
        }),
        { purchases: [buildPurchase({ status: 'PENDING', checkoutUrl: 'https://checkout.example/cs_1' })] },
      ),
    ]);

    expect(await screen.findByTestId('credit-balance')).toHaveTextContent('2,500');
    expect(screen.getByRole('group', { name: 'Starter' })).toHaveTextContent('1,000 credits');
    expect(screen.queryByRole('button', { name: /^Buy / })).not.toBeInTheDocument();
    expect(screen.getByText(/Only owners and admins of this workspace can buy credits/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Auto-reload' })).not.toBeInTheDocument();
    expect(screen.getByTestId('auto-reload-summary')).toHaveTextContent(
      'On: Starter (1,000 credits) is bought when the balance falls under 500 credits.',
    );
    const purchases = await screen.findByRole('table', { name: 'Purchases' });
    expect(within(purchases).queryByRole('link', { name: 'Continue payment' })).not.toBeInTheDocument();
    expect(await screen.findByRole('table', { name: 'Credit history' })).toHaveTextContent('Welcome credits');
  });

  it('turns auto-reload on', async () => {
    const updates: unknown[] = [];
    const { user } = renderConsole(route, [
      ...handlersAs('OWNER'),
      mockOperation(CreditAutoReloadUpdateDocument, (variables) => {
        updates.push(variables);
        return {
          creditAutoReloadUpdate: {
            wallet: {
              __typename: 'CreditWallet',
              workspaceId: 'ws-1',
              autoReload: {
                __typename: 'AutoReloadSettings',
                enabled: true,
                thresholdCredits: 500,
                package: { __typename: 'CreditPackage', id: 'pkg-growth', name: 'Growth', credits: 5000 },
              },
            },
            userErrors: [],
          },
        };
      }),
    ]);

    const form = await screen.findByRole('form', { name: 'Auto-reload' });
    await user.click(within(form).getByRole('switch', { name: 'Reload credits automatically' }));
    const threshold = within(form).getByRole('textbox', { name: 'When the balance falls under' });
    await user.clear(threshold);
    await user.type(threshold, '500');
    await user.click(within(form).getByRole('combobox', { name: 'Package to buy' }));
    await user.click(await screen.findByRole('option', { name: /^Growth/ }));
    await user.click(within(form).getByRole('button', { name: 'Save auto-reload' }));

    await waitFor(() => expect(updates).toEqual([{ workspaceId: 'ws-1', enabled: true, thresholdCredits: 500, packageId: 'pkg-growth' }]));
    expect(await screen.findByText('Auto-reload is on')).toBeInTheDocument();
    expect(screen.getByText("We'll buy Growth when the balance falls under 500 credits.")).toBeInTheDocument();
  });

  it('asks for a package before turning auto-reload on, and shows NO_SAVED_CARD', async () => {
    let calls = 0;
    const { user } = renderConsole(route, [
      ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
      ...creditsHandlers(buildCreditsWorkspace('OWNER')),
      mockOperation(CreditAutoReloadUpdateDocument, () => {
        calls += 1;
        return {
          creditAutoReloadUpdate: {
            wallet: null,
            userErrors: [
              { field: null, message: 'Buy a package by card once first: auto-reload charges the card saved then.', code: 'NO_SAVED_CARD' },
            ],
          },
        };
      }),
    ]);

    const form = await screen.findByRole('form', { name: 'Auto-reload' });
    expect(form).toHaveTextContent('buy a package by card once first');
    await user.click(within(form).getByRole('switch', { name: 'Reload credits automatically' }));
    await user.click(within(form).getByRole('button', { name: 'Save auto-reload' }));
    expect(await within(form).findByText('Choose the package to buy')).toBeInTheDocument();
    expect(calls).toBe(0);

    await user.click(within(form).getByRole('combobox', { name: 'Package to buy' }));
    await user.click(await screen.findByRole('option', { name: /^Starter/ }));
    await user.click(within(form).getByRole('button', { name: 'Save auto-reload' }));

    expect(await within(form).findByRole('alert')).toHaveTextContent('Buy a package by card once first');
    expect(calls).toBe(1);
  });

  it('shows the credit history, loads more and downloads it as CSV', async () => {
    const pages: unknown[] = [];
    const { user } = renderConsole(route, [
      // Before creditsHandlers: the first handler of an operation answers it.
      mockOperation(CreditTransactionsDocument, (variables) => {
        pages.push(variables);
        return {
          creditTransactions: variables.after
            ? transactionsPage(
                [buildTransaction({ id: 'tx-old', kind: 'CREDIT_BONUS', description: 'Welcome credits', credits: '2500.0000' })],
                {
                  totalCount: 3,
                },
              )
            : transactionsPage(
                [
                  buildTransaction({ id: 'tx-spend', kind: 'CREDIT_SPEND', description: 'Lead #42', credits: '-40.0000' }),
                  buildTransaction({
                    id: 'tx-buy',
                    kind: 'CREDIT_PURCHASE',
                    description: 'Bought Starter (1,000 credits)',
                    credits: '1000.0000',
                  }),
                ],
                { hasNextPage: true, totalCount: 3 },
              ),
        };
      }),
      mockOperation(CreditTransactionsCsvDocument, {
        creditTransactionsCsv: {
          __typename: 'FileDownload',
          filename: 'hotlead-credit-transactions-2026-01-12.csv',
          contentType: 'text/csv',
          content: 'date,type,description,credits,reference\n',
        },
      }),
      ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
      ...creditsHandlers(buildCreditsWorkspace('OWNER')),
    ]);

    const history = await screen.findByRole('table', { name: 'Credit history' });
    let rows = within(history).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Spend');
    expect(rows[0]).toHaveTextContent('Lead #42');
    expect(within(rows[0]!).getByText('-40')).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Purchase');
    expect(within(rows[1]!).getByText('+1,000')).toBeInTheDocument();
    expect(screen.getByText('3 movements · showing 2')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(history).getAllByRole('row')).toHaveLength(4));
    rows = within(history).getAllByRole('row').slice(1);
    expect(rows[2]).toHaveTextContent('Bonus');
    expect(rows[2]).toHaveTextContent('Welcome credits');
    expect(pages).toEqual([
      { workspaceId: 'ws-1', first: 25 },
      { workspaceId: 'ws-1', first: 25, after: 'cursor-tx-buy' },
    ]);
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    // jsdom has no object URLs and cannot download: capture what would be saved.
    const blobs: Blob[] = [];
    Object.assign(URL, {
      createObjectURL: vi.fn((blob: Blob) => {
        blobs.push(blob);
        return 'blob:csv';
      }),
      revokeObjectURL: vi.fn(),
    });
    const saved: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      saved.push(this.download);
    });

    await user.click(screen.getByRole('button', { name: 'Download CSV' }));

    await waitFor(() => expect(saved).toEqual(['hotlead-credit-transactions-2026-01-12.csv']));
    expect(blobs[0]!.type).toBe('text/csv');
    expect(await blobs[0]!.text()).toBe('date,type,description,credits,reference\n');
  });

  it('shows an empty history and purchase list', async () => {
    renderConsole(route, [
      ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
      ...creditsHandlers(buildCreditsWorkspace('OWNER'), { transactions: [] }),
    ]);
    expect(await screen.findByText('No credit movements yet')).toBeInTheDocument();
    expect(await screen.findByText('No purchases yet')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeDisabled();
  });
});
