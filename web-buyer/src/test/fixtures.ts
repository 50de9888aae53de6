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
import { graphql, HttpResponse, type GraphQLHandler, type RequestHandler, type WebSocketHandler } from 'msw';
import type { TypedDocumentNode } from '@apollo/client';
import { Kind } from 'graphql';
import { WorkspaceInvitationsDocument, type WorkspaceInvitationsQuery } from '@hotlead/ui/gql';
import { buyerTypePolicies } from '../apollo';
import {
  BuyerViewerDocument,
  CreditPurchasesDocument,
  CreditsPageDocument,
  CreditTransactionsDocument,
  HeaderCreditBalanceDocument,
  WorkspaceApiKeysDocument,
  WorkspacePageDocument,
  type BuyerViewerQuery,
  type CreditPurchasesQuery,
  type CreditsPageQuery,
  type CreditTransactionsQuery,
  type MyRequestFieldsFragment,
  type MyThreadQuery,
  type RequestNichesQuery,
  type ThreadMessageFieldsFragment,
  type WorkspaceApiKeysQuery,
  type WorkspacePageQuery,
  type WorkspaceRole,
} from '../gql/graphql';
import { routes } from '../routes';

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

/**
 * Everything a signed-in page asks about the viewer: `Me` (RequireAuth), `BuyerViewer`, and the
 * header's credit balance of the current buyer workspace (`balance`, default 2,500).
 */
export function signedInAs(
  options: { viewer?: Partial<ViewerFixture>; memberships?: Membership[]; isEndUser?: boolean; balance?: string } = {},
): GraphQLHandler[] {
  const viewer = buildViewer({ isEndUser: options.isEndUser ?? false, ...options.viewer });
  return [
    mockViewer(viewer),
    mockHeaderBalance(options.balance),
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

/** The header's balance of whichever workspace it asks about. */
export function mockHeaderBalance(balance: string | (() => string) = '2500.0000'): GraphQLHandler {
  return mockOperation(HeaderCreditBalanceDocument, (variables) => {
    const workspaceId = String(variables.workspaceId);
    return {
      workspace: {
        __typename: 'Workspace',
        id: workspaceId,
        credits: { __typename: 'CreditWallet', workspaceId, balance: typeof balance === 'function' ? balance() : balance },
      },
    };
  });
}

/** Renders the console's routes at `route` with the console's cache policies. */
export function renderConsole(
  route: string,
  handlers: (RequestHandler | WebSocketHandler)[],
  options: Partial<RenderWithProvidersOptions> = {},
) {
  return renderWithProviders(null, { routes, route, handlers, clientOptions: { typePolicies: buyerTypePolicies }, ...options });
}

// ───────────── credits ─────────────

export type CreditsWorkspaceFixture = WithTypename<NonNullable<CreditsPageQuery['workspace']>>;
type Wallet = CreditsWorkspaceFixture['credits'];
export type CreditPackageFixture = WithTypename<CreditsPageQuery['creditPackages'][number]>;
export type CreditPurchaseFixture = WithTypename<CreditPurchasesQuery['creditPurchases'][number]>;
export type CreditTransactionFixture = WithTypename<CreditTransactionsQuery['creditTransactions']['edges'][number]['node']>;

export const CREDIT_PACKAGES: CreditPackageFixture[] = [
  { __typename: 'CreditPackage', id: 'pkg-starter', name: 'Starter', credits: 1000, price: '75.0000', pricePerCredit: '0.0750' },
  { __typename: 'CreditPackage', id: 'pkg-growth', name: 'Growth', credits: 5000, price: '300.0000', pricePerCredit: '0.0600' },
];

export function buildWallet(overrides: Partial<Wallet> = {}): Wallet {
  return {
    __typename: 'CreditWallet',
    workspaceId: 'ws-1',
    balance: '2500.0000',
    savedCard: null,
    autoReload: { __typename: 'AutoReloadSettings', enabled: false, thresholdCredits: 0, package: null },
    ...overrides,
  };
}

export function buildCreditsWorkspace(viewerRole: WorkspaceRole = 'OWNER', wallet: Partial<Wallet> = {}): CreditsWorkspaceFixture {
  return { __typename: 'Workspace', id: 'ws-1', name: 'Acme Sales', kind: 'BUYER', viewerRole, credits: buildWallet(wallet) };
}

export function buildPurchase(overrides: Partial<CreditPurchaseFixture> = {}): CreditPurchaseFixture {
  return {
    __typename: 'CreditPurchase',
    id: 'purchase-1',
    kind: 'CHECKOUT',
    packageName: 'Starter',
    credits: 1000,
    amountCents: 7500,
    status: 'PAID',
    failureReason: null,
    checkoutUrl: null,
    createdAt: '2026-01-10T10:00:00.000Z',
    completedAt: '2026-01-10T10:01:00.000Z',
    ...overrides,
  };
}

export function buildTransaction(overrides: Partial<CreditTransactionFixture> = {}): CreditTransactionFixture {
  return {
    __typename: 'CreditTransaction',
    id: 'tx-1',
    kind: 'CREDIT_BONUS',
    description: 'Welcome credits',
    credits: '2500.0000',
    occurredAt: '2026-01-05T10:00:00.000Z',
    ...overrides,
  };
}

/** A page of the credit history as the API returns it. */
export function transactionsPage(
  nodes: CreditTransactionFixture[],
  page: { hasNextPage?: boolean; totalCount?: number } = {},
): WithTypename<CreditTransactionsQuery['creditTransactions']> {
  return connectionPage('CreditTransaction', nodes, page);
}

/** The credits page's queries (wallet and packages, purchases, history) for workspace ws-1. */
export function creditsHandlers(
  workspace: CreditsWorkspaceFixture | (() => CreditsWorkspaceFixture),
  extra: { purchases?: CreditPurchaseFixture[]; transactions?: CreditTransactionFixture[]; packages?: CreditPackageFixture[] } = {},
): GraphQLHandler[] {
  return [
    mockOperation(CreditsPageDocument, () => ({
      workspace: typeof workspace === 'function' ? workspace() : workspace,
      creditPackages: extra.packages ?? CREDIT_PACKAGES,
    })),
    mockOperation(CreditPurchasesDocument, { creditPurchases: extra.purchases ?? [] }),
    mockOperation(CreditTransactionsDocument, { creditTransactions: transactionsPage(extra.transactions ?? [buildTransaction()]) }),
  ];
}

// ───────────── end users: requests and conversations ─────────────

export type NicheFixture = WithTypename<RequestNichesQuery['niches'][number]>;
export type MyRequestFixture = WithTypename<MyRequestFieldsFragment>;
export type MatchFixture = MyRequestFixture['matches'][number];
export type ThreadFixture = WithTypename<NonNullable<MyThreadQuery['myThread']>>;
export type MessageFixture = WithTypename<ThreadMessageFieldsFragment>;

export const CONSENT = {
  __typename: 'RequestConsent',
  version: '2026-11-01',
  wording: 'Hide my email from service providers and communicate securely through the platform',
} as const;

export function buildNiche(overrides: Partial<NicheFixture> = {}): NicheFixture {
  return {
    __typename: 'Niche',
    id: 'niche-plumbing',
    slug: 'plumbing',
    name: 'Plumbing',
    description: 'Leaks, blocked drains, boilers and bathroom fitting.',
    active: true,
    ...overrides,
  };
}

export function buildMatch(overrides: Partial<MatchFixture> = {}): MatchFixture {
  return {
    __typename: 'MatchedProvider',
    assignmentId: 'asg-1',
    providerName: 'Rapid Plumbers',
    status: 'ACTIVE',
    deliveredAt: '2026-11-20T10:00:00.000Z',
    thread: {
      __typename: 'EndUserThread',
      id: 'thread-1',
      status: 'OPEN',
      canReply: true,
      unread: 0,
      closedAt: null,
      messages: [{ __typename: 'ThreadMessage', id: 'msg-1', createdAt: '2026-11-20T11:00:00.000Z' }],
    },
    ...overrides,
  };
}

export function buildMyRequest(overrides: Partial<MyRequestFixture> = {}): MyRequestFixture {
  return {
    __typename: 'ServiceRequest',
    id: 'req-1',
    status: 'ROUTED',
    details: 'The kitchen sink leaks under the cabinet and the floor is getting wet.',
    country: 'US',
    region: 'CA',
    city: 'Oakland',
    postalCode: '94607',
    hideEmail: true,
    createdAt: '2026-11-20T09:00:00.000Z',
    closedAt: null,
    feedback: null,
    feedbackNote: null,
    niche: { __typename: 'Niche', id: 'niche-plumbing', slug: 'plumbing', name: 'Plumbing' },
    matches: [buildMatch()],
    ...overrides,
  };
}

export function buildMessage(overrides: Partial<MessageFixture> = {}): MessageFixture {
  return {
    __typename: 'ThreadMessage',
    id: 'msg-1',
    direction: 'PROVIDER_TO_USER',
    mine: false,
    subject: 'Your plumbing request',
    text: 'Hello!\nWe can come on Tuesday.',
    html: null,
    redactions: 0,
    status: 'READ',
    deliveredAt: '2026-11-20T11:00:05.000Z',
    readAt: '2026-11-20T12:00:00.000Z',
    createdAt: '2026-11-20T11:00:00.000Z',
    attachments: [],
    ...overrides,
  };
}

export function buildThread(overrides: Partial<ThreadFixture> = {}): ThreadFixture {
  return {
    __typename: 'EndUserThread',
    id: 'thread-1',
    status: 'OPEN',
    closedBy: null,
    closedAt: null,
    providerRelayAddress: 'p-abcdefghijklmnopqrstuvwxyz234567@relay.hotlead.test',
    canReply: true,
    unread: 0,
    messages: [buildMessage()],
    ...overrides,
  };
}

/** What the thread page asks about the requests: which provider and niche a thread belongs to. */
export function threadRequests(threadId = 'thread-1', providerName = 'Rapid Plumbers'): WithTypename<MyThreadQuery['myServiceRequests']> {
  return [
    {
      __typename: 'ServiceRequest',
      id: 'req-1',
      niche: { __typename: 'Niche', id: 'niche-plumbing', name: 'Plumbing' },
      matches: [
        { __typename: 'MatchedProvider', assignmentId: 'asg-1', providerName, thread: { __typename: 'EndUserThread', id: threadId } },
      ],
    },
  ];
}

/**
 * Fails the operation of `document` with top-level GraphQL errors as the API sends them (e.g.
 * `BAD_USER_INPUT` with `extensions.field`).
 */
type ApiError = { message: string; extensions: Record<string, unknown> };

export function mockOperationErrors<TData, TVariables>(
  document: TypedDocumentNode<TData, TVariables>,
  /** The errors, or the errors of the n-th call (from 1). */
  errors: ApiError[] | ((call: number) => ApiError[]),
  onCall?: (variables: TVariables) => void,
): GraphQLHandler {
  let calls = 0;
  const operation = document.definitions.find((d) => d.kind === Kind.OPERATION_DEFINITION);
  if (operation?.kind !== 'OperationDefinition' || !operation.name) throw new Error('a named operation is needed');
  const handler = operation.operation === 'query' ? graphql.query : graphql.mutation;
  return handler(operation.name.value, ({ variables }) => {
    calls += 1;
    onCall?.(variables as TVariables);
    return HttpResponse.json({ data: null, errors: typeof errors === 'function' ? errors(calls) : errors });
  });
}
