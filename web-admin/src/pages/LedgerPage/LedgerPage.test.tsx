import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { LedgerEntriesDocument, type LedgerAsset, type LedgerEntriesQuery, type LedgerEntriesQueryVariables } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

type Entry = WithTypename<LedgerEntriesQuery['ledgerEntries']['edges'][number]['node']>;

function posting(accountCode: string, accountKind: string, asset: LedgerAsset, amount: string) {
  return { __typename: 'LedgerPostingView', accountCode, accountKind, asset, amount };
}

const adjustment: Entry = {
  __typename: 'JournalEntryView',
  id: 'e1',
  createdAt: '2026-01-12T10:00:00.000Z',
  kind: 'CREDIT_ADJUSTMENT',
  description: 'Adjustment by Hotlead: goodwill',
  idempotencyKey: 'adjustment:k1',
  postings: [
    posting('platform:credits:issued', 'CREDITS_ISSUED', 'CREDITS', '-100.0000'),
    posting('workspace:w1:credits', 'WORKSPACE_CREDITS', 'CREDITS', '100.0000'),
  ],
};

const purchase: Entry = {
  __typename: 'JournalEntryView',
  id: 'e2',
  createdAt: '2026-01-11T10:00:00.000Z',
  kind: 'CREDIT_PURCHASE',
  description: 'Starter package',
  idempotencyKey: 'purchase:p1',
  postings: [
    posting('platform:provider:clearing', 'PROVIDER_CLEARING', 'USD', '-75.0000'),
    posting('platform:revenue', 'PLATFORM_REVENUE', 'USD', '75.0000'),
    posting('platform:credits:issued', 'CREDITS_ISSUED', 'CREDITS', '-1000.0000'),
    posting('workspace:w1:credits', 'WORKSPACE_CREDITS', 'CREDITS', '1000.0000'),
  ],
};

const older: Entry = { ...adjustment, id: 'e3', createdAt: '2026-01-01T10:00:00.000Z', description: 'Adjustment by Hotlead: setup' };

describe('LedgerPage', () => {
  it('passes the kind and account filters to the API and keeps them in the URL', async () => {
    const requests: LedgerEntriesQueryVariables[] = [];
    const { user, router } = renderConsole('/finance/ledger', [
      ...signedInAs({ admin: true }),
      mockOperation(LedgerEntriesDocument, (variables) => {
        requests.push(variables);
        const entries = [adjustment, purchase].filter(
          (e) =>
            (!variables.kind || e.kind === variables.kind) &&
            (!variables.accountCode || e.postings.some((p) => p.accountCode === variables.accountCode)),
        );
        return { ledgerEntries: connection('JournalEntryView', entries) };
      }),
    ]);
    const table = await screen.findByRole('table', { name: 'Ledger entries' });
    expect(within(table).getByText('Starter package')).toBeInTheDocument();

    await user.click(screen.getByRole('combobox', { name: 'Kind' }));
    await user.click(await screen.findByRole('option', { name: 'CREDIT_ADJUSTMENT' }));
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Ledger entries' })).queryByText('Starter package')).not.toBeInTheDocument(),
    );

    await user.type(screen.getByRole('textbox', { name: 'Account code' }), 'platform:revenue');
    expect(await screen.findByText('No entries match these filters')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?kind=CREDIT_ADJUSTMENT&account=platform%3Arevenue');
    expect(requests).toEqual([
      { first: 25, kind: null, accountCode: null },
      { first: 25, kind: 'CREDIT_ADJUSTMENT', accountCode: null },
      { first: 25, kind: 'CREDIT_ADJUSTMENT', accountCode: 'platform:revenue' },
    ]);
  });

  it('opens an entry to its postings, each asset summing to zero, and loads older entries', async () => {
    const requests: LedgerEntriesQueryVariables[] = [];
    const { user } = renderConsole('/finance/ledger', [
      ...signedInAs({ admin: true }),
      mockOperation(LedgerEntriesDocument, (variables) => {
        requests.push(variables);
        return variables.after
          ? { ledgerEntries: connection('JournalEntryView', [older], { totalCount: 3 }) }
          : { ledgerEntries: connection('JournalEntryView', [adjustment, purchase], { hasNextPage: true, totalCount: 3 }) };
      }),
    ]);
    await screen.findByRole('table', { name: 'Ledger entries' });
    expect(screen.queryByRole('table', { name: 'Postings of Starter package' })).not.toBeInTheDocument();

    const toggle = screen.getByRole('button', { name: 'Show postings of Starter package' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    const postings = screen.getByRole('table', { name: 'Postings of Starter package' });
    expect(within(postings).getByRole('row', { name: /platform:provider:clearing/ })).toHaveTextContent('-$75.00');
    expect(within(postings).getByRole('row', { name: /platform:revenue/ })).toHaveTextContent('+$75.00');
    expect(within(postings).getByRole('row', { name: /workspace:w1:credits/ })).toHaveTextContent('+1,000');
    const usd = within(postings).getByRole('row', { name: /Sum of USD/ });
    expect(usd).toHaveTextContent('$0.00');
    expect(usd).toHaveTextContent('Balanced');
    const credits = within(postings).getByRole('row', { name: /Sum of CREDITS/ });
    expect(credits).toHaveTextContent('0');
    expect(credits).toHaveTextContent('Balanced');

    await user.click(screen.getByRole('button', { name: 'Hide postings of Starter package' }));
    expect(screen.queryByRole('table', { name: 'Postings of Starter package' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Adjustment by Hotlead: setup')).toBeInTheDocument();
    expect(screen.getByText('Showing the newest 3 entries')).toBeInTheDocument();
    expect(requests.at(-1)).toEqual({ first: 25, kind: null, accountCode: null, after: 'cursor-e2' });
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
  });
});
