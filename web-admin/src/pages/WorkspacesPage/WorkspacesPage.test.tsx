import { mockOperation, screen, waitFor, within, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { AdminWorkspacesDocument, type AdminWorkspacesQuery } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

type AdminWorkspace = WithTypename<AdminWorkspacesQuery['adminWorkspaces']['edges'][number]['node']>;

const workspaces: AdminWorkspace[] = [
  {
    __typename: 'AdminWorkspace',
    id: 'w1',
    name: 'Acme Sales',
    slug: 'acme-sales',
    kind: 'BUYER',
    status: 'ACTIVE',
    createdAt: '2026-01-02T10:00:00.000Z',
    memberCount: 3,
  },
  {
    __typename: 'AdminWorkspace',
    id: 'w2',
    name: 'Fast Plumbers',
    slug: 'fast-plumbers',
    kind: 'PROVIDER',
    status: 'SUSPENDED',
    createdAt: '2026-01-03T10:00:00.000Z',
    memberCount: 5,
  },
];

describe('WorkspacesPage', () => {
  it('lists workspaces and filters by kind through the API', async () => {
    const kinds: unknown[] = [];
    const { user, router } = renderConsole('/workspaces', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminWorkspacesDocument, ({ kind }) => {
        kinds.push(kind);
        return {
          adminWorkspaces: connection(
            'AdminWorkspace',
            workspaces.filter((w) => !kind || w.kind === kind),
          ),
        };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Workspaces' });
    expect(within(table).getByText('Acme Sales')).toBeInTheDocument();
    expect(within(table).getByText('Suspended')).toBeInTheDocument();
    // Buyer workspaces hold credits: the finance console adjusts them.
    expect(within(table).getByRole('link', { name: 'Adjust credits of Acme Sales' })).toHaveAttribute(
      'href',
      '/finance/adjust?workspace=w1',
    );
    expect(within(table).queryByRole('link', { name: 'Adjust credits of Fast Plumbers' })).not.toBeInTheDocument();

    await user.click(screen.getByRole('radio', { name: 'Provider' }));
    await waitFor(() =>
      expect(within(screen.getByRole('table', { name: 'Workspaces' })).queryByText('Acme Sales')).not.toBeInTheDocument(),
    );
    expect(router.state.location.search).toBe('?kind=PROVIDER');
    expect(kinds).toEqual([null, 'PROVIDER']);
  });
});
