import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { AdminLeadPurchasesDocument, type AdminLeadPurchasesQuery, type AdminLeadPurchasesQueryVariables } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

type Purchase = WithTypename<AdminLeadPurchasesQuery['adminLeadPurchases']['edges'][number]['node']>;

function purchase(id: string, overrides: Partial<Purchase> = {}): Purchase {
  return {
    __typename: 'AdminLeadPurchase',
    id,
    createdAt: '2026-01-12T14:00:00.000Z',
    completedAt: '2026-01-12T14:00:03.000Z',
    workspaceName: 'Acme Growth',
    buyerEmail: 'buyer@acme.example',
    status: 'COMPLETED',
    failureReason: null,
    leadCount: 120,
    totalUsd: '540.0000',
    credits: '540.0000',
    reservedCredits: '0.0000',
    refundedCredits: '0.0000',
    cardAmountCents: null,
    exportStatus: 'READY',
    exportRows: 118,
    ...overrides,
  };
}

const completed = purchase('pu-1', { refundedCredits: '9.0000' });
const partial = purchase('pu-2', {
  workspaceName: 'Northwind Sales',
  buyerEmail: 'ops@northwind.example',
  leadCount: 40,
  credits: '100.0000',
  cardAmountCents: 8000,
  exportStatus: 'PREPARING',
  exportRows: null,
});
const failed = purchase('pu-3', {
  workspaceName: 'Globex',
  buyerEmail: null,
  status: 'FAILED',
  failureReason: 'The card was declined.',
  completedAt: null,
  exportStatus: 'PREPARING',
  exportRows: null,
});

function cellsOf(row: HTMLElement) {
  return within(row)
    .getAllByRole('cell')
    .map((c) => c.textContent);
}

describe('LeadPurchasesPage', () => {
  it('lists every purchase with its payment, export and refunds, and filters by status through the API', async () => {
    const requests: AdminLeadPurchasesQueryVariables[] = [];
    const { user, router } = renderConsole('/marketplace/purchases', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadPurchasesDocument, (variables) => {
        requests.push(variables);
        const all = [completed, partial, failed].filter((p) => !variables.status || p.status === variables.status);
        return { adminLeadPurchases: connection('AdminLeadPurchase', all) };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Lead purchases' });
    expect(screen.getByText('3 results · showing 3')).toBeInTheDocument();
    const acme = within(table).getByRole('row', { name: /Acme Growth/ });
    expect(cellsOf(acme).slice(1)).toEqual(['Acme Growth', 'buyer@acme.example', '120', '540', 'Completed', 'Ready118 rows', '9']);
    // The created date opens the purchase's detail.
    expect(within(acme).getByRole('link', { name: cellsOf(acme)[0]! })).toHaveAttribute('href', '/marketplace/purchases/pu-1');
    const northwind = within(table).getByRole('row', { name: /Northwind Sales/ });
    expect(northwind).toHaveTextContent('100+ $80.00 by card');
    expect(northwind).toHaveTextContent('Preparing');
    expect(cellsOf(northwind).at(-1)).toBe('—');
    const globex = within(table).getByRole('row', { name: /Globex/ });
    expect(globex).toHaveTextContent('Failed');
    expect(globex).toHaveTextContent('The card was declined.');
    // No export for a purchase that did not complete, and no buyer left.
    expect(cellsOf(globex)[2]).toBe('—');
    expect(cellsOf(globex)[6]).toBe('—');

    await user.click(screen.getByRole('radio', { name: 'Failed' }));
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Lead purchases' })).queryByText('Acme Growth')).not.toBeInTheDocument(),
    );
    expect(within(screen.getByRole('table', { name: 'Lead purchases' })).getByText('Globex')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=FAILED');

    await user.click(screen.getByRole('radio', { name: 'All' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(requests).toEqual([
      { first: 25, status: null },
      { first: 25, status: 'FAILED' },
    ]);
  });

  it('pages with "Load more" and starts from the status in the URL', async () => {
    const requests: AdminLeadPurchasesQueryVariables[] = [];
    const { user } = renderConsole('/marketplace/purchases?status=COMPLETED', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadPurchasesDocument, (variables) => {
        requests.push(variables);
        return {
          adminLeadPurchases: variables.after
            ? connection('AdminLeadPurchase', [partial], { totalCount: 2 })
            : connection('AdminLeadPurchase', [completed], { hasNextPage: true, totalCount: 2 }),
        };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Lead purchases' });
    expect(screen.getByRole('radio', { name: 'Completed' })).toBeChecked();
    expect(within(table).queryByText('Northwind Sales')).not.toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Northwind Sales')).toBeInTheDocument();
    expect(within(table).getByText('Acme Growth')).toBeInTheDocument();
    expect(screen.getByText('2 results · showing 2')).toBeInTheDocument();
    expect(requests).toEqual([
      { first: 25, status: 'COMPLETED' },
      { first: 25, status: 'COMPLETED', after: 'cursor-pu-1' },
    ]);
  });

  it('says when no purchase has the status', async () => {
    renderConsole('/marketplace/purchases?status=AWAITING_PAYMENT', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadPurchasesDocument, { adminLeadPurchases: connection('AdminLeadPurchase', []) }),
    ]);
    expect(await screen.findByText('No purchases with this status')).toBeInTheDocument();
  });
});
