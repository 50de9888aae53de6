import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AdminCreditPurchasesDocument,
  CreditAdjustDocument,
  CreditAdjustWorkspaceDocument,
  CreditAdjustWorkspaceSearchDocument,
  CreditPurchaseRefundDocument,
  type AdminCreditPurchasesQuery,
  type CreditAdjustMutationVariables,
  type CreditPurchaseStatus,
} from '../../gql/graphql';
import { renderConsole, signedInAs } from '../../test/fixtures';

type Purchase = WithTypename<AdminCreditPurchasesQuery['adminCreditPurchases'][number]>;

function workspaceHandler(balance: () => string) {
  return mockOperation(CreditAdjustWorkspaceDocument, ({ id }) => ({
    workspace:
      id === 'ws-acme'
        ? {
            __typename: 'Workspace',
            id: 'ws-acme',
            name: 'Acme Growth',
            slug: 'acme-growth',
            kind: 'BUYER',
            status: 'ACTIVE',
            credits: { __typename: 'CreditWallet', workspaceId: 'ws-acme', balance: balance() },
          }
        : null,
  }));
}

const searches: (string | null | undefined)[] = [];
const search = mockOperation(CreditAdjustWorkspaceSearchDocument, ({ search: q }) => {
  searches.push(q);
  const all = [
    { __typename: 'AdminWorkspace', id: 'ws-acme', name: 'Acme Growth', slug: 'acme-growth', status: 'ACTIVE' as const },
    { __typename: 'AdminWorkspace', id: 'ws-north', name: 'Northwind Sales', slug: 'northwind', status: 'ACTIVE' as const },
  ];
  return {
    adminWorkspaces: {
      __typename: 'AdminWorkspaceConnection',
      edges: all
        .filter((w) => !q || w.name.toLowerCase().includes(q.toLowerCase()))
        .map((node) => ({ __typename: 'AdminWorkspaceEdge', node })),
    },
  };
});

function purchase(id: string, status: CreditPurchaseStatus, overrides: Partial<Purchase> = {}): Purchase {
  return {
    __typename: 'CreditPurchase',
    id,
    createdAt: '2026-01-05T10:00:00.000Z',
    completedAt: '2026-01-05T10:01:00.000Z',
    packageName: 'Starter',
    credits: 1000,
    amountCents: 7500,
    kind: 'CHECKOUT',
    provider: 'SANDBOX',
    status,
    failureReason: null,
    ...overrides,
  };
}

const noPurchases = mockOperation(AdminCreditPurchasesDocument, { adminCreditPurchases: [] });

describe('CreditAdjustPage', () => {
  it('finds a buyer workspace through the API and shows its balance', async () => {
    searches.length = 0;
    const { user, router } = renderConsole('/finance/adjust', [
      ...signedInAs({ admin: true }),
      search,
      workspaceHandler(() => '2500.0000'),
      noPurchases,
    ]);
    expect(await screen.findByText('Choose a workspace')).toBeInTheDocument();

    await user.type(screen.getByRole('combobox', { name: 'Workspace' }), 'north');
    await waitFor(() => expect(searches).toContain('north'));
    await waitFor(() => expect(screen.queryByRole('option', { name: 'Acme Growth' })).not.toBeInTheDocument());
    await user.clear(screen.getByRole('combobox', { name: 'Workspace' }));
    await user.click(await screen.findByRole('option', { name: 'Acme Growth' }));

    expect(await screen.findByRole('group', { name: 'Current balance' })).toHaveTextContent('2,500 credits');
    expect(router.state.location.search).toBe('?workspace=ws-acme');
    expect(screen.getByText('No credit purchases')).toBeInTheDocument();
  });

  it('requires a reason, shows INSUFFICIENT_CREDITS beside the credits, then shows the new balance', async () => {
    const adjustments: CreditAdjustMutationVariables[] = [];
    let balance = '2500.0000';
    const { user } = renderConsole('/finance/adjust?workspace=ws-acme', [
      ...signedInAs({ admin: true }),
      search,
      workspaceHandler(() => balance),
      noPurchases,
      mockOperation(CreditAdjustDocument, (variables) => {
        adjustments.push(variables);
        if (variables.input.direction === 'DEDUCT') {
          return {
            creditAdjust: {
              balance: null,
              entryId: null,
              userErrors: [
                {
                  code: 'INSUFFICIENT_CREDITS',
                  field: ['input', 'credits'],
                  message: 'The workspace has fewer credits than that; deduct at most its balance.',
                },
              ],
            },
          };
        }
        balance = '2600.0000';
        return { creditAdjust: { balance, entryId: 'entry-1', userErrors: [] } };
      }),
    ]);
    const form = await screen.findByRole('form', { name: 'Adjust credits' });
    expect(screen.getByRole('group', { name: 'Current balance' })).toHaveTextContent('2,500 credits');

    // No reason: refused in the browser, nothing sent.
    await user.click(within(form).getByRole('radio', { name: 'Deduct credits' }));
    await user.type(within(form).getByRole('textbox', { name: 'Credits' }), '5000');
    await user.click(within(form).getByRole('button', { name: 'Deduct credits' }));
    expect(within(form).getByRole('textbox', { name: 'Reason' })).toHaveAccessibleDescription(
      expect.stringContaining('Say why (at least 3 characters)'),
    );
    expect(adjustments).toHaveLength(0);

    await user.type(within(form).getByRole('textbox', { name: 'Reason' }), 'Duplicate lead refund');
    await user.click(within(form).getByRole('button', { name: 'Deduct credits' }));
    await waitFor(() =>
      expect(within(form).getByRole('textbox', { name: 'Credits' })).toHaveAccessibleDescription(
        'The workspace has fewer credits than that; deduct at most its balance.',
      ),
    );

    await user.click(within(form).getByRole('radio', { name: 'Grant credits' }));
    await user.clear(within(form).getByRole('textbox', { name: 'Credits' }));
    await user.type(within(form).getByRole('textbox', { name: 'Credits' }), '100');
    await user.click(within(form).getByRole('button', { name: 'Grant credits' }));

    expect(await within(form).findByRole('status')).toHaveTextContent('Granted 100 credits. New balance: 2,600 credits.');
    await waitFor(() => expect(screen.getByRole('group', { name: 'Current balance' })).toHaveTextContent('2,600 credits'));
    expect(adjustments.map((a) => ({ ...a.input, idempotencyKey: typeof a.input.idempotencyKey }))).toEqual([
      { workspaceId: 'ws-acme', direction: 'DEDUCT', credits: 5000, reason: 'Duplicate lead refund', idempotencyKey: 'string' },
      { workspaceId: 'ws-acme', direction: 'GRANT', credits: 100, reason: 'Duplicate lead refund', idempotencyKey: 'string' },
    ]);
    // Nothing was posted by the refused attempt, so the retry keeps its key; the next adjustment gets a new one.
    expect(adjustments[0]!.input.idempotencyKey).toBe(adjustments[1]!.input.idempotencyKey);
    expect(within(form).getByRole('textbox', { name: 'Reason' })).toHaveValue('');
  });

  it('refunds a paid purchase only after confirmation', async () => {
    const refunds: string[] = [];
    let purchases = [
      purchase('cp-paid', 'PAID'),
      purchase('cp-old', 'REFUNDED', { packageName: 'Growth', amountCents: 30000, credits: 5000 }),
    ];
    let balance = '2500.0000';
    const { user } = renderConsole('/finance/adjust?workspace=ws-acme', [
      ...signedInAs({ admin: true }),
      search,
      workspaceHandler(() => balance),
      mockOperation(AdminCreditPurchasesDocument, () => ({ adminCreditPurchases: purchases })),
      mockOperation(CreditPurchaseRefundDocument, (variables) => {
        const purchaseId = String(variables.purchaseId);
        refunds.push(purchaseId);
        purchases = purchases.map((p) => (p.id === purchaseId ? { ...p, status: 'REFUNDED' } : p));
        balance = '1500.0000';
        return {
          creditPurchaseRefund: {
            purchase: {
              __typename: 'CreditPurchase',
              id: purchaseId,
              status: 'REFUNDED',
              completedAt: '2026-01-05T10:01:00.000Z',
              failureReason: null,
            },
            userErrors: [],
          },
        };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Credit purchases' });
    // Only the paid purchase can be refunded.
    const refundButtons = within(table).getAllByRole('button', { name: 'Refund' });
    expect(refundButtons).toHaveLength(1);
    expect(within(table).getByRole('row', { name: /Starter/ })).toContainElement(refundButtons[0]!);

    await user.click(refundButtons[0]!);
    const dialog = await screen.findByRole('dialog', { name: 'Refund this purchase?' });
    expect(dialog).toHaveTextContent('$75.00 goes back to the buyer’s card');
    expect(refunds).toHaveLength(0);

    await user.click(within(dialog).getByRole('button', { name: 'Refund purchase' }));
    await waitFor(() => expect(refunds).toEqual(['cp-paid']));
    await waitFor(() => expect(within(table).queryByRole('button', { name: 'Refund' })).not.toBeInTheDocument());
    expect(within(within(table).getByRole('row', { name: /Starter/ })).getByText('Refunded')).toBeInTheDocument();
    await waitFor(() => expect(screen.getByRole('group', { name: 'Current balance' })).toHaveTextContent('1,500 credits'));
  });
});
