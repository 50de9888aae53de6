import { mockOperation, mockOperationError, renderWithProviders, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { WorkspaceInvitationCreateDocument, WorkspaceMemberRemoveDocument, WorkspaceMemberRoleChangeDocument } from '@hotlead/ui/gql';
import { ApiKeyCreateDocument, WorkspacePageDocument } from '../../gql/graphql';
import { routes } from '../../routes';
import {
  buildApiKey,
  buildInvitation,
  buildMembership,
  buildWorkspace,
  signedInAs,
  workspaceHandlers,
  type WorkspaceFixture,
} from '../../test/fixtures';

const route = '/workspaces/ws-1';

function renderAs(workspace: WorkspaceFixture, extra: Parameters<typeof workspaceHandlers>[1] = {}) {
  return renderWithProviders(null, {
    routes,
    route,
    handlers: [
      ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' }, workspace.viewerRole ?? 'MEMBER')] }),
      ...workspaceHandlers(workspace, extra),
    ],
  });
}

describe('WorkspacePage', () => {
  it('shows members, pending invitations and API keys to the owner', async () => {
    renderAs(buildWorkspace('OWNER'), { invitations: [buildInvitation()], apiKeys: [buildApiKey()] });

    expect(await screen.findByRole('heading', { name: 'Acme Sales' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Credits & billing' })).toHaveAttribute('href', '/workspaces/ws-1/credits');
    const members = screen.getByRole('table', { name: 'Members' });
    expect(within(members).getByText('Grace Hopper')).toBeInTheDocument();
    expect(within(members).getByText('grace@example.com')).toBeInTheDocument();
    expect(within(members).getByRole('combobox', { name: 'Role of Grace Hopper' })).toHaveValue('Member');

    const invitations = await screen.findByRole('table', { name: 'Pending invitations' });
    expect(within(invitations).getByText('linus@example.com')).toBeInTheDocument();

    const keys = await screen.findByRole('table', { name: 'API keys' });
    expect(within(keys).getByText('CRM sync')).toBeInTheDocument();
    expect(within(keys).getByText('hl_live_ab12…')).toBeInTheDocument();
  });

  it('lets a plain member see the team but not manage it', async () => {
    renderAs(buildWorkspace('MEMBER'));

    const members = await screen.findByRole('table', { name: 'Members' });
    expect(within(members).getByText('Grace Hopper')).toBeInTheDocument();
    expect(within(members).queryByRole('combobox', { name: 'Role of Grace Hopper' })).not.toBeInTheDocument();
    expect(within(members).queryByRole('button', { name: /Remove/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Invite member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'API keys' })).not.toBeInTheDocument();
  });

  it('lets an admin invite and manage keys but not change roles', async () => {
    renderAs(buildWorkspace('ADMIN'));

    expect(await screen.findByRole('form', { name: 'Invite member' })).toBeInTheDocument();
    expect(screen.getByRole('heading', { name: 'API keys' })).toBeInTheDocument();
    expect(screen.queryByRole('combobox', { name: 'Role of Grace Hopper' })).not.toBeInTheDocument();
  });

  it("changes a member's role and shows the refreshed team", async () => {
    let workspace = buildWorkspace('OWNER');
    const changes: unknown[] = [];
    const { user } = renderWithProviders(null, {
      routes,
      route,
      handlers: [
        ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
        ...workspaceHandlers(workspace).slice(1),
        mockOperation(WorkspacePageDocument, () => ({ workspace })),
        mockOperation(WorkspaceMemberRoleChangeDocument, (variables) => {
          const membershipId = String(variables.membershipId);
          changes.push(variables);
          workspace = {
            ...workspace,
            members: workspace.members.map((m) => (m.id === membershipId ? { ...m, role: variables.role } : m)),
          };
          return {
            workspaceMemberRoleChange: {
              membership: { __typename: 'WorkspaceMembership', id: membershipId, role: variables.role },
              userErrors: [],
            },
          };
        }),
      ],
    });

    await user.click(await screen.findByRole('combobox', { name: 'Role of Grace Hopper' }));
    await user.click(await screen.findByRole('option', { name: 'Admin' }));

    await waitFor(() => expect(changes).toEqual([{ membershipId: 'm-grace', role: 'ADMIN' }]));
    expect(await screen.findByText('Grace Hopper is now admin.')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('combobox', { name: 'Role of Grace Hopper' })).toHaveValue('Admin'));
  });

  it('removes a member after confirmation', async () => {
    const removed: string[] = [];
    const { user } = renderWithProviders(null, {
      routes,
      route,
      handlers: [
        ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
        ...workspaceHandlers(buildWorkspace('OWNER')),
        mockOperation(WorkspaceMemberRemoveDocument, (variables) => {
          removed.push(String(variables.membershipId));
          return { workspaceMemberRemove: { removedMembershipId: String(variables.membershipId), userErrors: [] } };
        }),
      ],
    });

    await user.click(await screen.findByRole('button', { name: 'Remove Grace Hopper' }));
    const dialog = await screen.findByRole('dialog', { name: 'Remove member' });
    await user.click(within(dialog).getByRole('button', { name: 'Remove member' }));

    await waitFor(() => expect(removed).toEqual(['m-grace']));
    expect(await screen.findByText('Grace Hopper was removed from Acme Sales.')).toBeInTheDocument();
  });

  it('shows an invitation user error beside the email field', async () => {
    const { user } = renderWithProviders(null, {
      routes,
      route,
      handlers: [
        ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
        ...workspaceHandlers(buildWorkspace('OWNER')),
        mockOperation(WorkspaceInvitationCreateDocument, {
          invitationCreate: {
            invitation: null,
            userErrors: [{ field: ['input', 'email'], message: 'grace@example.com is already a member', code: 'ALREADY_MEMBER' }],
          },
        }),
      ],
    });

    const form = await screen.findByRole('form', { name: 'Invite member' });
    await user.type(within(form).getByLabelText('Email'), 'grace@example.com');
    await user.click(within(form).getByRole('button', { name: 'Invite member' }));

    await waitFor(() => expect(within(form).getByLabelText('Email')).toHaveAccessibleDescription('grace@example.com is already a member'));
  });

  it('sends an invitation with the chosen role', async () => {
    const sent: unknown[] = [];
    const { user } = renderWithProviders(null, {
      routes,
      route,
      handlers: [
        ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
        ...workspaceHandlers(buildWorkspace('OWNER')),
        mockOperation(WorkspaceInvitationCreateDocument, (variables) => {
          sent.push(variables);
          return {
            invitationCreate: {
              invitation: { __typename: 'Invitation', id: 'inv-2', email: variables.email, role: variables.role, status: 'PENDING' },
              userErrors: [],
            },
          };
        }),
      ],
    });

    const form = await screen.findByRole('form', { name: 'Invite member' });
    await user.type(within(form).getByLabelText('Email'), 'linus@example.com');
    await user.click(within(form).getByRole('combobox', { name: 'Role' }));
    await user.click(await screen.findByRole('option', { name: 'Admin' }));
    await user.click(within(form).getByRole('button', { name: 'Invite member' }));

    await waitFor(() => expect(sent).toEqual([{ workspaceId: 'ws-1', email: 'linus@example.com', role: 'ADMIN' }]));
    expect(await screen.findByText('We emailed an invitation to linus@example.com.')).toBeInTheDocument();
  });

  it('shows a new API key secret once, in a modal', async () => {
    const { user } = renderWithProviders(null, {
      routes,
      route,
      handlers: [
        ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
        ...workspaceHandlers(buildWorkspace('OWNER')),
        mockOperation(ApiKeyCreateDocument, ({ name }) => ({
          apiKeyCreate: {
            apiKey: { __typename: 'ApiKey', id: 'key-2', name, prefix: 'hl_live_zz99' },
            secret: 'hl_live_zz99_s3cr3t',
            userErrors: [],
          },
        })),
      ],
    });

    expect(await screen.findByText('No API keys yet')).toBeInTheDocument();
    const form = screen.getByRole('form', { name: 'Create API key' });
    await user.type(within(form).getByLabelText('Key name'), 'Zapier');
    await user.click(within(form).getByRole('button', { name: 'Create API key' }));

    const dialog = await screen.findByRole('dialog', { name: 'API key created' });
    expect(within(dialog).getByTestId('api-key-secret')).toHaveTextContent('hl_live_zz99_s3cr3t');
    await user.click(within(dialog).getByRole('button', { name: 'Done' }));
    await waitFor(() => expect(screen.queryByText('hl_live_zz99_s3cr3t')).not.toBeInTheDocument());
  });

  it('explains a refused workspace with a friendly message', async () => {
    renderWithProviders(null, {
      routes,
      route,
      handlers: [
        ...signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] }),
        mockOperationError(WorkspacePageDocument, 'FORBIDDEN', 'principal user:9 lacks workspace:read'),
      ],
    });
    expect(await screen.findByText('Could not load this page')).toBeInTheDocument();
    expect(screen.getByText("You don't have permission to do that.")).toBeInTheDocument();
    expect(screen.queryByText(/principal user:9/)).not.toBeInTheDocument();
  });
});
