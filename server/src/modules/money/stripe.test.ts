// The Stripe path: Checkout, signed webhooks delivered repeatedly and out of order, refunds and
// disputes, Connect Express onboarding, transfers with idempotency keys, a failing transfer, and a
// payout run killed between the transfer and the bookkeeping. Stripe's HTTP API is played by msw
// (test/stripe-fake.ts); everything of ours is real. The ledger is checked after every test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { buildLead, buildPartnerOrg, buildSignedIn, buildWorkspace } from '../../../test/factories.js';
import { expectLedgerSound, postWebhook, signedEvent } from '../../../test/money.js';
import { StripeFake } from '../../../test/stripe-fake.js';

const WEBHOOK_SECRET = 'whsec_test_hotlead_stripe';
const stripe = new StripeFake();
let app: TestApp;

beforeAll(async () => {
  stripe.listen();
  app = await startTestApp({ STRIPE_SECRET_KEY: 'sk_test_hotlead', STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
});
afterAll(async () => {
  await app.stop();
  stripe.close();
});
afterEach(() => expectLedgerSound(app));

let eventSeq = 0;
const deliver = (type: string, object: Record<string, unknown> & { id: string }, eventId = `evt_test_${(eventSeq += 1)}`) => ({
  eventId,
  delivery: signedEvent(WEBHOOK_SECRET, { id: eventId, type, object }),
});

function shuffle<T>(items: T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i -= 1) {
    const j = Math.floor(Math.random() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

async function buyerWithCheckout(credits = 1000) {
  const owner = await buildSignedIn(app);
  const workspace = await buildWorkspace(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
  const pkg = await app.prisma.creditPackage.findFirstOrThrow({ where: { credits } });
  const started = await app.http(
    `mutation($input: CreditPurchaseStartInput!) { creditPurchaseStart(input: $input) { checkoutUrl purchase { id } userErrors { code } } }`,
    { input: { workspaceId: toGlobalId('Workspace', workspace.id), packageId: toGlobalId('CreditPackage', pkg.id) } },
    { token: owner.token },
  );
  const result = (started.body.data as { creditPurchaseStart: { checkoutUrl: string; purchase: { id: string } } }).creditPurchaseStart;
  const sessionId = result.checkoutUrl.split('/').pop()!;
  return { owner, workspace, sessionId, purchaseId: result.purchase.id };
}

const balance = (workspaceId: string) => app.api.services.credits.balance(workspaceId);

describe('credit purchases through Stripe Checkout', () => {
  it('creates the Checkout Session Stripe expects', async () => {
    const { sessionId, workspace } = await buyerWithCheckout(5000);
    const request = stripe.requests.find(
      (r) =>
        r.path === '/v1/checkout/sessions' &&
        stripe.sessions.get(sessionId)?.['metadata'] &&
        r.body['metadata'] &&
        (r.body['metadata'] as Record<string, string>)['workspaceId'] === workspace.id,
    )!;
    expect(request.body).toMatchObject({
      mode: 'payment',
      line_items: {
        '0': { quantity: '1', price_data: { currency: 'usd', unit_amount: '30000', product_data: { name: '5,000 Hotlead credits' } } },
      },
      payment_intent_data: { setup_future_usage: 'off_session' },
    });
    expect(request.idempotencyKey).toMatch(/^checkout:/);
  });

  it('the same events, 3 times each in shuffled order, credit exactly once', async () => {
    const b = await buyerWithCheckout();
    const { session, intent } = stripe.payCheckout(b.sessionId);
    const completed = deliver('checkout.session.completed', session);
    const succeeded = deliver('payment_intent.succeeded', intent);
    const deliveries = shuffle([completed, completed, completed, succeeded, succeeded, succeeded]);
    const responses = await Promise.all(deliveries.map((d) => postWebhook(app, d.delivery)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(await balance(b.workspace.id)).toBe('1000.0000');
    expect(await app.prisma.paymentEvent.count({ where: { id: { in: [completed.eventId, succeeded.eventId] } } })).toBe(2);
    expect(await app.prisma.creditPurchase.findFirstOrThrow({ where: { checkoutSessionId: b.sessionId } })).toMatchObject({
      status: 'PAID',
      paymentIntentId: intent.id,
    });
    expect(await app.prisma.billingProfile.findUniqueOrThrow({ where: { workspaceId: b.workspace.id } })).toMatchObject({
      cardBrand: 'visa',
      cardLast4: '4242',
    });
  });

  it('a refund that arrives before the completion credits nothing', async () => {
    const b = await buyerWithCheckout();
    const { session, intent } = stripe.payCheckout(b.sessionId);
    const charge = stripe.refund(intent.id);
    expect((await postWebhook(app, deliver('charge.refunded', charge).delivery)).status).toBe(200);
    expect((await postWebhook(app, deliver('checkout.session.completed', session).delivery)).status).toBe(200);
    expect(await balance(b.workspace.id)).toBe('0.0000');
    expect(await app.prisma.creditPurchase.findFirstOrThrow({ where: { checkoutSessionId: b.sessionId } })).toMatchObject({
      status: 'REFUNDED',
    });
  });

  it('a dispute after crediting takes the credits back and the revenue out, once', async () => {
    const b = await buyerWithCheckout();
    const { session, intent } = stripe.payCheckout(b.sessionId);
    await postWebhook(app, deliver('checkout.session.completed', session).delivery);
    expect(await balance(b.workspace.id)).toBe('1000.0000');
    const dispute = stripe.dispute(intent.id);
    const created = deliver('charge.dispute.created', dispute);
    await postWebhook(app, created.delivery);
    await postWebhook(app, created.delivery);
    await postWebhook(app, deliver('checkout.session.completed', session).delivery);
    expect(await balance(b.workspace.id)).toBe('0.0000');
    expect(await app.prisma.creditPurchase.findFirstOrThrow({ where: { checkoutSessionId: b.sessionId } })).toMatchObject({
      status: 'DISPUTED',
    });
    const reversals = await app.prisma.journalEntry.count({
      where: {
        idempotencyKey: { startsWith: 'credit-purchase:' },
        kind: 'CREDIT_PURCHASE_REVERSAL',
        details: { path: ['workspaceId'], equals: b.workspace.id },
      },
    });
    expect(reversals).toBe(1);
  });

  it('an auto-reload charge whose intent we never recorded (a crash) is credited from its event', async () => {
    const b = await buyerWithCheckout();
    const { session } = stripe.payCheckout(b.sessionId);
    await postWebhook(app, deliver('checkout.session.completed', session).delivery);
    const profile = await app.prisma.billingProfile.findUniqueOrThrow({ where: { workspaceId: b.workspace.id } });
    const pending = await app.prisma.creditPurchase.create({
      data: {
        workspaceId: b.workspace.id,
        packageName: 'Starter',
        credits: 1000,
        amountCents: 7500,
        kind: 'AUTO_RELOAD',
        provider: 'STRIPE',
      },
    });
    // The charge went through at Stripe; the process died before storing the intent's id.
    const intent = await app.api.services.gateway.chargeOffSession({
      customerId: profile.customerId,
      paymentMethodId: profile.paymentMethodId!,
      amountCents: 7500,
      description: 'Auto-reload',
      metadata: { purchaseId: pending.id, workspaceId: b.workspace.id },
      idempotencyKey: `auto-reload:${pending.id}`,
    });
    const event = deliver('payment_intent.succeeded', stripe.intents.get(intent.id)!);
    expect((await postWebhook(app, event.delivery)).body.outcome).toBe('processed: credited');
    expect(await balance(b.workspace.id)).toBe('2000.0000');
    expect(await app.prisma.creditPurchase.findUniqueOrThrow({ where: { id: pending.id } })).toMatchObject({
      status: 'PAID',
      paymentIntentId: intent.id,
    });
    // An intent that names another purchase in its metadata does not pay this one.
    const other = await app.prisma.creditPurchase.create({
      data: { workspaceId: b.workspace.id, packageName: 'Starter', credits: 1000, amountCents: 7500, kind: 'CHECKOUT', provider: 'STRIPE' },
    });
    const forged = deliver('payment_intent.succeeded', {
      ...stripe.intents.get(intent.id)!,
      id: intent.id,
      metadata: { purchaseId: other.id },
    });
    expect((await postWebhook(app, forged.delivery)).body.outcome).toBe('processed: unchanged');
    expect(await balance(b.workspace.id)).toBe('2000.0000');
  });

  it('a webhook for a deleted workspace is a safe no-op', async () => {
    const b = await buyerWithCheckout();
    await app.prisma.workspace.delete({ where: { id: b.workspace.id } });
    const { session } = stripe.payCheckout(b.sessionId);
    const response = await postWebhook(app, deliver('checkout.session.completed', session).delivery);
    expect(response).toEqual({ status: 200, body: { received: true, outcome: 'ignored: workspace-gone' } });
    expect(await balance(b.workspace.id)).toBe('0.0000');
  });

  it('an event about an object that is not ours is stored and ignored', async () => {
    const response = await postWebhook(
      app,
      deliver('checkout.session.completed', { id: 'cs_test_not_ours', object: 'checkout.session' }).delivery,
    );
    expect(response.body.outcome).toBe('ignored: unknown-purchase');
  });

  it('auto-reload charges the saved card off-session with an idempotency key; a decline turns it off', async () => {
    const b = await buyerWithCheckout();
    const { session } = stripe.payCheckout(b.sessionId);
    await postWebhook(app, deliver('checkout.session.completed', session).delivery);
    const pkg = await app.prisma.creditPackage.findFirstOrThrow({ where: { credits: 1000 } });
    const set = await app.api.services.credits.setAutoReload(b.owner.principal as never, {
      workspaceId: b.workspace.id,
      enabled: true,
      thresholdCredits: 500,
      packageId: pkg.id,
    });
    expect(set.ok).toBe(true);
    // The spend itself queues the reload job (the real queue, in-process); we wait for its effect.
    await app.api.services.credits.spend({
      workspaceId: b.workspace.id,
      credits: '600',
      idempotencyKey: `s1:${b.workspace.id}`,
      description: 'Leads',
    });
    await eventually(async () => ((await balance(b.workspace.id)) === '1400.0000' ? true : null));
    // Running the job again (a redelivery) charges nothing more: the balance is above the threshold now.
    expect(await app.api.services.credits.runAutoReload(b.workspace.id)).toBe('skipped');
    const charges = stripe.requests.filter(
      (r) =>
        r.path === '/v1/payment_intents' &&
        r.method === 'POST' &&
        (r.body['metadata'] as Record<string, string>)['workspaceId'] === b.workspace.id,
    );
    expect(charges).toHaveLength(1);
    expect(charges[0]!.body).toMatchObject({ amount: '7500', currency: 'usd', off_session: 'true', confirm: 'true' });
    expect(charges[0]!.idempotencyKey).toMatch(/^auto-reload:/);

    stripe.declineNextCharge = true;
    await app.api.services.credits.spend({
      workspaceId: b.workspace.id,
      credits: '1000',
      idempotencyKey: `s2:${b.workspace.id}`,
      description: 'Leads',
    });
    await eventually(async () =>
      (await app.prisma.billingProfile.findUniqueOrThrow({ where: { workspaceId: b.workspace.id } })).autoReloadEnabled ? null : true,
    );
    expect(await balance(b.workspace.id)).toBe('400.0000');
    expect(
      await app.prisma.creditPurchase.findMany({
        where: { workspaceId: b.workspace.id, kind: 'AUTO_RELOAD' },
        orderBy: { createdAt: 'asc' },
        select: { status: true, failureReason: true },
      }),
    ).toEqual([
      { status: 'PAID', failureReason: null },
      { status: 'FAILED', failureReason: 'Your card was declined.' },
    ]);
    expect(await app.prisma.billingProfile.findUniqueOrThrow({ where: { workspaceId: b.workspace.id } })).toMatchObject({
      autoReloadEnabled: false,
    });
  });
});

describe('Connect Express payouts', () => {
  async function partnerWithEarnings(salePrice = '200.0000') {
    const owner = await buildSignedIn(app);
    const org = await buildPartnerOrg(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
    const old = new Date(Date.now() - 20 * 86_400_000);
    const lead = await buildLead(app, { partnerOrgId: org.id, uploadedAt: new Date(old.getTime() - 30 * 86_400_000) });
    await app.api.services.earnings.recordLeadSale({ saleRef: `sale:${lead.id}`, leadId: lead.id, salePrice, soldAt: old });
    return { owner, org };
  }

  async function onboard(p: Awaited<ReturnType<typeof partnerWithEarnings>>, enabled = true) {
    const result = await app.http(
      `mutation($id: ID!) { payoutAccountOnboard(partnerOrgId: $id) { url userErrors { code } } }`,
      { id: toGlobalId('PartnerOrg', p.org.id) },
      { token: p.owner.token },
    );
    const url = (result.body.data as { payoutAccountOnboard: { url: string } }).payoutAccountOnboard.url;
    expect(url).toMatch(/^https:\/\/connect\.stripe\.com\/setup\/e\/acct_test_/);
    const accountId = url.split('/')[5]!;
    const account = stripe.setAccount(accountId, enabled);
    expect((await postWebhook(app, deliver('account.updated', account).delivery)).body.outcome).toBe('processed: payout account synced');
    return accountId;
  }

  it('onboards through an Express account link and becomes active on account.updated', async () => {
    const p = await partnerWithEarnings();
    await onboard(p);
    const created = stripe.requests.find(
      (r) => r.path === '/v1/accounts' && (r.body['metadata'] as Record<string, string>)['partnerOrgId'] === p.org.id,
    )!;
    expect(created.body).toMatchObject({ type: 'express', capabilities: { transfers: { requested: 'true' } } });
    expect(await app.prisma.payoutAccount.findUniqueOrThrow({ where: { partnerOrgId: p.org.id } })).toMatchObject({
      status: 'ACTIVE',
      payoutsEnabled: true,
    });
  });

  it('a run killed between the transfer and the bookkeeping pays once when rerun', async () => {
    const p = await partnerWithEarnings();
    await onboard(p);
    const at = new Date('2031-03-03T02:00:00Z');
    // Other partners of this file may be paid in the same run; the crash hits this partner's payout.
    app.api.services.payouts.faults.afterTransfer = async (payoutId) => {
      const payout = await app.prisma.payout.findUniqueOrThrow({ where: { id: payoutId } });
      if (payout.partnerOrgId === p.org.id) throw new Error('killed after the transfer');
    };
    await expect(app.api.services.payouts.runStream('LEAD_SALES', { trigger: 'SCHEDULE', at })).rejects.toThrow(
      'killed after the transfer',
    );
    app.api.services.payouts.faults.afterTransfer = undefined;
    const stuck = await app.prisma.payout.findFirstOrThrow({ where: { partnerOrgId: p.org.id } });
    expect(stuck.status).toBe('RESERVED');
    const transfersBefore = [...stripe.transfers.values()].filter((t) => t['transfer_group'] === `payout:${stuck.id}`);
    expect(transfersBefore).toHaveLength(1);

    await app.api.services.payouts.runStream('LEAD_SALES', { trigger: 'SCHEDULE', at });
    await app.api.services.payouts.runStream('LEAD_SALES', { trigger: 'SCHEDULE', at });
    const paid = await app.prisma.payout.findFirstOrThrow({ where: { partnerOrgId: p.org.id } });
    expect(paid).toMatchObject({ status: 'PAID', transferId: transfersBefore[0]!.id });
    expect([...stripe.transfers.values()].filter((t) => t['transfer_group'] === `payout:${stuck.id}`)).toHaveLength(1);
    expect(transfersBefore[0]).toMatchObject({ amount: 6000, currency: 'usd' });
    const sent = stripe.requests.filter(
      (r) => r.path === '/v1/transfers' && r.method === 'POST' && r.idempotencyKey === `payout:${stuck.id}`,
    );
    expect(sent).toHaveLength(1);
    expect((await app.api.services.earnings.summary(p.org.id)).paid).toBe('60.0000');
  });

  it('a transfer Stripe refuses fails the payout and returns the money to available', async () => {
    const p = await partnerWithEarnings();
    const accountId = await onboard(p);
    stripe.setAccount(accountId, false); // Stripe disabled payouts; we have not heard yet.
    const request = await app.api.services.payouts.request(p.owner.principal as never, p.org.id, 'LEAD_SALES');
    expect(request.ok).toBe(true);
    const payoutId = request.ok ? request.value.id : '';
    expect(await app.api.services.payouts.execute(payoutId)).toBe('FAILED');
    expect(await app.prisma.payout.findUniqueOrThrow({ where: { id: payoutId } })).toMatchObject({
      status: 'FAILED',
      failureReason: expect.stringContaining('capabilities'),
    });
    expect(await app.api.services.earnings.summary(p.org.id)).toMatchObject({ available: '60.0000', inTransit: '0.0000', paid: '0.0000' });
  });
});
