import {
  InvitationAcceptDocument,
  InvitationPreviewDocument,
  mockOperation,
  renderWithProviders,
  screen,
  waitFor,
} from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { destinationAfterAccept } from './inviteDestination';
import { routes } from './routes';
import { buildMembership, buildWorkspace, signedInAs, workspaceHandlers } from './test/fixtures';

const preview = {
  __typename: 'InvitationPreview',
  email: 'ada@example.com',
  role: 'ADMIN',
  targetName: 'Acme Sales',
  targetKind: 'WORKSPACE',
  status: 'PENDING',
} as const;

describe('InvitePage', () => {
  it('asks a signed-out visitor to log in or sign up, returning to the invitation', async () => {
    renderWithProviders(null, {
      routes,
      route: '/invite/tok-123',
      handlers: [mockOperation(InvitationPreviewDocument, { invitationPreview: preview, me: null })],
    });

    expect(await screen.findByRole('heading', { name: 'Join Acme Sales' })).toBeInTheDocument();
    expect(screen.getByText(/as/)).toHaveTextContent('You have been invited to the workspace Acme Sales as Admin.');
    expect(screen.getByRole('link', { name: 'Log in to accept' })).toHaveAttribute(
      'href',
      '/login?next=%2Finvite%2Ftok-123&email=ada%40example.com',
    );
    expect(screen.getByRole('link', { name: 'Sign up' })).toHaveAttribute(
      'href',
      '/signup?next=%2Finvite%2Ftok-123&email=ada%40example.com',
    );
  });

  it('accepts for a signed-in user and opens the workspace', async () => {
    const accepted: string[] = [];
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/invite/tok-123',
      handlers: [
        mockOperation(InvitationPreviewDocument, {
          invitationPreview: preview,
          me: { __typename: 'User', id: 'user-1', email: 'ada@example.com' },
        }),
        mockOperation(InvitationAcceptDocument, ({ token }) => {
          accepted.push(token);
          return {
            invitationAccept: {
              workspace: { __typename: 'Workspace', id: 'ws-1', name: 'Acme Sales', kind: 'BUYER' },
              partnerOrg: null,
              userErrors: [],
            },
          };
        }),
        ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' }, 'ADMIN')] }),
        ...workspaceHandlers(buildWorkspace('ADMIN')),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Accept invitation' }));

    await waitFor(() => expect(router.state.location.pathname).toBe('/workspaces/ws-1'));
    expect(await screen.findByRole('heading', { name: 'Acme Sales' })).toBeInTheDocument();
    expect(accepted).toEqual(['tok-123']);
  });

  it('explains an accept user error and warns about another account', async () => {
    const { user } = renderWithProviders(null, {
      routes,
      route: '/invite/tok-123',
      handlers: [
        mockOperation(InvitationPreviewDocument, {
          invitationPreview: preview,
          me: { __typename: 'User', id: 'user-9', email: 'bob@example.com' },
        }),
        mockOperation(InvitationAcceptDocument, {
          invitationAccept: {
            workspace: null,
            partnerOrg: null,
            userErrors: [
              { field: ['input', 'token'], message: 'This invitation was sent to another email address.', code: 'EMAIL_MISMATCH' },
            ],
          },
        }),
      ],
    });

    expect(await screen.findByText(/You are signed in as bob@example.com/)).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Accept invitation' }));
    expect(await screen.findByText('This invitation was sent to another email address.')).toBeInTheDocument();
    expect(screen.getByRole('button', { name: 'Accept invitation' })).toBeInTheDocument();
  });

  it('says when an invitation can no longer be used', async () => {
    renderWithProviders(null, {
      routes,
      route: '/invite/tok-123',
      handlers: [mockOperation(InvitationPreviewDocument, { invitationPreview: { ...preview, status: 'EXPIRED' }, me: null })],
    });
    expect(await screen.findByText(/This invitation has expired/)).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Accept invitation' })).not.toBeInTheDocument();
  });

  it('says when the token is unknown', async () => {
    renderWithProviders(null, {
      routes,
      route: '/invite/nope',
      handlers: [mockOperation(InvitationPreviewDocument, { invitationPreview: null, me: null })],
    });
    expect(await screen.findByRole('heading', { name: 'Invitation not found' })).toBeInTheDocument();
  });
});

describe('destinationAfterAccept', () => {
  it('opens each kind of membership in the app it belongs to', () => {
    expect(destinationAfterAccept({ workspace: { id: 'ws-1', name: 'Acme', kind: 'BUYER' }, partnerOrg: null })).toBe('/workspaces/ws-1');
    expect(destinationAfterAccept({ workspace: { id: 'ws-9', name: 'Plumbers', kind: 'PROVIDER' }, partnerOrg: null })).toEqual({
      href: '/admin/provider/ws-9/inbox',
    });
    expect(destinationAfterAccept({ workspace: null, partnerOrg: { id: 'po-1', name: 'Lead Forge' } })).toEqual({
      href: '/partner/orgs/po-1',
    });
  });
});
