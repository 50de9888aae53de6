import { screen, waitFor, within, mockOperation, type WithTypename } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { AdminUsersDocument, type AdminUsersQuery } from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

type AdminUser = WithTypename<AdminUsersQuery['adminUsers']['edges'][number]['node']>;

function user(id: string, name: string, overrides: Partial<AdminUser> = {}): AdminUser {
  return {
    __typename: 'AdminUser',
    id,
    name,
    email: `${name.split(' ')[0]!.toLowerCase()}@example.com`,
    emailVerified: true,
    platformRole: null,
    status: 'ACTIVE',
    createdAt: '2026-01-02T10:00:00.000Z',
    lastLoginAt: null,
    workspaceCount: 1,
    partnerOrgCount: 0,
    ...overrides,
  };
}

const page1 = [user('u1', 'Ada Lovelace', { platformRole: 'ADMIN' }), user('u2', 'Grace Hopper', { emailVerified: false })];
const page2 = [user('u3', 'Alan Turing')];

describe('UsersPage', () => {
  it('shows the first page with its total, then loads more after the end cursor', async () => {
    const requests: unknown[] = [];
    const { user: actor } = renderConsole('/users', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminUsersDocument, (variables) => {
        requests.push(variables);
        return variables.after === 'cursor-u2'
          ? { adminUsers: connection('AdminUser', page2, { totalCount: 3 }) }
          : { adminUsers: connection('AdminUser', page1, { hasNextPage: true, totalCount: 3 }) };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Users' });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(within(table).getByText('grace@example.com')).toBeInTheDocument();
    expect(within(table).getByText('Unverified')).toBeInTheDocument();
    expect(within(table).getByText('Admin')).toBeInTheDocument();
    expect(screen.getByText('3 results · showing 2')).toBeInTheDocument();

    await actor.click(screen.getByRole('button', { name: 'Load more' }));

    await waitFor(() => expect(within(table).getAllByRole('row')).toHaveLength(4));
    expect(within(table).getByText('Alan Turing')).toBeInTheDocument();
    expect(screen.queryByRole('button', { name: 'Load more' })).not.toBeInTheDocument();
    expect(requests).toEqual([
      { first: 25, search: null },
      { first: 25, search: null, after: 'cursor-u2' },
    ]);
  });

  it('searches through the API and keeps the search in the URL', async () => {
    const searches: (string | null | undefined)[] = [];
    const { user: actor, router } = renderConsole('/users', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminUsersDocument, ({ search }) => {
        searches.push(search);
        const nodes = search ? page1.filter((u) => u.name.toLowerCase().includes(search.toLowerCase())) : page1;
        return { adminUsers: connection('AdminUser', nodes) };
      }),
    ]);

    const table = await screen.findByRole('table', { name: 'Users' });
    await actor.type(screen.getByRole('textbox', { name: 'Search users' }), 'grace');

    await waitFor(() => expect(within(table).queryByText('Ada Lovelace')).not.toBeInTheDocument());
    expect(within(screen.getByRole('table', { name: 'Users' })).getByText('Grace Hopper')).toBeInTheDocument();
    expect(router.state.location.search).toBe('?q=grace');
    expect(searches).toEqual([null, 'grace']);
  });

  it('says when nothing matches', async () => {
    renderConsole('/users?q=nobody', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminUsersDocument, { adminUsers: connection('AdminUser', []) }),
    ]);
    expect(await screen.findByText('No users match “nobody”')).toBeInTheDocument();
    expect(screen.getByRole('textbox', { name: 'Search users' })).toHaveValue('nobody');
  });
});
