import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { WorkspaceInvitationCreateDocument, WorkspaceInvitationsDocument } from '@hotlead/ui/gql';
import { ProviderMembersPageDocument, type ProviderMembersPageQuery, type WorkspaceRole } from '../../gql/graphql';
import { providerMembership, renderConsole, signedInAs } from '../../test/fixtures';

function workspace(viewerRole: WorkspaceRole): WithTypename<NonNullable<ProviderMembersPageQuery['workspace']>> {
  return {
    __typename: 'Workspace',
    id: 'ws-prov',
    name: 'Fast Plumbers',
    kind: 'PROVIDER',
    viewerRole,
    members: [
      {
        __typename: 'WorkspaceMembership',
        id: 'm1',
        role: viewerRole,
        createdAt: '2026-01-02T10:00:00.000Z',
        user: { __typename: 'MemberUser', id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' },
      },
      {
        __typename: 'WorkspaceMembership',
        id: 'm2',
        role: 'MEMBER',
        createdAt: '2026-01-03T10:00:00.000Z',
        user: { __typename: 'MemberUser', id: 'user-5', name: 'Mario Rossi', email: 'mario@example.com' },
      },
    ],
  };
}

function handlers(viewerRole: WorkspaceRole) {
  return [
    ...signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, viewerRole)] }),
    mockOperation(ProviderMembersPageDocument, { workspace: workspace(viewerRole) }),
    mockOperation(WorkspaceInvitationsDocument, { workspace: { __typename: 'Workspace', id: 'ws-prov', invitations: [] } }),
  ];
}

describe('ProviderMembersPage', () => {
  it('shows a sales user the team without management', async () => {
    renderConsole('/provider/ws-prov/members', handlers('MEMBER'));
    const table = await screen.findByRole('table', { name: 'Members' });
    expect(within(table).getByText('Mario Rossi')).toBeInTheDocument();
    expect(within(table).queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Invite member' })).not.toBeInTheDocument();
  });

  it('lets a manager invite, with user errors beside the field', async () => {
    const { user } = renderConsole('/provider/ws-prov/members', [
      ...handlers('ADMIN'),
      mockOperation(WorkspaceInvitationCreateDocument, {
        invitationCreate: {
          invitation: null,
          userErrors: [{ field: ['input', 'email'], message: 'mario@example.com is already a member', code: 'ALREADY_MEMBER' }],
        },
      }),
    ]);
    const form = await screen.findByRole('form', { name: 'Invite member' });
    expect(screen.getByText('No pending invitations.')).toBeInTheDocument();
    await user.type(within(form).getByLabelText('Email'), 'mario@example.com');
    await user.click(within(form).getByRole('button', { name: 'Invite member' }));
    await waitFor(() => expect(within(form).getByLabelText('Email')).toHaveAccessibleDescription('mario@example.com is already a member'));
  });
});
