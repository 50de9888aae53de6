import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AdminDisputesDocument,
  AssignmentDisputeResolveDocument,
  type AdminDisputesQuery,
  type AssignmentDisputeResolveMutationVariables,
} from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

type Dispute = AdminDisputesQuery['adminDisputes']['edges'][number]['node'];

function dispute(status: Dispute['status'], resolutionNote: string | null = null) {
  return {
    __typename: 'AdminDispute',
    id: 'd-1',
    providerName: 'Fast Plumbers',
    reason: 'OUT_OF_AREA' as const,
    note: 'The address is in Nevada.',
    status,
    resolutionNote,
    createdAt: '2026-03-03T09:00:00.000Z',
    assignment: {
      __typename: 'RequestAssignment',
      id: 'as-1',
      price: '25.0000',
      deliveredAt: '2026-03-02T09:00:00.000Z',
      status: 'ACTIVE' as const,
      lead: {
        __typename: 'ProviderLead',
        requestId: 'req-1',
        name: 'Jane Doe',
        niche: { __typename: 'Niche', id: 'niche-plumbing', name: 'Plumbing' },
        city: 'Reno',
        country: 'US',
      },
    },
  };
}

describe('DisputesPage', () => {
  it('upholds an open dispute with a note to the provider', async () => {
    let current = dispute('OPEN');
    const decisions: AssignmentDisputeResolveMutationVariables[] = [];
    const { user } = renderConsole('/conversations/disputes', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminDisputesDocument, ({ status }) => ({
        adminDisputes: connection('AdminDispute', current.status === status ? [current] : []),
      })),
      mockOperation(AssignmentDisputeResolveDocument, (variables) => {
        decisions.push(variables);
        current = dispute('UPHELD', variables.note);
        return {
          assignmentDisputeResolve: {
            __typename: 'AssignmentDispute',
            id: 'd-1',
            status: 'UPHELD',
            resolutionNote: variables.note,
            resolvedAt: '2026-03-04T09:00:00.000Z',
          },
        };
      }),
    ]);

    const row = await screen.findByRole('row', { name: /Fast Plumbers/ });
    expect(row).toHaveTextContent('Jane Doe');
    expect(row).toHaveTextContent('Out of our area');
    expect(row).toHaveTextContent('The address is in Nevada.');
    await user.click(within(row).getByRole('button', { name: 'Uphold' }));
    const dialog = await screen.findByRole('dialog', { name: 'Uphold the dispute of Fast Plumbers' });
    expect(dialog).toHaveTextContent("The provider gets the lead's 25 credits back.");
    await user.click(within(dialog).getByRole('button', { name: 'Uphold and refund' }));
    expect(decisions).toHaveLength(0);
    await user.type(within(dialog).getByRole('textbox', { name: /Note to the provider/ }), 'Confirmed: outside your area.');
    await user.click(within(dialog).getByRole('button', { name: 'Uphold and refund' }));

    await waitFor(() => expect(screen.queryByRole('dialog')).not.toBeInTheDocument());
    expect(decisions).toEqual([{ id: 'd-1', uphold: true, note: 'Confirmed: outside your area.' }]);
    expect(await screen.findByText('No disputes to review')).toBeInTheDocument();
  });
});
