import { mockAccount, mockSubscriptions, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { CreditBalanceChangedDocument } from '../gql/graphql';
import { buildMembership, buildWorkspace, renderConsole, signedInAs, workspaceHandlers } from '../test/fixtures';

describe('the credit balance in the header', () => {
  it("shows the current buyer workspace's balance and opens its credits page", async () => {
    renderConsole('/workspaces/ws-2', [
      ...signedInAs({
        memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' }), buildMembership({ id: 'ws-2', name: 'Beta Buyers' })],
        balance: '1234.5000',
      }),
      ...workspaceHandlers({ ...buildWorkspace('OWNER'), id: 'ws-2', name: 'Beta Buyers' }),
    ]);

    const header = await screen.findByRole('banner');
    const balance = await within(header).findByRole('link', { name: /1,234\.5 credits/ });
    // The workspace in the URL, not the first one.
    expect(balance).toHaveAttribute('href', '/workspaces/ws-2/credits');
    expect(balance).toHaveAttribute('title', 'Credits of Beta Buyers');
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(within(nav).getByRole('link', { name: 'Credits' })).toHaveAttribute('href', '/workspaces/ws-2/credits');
  });

  it('is not shown without a buyer workspace', async () => {
    renderConsole('/account', [
      ...signedInAs({ memberships: [buildMembership({ id: 'ws-prov', name: 'Plumbers Inc', kind: 'PROVIDER' })] }),
      mockAccount(),
    ]);
    expect(await screen.findByRole('heading', { name: 'Account' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'New workspace' })).toBeInTheDocument();
    expect(screen.queryByTestId('header-credit-balance')).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Credits' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Marketplace' })).not.toBeInTheDocument();
    expect(screen.queryByRole('link', { name: 'Cart' })).not.toBeInTheDocument();
  });

  it('updates live when the balance changes', async () => {
    const socket = mockSubscriptions();
    renderConsole(
      '/workspaces/ws-1',
      [
        ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
        ...workspaceHandlers(buildWorkspace('OWNER')),
        socket.handler,
      ],
      { subscriptions: true },
    );
    expect(await screen.findByTestId('header-credit-balance')).toHaveTextContent('2,500 credits');
    await socket.waitForSubscription(CreditBalanceChangedDocument);

    socket.emit(CreditBalanceChangedDocument, {
      creditBalanceChanged: { __typename: 'CreditBalanceEvent', workspaceId: 'ws-1', balance: '3500.0000' },
    });
    await waitFor(() => expect(screen.getByTestId('header-credit-balance')).toHaveTextContent('3,500 credits'));
  });
});
