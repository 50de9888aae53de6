import { formatDateTime } from '@hotlead/ui';
import { mockOperation, screen, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AdminLeadPurchaseDetailDocument,
  type AdminLeadPurchaseDetailQuery,
  type AdminLeadPurchaseDetailQueryVariables,
} from '../../gql/graphql';
import { providerMembership, renderConsole, signedInAs } from '../../test/fixtures';

type Purchase = WithTypename<NonNullable<AdminLeadPurchaseDetailQuery['adminLeadPurchase']>>;
type Item = Purchase['items']['edges'][number]['node'];

function item(id: string, firstName: string, lastName: string, overrides: Partial<Item> = {}, lead: Partial<Item['lead']> = {}): Item {
  return {
    __typename: 'LeadPurchaseItem',
    lead: {
      __typename: 'MarketplaceLead',
      id,
      firstName,
      lastName,
      email: `${firstName.toLowerCase()}@example.com`,
      phone: '+15555550100',
      jobTitle: 'Head of Growth',
      companyName: 'Initech',
      country: 'US',
      ...lead,
    },
    priceUsd: '4.5000',
    credits: '4.5000',
    exclusive: false,
    refundedAt: null,
    refundReason: null,
    reportStatus: null,
    ...overrides,
  };
}

function itemsPage(items: Item[], page: { hasNextPage?: boolean; totalCount?: number } = {}): Purchase['items'] {
  return {
    __typename: 'LeadPurchaseItemConnection',
    edges: items.map((node) => ({ __typename: 'LeadPurchaseItemEdge', cursor: `cursor-${node.lead.id}`, node })),
    pageInfo: {
      __typename: 'PageInfo',
      hasNextPage: page.hasNextPage ?? false,
      endCursor: items.length ? `cursor-${items[items.length - 1]!.lead.id}` : null,
    },
    totalCount: page.totalCount ?? items.length,
    totalCountIsEstimate: false,
  };
}

function purchase(items: Purchase['items'], overrides: Partial<Purchase> = {}): Purchase {
  return {
    __typename: 'AdminLeadPurchase',
    id: 'pu-1',
    status: 'COMPLETED',
    failureReason: null,
    workspaceName: 'Acme Growth',
    buyerEmail: 'buyer@acme.example',
    leadCount: 3,
    totalUsd: '540.0000',
    credits: '460.0000',
    cardAmountCents: 8000,
    reservedCredits: '0.0000',
    refundedCredits: '9.0000',
    exportMode: 'VALID_AND_CATCH_ALL',
    exportStatus: 'READY',
    exportRows: 118,
    exportedAt: '2026-01-12T14:01:00.000Z',
    filters: { countries: ['US', 'CA'], hasPhone: true, emailVerified: false, industryIds: ['ind-1', 'ind-2'], customThing: 'kept' },
    createdAt: '2026-01-12T14:00:00.000Z',
    completedAt: '2026-01-12T14:00:03.000Z',
    downloadableUntil: '2026-02-11T14:00:03.000Z',
    items,
    ...overrides,
  };
}

const grace = item('l-1', 'Grace', 'Hopper', { exclusive: true, reportStatus: 'OPEN' });
const alan = item(
  'l-2',
  'Alan',
  'Turing',
  { refundedAt: '2026-01-13T09:00:00.000Z', refundReason: 'Email bounced', reportStatus: 'REFUNDED' },
  { email: null, phone: null },
);
const katherine = item('l-3', 'Katherine', 'Johnson', { priceUsd: '6.2500' }, { companyName: 'NASA Langley', country: 'GB' });

function cellsOf(row: HTMLElement) {
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);
}

describe('LeadPurchaseDetailPage', () => {
  it('shows the purchase, its payment, export and filters, and pages its leads with "Load more"', async () => {
    const requests: AdminLeadPurchaseDetailQueryVariables[] = [];
    const { user } = renderConsole('/marketplace/purchases/pu-1', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadPurchaseDetailDocument, (variables) => {
        requests.push(variables);
        return {
          adminLeadPurchase: purchase(
            variables.after ? itemsPage([katherine], { totalCount: 3 }) : itemsPage([grace, alan], { hasNextPage: true, totalCount: 3 }),
          ),
        };
      }),
    ]);

    const heading = await screen.findByRole('heading', { name: 'Acme Growth' });
    expect(heading.parentElement).toHaveTextContent('Acme GrowthCompleted');
    expect(screen.getByText(/Bought by buyer@acme\.example/)).toBeInTheDocument();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All purchases' })).toHaveAttribute('href', '/marketplace/purchases');

    const summary = screen.getByRole('region', { name: 'Summary' });
    const fact = (label: string) => within(summary).getByText(label).nextElementSibling?.textContent;
    expect(fact('Leads')).toBe('3');
    expect(fact('Total')).toBe('$540.00');
    expect(fact('Credits')).toBe('460+ $80.00 by card');
    expect(fact('Reserved credits')).toBe('0');
    expect(fact('Refunded credits')).toBe('9');
    expect(fact('Export mode')).toBe('Valid + catch-all');
    expect(fact('Export status')).toBe('Ready');
    expect(fact('Export rows')).toBe('118');
    expect(fact('Exported')).toBe(formatDateTime('2026-01-12T14:01:00.000Z'));
    expect(fact('Created')).toBe(formatDateTime('2026-01-12T14:00:00.000Z'));
    expect(fact('Completed')).toBe(formatDateTime('2026-01-12T14:00:03.000Z'));
    expect(fact('Downloadable until')).toBe(formatDateTime('2026-02-11T14:00:03.000Z'));

    const filters = screen.getByRole('region', { name: 'Filters used' });
    expect(
      within(filters)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual(['Countries: US, CA', 'Has phone: yes', 'Verified email: no', 'Industries: ind-1, ind-2', 'customThing: kept']);

    const table = screen.getByRole('table', { name: 'Purchased leads' });
    expect(screen.getByText('3 results · showing 2')).toBeInTheDocument();
    expect(cellsOf(within(table).getByRole('row', { name: /Grace Hopper/ }))).toEqual([
      'Grace HopperHead of Growth',
      'grace@example.com',
      '+15555550100',
      'Initech (US)',
      '$4.50',
      'Yes',
      '—',
      'Open',
    ]);
    const alanRow = cellsOf(within(table).getByRole('row', { name: /Alan Turing/ }));
    expect(alanRow.slice(1, 3)).toEqual(['—', '—']);
    expect(alanRow[5]).toBe('No');
    expect(alanRow[6]).toBe(`Refunded ${formatDateTime('2026-01-13T09:00:00.000Z')}Email bounced`);
    expect(alanRow[7]).toBe('Refunded');
    expect(within(table).queryByText(/Katherine/)).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    const katherineRow = await within(table).findByRole('row', { name: /Katherine Johnson/ });
    expect(katherineRow).toHaveTextContent('NASA Langley (GB)');
    expect(katherineRow).toHaveTextContent('$6.25');
    expect(within(table).getByRole('row', { name: /Grace Hopper/ })).toBeInTheDocument();
    expect(within(table).getByRole('row', { name: /Alan Turing/ })).toBeInTheDocument();
    expect(within(table).getAllByRole('row')).toHaveLength(4); // the header and three leads
    expect(screen.getByText('3 results · showing 3')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(requests).toEqual([
      { id: 'pu-1', first: 50 },
      { id: 'pu-1', first: 50, after: 'cursor-l-2' },
    ]);
  });

  it('shows why a purchase failed, and "None" when no filter was used', async () => {
    renderConsole('/marketplace/purchases/pu-3', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadPurchaseDetailDocument, {
        adminLeadPurchase: purchase(itemsPage([]), {
          id: 'pu-3',
          status: 'FAILED',
          failureReason: 'The card was declined.',
          buyerEmail: null,
          cardAmountCents: null,
          completedAt: null,
          exportStatus: 'PREPARING',
          exportRows: null,
          exportedAt: null,
          downloadableUntil: null,
          filters: {},
        }),
      }),
    ]);

    expect(await screen.findByRole('alert')).toHaveTextContent('The card was declined.');
    expect(screen.getByText(/Buyer no longer on record/)).toBeInTheDocument();
    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(summary).not.toHaveTextContent('by card');
    expect(within(summary).getByText('Export status').nextElementSibling).toHaveTextContent('—');
    expect(within(screen.getByRole('region', { name: 'Filters used' })).getByText('None')).toBeInTheDocument();
    expect(screen.getByText('No leads')).toBeInTheDocument();
  });

  it('says so for an unknown purchase', async () => {
    const requests: AdminLeadPurchaseDetailQueryVariables[] = [];
    renderConsole('/marketplace/purchases/nope', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadPurchaseDetailDocument, (variables) => {
        requests.push(variables);
        return { adminLeadPurchase: null };
      }),
    ]);
    expect(await screen.findByText('No such purchase')).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'All purchases' })).toHaveAttribute('href', '/marketplace/purchases');
    expect(requests).toEqual([{ id: 'nope', first: 50 }]);
  });

  it('is refused to a non-admin who types the URL', async () => {
    renderConsole(
      '/marketplace/purchases/pu-1',
      signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' })] }),
    );
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
    expect(screen.queryByRole('heading', { name: 'Acme Growth' })).not.toBeInTheDocument();
  });
});
