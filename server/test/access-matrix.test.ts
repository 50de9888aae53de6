// Role × operation: every query, mutation and subscription in the schema, run as every kind of
// principal, must be allowed or denied exactly as declared below. A new operation that is missing
// from this table fails the suite, and so does an operation whose @Allow rule drifts from it.
import {
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isObjectType,
  isAbstractType,
  isScalarType,
  parse,
  subscribe,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
} from 'graphql';
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Principal } from '../src/platform/auth/principal.js';
import { subscriptionAccessError } from '../src/platform/graphql/access.js';
import { createContext } from '../src/platform/graphql/context.js';
import { toGlobalId } from '../src/platform/graphql/ids.js';
import { startTestApp, type TestApp } from './app.js';
import { buildApiKey, buildPartnerOrg, buildSignedIn, buildWorkspace } from './factories.js';

type Kind =
  | 'anonymous'
  | 'user'
  | 'buyerOwner'
  | 'buyerMember'
  | 'partnerOwner'
  | 'providerManager'
  | 'providerSales'
  | 'endUser'
  | 'platformAdmin'
  | 'apiKey';
const PEOPLE: Kind[] = [
  'user',
  'buyerOwner',
  'buyerMember',
  'partnerOwner',
  'providerManager',
  'providerSales',
  'endUser',
  'platformAdmin',
];
const EVERYONE: Kind[] = ['anonymous', ...PEOPLE, 'apiKey'];

/** Who may call each operation (passes the access layer). */
const DECLARED: Record<string, Kind[]> = {
  'Query.me': EVERYONE,
  'Query.invitationPreview': EVERYONE,
  'Query.node': [...PEOPLE, 'apiKey'],
  'Query.workspace': [...PEOPLE, 'apiKey'],
  'Query.partnerOrg': PEOPLE,
  'Query.adminUsers': ['platformAdmin'],
  'Query.adminWorkspaces': ['platformAdmin'],
  'Query.adminPartnerOrgs': ['platformAdmin'],
  'Query.devMailbox': ['platformAdmin'],
  'Query.devMailboxMessage': ['platformAdmin'],
  'Mutation.accountSignup': EVERYONE,
  'Mutation.sessionLogin': EVERYONE,
  'Mutation.emailVerify': EVERYONE,
  'Mutation.passwordResetRequest': EVERYONE,
  'Mutation.passwordReset': EVERYONE,
  'Mutation.sessionLogout': PEOPLE,
  'Mutation.sessionRevoke': PEOPLE,
  'Mutation.emailVerificationSend': PEOPLE,
  'Mutation.workspaceCreate': PEOPLE,
  'Mutation.workspaceMemberRoleChange': PEOPLE,
  'Mutation.workspaceMemberRemove': PEOPLE,
  'Mutation.partnerOrgCreate': PEOPLE,
  'Mutation.partnerMemberRoleChange': PEOPLE,
  'Mutation.partnerMemberRemove': PEOPLE,
  'Mutation.invitationCreate': PEOPLE,
  'Mutation.invitationAccept': PEOPLE,
  'Mutation.invitationRevoke': PEOPLE,
  'Mutation.apiKeyCreate': PEOPLE,
  'Mutation.apiKeyRevoke': PEOPLE,
  'Subscription.sessionRevoked': PEOPLE,
  // Money. Row rules (whose wallet, whose earnings) are the services'; these are the schema's rules.
  'Query.creditPackages': EVERYONE,
  'Query.creditTransactions': [...PEOPLE, 'apiKey'],
  'Query.creditTransactionsCsv': [...PEOPLE, 'apiKey'],
  'Query.creditPurchases': PEOPLE,
  'Query.creditPurchase': PEOPLE,
  'Query.sandboxCheckoutSession': PEOPLE,
  'Query.partnerEarnings': PEOPLE,
  'Query.partnerPayouts': PEOPLE,
  'Query.partnerStatement': PEOPLE,
  'Query.financeSummary': ['platformAdmin'],
  'Query.adminCreditPackages': ['platformAdmin'],
  'Query.adminCreditPurchases': ['platformAdmin'],
  'Query.payoutRuns': ['platformAdmin'],
  'Query.payoutRun': ['platformAdmin'],
  'Query.payoutRunPayouts': ['platformAdmin'],
  'Query.ledgerEntries': ['platformAdmin'],
  'Mutation.creditPurchaseStart': PEOPLE,
  'Mutation.creditAutoReloadUpdate': PEOPLE,
  'Mutation.sandboxCheckoutComplete': PEOPLE,
  'Mutation.payoutAccountOnboard': PEOPLE,
  'Mutation.payoutAccountRefresh': PEOPLE,
  'Mutation.payoutRequest': PEOPLE,
  'Mutation.sandboxConnectComplete': PEOPLE,
  'Mutation.creditPackageSave': ['platformAdmin'],
  'Mutation.creditAdjust': ['platformAdmin'],
  'Mutation.creditPurchaseRefund': ['platformAdmin'],
  'Mutation.payoutRunStart': ['platformAdmin'],
  'Subscription.creditBalanceChanged': [...PEOPLE, 'apiKey'],
  // Supply. Which uploads and leads a person sees is the services' rule (partner org members, admins).
  'Query.industries': PEOPLE,
  'Query.leadUpload': PEOPLE,
  'Query.leadUploads': PEOPLE,
  'Query.leadUploadPreview': PEOPLE,
  'Query.inventoryLeads': PEOPLE,
  'Query.leadDuplicateFlags': ['platformAdmin'],
  'Mutation.leadImportStart': PEOPLE,
  'Mutation.leadImportCancel': PEOPLE,
  'Mutation.leadImportRetry': PEOPLE,
  'Mutation.leadUploadReview': ['platformAdmin'],
  'Mutation.leadDuplicateResolve': ['platformAdmin'],
  'Mutation.partnerUploadsSuspend': ['platformAdmin'],
  'Subscription.leadUploadProgress': PEOPLE,
  // Marketplace: the cart and purchases of a workspace member (the service checks the membership).
  'Query.cart': PEOPLE,
  'Query.leadSearch': [...PEOPLE, 'apiKey'],
  'Query.leadPurchases': PEOPLE,
  'Mutation.cartAdd': PEOPLE,
  'Mutation.cartRemove': PEOPLE,
  'Mutation.leadsPurchase': PEOPLE,
  'Query.leadSegments': PEOPLE,
  'Mutation.leadSegmentCreate': PEOPLE,
  'Mutation.leadSegmentUpdate': PEOPLE,
  'Mutation.leadSegmentDelete': PEOPLE,
  'Mutation.leadSegmentRun': PEOPLE,
  'Mutation.leadSegmentPull': PEOPLE,
  'Mutation.workspaceMemberCreditLimitSet': PEOPLE,
  'Subscription.purchaseCompleted': PEOPLE,
  'Query.leadPurchase': [...PEOPLE, 'apiKey'],
  'Mutation.leadsPurchaseCancel': PEOPLE,
  'Mutation.leadPurchaseExportRefresh': PEOPLE,
  // Bad-lead reports: buyers report, admins decide.
  'Query.leadReports': PEOPLE,
  'Mutation.leadReportCreate': PEOPLE,
  'Query.adminLeadReports': ['platformAdmin'],
  'Mutation.leadReportResolve': ['platformAdmin'],
  'Query.adminLeadPurchases': ['platformAdmin'],
  'Query.adminLeadPurchase': ['platformAdmin'],
  // Suppression: anyone may opt out (the public page); admins act on a person's behalf.
  'Mutation.optOut': EVERYONE,
  'Mutation.suppressionAdd': ['platformAdmin'],
  'Query.suppressionStats': ['platformAdmin'],
  // Webhook endpoints: workspace owners and admins, or the workspace's API key (the service checks).
  'Query.webhookEndpoints': [...PEOPLE, 'apiKey'],
  'Mutation.webhookEndpointCreate': [...PEOPLE, 'apiKey'],
  'Mutation.webhookEndpointDelete': [...PEOPLE, 'apiKey'],
  // Requests and routing: the public form; end users' own requests; provider members (the service
  // checks the workspace and role); admins decide disputes and retry routing.
  'Query.niches': EVERYONE,
  'Query.niche': EVERYONE,
  'Query.requestConsent': EVERYONE,
  'Mutation.serviceRequestSubmit': EVERYONE,
  'Mutation.serviceRequestConfirm': EVERYONE,
  'Query.myServiceRequests': PEOPLE,
  'Query.myServiceRequest': PEOPLE,
  'Mutation.setInitialPassword': PEOPLE,
  'Mutation.serviceRequestClose': PEOPLE,
  'Mutation.endUserAccountDelete': PEOPLE,
  'Query.providerProfile': PEOPLE,
  'Mutation.providerProfileUpdate': PEOPLE,
  'Mutation.assignmentDecline': PEOPLE,
  'Mutation.assignmentOutcomeReport': PEOPLE,
  'Mutation.assignmentDispute': PEOPLE,
  'Query.adminServiceRequests': ['platformAdmin'],
  'Query.adminDisputes': ['platformAdmin'],
  'Mutation.assignmentDisputeResolve': ['platformAdmin'],
  'Mutation.serviceRequestRetryRouting': ['platformAdmin'],
  // Conversations: the two parties of a thread (the service checks membership / ownership).
  'Query.providerInbox': PEOPLE,
  'Query.providerAssignment': PEOPLE,
  'Query.providerTeamStats': PEOPLE,
  'Query.myThread': PEOPLE,
  'Mutation.threadMessageSend': PEOPLE,
  'Mutation.threadClose': PEOPLE,
  'Subscription.providerInboxEvents': PEOPLE,
  'Subscription.myRequestEvents': PEOPLE,
  // Conversation oversight: platform admins only.
  'Query.adminThreads': ['platformAdmin'],
  'Query.adminThread': ['platformAdmin'],
  'Query.relayEvents': ['platformAdmin'],
  'Query.relaySettings': ['platformAdmin'],
  'Mutation.adminMessageBodyRead': ['platformAdmin'],
  'Mutation.adminThreadSuspend': ['platformAdmin'],
  'Mutation.adminThreadResume': ['platformAdmin'],
  'Mutation.adminProviderSuspend': ['platformAdmin'],
  'Mutation.adminUserSuspend': ['platformAdmin'],
  'Mutation.relaySettingsUpdate': ['platformAdmin'],
  'Mutation.adminEndUserForget': ['platformAdmin'],
  'Mutation.devMailboxReply': ['platformAdmin'],
};

/** A syntactically valid literal for an argument, pointing at nothing in particular. */
function literal(type: GraphQLInputType): string {
  if (isNonNullType(type)) return literal(type.ofType);
  if (isListType(type)) return `[${literal(type.ofType)}]`;
  if (isEnumType(type)) return type.getValues()[0]!.name;
  if (isInputObjectType(type)) {
    const fields = Object.values(type.getFields()).filter((f) => isNonNullType(f.type));
    return `{ ${fields.map((f) => `${f.name}: ${literal(f.type)}`).join(', ')} }`;
  }
  if (isScalarType(type)) {
    switch (type.name) {
      case 'ID':
        return JSON.stringify(toGlobalId('Workspace', randomUUID()));
      case 'Int':
        return '1';
      case 'Boolean':
        return 'false';
      case 'DateTime':
        return '"2026-01-01T00:00:00Z"';
      case 'Decimal':
        return '"1"';
      default:
        return '"x"';
    }
  }
  throw new Error(`no literal for ${String(type)}`);
}

function operationFor(kind: 'query' | 'mutation' | 'subscription', field: GraphQLField<unknown, unknown>): string {
  const args = field.args.filter((a: GraphQLArgument) => isNonNullType(a.type));
  const argText = args.length ? `(${args.map((a) => `${a.name}: ${literal(a.type)}`).join(', ')})` : '';
  const named = getNamedType(field.type);
  const selection = isObjectType(named) || isAbstractType(named) ? ' { __typename }' : '';
  return `${kind} { ${field.name}${argText}${selection} }`;
}

let app: TestApp;
const principals = {} as Record<Kind, Principal>;

beforeAll(async () => {
  app = await startTestApp();
  const person = async (kind: Kind, options: Parameters<typeof buildSignedIn>[1] = {}) => {
    const signedIn = await buildSignedIn(app, options);
    principals[kind] = signedIn.principal;
    return signedIn;
  };
  principals.anonymous = { kind: 'anonymous' };
  await person('user');
  const buyerOwner = await person('buyerOwner');
  const buyerMember = await person('buyerMember');
  const buyer = await buildWorkspace(app, {
    members: [
      { userId: buyerOwner.user.id, role: 'OWNER' },
      { userId: buyerMember.user.id, role: 'MEMBER' },
    ],
  });
  const partnerOwner = await person('partnerOwner');
  await buildPartnerOrg(app, { members: [{ userId: partnerOwner.user.id, role: 'OWNER' }] });
  const manager = await person('providerManager');
  const sales = await person('providerSales');
  await buildWorkspace(app, {
    kind: 'PROVIDER',
    members: [
      { userId: manager.user.id, role: 'OWNER' },
      { userId: sales.user.id, role: 'MEMBER' },
    ],
  });
  await person('endUser', { endUser: true });
  await person('platformAdmin', { platformRole: 'ADMIN' });
  const key = await buildApiKey(app, buyer.id, buyerOwner.principal as Principal & { kind: 'user' });
  principals.apiKey = await app.api.services.sessions.resolve(key.secret);
  expect(principals.apiKey.kind).toBe('apiKey');
});
afterAll(() => app?.stop());

function rootFields() {
  const schema = app.api.schema;
  return (
    [
      ['query', schema.getQueryType()],
      ['mutation', schema.getMutationType()],
      ['subscription', schema.getSubscriptionType()],
    ] as const
  ).flatMap(([kind, type]) =>
    type ? Object.values(type.getFields()).map((field) => ({ kind, key: `${type.name}.${field.name}`, field })) : [],
  );
}

describe('role × operation matrix', () => {
  it('declares every operation in the schema, and nothing that is not', () => {
    expect(
      rootFields()
        .map((f) => f.key)
        .sort(),
    ).toEqual(Object.keys(DECLARED).sort());
  });

  it('allows and denies every operation for every kind of principal exactly as declared', async () => {
    const mismatches: string[] = [];
    for (const { kind, key, field } of rootFields()) {
      const allowed = DECLARED[key] ?? [];
      const source = operationFor(kind, field);
      for (const who of EVERYONE) {
        const principal = principals[who];
        let codes: unknown[];
        if (kind === 'subscription') {
          const denied = subscriptionAccessError(app.api.schema, parse(source), principal);
          const result = denied
            ? { errors: [denied] }
            : await subscribe({
                schema: app.api.schema,
                document: parse(source),
                contextValue: createContext(app.api.platform, app.api.services, principal),
              });
          if (Symbol.asyncIterator in result) await result.return?.();
          codes = 'errors' in result ? (result.errors ?? []).map((e) => e.extensions?.['code']) : [];
        } else {
          const result = await app.execAs(principal, source);
          codes = (result.errors ?? []).map((e) => e.extensions?.['code']);
        }
        const denied = codes.some((c) => c === 'UNAUTHENTICATED' || c === 'FORBIDDEN');
        const expectDenied = !allowed.includes(who);
        if (denied !== expectDenied)
          mismatches.push(`${key} as ${who}: ${denied ? 'denied' : 'allowed'} (${codes.join(',') || 'no error'})`);
        if (expectDenied && who === 'anonymous' && !codes.includes('UNAUTHENTICATED'))
          mismatches.push(`${key} as anonymous: expected UNAUTHENTICATED, got ${codes.join(',')}`);
      }
    }
    expect(mismatches).toEqual([]);
  });

  it('denies an operation that has no rule, at schema build and at run time', async () => {
    const { assertEveryOperationHasAccess, enforceAccess } = await import('../src/platform/graphql/access.js');
    const { GraphQLObjectType, GraphQLSchema, GraphQLString } = await import('graphql');
    const unruled = new GraphQLSchema({ query: new GraphQLObjectType({ name: 'Query', fields: { secret: { type: GraphQLString } } }) });
    expect(() => assertEveryOperationHasAccess(unruled)).toThrow(/Query\.secret/);
    const queryType = unruled.getQueryType()!;
    const context = createContext(app.api.platform, app.api.services, principals.platformAdmin);
    const run = async () =>
      enforceAccess(
        { context, info: { parentType: queryType, fieldName: 'secret' } as never, args: {}, root: undefined },
        async () => 'leaked',
      );
    await expect(run()).rejects.toMatchObject({ extensions: { code: 'FORBIDDEN' } });
  });
});
