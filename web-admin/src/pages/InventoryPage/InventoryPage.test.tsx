import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { InventoryLeadsDocument, type InventoryLeadsQueryVariables } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';
import { leadFixture, mockPartnerPicker } from '../../test/supplyFixtures';

const grace = leadFixture('l1', { soldCount: 2, verificationStatus: 'VALID', listPrice: '4.5000' });
const alan = leadFixture('l2', {
  firstName: 'Alan',
  lastName: 'Turing',
  companyName: 'Bletchley Park',
  country: 'GB',
  city: null,
  status: 'PENDING_REVIEW',
  verificationStatus: 'CATCH_ALL',
  intentScore: 55,
  freshnessScore: 40,
  soldCount: 0,
});

describe('InventoryPage', () => {
  it('lists leads with an estimated total and passes each filter to the API', async () => {
    const requests: InventoryLeadsQueryVariables[] = [];
    const { user, router } = renderConsole('/supply/inventory', [
      ...signedInAs({ admin: true }),
      mockPartnerPicker([
        { id: 'p1', name: 'Lead Forge' },
        { id: 'p2', name: 'DataHarbor' },
      ]),
      mockOperation(InventoryLeadsDocument, (variables) => {
        requests.push(variables);
        const leads = [grace, alan].filter(
          (l) =>
            (!variables.status || l.status === variables.status) &&
            (!variables.verificationStatus || l.verificationStatus === variables.verificationStatus) &&
            (variables.sold == null || l.soldCount > 0 === variables.sold),
        );
        const page = connection('Lead', leads, { hasNextPage: leads.length > 1, totalCount: leads.length > 1 ? 10_000 : leads.length });
        return { inventoryLeads: { ...page, totalCountIsEstimate: leads.length > 1 } };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Inventory leads' });
    expect(screen.getByText('About 10,000 results · showing 2')).toBeInTheDocument();
    const graceRow = within(table).getByRole('row', { name: /Grace Hopper/ });
    expect(graceRow).toHaveTextContent('Valid');
    expect(graceRow).toHaveTextContent('$4.50');
    expect(graceRow).toHaveTextContent('US / Arlington');
    const alanRow = within(table).getByRole('row', { name: /Alan Turing/ });
    expect(alanRow).toHaveTextContent('Catch-all');
    expect(alanRow).toHaveTextContent('Waiting for review');
    expect(
      within(alanRow)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(['GB', '55', '40', '0']));

    await user.click(screen.getByRole('combobox', { name: 'Partner' }));
    await user.click(await screen.findByRole('option', { name: 'DataHarbor' }));
    await waitFor(() => expect(requests.at(-1)).toMatchObject({ partnerOrgId: 'p2' }));

    await user.click(screen.getByRole('combobox', { name: 'Status' }));
    await user.click(await screen.findByRole('option', { name: 'Listed' }));
    await waitFor(() => expect(screen.getByText('1 result · showing 1')).toBeInTheDocument());

    await user.click(screen.getByRole('combobox', { name: 'Verification' }));
    await user.click(await screen.findByRole('option', { name: 'Valid' }));
    await user.click(screen.getByRole('radio', { name: 'Unsold' }));
    expect(await screen.findByText('No leads match these filters')).toBeInTheDocument();

    expect(router.state.location.search).toBe('?partner=p2&status=LISTED&verification=VALID&sold=unsold');
    expect(requests).toEqual([
      { first: 25, partnerOrgId: null, status: null, verificationStatus: null, sold: null },
      { first: 25, partnerOrgId: 'p2', status: null, verificationStatus: null, sold: null },
      { first: 25, partnerOrgId: 'p2', status: 'LISTED', verificationStatus: null, sold: null },
      { first: 25, partnerOrgId: 'p2', status: 'LISTED', verificationStatus: 'VALID', sold: null },
      { first: 25, partnerOrgId: 'p2', status: 'LISTED', verificationStatus: 'VALID', sold: false },
    ]);
    expect(screen.getByRole('combobox', { name: 'Partner' })).toHaveValue('DataHarbor');
  });
});
