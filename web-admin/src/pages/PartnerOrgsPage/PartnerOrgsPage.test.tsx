import { mockOperation, screen, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { AdminPartnerOrgsDocument, type AdminPartnerOrgsQuery } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

type AdminPartnerOrg = WithTypename<AdminPartnerOrgsQuery['adminPartnerOrgs']['edges'][number]['node']>;

const leadForge: AdminPartnerOrg = {
  __typename: 'AdminPartnerOrg',
  id: 'p1',
  name: 'Lead Forge',
  slug: 'lead-forge',
  status: 'ACTIVE',
  uploadsSuspended: true,
  createdAt: '2026-01-02T10:00:00.000Z',
  memberCount: 2,
};

describe('PartnerOrgsPage', () => {
  it('lists partner orgs with their upload state', async () => {
    renderConsole('/partner-orgs', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminPartnerOrgsDocument, {
        adminPartnerOrgs: connection('AdminPartnerOrg', [leadForge]),
      }),
    ]);
    const table = await screen.findByRole('table', { name: 'Partner orgs' });
    expect(within(table).getByText('Lead Forge')).toBeInTheDocument();
    expect(within(table).getByText('Uploads paused')).toBeInTheDocument();
    expect(within(table).getByRole('link', { name: 'Uploads of Lead Forge' })).toHaveAttribute('href', '/supply/uploads?partner=p1');
    expect(screen.getByText('1 result · showing 1')).toBeInTheDocument();
  });

  it('shows an empty state when there are none', async () => {
    renderConsole('/partner-orgs', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminPartnerOrgsDocument, { adminPartnerOrgs: connection('AdminPartnerOrg', []) }),
    ]);
    expect(await screen.findByText('No partner orgs yet')).toBeInTheDocument();
  });
});
