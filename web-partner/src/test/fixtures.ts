import {
  connectionPage,
  buildViewer,
  mockOperation,
  mockViewer,
  renderWithProviders,
  type RenderWithProvidersOptions,
  type ViewerFixture,
  type WithTypename,
} from '@hotlead/ui/test-utils';
import type { GraphQLHandler, RequestHandler, WebSocketHandler } from 'msw';
import { vi } from 'vitest';
import { partnerTypePolicies } from '../apollo';
import {
  PartnerEarningsDocument,
  PartnerOrgInvitationsDocument,
  PartnerOrgPageDocument,
  PartnerViewerDocument,
  PayoutsPageDocument,
  type PartnerEarningsQuery,
  type PartnerEarningsQueryVariables,
  type PartnerOrgInvitationsQuery,
  type PartnerOrgPageQuery,
  type PartnerRole,
  type PartnerViewerQuery,
  type PayoutsPageQuery,
} from '../gql/graphql';
import { routes } from '../routes';

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

/** Renders the portal's routes at `route` with the portal's cache policies (as `main.tsx` does). */
export function renderPortal(
  route: string,
  handlers: (RequestHandler | WebSocketHandler)[],
  options: Partial<RenderWithProvidersOptions> = {},
) {
  return renderWithProviders(null, { routes, route, handlers, clientOptions: { typePolicies: partnerTypePolicies }, ...options });
}

// ───────────── money ─────────────

export type PayoutsOrgFixture = WithTypename<NonNullable<PayoutsPageQuery['partnerOrg']>>;
export type PayoutFixture = WithTypename<PayoutsPageQuery['partnerPayouts'][number]>;
export type EarningFixture = WithTypename<PartnerEarningsQuery['partnerEarnings']['edges'][number]['node']>;
type StreamFixture = PayoutsOrgFixture['earnings']['byStream'][number];

const SCHEDULES = {
  LEAD_SALES: { minimum: '50.0000', schedule: 'Lead-sale commissions and bonuses: weekly, Monday 02:00 UTC, from $50 available.' },
  PROGRAM: {
    minimum: '0.0100',
    schedule: 'Partner-program commissions: monthly (1st, 04:00 UTC), net 30 after the month they were earned.',
  },
  DATA_PACKS: { minimum: '0.0100', schedule: 'Data-pack revenue share: monthly on the 5th at 06:00 UTC.' },
} as const;

/** The payouts page's view of an org: an active sandbox payout account, $412.50 pending and $186.25 available. */
export function buildPayoutsOrg(
  viewerRole: PartnerRole = 'OWNER',
  overrides: Partial<PayoutsOrgFixture> & { leadSalesAvailable?: string } = {},
): PayoutsOrgFixture {
  const { leadSalesAvailable = '186.2500', ...rest } = overrides;
  const stream = (name: keyof typeof SCHEDULES, pending: string, available: string): StreamFixture => ({
    __typename: 'StreamEarnings',
    stream: name,
    pending,
    available,
    ...SCHEDULES[name],
  });
  return {
    __typename: 'PartnerOrg',
    id: 'po-1',
    name: 'Lead Forge',
    viewerRole,
    payoutAccount: { __typename: 'PayoutAccount', provider: 'SANDBOX', status: 'ACTIVE', detailsSubmitted: true, payoutsEnabled: true },
    earnings: {
      __typename: 'PartnerEarningsSummary',
      pending: '412.5000',
      available: leadSalesAvailable,
      inTransit: '0.0000',
      paid: '1250.0000',
      byStream: [
        stream('LEAD_SALES', '412.5000', leadSalesAvailable),
        stream('PROGRAM', '0.0000', '0.0000'),
        stream('DATA_PACKS', '0.0000', '0.0000'),
      ],
    },
    ...rest,
  };
}

export function buildPayout(overrides: Partial<PayoutFixture> = {}): PayoutFixture {
  return {
    __typename: 'Payout',
    id: 'payout-1',
    stream: 'LEAD_SALES',
    amount: '120.0000',
    status: 'PAID',
    failureReason: null,
    requested: false,
    transferId: 'tr_sbx_0001',
    createdAt: '2026-03-02T02:00:00.000Z',
    paidAt: '2026-03-02T02:00:05.000Z',
    ...overrides,
  };
}

export function buildEarning(overrides: Partial<EarningFixture> = {}): EarningFixture {
  return {
    __typename: 'PartnerEarning',
    id: 'earning-1',
    type: 'LEAD_SALE',
    stream: 'LEAD_SALES',
    description: 'Commission on a lead sale (Acme Corp)',
    saleAmount: '250.0000',
    rate: '0.4000',
    bonuses: ['fresh_sale'],
    amount: '100.0000',
    status: 'AVAILABLE',
    earnedAt: '2026-02-10T12:00:00.000Z',
    availableAt: '2026-02-24T12:00:00.000Z',
    reversalReason: null,
    ...overrides,
  };
}

/** A page of `partnerEarnings` as the API returns it. */
export function earningsPage(
  nodes: EarningFixture[],
  page: { hasNextPage?: boolean; totalCount?: number } = {},
): WithTypename<PartnerEarningsQuery['partnerEarnings']> {
  return connectionPage('PartnerEarning', nodes, page);
}

/** The payouts page's queries: the org's money and payouts, and its earnings (any filter). */
export function payoutsPageHandlers(
  options: {
    partnerOrg?: PayoutsOrgFixture | (() => PayoutsOrgFixture);
    payouts?: PayoutFixture[] | (() => PayoutFixture[]);
    earnings?: (variables: PartnerEarningsQueryVariables) => WithTypename<PartnerEarningsQuery['partnerEarnings']>;
  } = {},
): GraphQLHandler[] {
  const { partnerOrg = buildPayoutsOrg(), payouts = [], earnings = () => earningsPage([]) } = options;
  return [
    mockOperation(PayoutsPageDocument, () => ({
      partnerOrg: typeof partnerOrg === 'function' ? partnerOrg() : partnerOrg,
      partnerPayouts: typeof payouts === 'function' ? payouts() : payouts,
    })),
    mockOperation(PartnerEarningsDocument, (variables) => ({ partnerEarnings: earnings(variables) })),
  ];
}

/**
 * Replaces `window.location.assign` (jsdom's cannot be spied on) for pages that leave the app, e.g.
 * for the payout provider's onboarding. Call `restore()` after the test.
 */
export function stubLocationAssign() {
  const original = window.location;
  const assign = vi.fn<(url: string | URL) => void>();
  // A plain copy: jsdom's Location has non-configurable own members (neither spied on nor proxied).
  const { href, origin, protocol, host, hostname, port, pathname, search, hash } = original;
  const stub = {
    href,
    origin,
    protocol,
    host,
    hostname,
    port,
    pathname,
    search,
    hash,
    assign,
    replace: vi.fn(),
    reload: vi.fn(),
    toString: () => href,
  };
  Object.defineProperty(window, 'location', { configurable: true, value: stub });
  return { assign, restore: () => Object.defineProperty(window, 'location', { configurable: true, value: original }) };
}
