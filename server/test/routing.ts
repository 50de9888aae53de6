// Builders for routing and relay tests: niches, provider workspaces with a routing profile and
// credits, and a request already routed to a provider with its relay thread. They write rows
// directly (like factories.ts) so relay and conversation tests do not depend on the routing code.
import { randomBytes } from 'node:crypto';
import { newRelayToken } from '../src/modules/relay/relay.addresses.js';
import type { TestApp } from './app.js';
import { buildSignedIn, buildUser, buildWorkspace } from './factories.js';

function unique(prefix: string): string {
  return `${prefix}-${randomBytes(4).toString('hex')}`;
}

export async function buildNiche(app: TestApp, options: { name?: string; defaultPrice?: string; sicCodes?: string[] } = {}) {
  const name = options.name ?? unique('Niche');
  return app.prisma.niche.create({
    data: {
      slug: name.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
      name,
      sicCodes: options.sicCodes ?? [],
      defaultPrice: options.defaultPrice ?? '25',
    },
    select: { id: true, slug: true, name: true },
  });
}

/**
 * A provider workspace: a manager (OWNER) and a sales user (MEMBER), both signed in, a routing profile
 * for `nicheIds` in the US, and `credits` granted through the ledger.
 */
export async function buildProvider(
  app: TestApp,
  options: { nicheIds?: string[]; credits?: string; countries?: string[]; price?: string; name?: string } = {},
) {
  const manager = await buildSignedIn(app);
  const sales = await buildSignedIn(app);
  const workspace = await buildWorkspace(app, {
    kind: 'PROVIDER',
    name: options.name ?? unique('Provider'),
    members: [
      { userId: manager.user.id, role: 'OWNER' },
      { userId: sales.user.id, role: 'MEMBER' },
    ],
  });
  const nicheIds = options.nicheIds ?? [];
  await app.prisma.providerProfile.create({
    data: { workspaceId: workspace.id, nicheIds, countries: options.countries ?? ['US'] },
  });
  if (options.price) {
    await app.prisma.providerNichePrice.createMany({
      data: nicheIds.map((nicheId) => ({ workspaceId: workspace.id, nicheId, price: options.price! })),
    });
  }
  const credits = options.credits ?? '0';
  if (credits !== '0') {
    await app.api.services.credits.grantBonus({
      workspaceId: workspace.id,
      credits,
      idempotencyKey: `test:grant:${workspace.id}`,
      description: 'test credits',
    });
  }
  return { workspace, manager, sales };
}

/**
 * A confirmed, masked request by a new end user (with an account and a session), routed to the
 * provider: an ACTIVE assignment and an OPEN relay thread. No credits move (routing tests do that).
 */
export async function buildRoutedRequest(
  app: TestApp,
  provider: { workspace: { id: string } },
  options: { nicheId?: string; price?: string; deliveredAt?: Date; endUserEmail?: string } = {},
) {
  const nicheId = options.nicheId ?? (await buildNiche(app)).id;
  const endUser = await buildSignedIn(app, { endUser: true, email: options.endUserEmail ?? `${unique('consumer')}@example.test` });
  const request = await app.prisma.serviceRequest.create({
    data: {
      nicheId,
      userId: endUser.user.id,
      name: 'Casey Consumer',
      email: endUser.user.email,
      phone: '+14155550100',
      country: 'US',
      region: 'CA',
      city: 'San Francisco',
      postalCode: '94110',
      details: 'The kitchen sink leaks under the cabinet.',
      hideEmail: true,
      consentAt: new Date(),
      consentWording: 'Hide my email from service providers and communicate securely through the platform',
      consentVersion: 'test',
      status: 'ROUTED',
      confirmedAt: new Date(),
    },
    select: { id: true },
  });
  const deliveredAt = options.deliveredAt ?? new Date();
  const assignment = await app.prisma.requestAssignment.create({
    data: {
      requestId: request.id,
      workspaceId: provider.workspace.id,
      nicheId,
      rank: 1,
      score: '1',
      price: options.price ?? '25',
      deliveredAt,
    },
    select: { id: true },
  });
  const thread = await app.prisma.relayThread.create({
    data: {
      assignmentId: assignment.id,
      requestId: request.id,
      workspaceId: provider.workspace.id,
      userId: endUser.user.id,
      nicheId,
      userToken: newRelayToken(),
      providerToken: newRelayToken(),
      createdAt: deliveredAt,
    },
    select: { id: true, userToken: true, providerToken: true },
  });
  return { request, assignment, thread, endUser, nicheId };
}

export { buildUser };

/**
 * A confirmed request waiting for routing (status ROUTING, no assignment yet), as the confirmation
 * leaves it; `endUser: true` gives it an end-user account with a session. Route it with
 * `app.api.services.routing.route(request.id, 'CONFIRMED')`.
 */
export async function buildConfirmedRequest(
  app: TestApp,
  nicheId: string,
  options: {
    country?: string;
    region?: string | null;
    postalCode?: string | null;
    hideEmail?: boolean;
    endUser?: boolean;
    confirmedAt?: Date;
    email?: string;
  } = {},
) {
  const endUser = options.endUser ? await buildSignedIn(app, { endUser: true, email: options.email }) : null;
  const confirmedAt = options.confirmedAt ?? new Date();
  const request = await app.prisma.serviceRequest.create({
    data: {
      nicheId,
      userId: endUser?.user.id ?? null,
      name: 'Robin Requester',
      email: endUser?.user.email ?? options.email ?? `${unique('requester')}@example.test`,
      phone: '+14155550142',
      country: options.country ?? 'US',
      region: options.region === undefined ? 'CA' : options.region,
      city: 'San Francisco',
      postalCode: options.postalCode === undefined ? '94110' : options.postalCode,
      details: 'Need help with a leaking pipe in the basement.',
      hideEmail: options.hideEmail ?? true,
      consentAt: confirmedAt,
      consentWording: 'Hide my email from service providers and communicate securely through the platform',
      consentVersion: 'test',
      status: 'ROUTING',
      confirmedAt,
    },
    select: { id: true },
  });
  return { request, endUser };
}
