import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AdminServiceRequestsDocument,
  ServiceRequestRetryRoutingDocument,
  type AdminServiceRequestFieldsFragment,
  type AdminServiceRequestsQueryVariables,
} from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

const unroutable: WithTypename<AdminServiceRequestFieldsFragment> = {
  __typename: 'AdminServiceRequest',
  id: 'sr-1',
  niche: { __typename: 'Niche', id: 'niche-roof', name: 'Roofing' },
  status: 'UNROUTABLE',
  name: 'Tom Lee',
  email: 'tom@example.com',
  country: 'US',
  region: 'NV',
  city: 'Reno',
  postalCode: null,
  routingAttempts: 72,
  nextRoutingAt: null,
  unroutableAt: '2026-03-05T09:00:00.000Z',
  badAddressAt: null,
  createdAt: '2026-03-02T09:00:00.000Z',
  assignments: [],
};

describe('ServiceRequestsPage', () => {
  it('lists the unroutable requests by default and retries one', async () => {
    const requests: AdminServiceRequestsQueryVariables[] = [];
    const retries: string[] = [];
    const { user, router } = renderConsole('/conversations/requests', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminServiceRequestsDocument, (variables) => {
        requests.push(variables);
        return { adminServiceRequests: connection('AdminServiceRequest', variables.status === 'UNROUTABLE' ? [unroutable] : []) };
      }),
      mockOperation(ServiceRequestRetryRoutingDocument, ({ id }) => {
        retries.push(String(id));
        return {
          serviceRequestRetryRouting: {
            ...unroutable,
            status: 'ROUTED',
            assignments: [{ __typename: 'RequestAssignment', id: 'as-7', providerName: 'Roof Pros', status: 'ACTIVE' }],
          },
        };
      }),
    ]);

    const row = await screen.findByRole('row', { name: /Tom Lee/ });
    expect(screen.getByRole('radio', { name: 'Unroutable' })).toBeChecked();
    expect(row).toHaveTextContent('Roofing');
    expect(row).toHaveTextContent('Reno, NV, US');
    expect(row).toHaveTextContent('72');
    await user.click(within(row).getByRole('button', { name: 'Retry routing' }));
    expect(await screen.findByText('Routed: the matched providers have it in their inbox.')).toBeInTheDocument();
    expect(retries).toEqual(['sr-1']);
    expect(row).toHaveTextContent('Roof Pros');
    expect(within(row).queryByRole('button', { name: 'Retry routing' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Routing' }));
    expect(await screen.findByText('No requests with this status')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?status=ROUTING');
    await waitFor(() => expect(requests.map((r) => r.status)).toEqual(['UNROUTABLE', 'ROUTING']));
  });
});
