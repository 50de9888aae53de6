import type { GraphQLHandler } from 'msw';
import { mockOperation, renderWithProviders, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { PartnerInvitationCreateDocument, PartnerMemberRoleChangeDocument } from '../../gql/graphql';
import { routes } from '../../routes';
import {
  buildInvitation,
  buildPartnerMembership,
  buildPartnerOrg,
  partnerOrgHandlers,
  signedInAs,
  type PartnerOrgFixture,
} from '../../test/fixtures';

function renderAs(partnerOrg: PartnerOrgFixture, extra: GraphQLHandler[] = []) {
  return renderWithProviders(null, {
    routes,
    route: '/orgs/po-1',
    handlers: [
      ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' }, partnerOrg.viewerRole ?? 'MEMBER')] }),
      ...partnerOrgHandlers(partnerOrg, [buildInvitation()]),
      ...extra,
    ],
  });
}

describe('PartnerOrgPage', () => {
  it('shows the profile, members and pending invitations to an owner', async () => {
    renderAs(buildPartnerOrg('OWNER'));

    expect(await screen.findByRole('heading', { name: 'Lead Forge' })).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'https://leadforge.example' })).toHaveAttribute('rel', 'noopener noreferrer');
    expect(screen.getByText('Active')).toBeInTheDocument();
    const members = screen.getByRole('table', { name: 'Members' });
    expect(within(members).getByText('Alan Turing')).toBeInTheDocument();
    expect(within(members).getByRole('combobox', { name: 'Role of Alan Turing' })).toHaveValue('Member');
    const invitations = await screen.findByRole('table', { name: 'Pending invitations' });
    expect(within(invitations).getByText('joan@example.com')).toBeInTheDocument();
  });

  it('keeps management away from a plain member', async () => {
    renderAs(buildPartnerOrg('MEMBER'));

    const members = await screen.findByRole('table', { name: 'Members' });
    expect(within(members).getByText('Alan Turing')).toBeInTheDocument();
    expect(within(members).queryByRole('combobox')).not.toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'Invite member' })).not.toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Pending invitations' })).not.toBeInTheDocument();
  });

  it('warns when uploads are suspended', async () => {
    renderAs(buildPartnerOrg('OWNER', { uploadsSuspended: true }));
    expect(await screen.findByText('Uploads are paused')).toBeInTheDocument();
  });

  it('shows an invitation user error beside the email field', async () => {
    const { user } = renderAs(buildPartnerOrg('OWNER'), [
      mockOperation(PartnerInvitationCreateDocument, {
        invitationCreate: {
          invitation: null,
          userErrors: [
            { field: ['input', 'email'], message: 'An invitation is already pending for this email', code: 'INVITATION_PENDING' },
          ],
        },
      }),
    ]);

    const form = await screen.findByRole('form', { name: 'Invite member' });
    await user.type(within(form).getByLabelText('Email'), 'joan@example.com');
    await user.click(within(form).getByRole('button', { name: 'Invite member' }));
    await waitFor(() =>
      expect(within(form).getByLabelText('Email')).toHaveAccessibleDescription('An invitation is already pending for this email'),
    );
  });

  it('tells the owner when a role change is refused', async () => {
    const { user } = renderAs(buildPartnerOrg('OWNER'), [
      mockOperation(PartnerMemberRoleChangeDocument, {
        partnerMemberRoleChange: {
          membership: null,
          userErrors: [{ field: ['input', 'role'], message: 'An organization needs at least one owner', code: 'LAST_OWNER' }],
        },
      }),
    ]);

    await user.click(await screen.findByRole('combobox', { name: 'Role of Alan Turing' }));
    await user.click(await screen.findByRole('option', { name: 'Owner' }));
    expect(await screen.findByText('An organization needs at least one owner')).toBeInTheDocument();
  });
});
