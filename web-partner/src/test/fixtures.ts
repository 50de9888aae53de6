import { buildViewer, mockOperation, mockViewer, type ViewerFixture, type WithTypename } from '@hotlead/ui/test-utils';
import type { GraphQLHandler } from 'msw';
import {
  PartnerOrgInvitationsDocument,
  PartnerOrgPageDocument,
  PartnerViewerDocument,
  type PartnerOrgInvitationsQuery,
  type PartnerOrgPageQuery,
  type PartnerRole,
  type PartnerViewerQuery,
} from '../gql/graphql';

type Membership = WithTypename<NonNullable<PartnerViewerQuery['me']>['partnerMemberships'][number]>;
export type PartnerOrgFixture = WithTypename<NonNullable<PartnerOrgPageQuery['partnerOrg']>>;
type Invitation = WithTypename<NonNullable<PartnerOrgInvitationsQuery['partnerOrg']>['invitations'][number]>;

export function buildPartnerMembership(org: { id: string; name: string }, role: PartnerRole = 'OWNER'): Membership {
  return { __typename: 'PartnerMembership', id: `pm-${org.id}`, role, partnerOrg: { __typename: 'PartnerOrg', ...org } };
}

/** `Me` (RequireAuth) and `PartnerViewer` (nav and landing) for a signed-in partner. */
export function signedInAs(options: { viewer?: Partial<ViewerFixture>; memberships?: Membership[] } = {}): GraphQLHandler[] {
  const viewer = buildViewer(options.viewer);
  return [
    mockViewer(viewer),
    mockOperation(PartnerViewerDocument, {
      me: { __typename: 'User', id: viewer.id, partnerMemberships: options.memberships ?? [] },
    }),
  ];
}

export function buildPartnerOrg(viewerRole: PartnerRole = 'OWNER', overrides: Partial<PartnerOrgFixture> = {}): PartnerOrgFixture {
  return {
    __typename: 'PartnerOrg',
    id: 'po-1',
    name: 'Lead Forge',
    slug: 'lead-forge',
    website: 'https://leadforge.example',
    status: 'ACTIVE',
    uploadsSuspended: false,
    createdAt: '2026-01-03T10:00:00.000Z',
    viewerRole,
    members: [
      {
        __typename: 'PartnerMembership',
        id: 'pm-ada',
        role: viewerRole,
        createdAt: '2026-01-03T10:00:00.000Z',
        user: { __typename: 'MemberUser', id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' },
      },
      {
        __typename: 'PartnerMembership',
        id: 'pm-alan',
        role: 'MEMBER',
        createdAt: '2026-01-04T10:00:00.000Z',
        user: { __typename: 'MemberUser', id: 'user-3', name: 'Alan Turing', email: 'alan@example.com' },
      },
    ],
    ...overrides,
  };
}

export function buildInvitation(overrides: Partial<Invitation> = {}): Invitation {
  return {
    __typename: 'Invitation',
    id: 'inv-1',
    email: 'joan@example.com',
    role: 'MEMBER',
    status: 'PENDING',
    expiresAt: '2026-02-01T10:00:00.000Z',
    createdAt: '2026-01-10T10:00:00.000Z',
    invitedBy: { __typename: 'MemberUser', id: 'user-1', name: 'Ada Lovelace', email: 'ada@example.com' },
    ...overrides,
  };
}

/** The org page's queries (profile and members; invitations for owners). */
export function partnerOrgHandlers(partnerOrg: PartnerOrgFixture, invitations: Invitation[] = []): GraphQLHandler[] {
  return [
    mockOperation(PartnerOrgPageDocument, { partnerOrg }),
    mockOperation(PartnerOrgInvitationsDocument, {
      partnerOrg: { __typename: 'PartnerOrg', id: partnerOrg.id, invitations },
    }),
  ];
}
