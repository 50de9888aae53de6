import type { PayoutAccountStatus } from '../../gql/graphql';
import { mockOperation, mockOperationError, operationName, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { graphql, HttpResponse, type GraphQLHandler } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  PayoutAccountOnboardDocument,
  PayoutAccountRefreshDocument,
  PayoutRequestDocument,
  PartnerStatementDocument,
  PayoutsPageDocument,
  type PartnerEarningsQueryVariables,
  type PartnerRole,
  type PartnerStatementQueryVariables,
} from '../../gql/graphql';
import {
  buildEarning,
  buildPartnerMembership,
  buildPayout,
  buildPayoutsOrg,
  earningsPage,
  payoutsPageHandlers,
  renderPortal,
  signedInAs,
  stubLocationAssign,
} from '../../test/fixtures';

function renderPayouts(role: PartnerRole, handlers: GraphQLHandler[], route = '/orgs/po-1/payouts') {
  return renderPortal(route, [
    ...signedInAs({ memberships: [buildPartnerMembership({ id: 'po-1', name: 'Lead Forge' }, role)] }),
    ...handlers,
  ]);
}

const location = { current: null as ReturnType<typeof stubLocationAssign> | null };
afterEach(() => {
  location.current?.restore();
  location.current = null;
  vi.restoreAllMocks();
});

describe('PayoutsPage', () => {
  it('shows the balances, in red with a note when a clawback took available below zero', async () => {
    renderPayouts('OWNER', payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('OWNER', { leadSalesAvailable: '-35.5000' }) }));

    const pending = await screen.findByRole('group', { name: 'Pending' });
    expect(pending).toHaveTextContent('$412.50');
    expect(pending).toHaveTextContent('14-day holdback');
    const available = screen.getByRole('group', { name: 'Available' });
    expect(available).toHaveTextContent('-$35.50');
    expect(available).toHaveTextContent(/recovered from future earnings/);
    expect(screen.getByRole('group', { name: 'On the way' })).toHaveTextContent('$0.00');
    expect(screen.getByRole('group', { name: 'Paid' })).toHaveTextContent('$1,250.00');

    const streams = screen.getByRole('table', { name: 'Balances by stream' });
    const leadSales = within(streams).getByRole('row', { name: /Lead sales/ });
    expect(leadSales).toHaveTextContent('-$35.50');
    expect(leadSales).toHaveTextContent('Recovered from future earnings');
    expect(leadSales).toHaveTextContent('$50.00');
    expect(leadSales).toHaveTextContent('weekly, Monday 02:00 UTC');
    expect(within(streams).getByRole('row', { name: /Partner program/ })).toHaveTextContent('$0.01');

    // Nothing to pay out: the button says why.
    const request = screen.getByRole('button', { name: 'Request payout' });
    expect(request).toBeDisabled();
    expect(request).toHaveAccessibleDescription('Payouts start at $50.00; -$35.50 of lead-sale earnings is available now.');
  });

  it('offers an owner without a payout account to connect one and to request payouts', async () => {
    renderPayouts('OWNER', payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('OWNER', { payoutAccount: null }) }));

    const account = await screen.findByRole('region', { name: 'Payout account' });
    expect(within(account).getByRole('button', { name: 'Connect a payout account' })).toBeEnabled();
    const request = screen.getByRole('button', { name: 'Request payout' });
    expect(request).toBeDisabled();
    expect(request).toHaveAccessibleDescription('Connect a payout account to request payouts.');
  });

  it('shows a plain member the money but none of the owner actions', async () => {
    renderPayouts('MEMBER', payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('MEMBER', { payoutAccount: null }) }));

    const account = await screen.findByRole('region', { name: 'Payout account' });
    expect(account).toHaveTextContent('An owner of this organization connects one');
    expect(within(account).queryByRole('button', { name: 'Connect a payout account' })).not.toBeInTheDocument();
    expect(screen.getByRole('group', { name: 'Available' })).toHaveTextContent('$186.25');
    expect(screen.queryByRole('button', { name: 'Request payout' })).not.toBeInTheDocument();
  });

  it('sends an owner to the payout provider’s onboarding page', async () => {
    location.current = stubLocationAssign();
    const sent: unknown[] = [];
    const onboardingUrl = 'http://localhost/partner/sandbox/connect/acct_sbx_1?return=x';
    const { user } = renderPayouts('OWNER', [
      ...payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('OWNER', { payoutAccount: null }) }),
      mockOperation(PayoutAccountOnboardDocument, (variables) => {
        sent.push(variables);
        return { payoutAccountOnboard: { url: onboardingUrl, userErrors: [] } };
      }),
    ]);

    await user.click(await screen.findByRole('button', { name: 'Connect a payout account' }));

    await waitFor(() => expect(location.current?.assign).toHaveBeenCalledWith(onboardingUrl));
    expect(sent).toEqual([{ partnerOrgId: 'po-1' }]);
  });

  it('lets an owner continue an unfinished onboarding and refresh its status', async () => {
    location.current = stubLocationAssign();
    let status: PayoutAccountStatus = 'ONBOARDING';
    const refreshed: unknown[] = [];
    const account = () => ({
      __typename: 'PayoutAccount',
      provider: 'SANDBOX' as const,
      status,
      detailsSubmitted: status !== 'ONBOARDING',
      payoutsEnabled: status === 'ACTIVE',
    });
    const { user } = renderPayouts('OWNER', [
      ...payoutsPageHandlers({ partnerOrg: () => buildPayoutsOrg('OWNER', { payoutAccount: account() }) }),
      mockOperation(PayoutAccountOnboardDocument, { payoutAccountOnboard: { url: 'http://localhost/onboard', userErrors: [] } }),
      mockOperation(PayoutAccountRefreshDocument, (variables) => {
        refreshed.push(variables);
        status = 'ACTIVE';
        return { payoutAccountRefresh: { payoutAccount: account(), userErrors: [] } };
      }),
    ]);

    const card = await screen.findByRole('region', { name: 'Payout account' });
    expect(within(card).getByText('Onboarding')).toBeInTheDocument();
    expect(within(card).getByText('Sandbox')).toBeInTheDocument();
    await user.click(within(card).getByRole('button', { name: 'Continue onboarding' }));
    await waitFor(() => expect(location.current?.assign).toHaveBeenCalledWith('http://localhost/onboard'));

    await user.click(within(card).getByRole('button', { name: 'Refresh status' }));
    expect(await within(card).findByText('Payouts enabled')).toBeInTheDocument();
    expect(within(card).queryByRole('button', { name: 'Continue onboarding' })).not.toBeInTheDocument();
    expect(refreshed).toEqual([{ partnerOrgId: 'po-1' }]);
  });

  it('explains a refused payout request (below the minimum)', async () => {
    const { user } = renderPayouts('OWNER', [
      ...payoutsPageHandlers(),
      mockOperation(PayoutRequestDocument, {
        payoutRequest: {
          payout: null,
          userErrors: [{ field: null, code: 'BELOW_MINIMUM', message: 'Payouts start at $50.0000; $12.0000 is available.' }],
        },
      }),
    ]);

    const request = await screen.findByRole('button', { name: 'Request payout' });
    expect(request).toBeEnabled();
    await user.click(request);

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('Payout not requested');
    expect(alert).toHaveTextContent('Payouts start at $50.00. Earnings below it stay available');
  });

  it('requests a lead-sales payout and shows it on its way', async () => {
    let requested = false;
    const sent: unknown[] = [];
    const reserved = buildPayout({
      id: 'payout-9',
      amount: '186.2500',
      status: 'RESERVED',
      requested: true,
      transferId: null,
      paidAt: null,
      createdAt: '2026-03-10T09:00:00.000Z',
    });
    const { user } = renderPayouts('OWNER', [
      ...payoutsPageHandlers({
        partnerOrg: () =>
          requested
            ? buildPayoutsOrg('OWNER', {
                leadSalesAvailable: '0.0000',
                earnings: { ...buildPayoutsOrg('OWNER', { leadSalesAvailable: '0.0000' }).earnings, inTransit: '186.2500' },
              })
            : buildPayoutsOrg('OWNER'),
        payouts: () => (requested ? [reserved] : []),
      }),
      mockOperation(PayoutRequestDocument, (variables) => {
        sent.push(variables);
        requested = true;
        const { __typename, id, stream, amount, status, createdAt } = reserved;
        return { payoutRequest: { payout: { __typename, id, stream, amount, status, requested: true, createdAt }, userErrors: [] } };
      }),
    ]);

    const payouts = await screen.findByRole('region', { name: 'Payouts' });
    expect(payouts).toHaveTextContent('No payouts yet');
    await user.click(screen.getByRole('button', { name: 'Request payout' }));

    expect(await screen.findByText('$186.25 is on its way to your payout account.')).toBeInTheDocument();
    const row = within(await screen.findByRole('table', { name: 'Payouts list' })).getByRole('row', { name: /\$186\.25/ });
    expect(row).toHaveTextContent('On the way');
    expect(row).toHaveTextContent('Requested');
    expect(screen.getByRole('group', { name: 'On the way' })).toHaveTextContent('$186.25');
    expect(screen.getByRole('button', { name: 'Request payout' })).toBeDisabled();
    expect(sent).toEqual([{ partnerOrgId: 'po-1', stream: 'LEAD_SALES' }]);
  });

  it('lists payouts with their status, origin and transfer', async () => {
    renderPayouts(
      'MEMBER',
      payoutsPageHandlers({
        partnerOrg: buildPayoutsOrg('MEMBER'),
        payouts: [
          buildPayout({ id: 'p3', amount: '75.0000', status: 'RESERVED', requested: true, transferId: null, paidAt: null }),
          buildPayout({
            id: 'p2',
            amount: '60.0000',
            status: 'FAILED',
            transferId: null,
            paidAt: null,
            failureReason: 'The destination account cannot receive transfers yet.',
          }),
          buildPayout({ id: 'p1', amount: '120.0000', status: 'PAID', transferId: 'tr_sbx_0001' }),
        ],
      }),
    );

    const table = await screen.findByRole('table', { name: 'Payouts list' });
    const [, onTheWay, failed, paid] = within(table).getAllByRole('row');
    expect(onTheWay).toHaveTextContent('$75.00');
    expect(onTheWay).toHaveTextContent('On the way');
    expect(onTheWay).toHaveTextContent('Requested');
    expect(failed).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('The destination account cannot receive transfers yet.');
    expect(failed).toHaveTextContent('Scheduled');
    expect(paid).toHaveTextContent('Paid');
    expect(paid).toHaveTextContent('Lead sales');
    expect(paid).toHaveTextContent('tr_sbx_0001');
  });

  it('follows a payout on its way until it is paid', async () => {
    let polls = 0;
    renderPayouts(
      'OWNER',
      payoutsPageHandlers({
        payouts: () => {
          polls += 1;
          return [
            polls > 1
              ? buildPayout({ id: 'p1', status: 'PAID' })
              : buildPayout({ id: 'p1', status: 'RESERVED', transferId: null, paidAt: null }),
          ];
        },
      }),
    );

    const table = await screen.findByRole('table', { name: 'Payouts list' });
    expect(table).toHaveTextContent('On the way');
    await waitFor(() => expect(table).toHaveTextContent('tr_sbx_0001'), { timeout: 8_000 });
    expect(table).not.toHaveTextContent('On the way');
  });

  it('breaks earnings down with rate, bonuses and status, filters them by type and status, and loads more', async () => {
    const requests: PartnerEarningsQueryVariables[] = [];
    const { user } = renderPayouts(
      'OWNER',
      payoutsPageHandlers({
        earnings: (variables) => {
          requests.push(variables);
          if (variables.type === 'BONUS') return earningsPage([]);
          if (variables.status === 'AVAILABLE') {
            return earningsPage([buildEarning({ id: 'e9', description: 'Commission on a lead sale (Umbrella)', status: 'AVAILABLE' })], {
              totalCount: 1,
            });
          }
          if (variables.after === 'cursor-e2') {
            return earningsPage(
              [buildEarning({ id: 'e3', description: 'Commission on a lead sale (Globex)', bonuses: [], status: 'PAID' })],
              { totalCount: 3 },
            );
          }
          return earningsPage(
            [
              buildEarning({
                id: 'e1',
                rate: '0.5000',
                bonuses: ['fresh_sale', 'high_verification', 'volume'],
                amount: '125.0000',
                status: 'PENDING',
                availableAt: '2026-03-20T12:00:00.000Z',
              }),
              buildEarning({
                id: 'e2',
                description: 'Commission on a lead sale (Initech)',
                bonuses: [],
                rate: '0.3000',
                status: 'REVERSED',
                reversalReason: 'Confirmed bad lead',
              }),
            ],
            { hasNextPage: true, totalCount: 3 },
          );
        },
      }),
    );

    const table = await screen.findByRole('table', { name: 'Earnings' });
    const [, fresh, reversed] = within(table).getAllByRole('row');
    expect(fresh).toHaveTextContent('$250.00');
    expect(fresh).toHaveTextContent('50%');
    expect(within(fresh!).getByText('Fresh sale +10%')).toBeInTheDocument();
    expect(within(fresh!).getByText('High verification +5%')).toBeInTheDocument();
    expect(within(fresh!).getByText('Volume +5%')).toBeInTheDocument();
    expect(fresh).toHaveTextContent('$125.00');
    expect(fresh).toHaveTextContent(/In holdback until Mar 20, 2026/);
    expect(reversed).toHaveTextContent('30%');
    expect(reversed).toHaveTextContent('Reversed');
    expect(reversed).toHaveTextContent('Confirmed bad lead');
    expect(screen.getByText(/3 earnings · showing 2/)).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(within(table).getByText('Commission on a lead sale (Globex)')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Bonuses' }));
    expect(await screen.findByText('No bonus earnings yet')).toBeInTheDocument();
    await user.click(screen.getByRole('radio', { name: 'All' }));
    await user.click(screen.getByRole('combobox', { name: 'Earning status' }));
    await user.click(await screen.findByRole('option', { name: 'Available' }));
    expect(await screen.findByText('Commission on a lead sale (Umbrella)')).toBeInTheDocument();
    expect(requests).toEqual([
      { partnerOrgId: 'po-1', type: null, status: null, first: 25 },
      { partnerOrgId: 'po-1', type: null, status: null, first: 25, after: 'cursor-e2' },
      { partnerOrgId: 'po-1', type: 'BONUS', status: null, first: 25 },
      { partnerOrgId: 'po-1', type: null, status: 'AVAILABLE', first: 25 },
    ]);
  });

  it('tells a partner with no earnings how to start earning', async () => {
    renderPayouts('OWNER', payoutsPageHandlers());
    const earnings = await screen.findByRole('region', { name: 'Earnings breakdown' });
    expect(await within(earnings).findByText('No earnings yet')).toBeInTheDocument();
    expect(earnings).toHaveTextContent('Upload leads to start earning.');
  });

  describe('statements', () => {
    function captureDownloads() {
      const blobs: Blob[] = [];
      const filenames: string[] = [];
      URL.createObjectURL = vi.fn((blob: Blob) => {
        blobs.push(blob);
        return `blob:statement-${blobs.length}`;
      });
      URL.revokeObjectURL = vi.fn();
      vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
        filenames.push(this.download);
      });
      return { blobs, filenames };
    }

    it('downloads this month’s statement as CSV and as JSON', async () => {
      const downloads = captureDownloads();
      const sent: PartnerStatementQueryVariables[] = [];
      const { user } = renderPayouts('MEMBER', [
        ...payoutsPageHandlers({ partnerOrg: buildPayoutsOrg('MEMBER') }),
        mockOperation(PartnerStatementDocument, (variables) => {
          sent.push(variables);
          return {
            partnerStatement:
              variables.format === 'CSV'
                ? { filename: 'hotlead-statement.csv', contentType: 'text/csv', content: 'record,date\nearning,2026-03-01\n' }
                : { filename: 'hotlead-statement.json', contentType: 'application/json', content: '{"earnings":[]}' },
          };
        }),
      ]);

      await user.click(await screen.findByRole('button', { name: 'Download CSV' }));
      await waitFor(() => expect(downloads.filenames).toEqual(['hotlead-statement.csv']));
      await user.click(screen.getByRole('button', { name: 'Download JSON' }));
      await waitFor(() => expect(downloads.filenames).toEqual(['hotlead-statement.csv', 'hotlead-statement.json']));

      expect(await downloads.blobs[0]!.text()).toBe('record,date\nearning,2026-03-01\n');
      expect(downloads.blobs[0]!.type).toBe('text/csv');
      expect(await downloads.blobs[1]!.text()).toBe('{"earnings":[]}');
      const now = new Date();
      const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString();
      const to = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1)).toISOString();
      expect(sent).toEqual([
        { partnerOrgId: 'po-1', from, to, format: 'CSV' },
        { partnerOrgId: 'po-1', from, to, format: 'JSON' },
      ]);
      expect(URL.revokeObjectURL).toHaveBeenCalledWith('blob:statement-1');
    });

    it('sends a date range including its last day, and shows why the server refused it', async () => {
      captureDownloads();
      const sent: PartnerStatementQueryVariables[] = [];
      const { user } = renderPayouts('OWNER', [
        ...payoutsPageHandlers(),
        // The API's answer to a range over a year: a top-level BAD_USER_INPUT error.
        graphql.query(operationName(PartnerStatementDocument), ({ variables }) => {
          sent.push(variables as PartnerStatementQueryVariables);
          return HttpResponse.json({
            data: null,
            errors: [{ message: 'A statement covers at most 366 days.', extensions: { code: 'BAD_USER_INPUT' } }],
          });
        }),
      ]);

      await user.click(await screen.findByRole('radio', { name: 'Date range' }));
      await user.type(screen.getByLabelText('First day'), '2024-01-01');
      await user.type(screen.getByLabelText('Last day'), '2026-01-31');
      await user.click(screen.getByRole('button', { name: 'Download CSV' }));

      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Could not create the statement');
      expect(alert).toHaveTextContent('A statement covers at most 366 days.');
      expect(sent).toEqual([{ partnerOrgId: 'po-1', from: '2024-01-01T00:00:00.000Z', to: '2026-02-01T00:00:00.000Z', format: 'CSV' }]);
      expect(URL.createObjectURL).not.toHaveBeenCalled();
    });

    it('asks for both days of a range before sending anything', async () => {
      const { user } = renderPayouts('OWNER', payoutsPageHandlers());
      await user.click(await screen.findByRole('radio', { name: 'Date range' }));
      await user.type(screen.getByLabelText('First day'), '2026-02-01');
      await user.click(screen.getByRole('button', { name: 'Download JSON' }));
      expect(await screen.findByRole('alert')).toHaveTextContent('Choose the first and the last day of the statement.');
    });
  });

  it('says so when the organization is not one of the viewer’s', async () => {
    renderPortal('/orgs/po-9/payouts', [...signedInAs(), mockOperationError(PayoutsPageDocument, 'NOT_FOUND')]);
    expect(await screen.findByText('Organization not found')).toBeInTheDocument();
  });
});
