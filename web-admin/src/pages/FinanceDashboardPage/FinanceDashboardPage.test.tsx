import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { FinanceSummaryDocument, type FinanceSummaryQuery, type FinanceSummaryQueryVariables } from '../../gql/graphql';
import { renderConsole, signedInAs } from '../../test/fixtures';

type Summary = WithTypename<FinanceSummaryQuery['financeSummary']>;

function summary(overrides: Partial<Summary> = {}): Summary {
  return {
    __typename: 'FinanceSummary',
    from: null,
    to: null,
    grossRevenue: '12345.6700',
    refunds: '75.0000',
    netRevenue: '9870.1200',
    commissions: '2400.5500',
    creditsSold: '150000.0000',
    creditsOutstanding: '42500.5000',
    pendingHoldback: '310.2500',
    availableToPartners: '1200.0000',
    payoutsInTransit: '0.0000',
    paidOut: '8000.1000',
    ...overrides,
  };
}

function stat(label: string) {
  return within(screen.getByRole('group', { name: label }));
}

describe('FinanceDashboardPage', () => {
  it('shows every figure formatted from the Decimal strings', async () => {
    renderConsole('/finance', [...signedInAs({ admin: true }), mockOperation(FinanceSummaryDocument, { financeSummary: summary() })]);

    await screen.findByRole('group', { name: 'Gross revenue' });
    expect(stat('Gross revenue').getByText('$12,345.67')).toBeInTheDocument();
    expect(stat('Refunds').getByText('$75.00')).toBeInTheDocument();
    expect(stat('Net revenue').getByText('$9,870.12')).toBeInTheDocument();
    expect(stat('Commissions').getByText('$2,400.55')).toBeInTheDocument();
    expect(stat('Credits sold').getByText('150,000')).toBeInTheDocument();
    expect(stat('Credits outstanding').getByText('42,500.5')).toBeInTheDocument();
    expect(stat('Partner earnings in holdback').getByText('$310.25')).toBeInTheDocument();
    expect(stat('Available to partners').getByText('$1,200.00')).toBeInTheDocument();
    expect(stat('Payouts in transit').getByText('$0.00')).toBeInTheDocument();
    expect(stat('Paid out').getByText('$8,000.10')).toBeInTheDocument();
  });

  it('refetches with from / to for the chosen period', async () => {
    const requests: FinanceSummaryQueryVariables[] = [];
    const { user, router } = renderConsole('/finance', [
      ...signedInAs({ admin: true }),
      mockOperation(FinanceSummaryDocument, (variables) => {
        requests.push(variables);
        return { financeSummary: summary({ commissions: variables.from ? '10.0000' : '2400.5500' }) };
      }),
    ]);
    await screen.findByText('$2,400.55');

    await user.click(screen.getByRole('radio', { name: 'This month' }));
    await waitFor(() => expect(stat('Commissions').getByText('$10.00')).toBeInTheDocument());
    const now = new Date();
    expect(requests.at(-1)).toEqual({ from: new Date(now.getFullYear(), now.getMonth(), 1).toISOString(), to: null });
    expect(router.state.location.search).toBe('?period=month');

    // A custom range asks for nothing until both days are set, then includes its last day.
    await user.click(screen.getByRole('radio', { name: 'Custom range' }));
    expect(screen.getByText('Choose the first and last day of the period.')).toBeInTheDocument();
    const count = requests.length;
    await user.type(screen.getByLabelText('From'), '2026-01-01');
    await user.type(screen.getByLabelText('To'), '2026-01-31');
    await waitFor(() => expect(requests).toHaveLength(count + 1));
    expect(requests.at(-1)).toEqual({ from: new Date(2026, 0, 1).toISOString(), to: new Date(2026, 1, 1).toISOString() });
    expect(await screen.findByRole('group', { name: 'Commissions' })).toHaveTextContent('$10.00');

    await user.click(screen.getByRole('radio', { name: 'All time' }));
    await waitFor(() => expect(stat('Commissions').getByText('$2,400.55')).toBeInTheDocument());
    expect(router.state.location.search).toBe('?from=2026-01-01&to=2026-01-31');
  });
});
