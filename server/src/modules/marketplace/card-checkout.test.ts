// Paying for leads with credits and a card (the sandbox provider, through the real signed webhook):
// the wallet's credits are held while the card pays the rest, the purchase completes once when the
// payment is confirmed however often the event arrives, and a declined card, a cancelled payment or
// leads gone meanwhile give every held credit back. The ledger is checked after every test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { buildBuyer, buildLead } from '../../../test/factories.js';
import { expectLedgerSound, postWebhook, signedEvent } from '../../../test/money.js';
import { SANDBOX_WEBHOOK_SECRET } from '../money/payments/sandbox.gateway.js';
import type { SandboxGateway } from '../money/payments/sandbox.gateway.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());
afterEach(() => expectLedgerSound(app));

const buyer = (credits: string, role: 'OWNER' | 'MEMBER' = 'OWNER') => buildBuyer(app, { credits, role });

async function leads(n: number, listPrice = '1.0000') {
  const made = [];
  for (let i = 0; i < n; i++) made.push((await buildLead(app, { listPrice })).id);
  return made;
}

const ADD = `mutation($input: CartAddInput!) { cartAdd(input: $input) { cart { leadCount credits } userErrors { code } } }`;
const BUY = `mutation($input: LeadsPurchaseInput!) { leadsPurchase(input: $input) {
  checkoutUrl purchase { id status leadCount credits reservedCredits failureReason } userErrors { code message } } }`;
const COMPLETE = `mutation($input: SandboxCheckoutCompleteInput!) { sandboxCheckoutComplete(input: $input) { url userErrors { code message } } }`;
const PURCHASE = `query($id: ID!) { leadPurchase(id: $id) { status leadCount credits reservedCredits failureReason exportStatus } }`;

type Bought = {
  leadsPurchase: {
    checkoutUrl: string | null;
    purchase: { id: string; status: string; credits: string; reservedCredits: string } | null;
    userErrors: { code: string; message: string }[];
  };
};

async function checkout(b: Awaited<ReturnType<typeof buyer>>, leadIds: string[], key: string, payShortfallByCard = true) {
  await app.http(
    ADD,
    { input: { workspaceId: b.gid, leadIds: leadIds.map((id) => toGlobalId('MarketplaceLead', id)) } },
    { token: b.token },
  );
  const result = await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: key, payShortfallByCard } }, { token: b.token });
  expect(result.body.errors).toBeUndefined();
  return (result.body.data as Bought).leadsPurchase;
}

const balance = (workspaceId: string) => app.api.services.credits.balance(workspaceId);
const sessionOf = (url: string) => url.split('/').pop()!;
const purchaseState = async (token: string, id: string) =>
  (
    (await app.http(PURCHASE, { id }, { token })).body.data as {
      leadPurchase: { status: string; reservedCredits: string; failureReason: string | null };
    }
  ).leadPurchase;

describe('credits and card together', () => {
  it('holds the credits, sends the buyer to the card page for the rest, and completes once when paid', async () => {
    // 3 leads at $1.00 = 30 credits; the wallet has 12.5, so the card buys 18 (17.5 rounded up).
    const b = await buyer('12.5000');
    const ids = await leads(3);
    const started = await checkout(b, ids, 'card-checkout-0001');
    expect(started.userErrors).toEqual([]);
    expect(started.purchase).toMatchObject({ status: 'AWAITING_PAYMENT', credits: '30.0000', reservedCredits: '12.5000' });
    expect(started.checkoutUrl).toMatch(/\/buyer\/sandbox\/checkout\/cs_sbx_/);
    expect(await balance(b.workspace.id)).toBe('0.0000');
    // Not bought yet: nothing is revealed, nothing sold.
    expect((await app.prisma.lead.findUniqueOrThrow({ where: { id: ids[0]! } })).soldCount).toBe(0);

    // The same key again returns the same purchase and the same payment page.
    const repeat = await checkout(b, [], 'card-checkout-0001');
    expect(repeat.purchase!.id).toBe(started.purchase!.id);
    expect(repeat.checkoutUrl).toBe(started.checkoutUrl);

    const sandbox = app.api.services.gateway as SandboxGateway;
    const page = await sandbox.checkoutSession(sessionOf(started.checkoutUrl!));
    expect(page).toMatchObject({ amountCents: 180, productName: '18 credits for 3 leads' });

    const paid = await app.http(
      COMPLETE,
      { input: { sessionId: sessionOf(started.checkoutUrl!), outcome: 'SUCCEED' } },
      { token: b.token },
    );
    expect((paid.body.data as { sandboxCheckoutComplete: { url: string } }).sandboxCheckoutComplete.url).toContain(
      '/buyer/checkout/result?purchase=',
    );
    const done = await purchaseState(b.token, started.purchase!.id);
    expect(done).toMatchObject({ status: 'COMPLETED', reservedCredits: '0.0000' });
    // 12.5 held + 18 bought − 30 spent = 0.5 left in the wallet.
    expect(await balance(b.workspace.id)).toBe('0.5000');
    expect((await app.prisma.lead.findUniqueOrThrow({ where: { id: ids[0]! } })).soldCount).toBe(1);
    // The purchase is one spend entry: the held credits and the card's, together.
    const spends = await app.api.platform.database.pool.query(
      `SELECT kind FROM journal_entries WHERE details->>'purchaseId' = $1 ORDER BY created_at`,
      [fromGlobalId(started.purchase!.id, 'LeadPurchase')],
    );
    expect(spends.rows.map((r) => r.kind)).toEqual(['CREDIT_RESERVE', 'CREDIT_SPEND']);

    // The session "completes" again: a second signed checkout.session.completed (another event id)
    // reconciles to the same state, and a reconcile by hand changes nothing either.
    const creditPurchase = await app.prisma.leadPurchase.findFirstOrThrow({ where: { idempotencyKey: 'card-checkout-0001' } });
    const again = await postWebhook(
      app,
      signedEvent(SANDBOX_WEBHOOK_SECRET, {
        id: 'evt_sbx_completed_again',
        type: 'checkout.session.completed',
        object: { id: sessionOf(started.checkoutUrl!), object: 'checkout.session' },
      }),
    );
    expect(again).toMatchObject({ status: 200, body: { outcome: 'processed: unchanged' } });
    await app.api.services.credits.reconcileNow({ purchaseId: creditPurchase.creditPurchaseId! });
    expect(await balance(b.workspace.id)).toBe('0.5000');
    expect(await app.prisma.leadPurchaseItem.count({ where: { purchaseId: creditPurchase.id } })).toBe(3);
    await eventually(
      async () => ((await purchaseState(b.token, started.purchase!.id)) as { exportStatus?: string }).exportStatus === 'READY' || null,
    );
  });

  it('a declined card gives the held credits back and frees the leads', async () => {
    const b = await buyer('5.0000');
    const ids = await leads(2);
    const started = await checkout(b, ids, 'card-checkout-0002');
    expect(await balance(b.workspace.id)).toBe('0.0000');
    await app.http(COMPLETE, { input: { sessionId: sessionOf(started.checkoutUrl!), outcome: 'DECLINE' } }, { token: b.token });
    const failed = await purchaseState(b.token, started.purchase!.id);
    expect(failed.status).toBe('FAILED');
    expect(failed.failureReason).toBeTruthy();
    expect(await balance(b.workspace.id)).toBe('5.0000');
    expect(await app.prisma.leadPurchaseItem.count({ where: { purchaseId: fromGlobalId(started.purchase!.id, 'LeadPurchase') } })).toBe(0);
    // The leads stay in the cart and can be bought again.
    const again = await checkout(b, [], 'card-checkout-0003');
    expect(again.purchase).toMatchObject({ status: 'AWAITING_PAYMENT', reservedCredits: '5.0000' });
    await app.http(
      `mutation($id: ID!) { leadsPurchaseCancel(purchaseId: $id) { purchase { status } userErrors { code } } }`,
      { id: again.purchase!.id },
      { token: b.token },
    );
  });

  it('the buyer cancels on the payment page: credits back at once; a late payment completes nothing twice', async () => {
    const b = await buyer('4.0000');
    const ids = await leads(1);
    const started = await checkout(b, ids, 'card-checkout-0004');
    const cancel = await app.http(
      `mutation($id: ID!) { leadsPurchaseCancel(purchaseId: $id) { purchase { status failureReason } userErrors { code } } }`,
      { id: started.purchase!.id },
      { token: b.token },
    );
    expect(cancel.body.data).toMatchObject({ leadsPurchaseCancel: { purchase: { status: 'FAILED' }, userErrors: [] } });
    expect(await balance(b.workspace.id)).toBe('4.0000');
    // The card is paid after all (another tab): its credits land in the wallet, the purchase stays failed.
    await app.http(COMPLETE, { input: { sessionId: sessionOf(started.checkoutUrl!), outcome: 'SUCCEED' } }, { token: b.token });
    expect((await purchaseState(b.token, started.purchase!.id)).status).toBe('FAILED');
    expect(await balance(b.workspace.id)).toBe('10.0000');
    // Cancelling twice is refused in words.
    const twice = await app.http(
      `mutation($id: ID!) { leadsPurchaseCancel(purchaseId: $id) { userErrors { code message } } }`,
      { id: started.purchase!.id },
      { token: b.token },
    );
    expect(twice.body.data).toMatchObject({ leadsPurchaseCancel: { userErrors: [{ code: 'NOT_ALLOWED' }] } });
  });

  it('leads sold exclusively to someone else while the card pays are dropped and not charged', async () => {
    const b = await buyer('10.0000');
    const rival = await buyer('100.0000');
    const ids = await leads(2);
    const started = await checkout(b, ids, 'card-checkout-0005');
    expect(started.purchase).toMatchObject({ credits: '20.0000', reservedCredits: '10.0000' });
    // The rival buys one of them exclusively (×5) meanwhile.
    await app.http(
      ADD,
      { input: { workspaceId: rival.gid, leadIds: [toGlobalId('MarketplaceLead', ids[0]!)], exclusive: true } },
      { token: rival.token },
    );
    const rivalBuy = await app.http(
      BUY,
      { input: { workspaceId: rival.gid, idempotencyKey: 'card-checkout-rival' } },
      { token: rival.token },
    );
    expect((rivalBuy.body.data as Bought).leadsPurchase.userErrors).toEqual([]);
    await app.http(COMPLETE, { input: { sessionId: sessionOf(started.checkoutUrl!), outcome: 'SUCCEED' } }, { token: b.token });
    const done = await app.prisma.leadPurchase.findFirstOrThrow({ where: { idempotencyKey: 'card-checkout-0005' } });
    expect(done.status).toBe('COMPLETED');
    expect(done.leadCount).toBe(1);
    expect(done.credits.toString()).toBe('10');
    // 10 held + 10 bought by card − 10 spent = 10 left.
    expect(await balance(b.workspace.id)).toBe('10.0000');
  });

  it('refuses card payment to members (it buys credits) and a shortfall without the card', async () => {
    const member = await buyer('1.0000', 'MEMBER');
    const ids = await leads(1);
    const byCard = await checkout(member, ids, 'card-checkout-0006');
    expect(byCard.userErrors[0]!.code).toBe('NOT_ALLOWED');
    const withoutCard = await checkout(member, [], 'card-checkout-0007', false);
    expect(withoutCard.userErrors[0]!.code).toBe('INSUFFICIENT_CREDITS');
    expect(await balance(member.workspace.id)).toBe('1.0000');
  });
});
