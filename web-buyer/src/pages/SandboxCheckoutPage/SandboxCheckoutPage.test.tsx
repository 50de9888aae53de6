import { mockOperation, mockViewer, screen, waitFor } from '@hotlead/ui/test-utils';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { browser } from '../../credits/browser';
import { SandboxCheckoutCompleteDocument, SandboxCheckoutPageDocument, type SandboxCheckoutPageQuery } from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';

const route = '/sandbox/checkout/cs_sbx_1';
const SUCCESS_URL = 'http://localhost/buyer/credits?purchase=0b9c2a4e-1f6d-4c1a-9a8e-2d3b4c5d6e7f&result=success';
const CANCEL_URL = 'http://localhost/buyer/credits?purchase=0b9c2a4e-1f6d-4c1a-9a8e-2d3b4c5d6e7f&result=cancelled';

type Session = NonNullable<SandboxCheckoutPageQuery['sandboxCheckoutSession']>;

function session(overrides: Partial<Session> = {}) {
  return {
    __typename: 'SandboxCheckoutSession',
    id: 'cs_sbx_1',
    status: 'open',
    amountCents: 7500,
    productName: '1,000 Hotlead credits',
    cancelUrl: CANCEL_URL,
    ...overrides,
  };
}

const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });

let assign: ReturnType<typeof vi.spyOn>;
beforeEach(() => {
  assign = vi.spyOn(browser, 'assign').mockImplementation(() => undefined);
});
afterEach(() => vi.restoreAllMocks());

describe('SandboxCheckoutPage', () => {
  it('shows the sandbox checkout, outside the console shell, and pays', async () => {
    const completed: unknown[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockOperation(SandboxCheckoutPageDocument, (variables) => {
        expect(variables).toEqual({ id: 'cs_sbx_1' });
        return { sandboxCheckoutSession: session() };
      }),
      mockOperation(SandboxCheckoutCompleteDocument, (variables) => {
        completed.push(variables);
        return { sandboxCheckoutComplete: { url: SUCCESS_URL, userErrors: [] } };
      }),
    ]);

    expect(await screen.findByText('Hotlead sandbox payments — no real money')).toBeInTheDocument();
    expect(await screen.findByRole('heading', { name: '$75.00' })).toBeInTheDocument();
    expect(screen.getByText('1,000 Hotlead credits')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Card number' })).toHaveValue('4242 4242 4242 4242');
    expect(screen.getByRole('link', { name: 'Cancel and return to Hotlead' })).toHaveAttribute('href', CANCEL_URL);
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Pay $75.00' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(SUCCESS_URL));
    expect(completed).toEqual([{ sessionId: 'cs_sbx_1', outcome: 'SUCCEED' }]);
  });

  it('declines the card and returns to the cancel URL', async () => {
    const completed: unknown[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockOperation(SandboxCheckoutPageDocument, { sandboxCheckoutSession: session() }),
      mockOperation(SandboxCheckoutCompleteDocument, (variables) => {
        completed.push(variables);
        return { sandboxCheckoutComplete: { url: CANCEL_URL, userErrors: [] } };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Decline card' }));

    await waitFor(() => expect(assign).toHaveBeenCalledWith(CANCEL_URL));
    expect(completed).toEqual([{ sessionId: 'cs_sbx_1', outcome: 'DECLINE' }]);
  });

  it('shows a user error and stays on the page', async () => {
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockOperation(SandboxCheckoutPageDocument, { sandboxCheckoutSession: session() }),
      mockOperation(SandboxCheckoutCompleteDocument, {
        sandboxCheckoutComplete: {
          url: null,
          userErrors: [{ field: null, message: 'This checkout session is no longer open.', code: 'PAYMENT_FAILED' }],
        },
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Pay $75.00' }));

    expect(await screen.findByRole('alert')).toHaveTextContent('This checkout session is no longer open.');
    expect(assign).not.toHaveBeenCalled();
    expect(screen.getByRole('button', { name: 'Pay $75.00' })).toBeEnabled();
  });

  it('says when the checkout does not exist', async () => {
    renderConsole(route, [...signedIn(), mockOperation(SandboxCheckoutPageDocument, { sandboxCheckoutSession: null })]);

    expect(await screen.findByText('This checkout does not exist')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to credits' })).toHaveAttribute('href', '/credits');
    expect(screen.queryByRole('button', { name: /^Pay/ })).not.toBeInTheDocument();
  });

  it('says when the checkout is already complete', async () => {
    renderConsole(route, [
      ...signedIn(),
      mockOperation(SandboxCheckoutPageDocument, { sandboxCheckoutSession: session({ status: 'complete' }) }),
    ]);

    expect(await screen.findByText('This checkout is already complete')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Back to credits' })).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Decline card' })).not.toBeInTheDocument();
  });

  it('sends a signed-out visitor to log in first, and back here after', async () => {
    const { router } = renderConsole(route, [mockViewer(null)]);
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(router.state.location.search).toBe('?next=%2Fsandbox%2Fcheckout%2Fcs_sbx_1');
  });
});
