import {
  AccountPageDocument,
  buildAccount,
  EmailVerificationSendDocument,
  mockAccount,
  mockOperation,
  mockSubscriptions,
  renderWithProviders,
  screen,
  SessionRevokedDocument,
  SessionRevokeDocument,
  waitFor,
  within,
} from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { routes } from './routes';
import { signedInAs } from './test/fixtures';

describe('AccountPage', () => {
  it('shows the profile and every session, marking this device', async () => {
    renderWithProviders(null, { routes, route: '/account', handlers: [...signedInAs(), mockAccount()] });

    expect(await screen.findByRole('heading', { name: 'Account' })).toBeInTheDocument();
    expect(screen.getByText('Verified')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Resend verification email' })).not.toBeInTheDocument();

    const sessions = screen.getByRole('table', { name: 'Sessions' });
    const rows = within(sessions).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Chrome on Linux');
    expect(rows[0]).toHaveTextContent('This device');
    expect(within(rows[0]!).queryByRole('button', { name: /Revoke/ })).not.toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Safari on iOS');
  });

  it('resends the verification email while unverified', async () => {
    let sent = 0;
    const { user } = renderWithProviders(null, {
      routes,
      route: '/account',
      handlers: [
        ...signedInAs(),
        mockAccount(buildAccount({ emailVerified: false })),
        mockOperation(EmailVerificationSendDocument, () => {
          sent += 1;
          return { emailVerificationSend: { userErrors: [] } };
        }),
      ],
    });

    expect(await screen.findByText('Not verified')).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Resend verification email' }));
    expect(await screen.findByText('We sent a new verification link to ada@example.com.')).toBeInTheDocument();
    expect(sent).toBe(1);
  });

  it('revokes another session and refreshes the list', async () => {
    let account = buildAccount();
    const revoked: string[] = [];
    const { user } = renderWithProviders(null, {
      routes,
      route: '/account',
      handlers: [
        ...signedInAs(),
        mockOperation(AccountPageDocument, () => ({ me: account })),
        mockOperation(SessionRevokeDocument, (variables) => {
          const sessionId = String(variables.sessionId);
          revoked.push(sessionId);
          account = { ...account, sessions: account.sessions.filter((s) => s.id !== sessionId) };
          return { sessionRevoke: { session: { __typename: 'Session', id: sessionId }, userErrors: [] } };
        }),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Revoke Safari on iOS session' }));
    await waitFor(() => expect(screen.queryByText('Safari on iOS')).not.toBeInTheDocument());
    expect(revoked).toEqual(['sess-phone']);
    expect(screen.getByText('Session revoked')).toBeInTheDocument();
  });
});

describe('useSessionRevokedLogout', () => {
  it('logs out when the current session is revoked elsewhere', async () => {
    const socket = mockSubscriptions();
    const { router } = renderWithProviders(null, {
      routes,
      route: '/account',
      subscriptions: true,
      handlers: [...signedInAs(), mockAccount(), socket.handler],
    });
    expect(await screen.findByRole('heading', { name: 'Account' })).toBeInTheDocument();
    await socket.waitForSubscription(SessionRevokedDocument);

    // Another session of the same user being revoked changes nothing here.
    socket.emit(SessionRevokedDocument, { sessionRevoked: { sessionId: 'sess-phone', reason: 'revoked' } });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(router.state.location.pathname).toBe('/account');

    socket.emit(SessionRevokedDocument, { sessionRevoked: { sessionId: 'sess-current', reason: 'admin' } });
    expect(await screen.findByRole('heading', { name: 'Log in' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/login');
    expect(screen.getByText('You have been logged out')).toBeInTheDocument();
  });
});
