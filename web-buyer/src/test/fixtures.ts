import { buildViewer, mockOperation, mockViewer, type ViewerFixture, type WithTypename } from '@hotlead/ui/test-utils';
import type { GraphQLHandler } from 'msw';
import { WorkspaceInvitationsDocument, type WorkspaceInvitationsQuery } from '@hotlead/ui/gql';
import {
  BuyerViewerDocument,
  WorkspaceApiKeysDocument,
  WorkspacePageDocument,
  type BuyerViewerQuery,
  type WorkspaceApiKeysQuery,
  type WorkspacePageQuery,
  type WorkspaceRole,
} from '../gql/graphql';

type BuyerMe = WithTypename<NonNullable<BuyerViewerQuery['me']>>;
type Membership = BuyerMe['workspaceMemberships'][number];
export type WorkspaceFixture = WithTypename<NonNullable<WorkspacePageQuery['workspace']>>;

export function buildMembership(
  workspace: { id: string; name: string; kind?: 'BUYER' | 'PROVIDER' },
  role: WorkspaceRole = 'OWNER',
): Membership {
  return {
    __typename: 'WorkspaceMembership',
    id: `m-${workspace.id}`,
    role,
    workspace: { __typename: 'Workspace', kind: 'BUYER', ...workspace },
  };
}

/** Everything a signed-in page asks about the viewer: `Me` (RequireAuth) and `BuyerViewer`. */
export function signedInAs(
  options: { viewer?: Partial<ViewerFixture>; memberships?: Membership[]; isEndUser?: boolean } = {},
): GraphQLHandler[] {
  const viewer = buildViewer({ isEndUser: options.isEndUser ?? false, ...options.viewer });
  return [
    mockViewer(viewer),
    mockOperation(BuyerViewerDocument, {
      me: {
        __typename: 'User',
        id: viewer.id,
        isEndUser: viewer.isEndUser,
        workspaceMemberships: options.memberships ?? [],
      },
    }),
  ];
}

export function buildWorkspace(viewerRole: WorkspaceRole = 'OWNER'): WorkspaceFixture {
  return {
    __typename: 'Workspace',
    id: 'ws-1',
    name: 'Acme Sales',
    slug: 'acme-sales',
    kind: 'BUYER',
    status: 'ACTIVE',
    createdAt: '2026-01-05T10:00:00.000Z',
    viewerRole,
    members: [
      {
        __typename: 'WorkspaceMembership',
        id: 'm-ada',
        role: viewerRole,
        createdAt: '2026-01-05T10:00:00.000Z',
        user: { __typename: 'MemberUser', id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' },
      },
      {
        __typename: 'WorkspaceMembership',
        id: 'm-grace',
        role: 'MEMBER',
        createdAt: '2026-01-06T10:00:00.000Z',
        user: { __typename: 'MemberUser', id: 'user-2', name: 'Grace Hopper', email: 'grace@example.com' },
      },
    ],
  };
}

type Invitation = WithTypename<NonNullable<WorkspaceInvitationsQuery['workspace']>['invitations'][number]>;
type ApiKey = WithTypename<NonNullable<WorkspaceApiKeysQuery['workspace']>['apiKeys'][number]>;

export function buildInvitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    __typename: 'Invitation',
    id: 'inv-1',
    email: 'linus@example.com',
    role: 'MEMBER',
    status: 'PENDING',
    expiresAt: '2026-02-01T10:00:00.000Z',
    createdAt: '2026-01-10T10:00:00.000Z',
    invitedBy: { __typename: 'MemberUser', id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' },
    ...overrides,
  };
}

export function buildApiKey(overrides: Partial<ApiKey> = {}): ApiKey {
  return {
    __typename: 'ApiKey',
    id: 'key-1',
    name: 'CRM sync',
    prefix: 'hl_live_ab12',
    scopes: ['packs:read'],
    tier: 'STANDARD',
    createdAt: '2026-01-07T10:00:00.000Z',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** The workspace page's three queries (members; invitations and API keys for managers). */
export function workspaceHandlers(
  workspace: WorkspaceFixture,
  extra: { invitations?: Invitation[]; apiKeys?: ApiKey[] } = {},
): GraphQLHandler[] {
  return [
    mockOperation(WorkspacePageDocument, { workspace }),
    mockOperation(WorkspaceInvitationsDocument, {
      workspace: { __typename: 'Workspace', id: workspace.id, invitations: extra.invitations ?? [] },
    }),
    mockOperation(WorkspaceApiKeysDocument, {
      workspace: { __typename: 'Workspace', id: workspace.id, apiKeys: extra.apiKeys ?? [] },
    }),
  ];
}
