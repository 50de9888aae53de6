import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { ProviderTeamStatsDocument, type ProviderTeamStatsQueryVariables } from '../../gql/graphql';
import { providerMembership, renderConsole, signedInAs } from '../../test/fixtures';

function stats(days: number) {
  return {
    providerTeamStats: {
      __typename: 'ProviderTeamStats',
      assignments: days === 7 ? 12 : 48,
      slaAdherence: 0.925,
      deliveredRate: 0.98,
      readRate: 0.61,
      bounceRate: 0.02,
      members: [
        {
          __typename: 'ProviderTeamMember',
          userId: 'user-1',
          name: 'Ada Lovelace',
          email: 'ada@example.com',
          threads: 30,
          medianFirstResponseSeconds: 840,
          slaAdherence: 0.9,
          messagesSent: 95,
          deliveredRate: 1,
          readRate: 0.55,
        },
        {
          __typename: 'ProviderTeamMember',
          userId: 'user-5',
          name: 'Mario Rossi',
          email: 'mario@example.com',
          threads: 0,
          medianFirstResponseSeconds: null,
          slaAdherence: null,
          messagesSent: 0,
          deliveredRate: null,
          readRate: null,
        },
      ],
    },
  };
}

describe('ProviderTeamPage', () => {
  it('shows the team totals and each member, and switches the period through the URL', async () => {
    const requests: ProviderTeamStatsQueryVariables[] = [];
    const { user, router } = renderConsole('/provider/ws-prov/team', [
      ...signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, 'ADMIN')] }),
      mockOperation(ProviderTeamStatsDocument, (variables) => {
        requests.push(variables);
        return stats(variables.days);
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Team members' });
    expect(screen.getByRole('group', { name: 'Leads' })).toHaveTextContent('48');
    expect(screen.getByRole('group', { name: 'SLA adherence' })).toHaveTextContent('92.5%');
    expect(screen.getByRole('group', { name: 'Delivered' })).toHaveTextContent('98%');
    expect(screen.getByRole('group', { name: 'Read' })).toHaveTextContent('61%');
    expect(screen.getByRole('group', { name: 'Bounced' })).toHaveTextContent('2%');

    const ada = within(table).getByRole('row', { name: /Ada Lovelace/ });
    expect(
      within(ada)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Ada Lovelaceada@example.com', '30', '14 min', '90%', '95', '100%', '55%']);
    // Nothing measured yet: dashes, not zeros.
    const mario = within(table).getByRole('row', { name: /Mario Rossi/ });
    expect(
      within(mario)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Mario Rossimario@example.com', '0', '—', '—', '0', '—', '—']);

    await user.click(screen.getByRole('radio', { name: '7 days' }));
    await waitFor(() => expect(screen.getByRole('group', { name: 'Leads' })).toHaveTextContent('12'));
    expect(router.state.location.search).toBe('?days=7');
    expect(requests).toEqual([
      { workspaceId: 'ws-prov', days: 30 },
      { workspaceId: 'ws-prov', days: 7 },
    ]);
  });

  it('is for managers only', async () => {
    renderConsole(
      '/provider/ws-prov/team',
      signedInAs({ memberships: [providerMembership({ id: 'ws-prov', name: 'Fast Plumbers' }, 'MEMBER')] }),
    );
    expect(await screen.findByText("You don't have access to this console")).toBeInTheDocument();
    expect(screen.queryByRole('table', { name: 'Team members' })).not.toBeInTheDocument();
  });
});
