import { mockOperation, screen, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { LeadPurchasesDocument, type LeadPurchasesQueryVariables } from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildLeadPurchase, leadPurchasesPage, mockLeadPurchases } from '../../test/marketplace';
import { PURCHASES_PAGE_SIZE } from './PurchasesPage';

const route = '/workspaces/ws-1/purchases';
const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });

describe('PurchasesPage', () => {
  it('lists the purchases and loads more', async () => {
    const pages: LeadPurchasesQueryVariables[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockOperation(LeadPurchasesDocument, (variables) => {
        pages.push(variables);
        return {
          leadPurchases: variables.after
            ? leadPurchasesPage([buildLeadPurchase({ id: 'lp-old', leadCount: 3, totalUsd: '30.0000', credits: '300.0000' })], {
                totalCount: 2,
              })
            : leadPurchasesPage(
                [
                  buildLeadPurchase({
                    id: 'lp-new',
                    leadCount: 1200,
                    totalUsd: '15000.0000',
                    credits: '150000.0000',
                    exportMode: 'VALID_AND_CATCH_ALL',
                  }),
                ],
                { totalCount: 2, hasNextPage: true },
              ),
        };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Lead purchases' });
    let rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toHaveTextContent('1,200');
    expect(rows[0]).toHaveTextContent('$15,000.00');
    expect(rows[0]).toHaveTextContent('150,000');
    expect(rows[0]).toHaveTextContent('Valid + catch-all');
    expect(rows[0]).toHaveTextContent(/Feb 11, 2026/);

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('$30.00')).toBeInTheDocument();
    rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[1]).toHaveTextContent('Valid emails only');
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(pages).toEqual([
      { workspaceId: 'ws-1', first: PURCHASES_PAGE_SIZE },
      { workspaceId: 'ws-1', first: PURCHASES_PAGE_SIZE, after: 'cursor-lp-new' },
    ]);
  });

  it('offers the CSV while the purchase is downloadable, and says when it has expired', async () => {
    renderConsole(route, [
      ...signedIn(),
      mockOperation(LeadPurchasesDocument, () => ({
        leadPurchases: leadPurchasesPage([
          buildLeadPurchase({ id: 'lp-live', downloadableUntil: '2999-01-01T00:00:00.000Z', downloadUrl: '/purchases/lp-live/leads.csv' }),
          buildLeadPurchase({ id: 'lp-old', downloadableUntil: '2020-01-01T00:00:00.000Z' }),
        ]),
      })),
    ]);
    const table = await screen.findByRole('table', { name: 'Lead purchases' });
    const rows = within(table).getAllByRole('row').slice(1);
    expect(within(rows[0]!).getByRole('link', { name: 'Download CSV' })).toHaveAttribute('href', '/purchases/lp-live/leads.csv');
    expect(rows[1]).toHaveTextContent('Expired');
  });

  it('shows the empty state', async () => {
    renderConsole(route, [...signedIn(), mockLeadPurchases([])]);
    expect(await screen.findByText('No purchases yet')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Browse the marketplace' })).toHaveAttribute('href', '/workspaces/ws-1/marketplace');
  });
});
