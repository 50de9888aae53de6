import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  LeadPurchaseDetailDocument,
  LeadReportCreateDocument,
  type LeadPurchaseDetailQueryVariables,
  type LeadReportCreateMutationVariables,
} from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildLeadPurchase, buildLeadReport, buildPurchaseItem, purchaseDetail } from '../../test/marketplace';
import { PURCHASE_ITEMS_PAGE_SIZE } from './PurchaseDetailPage';

const route = '/workspaces/ws-1/purchases/lp-1';
const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });
const purchase = buildLeadPurchase({
  id: 'lp-1',
  leadCount: 3,
  refundedCredits: '125.0000',
  downloadableUntil: '2999-01-01T00:00:00.000Z',
});

const ada = buildPurchaseItem();
const grace = buildPurchaseItem(
  { id: 'lead-2', firstName: 'Grace', lastName: 'Hopper', email: 'grace@globex.com', phone: null, companyName: 'Globex' },
  { refundedAt: '2026-01-20T10:00:00.000Z', refundReason: 'Email bounced (verified)', reportStatus: 'REFUNDED' },
);
const linus = buildPurchaseItem(
  { id: 'lead-3', firstName: 'Linus', lastName: 'Torvalds', email: 'linus@initech.com', companyName: 'Initech' },
  { reportStatus: 'OPEN', priceUsd: '40.0000', credits: '400.0000', exclusive: true },
);

describe('PurchaseDetailPage', () => {
  it("lists the purchase's leads 50 at a time with their price and status", async () => {
    const pages: LeadPurchaseDetailQueryVariables[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockOperation(LeadPurchaseDetailDocument, (variables) => {
        pages.push(variables);
        return variables.after
          ? purchaseDetail(purchase, [linus], { totalCount: 3 })
          : purchaseDetail(purchase, [ada, grace], { totalCount: 3, hasNextPage: true });
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Purchased leads' });
    let rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toHaveTextContent('Ada Lovelace');
    expect(rows[0]).toHaveTextContent('ada@acme.com');
    expect(rows[0]).toHaveTextContent('+15125550100');
    expect(rows[0]).toHaveTextContent('Acme Corp');
    expect(rows[0]).toHaveTextContent('$12.50');
    expect(within(rows[0]!).getByRole('button', { name: 'Report a problem with Ada Lovelace' })).toBeInTheDocument();
    expect(rows[1]).toHaveTextContent('Refunded');
    expect(rows[1]).toHaveTextContent('Email bounced (verified)');
    expect(within(rows[1]!).queryByRole('button', { name: /Report a problem/ })).not.toBeInTheDocument();
    expect(screen.getByRole('region', { name: 'Purchase summary' })).toHaveTextContent('125 credits');

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await within(table).findByText('Linus Torvalds')).toBeInTheDocument();
    rows = within(table).getAllByRole('row').slice(1);
    expect(rows).toHaveLength(3);
    expect(rows[2]).toHaveTextContent('Reported');
    expect(rows[2]).toHaveTextContent('Exclusive');
    expect(rows[2]).toHaveTextContent('$40.00');
    expect(within(rows[2]!).queryByRole('button', { name: /Report a problem/ })).not.toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(pages).toEqual([
      { id: 'lp-1', first: PURCHASE_ITEMS_PAGE_SIZE },
      { id: 'lp-1', first: PURCHASE_ITEMS_PAGE_SIZE, after: 'cursor-item-lead-2' },
    ]);
    expect(PURCHASE_ITEMS_PAGE_SIZE).toBe(50);
  });

  it('reports a problem: explains the bounce guarantee, requires a note otherwise, shows user errors inline', async () => {
    const reports: LeadReportCreateMutationVariables[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockOperation(LeadPurchaseDetailDocument, purchaseDetail(purchase, [ada])),
      mockOperation(LeadReportCreateDocument, (variables) => {
        reports.push(variables);
        if (reports.length === 1) {
          return {
            leadReportCreate: {
              report: null,
              userErrors: [
                {
                  __typename: 'MarketplaceUserError',
                  code: 'INVALID_INPUT',
                  message: 'Say what is wrong in a few more words.',
                  field: ['input', 'note'],
                },
              ],
            },
          };
        }
        if (reports.length === 2) {
          return {
            leadReportCreate: {
              report: null,
              userErrors: [{ code: 'NOT_ALLOWED', message: 'This lead was reported already.', field: null }],
            },
          };
        }
        return {
          leadReportCreate: {
            report: buildLeadReport({ kind: 'WRONG_PERSON', note: 'Left Acme in 2024', status: 'OPEN' }),
            userErrors: [],
          },
        };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Report a problem with Ada Lovelace' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report a problem with Ada Lovelace' });
    // Bounces are the default, with the 30-day guarantee explained.
    expect(within(dialog).getByRole('note')).toHaveTextContent(
      'within 30 days of the purchase are verified and, once confirmed, refunded automatically',
    );

    await user.click(within(dialog).getByRole('combobox', { name: 'What is wrong?' }));
    await user.click(await screen.findByRole('option', { name: 'Wrong person' }));
    expect(within(dialog).queryByRole('note')).not.toBeInTheDocument();

    // Every kind but a bounce needs a note.
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByText('Describe what is wrong with this lead')).toBeInTheDocument();
    expect(reports).toHaveLength(0);

    const note = within(dialog).getByRole('textbox', { name: /Note/ });
    await user.type(note, 'Left');
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByText('Say what is wrong in a few more words.')).toBeInTheDocument();
    expect(note).toHaveAttribute('aria-invalid', 'true');
    expect(reports[0]).toEqual({ input: { purchaseId: 'lp-1', leadId: 'lead-1', kind: 'WRONG_PERSON', note: 'Left' } });

    await user.type(note, ' Acme in 2024');
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This lead was reported already.');

    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(reports[2]).toEqual({ input: { purchaseId: 'lp-1', leadId: 'lead-1', kind: 'WRONG_PERSON', note: 'Left Acme in 2024' } });
    expect(await screen.findByText('Report sent')).toBeInTheDocument();
    const row = within(screen.getByRole('table', { name: 'Purchased leads' })).getAllByRole('row')[1]!;
    expect(row).toHaveTextContent('Reported');
    expect(within(row).queryByRole('button', { name: /Report a problem/ })).not.toBeInTheDocument();
  });

  it('sends a bounce without a note', async () => {
    const reports: LeadReportCreateMutationVariables[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockOperation(LeadPurchaseDetailDocument, purchaseDetail(purchase, [ada])),
      mockOperation(LeadReportCreateDocument, (variables) => {
        reports.push(variables);
        return { leadReportCreate: { report: buildLeadReport({ status: 'OPEN' }), userErrors: [] } };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Report a problem with Ada Lovelace' }));
    const dialog = await screen.findByRole('dialog', { name: 'Report a problem with Ada Lovelace' });
    await user.click(within(dialog).getByRole('button', { name: 'Send report' }));
    await waitFor(() => expect(reports).toEqual([{ input: { purchaseId: 'lp-1', leadId: 'lead-1', kind: 'BOUNCED', note: null } }]));
  });
});
