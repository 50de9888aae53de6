import {
  buildViewer,
  MeDocument,
  mockOperation,
  renderWithProviders,
  screen,
  SessionLoginDocument,
  SessionLogoutDocument,
  waitFor,
  within,
} from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { BuyerViewerDocument, MyServiceRequestsDocument } from './gql/graphql';
import { routes } from './routes';
import { buildMembership, buildWorkspace, mockHeaderBalance, signedInAs, workspaceHandlers } from './test/fixtures';

describe('buyer console routing', () => {
  it('sends a signed-out visitor to the login page and back where they were going', async () => {
    let signedIn = false;
    const viewer = buildViewer();
    const logins: { email: string; password: string }[] = [];
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/workspaces/ws-1',
      handlers: [
        // Who `me` is depends on whether the login happened yet.
        mockOperation(MeDocument, () => ({ me: signedIn ? viewer : null })),
        mockOperation(SessionLoginDocument, (variables) => {
          logins.push(variables);
          signedIn = true;
          return { sessionLogin: { __typename: 'SessionLoginPayload', user: { __typename: 'User', id: viewer.id }, userErrors: [] } };
        }),
        mockOperation(BuyerViewerDocument, () => ({
          me: signedIn
            ? {
                __typename: 'User',
                id: viewer.id,
                isEndUser: false,
                workspaceMemberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })],
              }
            : null,
        })),
        mockHeaderBalance(),
        ...workspaceHandlers(buildWorkspace('OWNER')),
      ],
    });
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?next=%2Fworkspaces%2Fws-1');

    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'correct horse battery');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByRole('heading', { name: 'Acme Sales' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/ws-1');
    expect(logins).toEqual([{ email: 'ada@example.com', password: 'correct horse battery' }]);
  });

  it('shows a login user error beside the password field', async () => {
    const { user } = renderWithProviders(null, {
      routes,
      route: '/login',
      handlers: [
        mockOperation(SessionLoginDocument, {
          sessionLogin: {
            user: null,
            userErrors: [{ field: ['input', 'password'], message: 'Email or password is incorrect', code: 'INVALID_CREDENTIALS' }],
          },
        }),
      ],
    });

    await user.type(screen.getByLabelText(/Email/), 'ada@example.com');
    await user.type(screen.getByLabelText(/^Password/), 'wrong password!');
    await user.click(screen.getByRole('button', { name: 'Log in' }));

    expect(await screen.findByText('Email or password is incorrect')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription('Email or password is incorrect');
    expect(screen.getByLabelText(/Email/)).not.toHaveAccessibleDescription('Email or password is incorrect');
  });

  it('validates the login form before sending anything', async () => {
    const { user } = renderWithProviders(null, { routes, route: '/login' });
    await user.click(screen.getByRole('button', { name: 'Log in' }));
    expect(await screen.findByText('Enter your email')).toBeInTheDocument();
    expect(screen.getByLabelText(/^Password/)).toHaveAccessibleDescription('Enter your password');
  });

  it('lands a buyer on their first buyer workspace', async () => {
    const { router } = renderWithProviders(null, {
      routes,
      route: '/',
      handlers: [
        ...signedInAs({
          memberships: [
            buildMembership({ id: 'ws-prov', name: 'Plumbers Inc', kind: 'PROVIDER' }),
            buildMembership({ id: 'ws-1', name: 'Acme Sales' }),
          ],
        }),
        ...workspaceHandlers(buildWorkspace('OWNER')),
      ],
    });
    expect(await screen.findByRole('heading', { name: 'Acme Sales' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/ws-1');
    // Provider workspaces belong to the admin console, not this nav.
    const nav = screen.getByRole('navigation', { name: 'Main navigation' });
    expect(nav).toHaveTextContent('Acme Sales');
    expect(nav).not.toHaveTextContent('Plumbers Inc');
    // The current workspace's marketplace, segments, cart, purchases and credits.
    for (const [label, href] of [
      ['Marketplace', '/workspaces/ws-1/marketplace'],
      ['Segments', '/workspaces/ws-1/segments'],
      ['Cart', '/workspaces/ws-1/cart'],
      ['Purchases', '/workspaces/ws-1/purchases'],
      ['Credits', '/workspaces/ws-1/credits'],
    ]) {
      expect(within(nav).getByRole('link', { name: label })).toHaveAttribute('href', href);
    }
  });

  it('asks a user without a buyer workspace to create one', async () => {
    const { router } = renderWithProviders(null, { routes, route: '/', handlers: signedInAs() });
    expect(await screen.findByRole('heading', { name: 'Create workspace' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/new');
  });

  it('gives an end user without a workspace their own area', async () => {
    const { router } = renderWithProviders(null, {
      routes,
      route: '/',
      handlers: [...signedInAs({ isEndUser: true }), mockOperation(MyServiceRequestsDocument, { myServiceRequests: [] })],
    });
    expect(await screen.findByText('Your service requests will appear here')).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/me');
    expect(screen.getByRole('tab', { name: 'My requests' })).toHaveAttribute('aria-selected', 'true');
    expect(screen.queryByRole('navigation', { name: 'Main navigation' })).not.toBeInTheDocument();
  });

  it('logs out from the user menu', async () => {
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/workspaces/new',
      handlers: [...signedInAs(), mockOperation(SessionLogoutDocument, { sessionLogout: { userErrors: [] } })],
    });
    await user.click(await screen.findByRole('button', { name: 'User menu' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Log out' }));
    await waitFor(() => expect(router.state.location.pathname).toBe('/login'));
  });
});
