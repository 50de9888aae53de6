import {
  buildViewer,
  mockOperation,
  mockViewer,
  renderWithProviders,
  type RenderWithProvidersOptions,
  type ViewerFixture,
  type WithTypename,
} from '@hotlead/ui/test-utils';
import type { GraphQLHandler, RequestHandler, WebSocketHandler } from 'msw';
import { adminTypePolicies } from '../apollo';
import { AdminViewerDocument, type AdminViewerQuery, type WorkspaceRole } from '../gql/graphql';
import { routes } from '../routes';

type Membership = WithTypename<NonNullable<AdminViewerQuery['me']>['workspaceMemberships'][number]>;

export function providerMembership(
  workspace: { id: string; name: string; kind?: 'BUYER' | 'PROVIDER' },
  role: WorkspaceRole = 'OWNER',
): Membership {
  return {
    __typename: 'WorkspaceMembership',
    id: `m-${workspace.id}`,
    role,
    workspace: { __typename: 'Workspace', kind: 'PROVIDER', ...workspace },
  };
}

/** `Me` and `AdminViewer` for a signed-in user with the given platform role and memberships. */
export function signedInAs(
  options: { viewer?: Partial<ViewerFixture>; admin?: boolean; memberships?: Membership[] } = {},
): GraphQLHandler[] {
  const platformRole = options.admin ? 'ADMIN' : null;
  const viewer = buildViewer({ platformRole, ...options.viewer });
  return [
    mockViewer(viewer),
    mockOperation(AdminViewerDocument, {
      me: { __typename: 'User', id: viewer.id, platformRole, workspaceMemberships: options.memberships ?? [] },
    }),
  ];
}

/**
 * Renders the console's routes at `route` with the console's cache policies. Handlers may include
 * plain HTTP ones (e.g. attachment uploads) and a subscriptions socket (`mockSubscriptions()`).
 */
export function renderConsole(
  route: string,
  handlers: (RequestHandler | WebSocketHandler)[],
  options: Partial<RenderWithProvidersOptions> = {},
) {
  return renderWithProviders(null, {
    routes,
    route,
    handlers,
    clientOptions: { typePolicies: adminTypePolicies },
    ...options,
  });
}

export { connectionPage as connection } from '@hotlead/ui/test-utils';
