import { mockOperation, screen, waitFor, within } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import {
  AdminThreadsDocument,
  ConversationProviderDocument,
  ConversationProviderSearchDocument,
  type AdminThreadsQuery,
  type AdminThreadsQueryVariables,
} from '../../gql/graphql';
import { connection, renderConsole, signedInAs } from '../../test/fixtures';

type Thread = AdminThreadsQuery['adminThreads']['edges'][number]['node'];

function thread(id: string, overrides: Partial<Thread> = {}): Thread & { __typename: string } {
  return {
    __typename: 'AdminThread',
    id,
    status: 'OPEN',
    providerName: 'Fast Plumbers',
    providerWorkspaceId: 'ws-prov',
    endUserName: 'Jane Doe',
    niche: { __typename: 'Niche', id: 'niche-plumbing', name: 'Plumbing' } as Thread['niche'],
    messageCount: 4,
    lastMessageAt: '2026-03-02T10:05:00.000Z',
    createdAt: '2026-03-02T09:00:00.000Z',
    ...overrides,
  };
}

const open = thread('at-1');
const suspended = thread('at-2', {
  status: 'SUSPENDED',
  providerName: 'Roof Pros',
  providerWorkspaceId: 'ws-roof',
  endUserName: 'Tom Lee',
  messageCount: 0,
  lastMessageAt: null,
});

describe('ConversationsPage', () => {
  it('lists every thread and filters by status, bounces and provider through the URL', async () => {
    const requests: AdminThreadsQueryVariables[] = [];
    const { user, router } = renderConsole('/conversations', [
      ...signedInAs({ admin: true }),
      mockOperation(AdminThreadsDocument, (variables) => {
        requests.push(variables);
        const rows = [open, suspended].filter(
          (t) =>
            (!variables.filter?.status || t.status === variables.filter.status) &&
            (!variables.filter?.workspaceId || t.providerWorkspaceId === variables.filter.workspaceId),
        );
        return { adminThreads: connection('AdminThread', rows) };
      }),
      mockOperation(ConversationProviderSearchDocument, {
        adminWorkspaces: {
          __typename: 'AdminWorkspaceConnection',
          edges: [
            {
              __typename: 'AdminWorkspaceEdge',
              node: { __typename: 'AdminWorkspace', id: 'ws-prov', name: 'Fast Plumbers', status: 'ACTIVE' },
            },
            {
              __typename: 'AdminWorkspaceEdge',
              node: { __typename: 'AdminWorkspace', id: 'ws-roof', name: 'Roof Pros', status: 'SUSPENDED' },
            },
          ],
        },
      }),
      mockOperation(ConversationProviderDocument, ({ id }) => ({
        workspace: { __typename: 'Workspace', id: String(id), name: id === 'ws-roof' ? 'Roof Pros' : 'Fast Plumbers', status: 'ACTIVE' },
      })),
    ]);

    const table = await screen.findByRole('table', { name: 'Conversations' });
    const row = within(table).getByRole('row', { name: /Fast Plumbers/ });
    expect(
      within(row)
        .getAllByRole('cell')
        .map((c) => c.textContent),
    ).toEqual(['Fast Plumbers', 'Jane Doe', 'Plumbing', 'Open', '4', expect.stringMatching(/2026/)]);
    expect(within(row).getByRole('link', { name: 'Fast Plumbers' })).toHaveAttribute('href', '/conversations/at-1');
    expect(within(table).getByRole('row', { name: /Roof Pros/ })).toHaveTextContent('None yet');

    await user.click(screen.getByRole('radio', { name: 'Suspended' }));
    await waitFor(() => expect(screen.queryByRole('row', { name: /Fast Plumbers/ })).not.toBeInTheDocument());
    await user.click(screen.getByRole('switch', { name: 'Bounced only' }));
    await waitFor(() => expect(router.state.location.search).toBe('?status=SUSPENDED&bounced=1'));

    await user.click(screen.getByRole('radio', { name: 'All' }));
    await user.click(screen.getByRole('combobox', { name: 'Provider' }));
    await user.click(await screen.findByRole('option', { name: 'Roof Pros (suspended)' }));
    await waitFor(() => expect(router.state.location.search).toBe('?bounced=1&provider=ws-roof'));

    await waitFor(() => expect(requests.at(-1)?.filter).toEqual({ bounced: true, workspaceId: 'ws-roof' }));
    expect(requests.map((r) => r.filter)).toEqual([
      {},
      { status: 'SUSPENDED' },
      { status: 'SUSPENDED', bounced: true },
      { bounced: true },
      { bounced: true, workspaceId: 'ws-roof' },
    ]);
  });
});
