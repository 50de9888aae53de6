import { buildViewer, MeDocument, mockOperation, screen, SessionLoginDocument, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { AdminUsersDocument, AdminViewerDocument, ProviderInboxDocument, ProviderMembersPageDocument } from './gql/graphql';
import { connection, providerMembership, renderConsole, signedInAs } from './test/fixtures';

const emptyUsers = mockOperation(AdminUsersDocument, { adminUsers: connection('AdminUser', []) });
const emptyInbox = mockOperation(ProviderInboxDocument, { providerInbox: connection('RequestAssignment', []) });

function nav() {
  return screen.getByRole('navigation', { name: 'Main navigation' });
}

describe('console access and navigation', () => {
  it('logs an admin in and returns to the page they asked for', async () => {
    let signedIn = false;
    const viewer = buildViewer({ platformRole: 'ADMIN' });
    const { user, router } = renderConsole('/users', [
      mockOperation(MeDocument, () => ({ me: signedIn ? viewer : null })),
      mockOperation(SessionLoginDocument, () => {
        signedIn = true;
        return { sessionLogin: { user: { __typename: 'User', id: viewer.id }, userErrors: [] } };
      }),
      mockOperation(AdminViewerDocument, () => ({
        me: signedIn ? { __typename: 'User', id: viewer.id, platformRole: 'ADMIN', workspaceMemberships: [] } : null,
      })),
      emptyUsers,
    ]);

    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Fusers');
    await user.type(screen.getByLabelText(/Email/), 'admin@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { name: 'Users' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/users');
  });

  it('gives a platform admin the admin console and lands them on Users', async () => {
    const { router } = renderConsole('/', [...signedInAs({ admin: true }), emptyUsers]);
    expect(await screen.findByRole('heading', { name: 'Users' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/users');
    for (const label of [
      'Users',
      'Workspaces',
      'Partner orgs',
      'Dev mailbox',
      'Finance dashboard',
      'Credit packages',
      'Payout runs',
      'Ledger',
      'Review queue',
      'Uploads',
      'Duplicates',
      'Inventory',
      'Purchases',
      'Bad-lead reports',
      'Suppression list',
      'Conversations',
      'Requests',
      'Disputes',
      'Relay settings',
    ]) {
      expect(within(nav()).getByRole('link', { name: label })).toBeInTheDocument();
    }
    expect(nav()).toHaveTextContent('Supply');
    expect(within(nav()).getByRole('link', { name: 'Review queue' })).toHaveAttribute('href', '/supply/review');
    expect(within(nav()).getByRole('link', { name: 'Uploads' })).toHaveAttribute('href', '/supply/uploads');
    expect(within(nav()).getByRole('link', { name: 'Duplicates' })).toHaveAttribute('href', '/supply/duplicates');
    expect(within(nav()).getByRole('link', { name: 'Inventory' })).toHaveAttribute('href', '/supply/inventory');
    expect(nav()).toHaveTextContent('Marketplace');
    expect(within(nav()).getByRole('link', { name: 'Purchases' })).toHaveAttribute('href', '/marketplace/purchases');
    expect(within(nav()).getByRole('link', { name: 'Bad-lead reports' })).toHaveAttribute('href', '/marketplace/reports');
    expect(within(nav()).getByRole('link', { name: 'Suppression list' })).toHaveAttribute('href', '/marketplace/suppression');
    expect(within(nav()).getByRole('link', { name: 'Conversations' })).toHaveAttribute('href', '/conversations');
    expect(within(nav()).getByRole('link', { name: 'Requests' })).toHaveAttribute('href', '/conversations/requests');
    expect(within(nav()).getByRole('link', { name: 'Disputes' })).toHaveAttribute('href', '/conversations/disputes');
    expect(within(nav()).getByRole('link', { name: 'Relay settings' })).toHaveAttribute('href', '/conversations/settings');
    expect(nav()).not.toHaveTextContent('Provider console');
    expect(nav()).not.toHaveTextContent('Lead inbox');
  });

  it('gives a provider member the provider console only', async () => {
    const { router } = renderConsole('/', [
      ...signedInAs({
        memberships: [
          providerMembership({ id: 'ws-buyer', name: 'Acme Sales', kind: 'BUYER' }),
          providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, 'MEMBER'),
        ],
      }),
      emptyInbox,
    ]);
    expect(await screen.findByText('No leads yet')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/provider/ws-prov/inbox');
    expect(nav()).toHaveTextContent('Provider console');
    expect(within(nav()).getByRole('link', { name: 'Lead inbox' })).toHaveAttribute('href', '/provider/ws-prov/inbox');
    expect(within(nav()).getByRole('link', { name: 'Members' })).toHaveAttribute('href', '/provider/ws-prov/members');
    expect(within(nav()).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Dev mailbox' })).not.toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Finance dashboard' })).not.toBeInTheDocument();
    expect(nav()).not.toHaveTextContent('Supply');
    expect(within(nav()).queryByRole('link', { name: 'Review queue' })).not.toBeInTheDocument();
    expect(nav()).not.toHaveTextContent('Marketplace');
    expect(within(nav()).queryByRole('link', { name: 'Bad-lead reports' })).not.toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Conversations' })).not.toBeInTheDocument();
    // A sales user (member) has no team view and no routing settings.
    expect(within(nav()).queryByRole('link', { name: 'Team' })).not.toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Routing settings' })).not.toBeInTheDocument();
  });

  it('gives a provider manager the team view and the routing settings', async () => {
    renderConsole('/provider/ws-prov/inbox', [
      ...signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, 'ADMIN')] }),
      emptyInbox,
    ]);
    expect(await screen.findByText('No leads yet')).toBeInTheDocument();
    expect(within(nav()).getByRole('link', { name: 'Team' })).toHaveAttribute('href', '/provider/ws-prov/team');
    expect(within(nav()).getByRole('link', { name: 'Routing settings' })).toHaveAttribute('href', '/provider/ws-prov/settings');
  });

  it('refuses the routing settings to a sales user who types the URL', async () => {
    renderConsole(
      '/provider/ws-prov/settings',
      signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, 'MEMBER')] }),
    );
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Routing settings' })).not.toBeInTheDocument();
  });

  it('refuses the conversations pages to a non-admin who types the URL', async () => {
    renderConsole('/conversations/at-1', signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' })] }));
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
  });

  it('shows both consoles to an admin who is also a provider member', async () => {
    renderConsole('/', [
      ...signedInAs({ admin: true, memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' })] }),
      emptyUsers,
    ]);
    expect(await screen.findByRole('heading', { name: 'Users' })).toBeInTheDocument();
    expect(within(nav()).getByRole('link', { name: 'Lead inbox' })).toBeInTheDocument();
    expect(within(nav()).getByRole('link', { name: 'Users' })).toBeInTheDocument();
  });

  it('tells anyone else they have no access', async () => {
    renderConsole('/', signedInAs({ memberships: [providerMembership({ id: 'ws-buyer', name: 'Acme Sales', kind: 'BUYER' })] }));
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
    expect(within(nav()).queryByRole('link', { name: 'Users' })).not.toBeInTheDocument();
    expect(within(nav()).getByRole('link', { name: 'Account' })).toBeInTheDocument();
  });

  it('refuses admin pages to a non-admin who types the URL', async () => {
    renderConsole('/users', signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' })] }));
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Users' })).not.toBeInTheDocument();
  });

  it('refuses the supply pages to a non-admin who types the URL', async () => {
    renderConsole('/supply/review', signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' })] }));
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Review queue' })).not.toBeInTheDocument();
  });

  it('refuses the marketplace pages to a non-admin who types the URL', async () => {
    renderConsole('/marketplace/reports', signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' })] }));
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Bad-lead reports' })).not.toBeInTheDocument();
  });

  it("refuses another provider's pages", async () => {
    renderConsole('/provider/ws-other/members', [
      ...signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' })] }),
      mockOperation(ProviderMembersPageDocument, { workspace: null }),
    ]);
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
  });
});
