import { mockOperation, mockSubscriptions, screen, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  LeadPurchaseDocument,
  LeadsPurchaseCancelDocument,
  PurchaseCompletedDocument,
  type LeadsPurchaseCancelMutationVariables,
} from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildLeadPurchase, type LeadPurchaseFixture } from '../../test/marketplace';

// The server puts the purchase's and the workspace's API ids in the return URL.
const PURCHASE_ID = 'TGVhZFB1cmNoYXNlOjBiOWMyYTRl';
const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });
const returnUrl = (result: string) => `/checkout/result?purchase=${PURCHASE_ID}&workspace=ws-1&result=${result}`;

const awaiting = (overrides: Partial<LeadPurchaseFixture> = {}) =>
  buildLeadPurchase({
    id: PURCHASE_ID,
    leadCount: 2,
    status: 'AWAITING_PAYMENT',
    completedAt: null,
    reservedCredits: '2500.0000',
    exportStatus: 'PREPARING',
    exportedAt: null,
    downloadableUntil: null,
    downloadUrl: `/purchases/${PURCHASE_ID}/leads.csv`,
    ...overrides,
  });
const completed = (overrides: Partial<LeadPurchaseFixture> = {}) =>
  awaiting({
    status: 'COMPLETED',
    completedAt: '2026-11-21T10:00:00.000Z',
    downloadableUntil: '2999-01-01T00:00:00.000Z',
    ...overrides,
  });

describe('CheckoutResultPage', () => {
  it('waits for the payment, then shows the completed purchase and the CSV once it is ready', async () => {
    const answers = [awaiting(), completed(), completed({ exportStatus: 'READY', exportedAt: '2026-11-21T10:00:05.000Z' })];
    const asked: string[] = [];
    renderConsole(returnUrl('success'), [
      ...signedIn(),
      mockOperation(LeadPurchaseDocument, (variables) => {
        asked.push(String(variables.id));
        return { leadPurchase: answers.length > 1 ? answers.shift()! : answers[0]! };
      }),
    ]);

    expect(await screen.findByText('Waiting for the payment…')).toBeInTheDocument();
    // Asked again every 2 s: paid, the CSV being made…
    expect(await screen.findByText('Purchase complete: 2 leads', {}, { timeout: 5_000 })).toBeInTheDocument();
    expect(screen.getByTestId('export-status')).toHaveTextContent('Preparing your CSV…');
    // … then ready.
    const result = screen.getByTestId('checkout-result');
    expect(await within(result).findByRole('link', { name: 'Download CSV' }, { timeout: 5_000 })).toHaveAttribute(
      'href',
      `/purchases/${PURCHASE_ID}/leads.csv`,
    );
    expect(screen.getByRole('link', { name: 'Go to purchases' })).toHaveAttribute('href', '/workspaces/ws-1/purchases');
    expect(new Set(asked)).toEqual(new Set([PURCHASE_ID]));
    const polls = asked.length;
    // Settled: no more asking.
    await new Promise((resolve) => setTimeout(resolve, 2_200));
    expect(asked).toHaveLength(polls);
  }, 25_000);

  it('shows the completion pushed by the purchaseCompleted subscription', async () => {
    const socket = mockSubscriptions();
    let paid = false;
    renderConsole(
      returnUrl('success'),
      [
        ...signedIn(),
        mockOperation(LeadPurchaseDocument, () => ({ leadPurchase: paid ? completed({ exportStatus: 'READY' }) : awaiting() })),
        socket.handler,
      ],
      { subscriptions: true },
    );

    expect(await screen.findByText('Waiting for the payment…')).toBeInTheDocument();
    await socket.waitForSubscription(PurchaseCompletedDocument);
    paid = true;
    socket.emit(PurchaseCompletedDocument, { purchaseCompleted: completed({ exportStatus: 'READY' }) });
    expect(await screen.findByText('Purchase complete: 2 leads', {}, { timeout: 1_500 })).toBeInTheDocument();
    expect(within(screen.getByTestId('checkout-result')).getByRole('link', { name: 'Download CSV' })).toBeInTheDocument();
  });

  it('cancels a purchase still waiting for its card, once, and says the held credits are back', async () => {
    const cancels: LeadsPurchaseCancelMutationVariables[] = [];
    renderConsole(returnUrl('cancelled'), [
      ...signedIn(),
      mockOperation(LeadPurchaseDocument, { leadPurchase: awaiting() }),
      mockOperation(LeadsPurchaseCancelDocument, (variables) => {
        cancels.push(variables);
        return {
          leadsPurchaseCancel: {
            // Settled: nothing is held any more.
            purchase: awaiting({ status: 'FAILED', failureReason: 'Cancelled by the buyer before paying.', reservedCredits: '0.0000' }),
            userErrors: [],
          },
        };
      }),
    ]);

    const result = await screen.findByText('Checkout cancelled');
    expect(result).toBeInTheDocument();
    expect(screen.getByTestId('checkout-result')).toHaveTextContent('The 2,500 credits held for this purchase are back in your wallet.');
    expect(screen.getByRole('link', { name: 'Back to the cart' })).toHaveAttribute('href', '/workspaces/ws-1/cart');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(cancels).toEqual([{ purchaseId: PURCHASE_ID }]);
  });

  it('does not cancel a purchase that is no longer waiting', async () => {
    renderConsole(returnUrl('cancelled'), [
      ...signedIn(),
      mockOperation(LeadPurchaseDocument, { leadPurchase: awaiting({ status: 'FAILED', failureReason: 'Card payment cancelled.' }) }),
      // No LeadsPurchaseCancel handler: a call would fail the test.
    ]);
    expect(await screen.findByText('Checkout cancelled')).toBeInTheDocument();
  });

  it('explains a failed purchase', async () => {
    renderConsole(returnUrl('success'), [
      ...signedIn(),
      mockOperation(LeadPurchaseDocument, {
        leadPurchase: awaiting({ status: 'FAILED', failureReason: 'Your card was declined.', reservedCredits: '0.0000' }),
      }),
    ]);
    expect(await screen.findByText('Purchase failed')).toBeInTheDocument();
    expect(screen.getByTestId('checkout-result')).toHaveTextContent(
      'Your card was declined. Any credits held for this purchase are back in your wallet.',
    );
  });
});
