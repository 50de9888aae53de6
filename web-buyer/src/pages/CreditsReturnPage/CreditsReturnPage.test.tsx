import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { CreditPurchaseResultDocument, type CreditPurchaseResultQuery, type CreditPurchaseStatus } from '../../gql/graphql';
import { buildCreditsWorkspace, buildMembership, creditsHandlers, renderConsole, signedInAs } from '../../test/fixtures';

// The server puts the purchase's and the workspace's API ids in the return URL.
const PURCHASE_GLOBAL_ID = 'Q3JlZGl0UHVyY2hhc2U6MGI5YzJhNGUtMWY2ZC00YzFhLTlhOGUtMmQzYjRjNWQ2ZTdm';

type Purchase = NonNullable<CreditPurchaseResultQuery['creditPurchase']>;

function purchase(overrides: Partial<Purchase> = {}) {
  return {
    __typename: 'CreditPurchase',
    id: PURCHASE_GLOBAL_ID,
    packageName: 'Starter',
    credits: 1000,
    status: 'PENDING' as CreditPurchaseStatus,
    failureReason: null,
    checkoutUrl: 'http://localhost/buyer/sandbox/checkout/cs_sbx_1',
    ...overrides,
  };
}

const memberships = [buildMembership({ id: 'ws-0', name: 'Zeta Leads' }), buildMembership({ id: 'ws-1', name: 'Acme Sales' })];

describe('returning from the checkout', () => {
  it('waits for the payment, then shows the credits added and the new balance', async () => {
    const asked: unknown[] = [];
    let paid = false;
    const { router, user } = renderConsole(`/credits?purchase=${PURCHASE_GLOBAL_ID}&workspace=ws-1&result=success`, [
      ...signedInAs({ memberships }),
      mockOperation(CreditPurchaseResultDocument, (variables) => {
        asked.push(variables.id);
        // Pending at first; the provider's confirmation arrives before the first poll.
        const status = asked.length === 1 ? 'PENDING' : 'PAID';
        paid = status === 'PAID';
        return { creditPurchase: purchase({ status }) };
      }),
      ...creditsHandlers(() => buildCreditsWorkspace('OWNER', { balance: paid ? '3500.0000' : '2500.0000' })),
    ]);

    // On to the credits page of the workspace that started the checkout (not the first one).
    await waitFor(() => expect(router.state.location.pathname).toBe('/workspaces/ws-1/credits'));
    expect(router.state.location.search).toBe(`?purchase=${PURCHASE_GLOBAL_ID}&workspace=ws-1&result=success`);
    expect(await screen.findByText('Confirming your payment…')).toBeInTheDocument();
    expect(screen.getByTestId('credit-balance')).toHaveTextContent('2,500');

    expect(await screen.findByText('Payment received: 1,000 credits added', {}, { timeout: 5_000 })).toBeInTheDocument();
    await waitFor(() => expect(screen.getByTestId('credit-balance')).toHaveTextContent('3,500'));
    expect(asked.length).toBeGreaterThanOrEqual(2);
    expect(new Set(asked)).toEqual(new Set([PURCHASE_GLOBAL_ID]));

    await user.click(within(screen.getByTestId('purchase-result')).getByRole('button', { name: 'Dismiss' }));
    await waitFor(() => expect(screen.queryByTestId('purchase-result')).not.toBeInTheDocument());
    expect(router.state.location.search).toBe('');
  });

  it('explains a declined card and offers to try again', async () => {
    let asked = 0;
    const { router } = renderConsole(`/credits?purchase=${PURCHASE_GLOBAL_ID}&result=cancelled`, [
      ...signedInAs({ memberships }),
      mockOperation(CreditPurchaseResultDocument, () => {
        asked += 1;
        return { creditPurchase: purchase({ status: 'FAILED', failureReason: 'Your card was declined.' }) };
      }),
      ...creditsHandlers(buildCreditsWorkspace('OWNER')),
    ]);

    // Nothing remembered in this tab: the first buyer workspace.
    await waitFor(() => expect(router.state.location.pathname).toBe('/workspaces/ws-0/credits'));
    await waitFor(() => expect(screen.getByTestId('purchase-result')).toHaveTextContent('Payment failed'));
    const alert = screen.getByTestId('purchase-result');
    expect(alert).toHaveTextContent('Your card was declined. Nothing was charged and no credits were added.');
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeInTheDocument();
    expect(asked).toBe(1);
  });

  it('offers to continue a cancelled checkout', async () => {
    renderConsole(`/credits?purchase=${PURCHASE_GLOBAL_ID}&result=cancelled`, [
      ...signedInAs({ memberships }),
      mockOperation(CreditPurchaseResultDocument, { creditPurchase: purchase({ status: 'PENDING' }) }),
      ...creditsHandlers(buildCreditsWorkspace('OWNER')),
    ]);

    await waitFor(() => expect(screen.getByTestId('purchase-result')).toHaveTextContent('Checkout cancelled'));
    const alert = screen.getByTestId('purchase-result');
    expect(alert).toHaveTextContent('Nothing was charged.');
    expect(within(alert).getByRole('link', { name: 'Continue payment' })).toHaveAttribute(
      'href',
      'http://localhost/buyer/sandbox/checkout/cs_sbx_1',
    );
  });

  it('asks a user without a buyer workspace to create one', async () => {
    renderConsole(`/credits?purchase=${PURCHASE_GLOBAL_ID}&workspace=ws-1&result=success`, [...signedInAs()]);
    expect(await screen.findByText('No buyer workspace')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Create workspace' })).toHaveAttribute('href', '/workspaces/new');
  });
});
