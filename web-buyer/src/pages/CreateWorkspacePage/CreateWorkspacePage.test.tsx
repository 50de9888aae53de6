import { mockOperation, renderWithProviders, screen, waitFor } from '@hotlead/ui/test-utils';
import { describe, expect, it } from 'vitest';
import { BuyerWorkspaceCreateDocument } from '../../gql/graphql';
import { routes } from '../../routes';
import { buildWorkspace, signedInAs, workspaceHandlers } from '../../test/fixtures';

describe('CreateWorkspacePage', () => {
  it('shows a name user error beside the field', async () => {
    const { user } = renderWithProviders(null, {
      routes,
      route: '/workspaces/new',
      handlers: [
        ...signedInAs(),
        mockOperation(BuyerWorkspaceCreateDocument, {
          workspaceCreate: {
            workspace: null,
            userErrors: [{ field: ['input', 'name'], message: 'Name is too similar to an existing workspace', code: 'INVALID_INPUT' }],
          },
        }),
      ],
    });

    await user.type(await screen.findByLabelText(/Workspace name/), 'Acme');
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));

    await waitFor(() =>
      expect(screen.getByLabelText(/Workspace name/)).toHaveAccessibleDescription('Name is too similar to an existing workspace'),
    );
  });

  it('requires a name before sending', async () => {
    const { user } = renderWithProviders(null, { routes, route: '/workspaces/new', handlers: signedInAs() });
    await user.click(await screen.findByRole('button', { name: 'Create workspace' }));
    expect(screen.getByLabelText(/Workspace name/)).toHaveAccessibleDescription('Enter a name');
  });

  it('creates a buyer workspace and opens it', async () => {
    const created: unknown[] = [];
    const { user, router } = renderWithProviders(null, {
      routes,
      route: '/workspaces/new',
      handlers: [
        ...signedInAs(),
        ...workspaceHandlers(buildWorkspace('OWNER')),
        mockOperation(BuyerWorkspaceCreateDocument, (variables) => {
          created.push(variables);
          return {
            workspaceCreate: {
              workspace: { __typename: 'Workspace', id: 'ws-1', name: variables.name, kind: 'BUYER' },
              userErrors: [],
            },
          };
        }),
      ],
    });

    await user.type(await screen.findByLabelText(/Workspace name/), '  Acme Sales ');
    await user.click(screen.getByRole('button', { name: 'Create workspace' }));

    expect(await screen.findByRole('heading', { name: 'Acme Sales' })).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/workspaces/ws-1');
    expect(created).toEqual([{ name: 'Acme Sales' }]);
  });
});
