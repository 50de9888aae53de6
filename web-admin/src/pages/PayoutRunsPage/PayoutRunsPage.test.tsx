import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  PayoutRunPayoutsDocument,
  PayoutRunsDocument,
  PayoutRunStartDocument,
  type PayoutRunFieldsFragment,
  type PayoutRunPayoutsQuery,
  type PayoutStream,
} from '../../gql/graphql';
import { renderConsole, signedInAs } from '../../test/fixtures';

type Run = WithTypename<PayoutRunFieldsFragment>;
type Payout = WithTypename<PayoutRunPayoutsQuery['payoutRunPayouts'][number]>;

function run(id: string, stream: PayoutStream, periodKey: string, overrides: Partial<Run> = {}): Run {
  return {
    __typename: 'PayoutRun',
    id,
    stream,
    periodKey,
    trigger: 'SCHEDULE',
    status: 'COMPLETED',
    paidCount: 2,
    failedCount: 1,
    totalPaid: '1250.5000',
    startedAt: '2026-01-12T06:00:00.000Z',
    finishedAt: '2026-01-12T06:01:00.000Z',
    skipped: [],
    ...overrides,
  };
}

function payout(id: string, overrides: Partial<Payout> = {}): Payout {
  return {
    __typename: 'Payout',
    id,
    amount: '1000.0000',
    status: 'PAID',
    stream: 'LEAD_SALES',
    transferId: `tr_${id}`,
    failureReason: null,
    createdAt: '2026-01-12T06:00:10.000Z',
    paidAt: '2026-01-12T06:00:20.000Z',
    requested: false,
    ...overrides,
  };
}

const scheduled = run('run-1', 'LEAD_SALES', 'LEAD_SALES:2026-01-12', {
  skipped: [
    { __typename: 'PayoutRunSkip', partnerOrgId: 'org-forge', partnerOrgName: 'Prospect Forge', reason: 'PAYOUT_ACCOUNT_MISSING' },
    { __typename: 'PayoutRunSkip', partnerOrgId: 'org-harbor', partnerOrgName: 'DataHarbor', reason: 'PAYOUT_ACCOUNT_NOT_READY' },
    { __typename: 'PayoutRunSkip', partnerOrgId: 'org-gone', partnerOrgName: '', reason: 'BELOW_MINIMUM' },
  ],
});

describe('PayoutRunsPage', () => {
  it('lists runs and runs a stream now after a confirmation', async () => {
    const started: PayoutStream[] = [];
    let runs: Run[] = [scheduled];
    const { user, router } = renderConsole('/finance/payouts', [
      ...signedInAs({ admin: true }),
      mockOperation(PayoutRunsDocument, () => ({ payoutRuns: runs })),
      mockOperation(PayoutRunStartDocument, ({ stream }) => {
        started.push(stream);
        const created = run('run-2', stream, 'PROGRAM:2026-01', { trigger: 'ADMIN', paidCount: 1, failedCount: 0, totalPaid: '80.0000' });
        runs = [created, ...runs];
        return { payoutRunStart: { run: created, userErrors: [] } };
      }),
      mockOperation(PayoutRunPayoutsDocument, { payoutRunPayouts: [payout('p9', { amount: '80.0000', stream: 'PROGRAM' })] }),
    ]);

    const table = await screen.findByRole('table', { name: 'Payout runs' });
    const row = within(table).getByRole('row', { name: /Week of 2026-01-12/ });
    expect(row).toHaveTextContent('Lead sales');
    expect(row).toHaveTextContent('Schedule');
    expect(row).toHaveTextContent('$1,250.50');
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(expect.arrayContaining(['2', '1', '3']));

    await user.click(screen.getByRole('button', { name: 'Run now' }));
    await user.click(await screen.findByRole('menuitem', { name: 'Program' }));
    const dialog = await screen.findByRole('dialog', { name: 'Run program payouts now?' });
    expect(dialog).toHaveTextContent('A rerun never pays anyone twice');
    expect(started).toEqual([]);

    await user.click(within(dialog).getByRole('button', { name: 'Run payouts' }));
    await waitFor(() => expect(started).toEqual(['PROGRAM']));
    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(3));
    expect(within(table).getByRole('row', { name: /Program/ })).toHaveTextContent('Admin');
    // The new run opens.
    expect(await screen.findByRole('dialog', { name: 'Program payouts · 2026-01' })).toBeInTheDocument();
    expect(router.state.location.search).toBe('?run=run-2');
  });

  it('shows a run’s payouts and why partners were skipped', async () => {
    renderConsole('/finance/payouts?run=run-1', [
      ...signedInAs({ admin: true }),
      mockOperation(PayoutRunsDocument, { payoutRuns: [scheduled] }),
      mockOperation(PayoutRunPayoutsDocument, ({ runId }) => ({
        payoutRunPayouts:
          runId === 'run-1'
            ? [
                payout('a1', { amount: '1000.0000' }),
                payout('a2', { amount: '250.5000' }),
                payout('a3', { amount: '99.0000', status: 'FAILED', transferId: null, failureReason: 'The account was closed.' }),
              ]
            : [],
      })),
    ]);

    const drawer = await screen.findByRole('dialog', { name: 'Lead sales payouts · Week of 2026-01-12' });
    const payouts = await within(drawer).findByRole('table', { name: 'Payouts of the run' });
    const failed = within(payouts).getByRole('row', { name: /\$99\.00/ });
    expect(failed).toHaveTextContent('Failed');
    expect(failed).toHaveTextContent('The account was closed.');
    expect(within(payouts).getByRole('row', { name: /\$250\.50/ })).toHaveTextContent('tr_a2');
    expect(within(payouts).getByRole('row', { name: /\$1,000\.00/ })).toHaveTextContent('Paid');

    const skipped = within(drawer).getByRole('table', { name: 'Skipped partners' });
    await waitFor(() => expect(within(skipped).getByRole('row', { name: /Prospect Forge/ })).toHaveTextContent('No payout account'));
    expect(within(skipped).getByRole('row', { name: /DataHarbor/ })).toHaveTextContent('Onboarding unfinished');
    // A partner that no longer exists is shown by id.
    expect(within(skipped).getByRole('row', { name: /org-gone/ })).toHaveTextContent('Below the payout minimum');
  });
});
