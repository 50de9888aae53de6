import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AdminLeadReportResolveDocument,
  AdminLeadReportsDocument,
  type AdminLeadReportFieldsFragment,
  type AdminLeadReportResolveMutationVariables,
  type AdminLeadReportsQueryVariables,
} from '../../gql/graphql';
import { renderConsole, signedInAs } from '../../test/fixtures';

type Report = WithTypename<AdminLeadReportFieldsFragment>;

const DAY = 24 * 60 * 60 * 1000;

function report(id: string, overrides: Partial<Report> = {}): Report {
  return {
    __typename: 'LeadReport',
    id,
    kind: 'WRONG_PERSON',
    note: 'Grace retired in 1986; this is someone else.',
    status: 'OPEN',
    verification: 'VALID',
    resolution: null,
    createdAt: new Date(Date.now() - 3 * DAY - 60_000).toISOString(),
    resolvedAt: null,
    purchaseId: 'pu-1',
    lead: {
      __typename: 'MarketplaceLead',
      id: `lead-${id}`,
      firstName: 'Grace',
      lastName: 'Hopper',
      email: 'grace@navy.example',
      companyName: 'US Navy',
    },
    ...overrides,
  };
}

const grace = report('r1');
const alan = report('r2', {
  kind: 'BOUNCED',
  note: null,
  verification: 'INVALID',
  createdAt: new Date(Date.now() - 5 * 60 * 60 * 1000).toISOString(),
  lead: {
    __typename: 'MarketplaceLead',
    id: 'lead-r2',
    firstName: 'Alan',
    lastName: 'Turing',
    email: 'alan@bletchley.example',
    companyName: 'Bletchley Park',
  },
});
const settled = report('r3', {
  kind: 'WRONG_COMPANY',
  status: 'REJECTED',
  verification: null,
  resolution: 'The company matches its website.',
  resolvedAt: '2026-01-09T10:00:00.000Z',
  lead: {
    __typename: 'MarketplaceLead',
    id: 'lead-r3',
    firstName: 'Ada',
    lastName: 'Lovelace',
    email: 'ada@engine.example',
    companyName: 'Analytical Engines',
  },
});

describe('LeadReportsPage', () => {
  it('reviews the open reports by default and filters by status through the API', async () => {
    const requests: AdminLeadReportsQueryVariables[] = [];
    const { user, router } = renderConsole('/marketplace/reports', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadReportsDocument, (variables) => {
        requests.push(variables);
        return { adminLeadReports: [grace, alan, settled].filter((r) => r.status === variables.status) };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Bad-lead reports' });
    const graceRow = within(table).getByRole('row', { name: /Grace Hopper/ });
    expect(graceRow).toHaveTextContent('grace@navy.example');
    expect(graceRow).toHaveTextContent('US Navy');
    expect(graceRow).toHaveTextContent('Wrong person');
    expect(graceRow).toHaveTextContent('Grace retired in 1986; this is someone else.');
    expect(graceRow).toHaveTextContent('Valid');
    expect(graceRow).toHaveTextContent('3 days');
    expect(within(graceRow).getByRole('button', { name: 'Refund' })).toBeInTheDocument();
    expect(within(graceRow).getByRole('button', { name: 'Reject' })).toBeInTheDocument();
    const alanRow = within(table).getByRole('row', { name: /Alan Turing/ });
    expect(alanRow).toHaveTextContent('Email bounced');
    expect(alanRow).toHaveTextContent('Invalid');
    expect(alanRow).toHaveTextContent('5 hours');
    expect(within(table).queryByText('Ada Lovelace')).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Rejected' }));
    const adaRow = await screen.findByRole('row', { name: /Ada Lovelace/ });
    expect(adaRow).toHaveTextContent('Not checked');
    expect(adaRow).toHaveTextContent('The company matches its website.');
    expect(within(adaRow).queryByRole('button', { name: 'Refund' })).not.toBeInTheDocument();
    expect(screen.queryByText('Grace Hopper')).not.toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=REJECTED');
    expect(requests).toEqual([{ status: 'OPEN' }, { status: 'REJECTED' }]);
  });

  it('refunds with a note to the buyer, shows a refused decision in the modal, and refreshes the list', async () => {
    let reports = [grace, alan];
    let refuseNext = true;
    const decisions: AdminLeadReportResolveMutationVariables[] = [];
    const requests: AdminLeadReportsQueryVariables[] = [];
    const { user } = renderConsole('/marketplace/reports', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadReportsDocument, (variables) => {
        requests.push(variables);
        return { adminLeadReports: reports.filter((r) => r.status === variables.status) };
      }),
      mockOperation(AdminLeadReportResolveDocument, (variables) => {
        decisions.push(variables);
        if (refuseNext) {
          refuseNext = false;
          return {
            leadReportResolve: {
              __typename: 'LeadReportPayload',
              report: null,
              userErrors: [
                {
                  __typename: 'MarketplaceUserError',
                  code: 'INVALID_INPUT',
                  field: ['resolution'],
                  message: 'Say more than that, please.',
                },
              ],
            },
          };
        }
        const refunded: Report = {
          ...grace,
          status: 'REFUNDED',
          resolution: variables.input.resolution,
          resolvedAt: '2026-01-12T10:00:00.000Z',
        };
        reports = reports.map((r) => (r.id === refunded.id ? refunded : r));
        return { leadReportResolve: { __typename: 'LeadReportPayload', report: refunded, userErrors: [] } };
      }),
    ]);

    const graceRow = await screen.findByRole('row', { name: /Grace Hopper/ });
    await user.click(within(graceRow).getByRole('button', { name: 'Refund' }));
    const dialog = await screen.findByRole('dialog', { name: 'Refund this lead: Grace Hopper' });
    expect(dialog).toHaveTextContent("partner's commission on it is reversed");

    // Too short: refused in the browser, nothing sent.
    const note = within(dialog).getByRole('textbox', { name: 'Note to the buyer' });
    await user.type(note, 'ok');
    await user.click(within(dialog).getByRole('button', { name: 'Refund credits' }));
    expect(note).toHaveAccessibleDescription(expect.stringContaining('at least 3 characters'));
    expect(decisions).toHaveLength(0);

    // The server's user error shows beside the note; the modal stays open.
    await user.type(note, 'ay');
    await user.click(within(dialog).getByRole('button', { name: 'Refund credits' }));
    await waitFor(() => expect(note).toHaveAccessibleDescription(expect.stringContaining('Say more than that, please.')));
    expect(screen.getByRole('dialog', { name: 'Refund this lead: Grace Hopper' })).toBeInTheDocument();

    await user.clear(note);
    await user.type(note, '  Confirmed: the contact left the company. Credits are back in your wallet.  ');
    await user.click(within(dialog).getByRole('button', { name: 'Refund credits' }));
    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    await waitFor(() => expect(screen.queryByRole('row', { name: /Grace Hopper/ })).not.toBeInTheDocument());
    expect(screen.getByRole('row', { name: /Alan Turing/ })).toBeInTheDocument();

    expect(decisions).toEqual([
      { input: { reportId: 'r1', decision: 'REFUND', resolution: 'okay' } },
      {
        input: {
          reportId: 'r1',
          decision: 'REFUND',
          resolution: 'Confirmed: the contact left the company. Credits are back in your wallet.',
        },
      },
    ]);
    // The list is fetched again after each decision, refused or not (another admin may have decided it).
    expect(requests).toEqual([{ status: 'OPEN' }, { status: 'OPEN' }, { status: 'OPEN' }]);
  });

  it('rejects with a note and shows a general user error inline', async () => {
    const decisions: AdminLeadReportResolveMutationVariables[] = [];
    const { user } = renderConsole('/marketplace/reports', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminLeadReportsDocument, { adminLeadReports: [alan] }),
      mockOperation(AdminLeadReportResolveDocument, (variables) => {
        decisions.push(variables);
        return {
          leadReportResolve: {
            __typename: 'LeadReportPayload',
            report: null,
            userErrors: [
              { __typename: 'MarketplaceUserError', code: 'NOT_ALLOWED', field: null, message: 'This report was decided already.' },
            ],
          },
        };
      }),
    ]);

    const alanRow = await screen.findByRole('row', { name: /Alan Turing/ });
    await user.click(within(alanRow).getByRole('button', { name: 'Reject' }));
    const dialog = await screen.findByRole('dialog', { name: 'Reject this report: Alan Turing' });
    await user.type(within(dialog).getByRole('textbox', { name: 'Note to the buyer' }), 'The mailbox accepts mail today.');
    await user.click(within(dialog).getByRole('button', { name: 'Reject report' }));
    expect(await within(dialog).findByRole('alert')).toHaveTextContent('This report was decided already.');
    expect(decisions).toEqual([{ input: { reportId: 'r2', decision: 'REJECT', resolution: 'The mailbox accepts mail today.' } }]);
  });
});
