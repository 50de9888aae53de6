import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, onTestFinished, vi } from 'vitest';
import {
  LeadPurchaseDocument,
  LeadPurchaseExportRefreshDocument,
  LeadPurchasesDocument,
  LeadReportsDocument,
  type LeadPurchasesQueryVariables,
} from '../../gql/graphql';
import { buildMembership, renderConsole, signedInAs } from '../../test/fixtures';
import { buildLeadPurchase, buildLeadReport, leadPurchasesPage, mockLeadPurchases } from '../../test/marketplace';
import { PURCHASES_PAGE_SIZE } from './PurchasesPage';

const route = '/workspaces/ws-1/purchases';
const signedIn = () => signedInAs({ memberships: [buildMembership({ id: 'ws-1', name: 'Acme Sales' })] });

afterEach(() => {
  vi.restoreAllMocks();
});

const FUTURE = '2999-01-01T00:00:00.000Z';

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

  it("shows each purchase's status, export status and refunded credits", async () => {
    renderConsole(route, [
      ...signedIn(),
      mockLeadPurchases([
        buildLeadPurchase({
          id: 'lp-wait',
          status: 'AWAITING_PAYMENT',
          completedAt: null,
          reservedCredits: '2500.0000',
          exportStatus: 'PREPARING',
          downloadableUntil: null,
        }),
        buildLeadPurchase({ id: 'lp-failed', status: 'FAILED', failureReason: 'Your card was declined.', completedAt: null }),
        buildLeadPurchase({ id: 'lp-preparing', exportStatus: 'PREPARING', downloadableUntil: FUTURE, exportedAt: null }),
        buildLeadPurchase({ id: 'lp-export-failed', exportStatus: 'FAILED', downloadableUntil: FUTURE }),
        buildLeadPurchase({
          id: 'lp-refunded',
          refundedCredits: '250.0000',
          downloadableUntil: FUTURE,
          exportedAt: new Date().toISOString(),
        }),
      ]),
      // Purchases that are still settling are asked about again.
      mockOperation(LeadPurchaseDocument, (variables) => ({
        leadPurchase: buildLeadPurchase({ id: String(variables.id), exportStatus: 'PREPARING', downloadableUntil: FUTURE }),
      })),
    ]);

    const table = await screen.findByRole('table', { name: 'Lead purchases' });
    const [waiting, failed, preparing, exportFailed, refunded] = within(table).getAllByRole('row').slice(1);
    expect(waiting).toHaveTextContent('Awaiting payment');
    expect(waiting).toHaveTextContent('2,500 credits held');
    expect(failed).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('Your card was declined.');
    expect(preparing).toHaveTextContent('Preparing…');
    expect(within(preparing!).queryByRole('link', { name: 'Download CSV' })).not.toBeInTheDocument();
    expect(exportFailed).toHaveTextContent('Export failed');
    expect(within(refunded!).getByTestId('refunded-credits')).toHaveTextContent('250 credits refunded');
    expect(within(refunded!).getByRole('link', { name: 'Download CSV' })).toBeInTheDocument();
    // A CSV made less than 30 days ago needs no fresh export.
    expect(within(refunded!).queryByRole('button', { name: 'Fresh export' })).not.toBeInTheDocument();
    expect(within(refunded!).getByRole('link', { name: /Details/ })).toHaveAttribute('href', '/workspaces/ws-1/purchases/lp-refunded');
  });

  it('makes a fresh export of a CSV older than 30 days, and shows why it was refused', async () => {
    const refreshes: string[] = [];
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockLeadPurchases([buildLeadPurchase({ id: 'lp-old', exportedAt: '2026-01-12T10:01:00.000Z', downloadableUntil: FUTURE })]),
      mockOperation(LeadPurchaseExportRefreshDocument, (variables) => {
        refreshes.push(String(variables.purchaseId));
        return refreshes.length === 1
          ? {
              leadPurchaseExportRefresh: {
                purchase: null,
                userErrors: [{ code: 'RATE_LIMITED', message: 'At most 10 exports a day; try again tomorrow.', field: null }],
              },
            }
          : {
              leadPurchaseExportRefresh: {
                purchase: buildLeadPurchase({ id: 'lp-old', exportStatus: 'PREPARING', exportedAt: null, downloadableUntil: FUTURE }),
                userErrors: [],
              },
            };
      }),
      // Asked about again while its CSV is made.
      mockOperation(LeadPurchaseDocument, {
        leadPurchase: buildLeadPurchase({ id: 'lp-old', exportStatus: 'PREPARING', exportedAt: null, downloadableUntil: FUTURE }),
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Lead purchases' });
    await user.click(within(table).getByRole('button', { name: 'Fresh export' }));
    expect(await screen.findByText('At most 10 exports a day; try again tomorrow.')).toBeInTheDocument();
    expect(screen.getByText('Fresh export not started')).toBeInTheDocument();

    await user.click(within(table).getByRole('button', { name: 'Fresh export' }));
    expect(await screen.findByText('Fresh export started')).toBeInTheDocument();
    // The answer is written over the cached purchase: its CSV is being made again.
    expect(await within(table).findByText('Preparing…')).toBeInTheDocument();
    expect(within(table).queryByRole('button', { name: 'Fresh export' })).not.toBeInTheDocument();
    expect(refreshes).toEqual(['lp-old', 'lp-old']);
  });

  it('downloads the CSV, and shows the download refusals as notifications', async () => {
    const statuses = [409, 429, 200];
    const asked: string[] = [];
    const createObjectURL = vi.fn((_blob: Blob) => 'blob:csv');
    // jsdom cannot save files: the blob URL and the click that saves it are stand-ins.
    const original = { createObjectURL: URL.createObjectURL, revokeObjectURL: URL.revokeObjectURL };
    Object.assign(URL, { createObjectURL, revokeObjectURL: vi.fn() });
    onTestFinished(() => void Object.assign(URL, original));
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const { user } = renderConsole(route, [
      ...signedIn(),
      mockLeadPurchases([buildLeadPurchase({ id: 'lp-1', downloadableUntil: FUTURE, exportedAt: new Date().toISOString() })]),
      http.get('*/purchases/:id/leads.csv', ({ request }) => {
        asked.push(new URL(request.url).pathname);
        const status = statuses.shift();
        if (status === 409) {
          return HttpResponse.json(
            { error: { code: 'EXPORT_PREPARING', message: 'The CSV is being prepared; it is ready in a few seconds.' } },
            { status: 409 },
          );
        }
        if (status === 429) {
          return HttpResponse.json({ error: { code: 'RATE_LIMITED', message: 'At most 10 exports a day.' } }, { status: 429 });
        }
        return new HttpResponse('email\nada@acme.com\n', {
          headers: { 'content-type': 'text/csv', 'content-disposition': 'attachment; filename="hotlead-leads-0b9c2a4e.csv"' },
        });
      }),
    ]);

    const link = await screen.findByRole('link', { name: 'Download CSV' });
    await user.click(link);
    expect(await screen.findByText('The CSV is being prepared; it is ready in a few seconds.')).toBeInTheDocument();
    await user.click(link);
    expect(await screen.findByText('At most 10 exports a day.')).toBeInTheDocument();
    expect(click).not.toHaveBeenCalled();

    await user.click(link);
    await waitFor(() => expect(click).toHaveBeenCalledTimes(1));
    const saved = click.mock.contexts[0] as HTMLAnchorElement;
    expect(saved.download).toBe('hotlead-leads-0b9c2a4e.csv');
    expect(saved.href).toBe('blob:csv');
    expect(await createObjectURL.mock.calls[0]![0].text()).toBe('email\nada@acme.com\n');
    expect(asked).toEqual(['/purchases/lp-1/leads.csv', '/purchases/lp-1/leads.csv', '/purchases/lp-1/leads.csv']);
  });

  it("lists the workspace's reports with status, verification and resolution", async () => {
    const { user, router } = renderConsole(route, [
      ...signedIn(),
      mockLeadPurchases([buildLeadPurchase()]),
      mockOperation(LeadReportsDocument, (variables) => {
        expect(variables).toEqual({ workspaceId: 'ws-1' });
        return {
          leadReports: [
            buildLeadReport({
              id: 'rep-2',
              kind: 'BOUNCED',
              status: 'REFUNDED',
              verification: 'INVALID',
              resolution: 'Bounce confirmed; 125 credits refunded.',
              resolvedAt: '2026-01-20T10:05:00.000Z',
            }),
            buildLeadReport({
              id: 'rep-1',
              kind: 'WRONG_PERSON',
              note: 'Left the company in 2024',
              lead: {
                __typename: 'MarketplaceLead',
                id: 'lead-2',
                firstName: 'Grace',
                lastName: 'Hopper',
                email: 'grace@globex.com',
                companyName: 'Globex',
              },
            }),
          ],
        };
      }),
    ]);

    await user.click(await screen.findByRole('tab', { name: 'Reports' }));
    await waitFor(() => expect(router.state.location.search).toBe('?tab=reports'));
    const table = await screen.findByRole('table', { name: 'Lead reports' });
    const [refunded, open] = within(table).getAllByRole('row').slice(1);
    expect(refunded).toHaveTextContent('Ada Lovelace');
    expect(refunded).toHaveTextContent('Email bounced');
    expect(refunded).toHaveTextContent('Refunded');
    expect(refunded).toHaveTextContent('INVALID');
    expect(refunded).toHaveTextContent('Bounce confirmed; 125 credits refunded.');
    expect(open).toHaveTextContent('Grace Hopper');
    expect(open).toHaveTextContent('Wrong person');
    expect(open).toHaveTextContent('Left the company in 2024');
    expect(open).toHaveTextContent('Under review');
    expect(open).toHaveTextContent('Waiting for review');
  });
});
