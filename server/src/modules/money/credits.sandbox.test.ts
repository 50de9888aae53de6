// Credits in local mode: the sandbox provider's checkout page, its signed events through the real
// webhook handler, the wallet, history, CSV, auto-reload, admin adjustments and packages.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { errorCodes, eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn, buildWorkspace } from '../../../test/factories.js';
import { expectLedgerSound, postWebhook, signedEvent } from '../../../test/money.js';
import { SANDBOX_WEBHOOK_SECRET } from './payments/sandbox.gateway.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());
afterEach(() => expectLedgerSound(app));

async function buyer(role: 'OWNER' | 'ADMIN' | 'MEMBER' = 'OWNER') {
  const person = await buildSignedIn(app);
  const workspace = await buildWorkspace(app, { members: [{ userId: person.user.id, role }] });
  return { ...person, workspace, workspaceGid: toGlobalId('Workspace', workspace.id) };
}

async function packageId(credits: number): Promise<string> {
  const pkg = await app.prisma.creditPackage.findFirstOrThrow({ where: { credits } });
  return toGlobalId('CreditPackage', pkg.id);
}

const START = `mutation($input: CreditPurchaseStartInput!) {
  creditPurchaseStart(input: $input) { checkoutUrl purchase { id status credits amountCents } userErrors { code message field } }
}`;
const COMPLETE = `mutation($input: SandboxCheckoutCompleteInput!) { sandboxCheckoutComplete(input: $input) { url userErrors { code message } } }`;
const WALLET = `query($id: ID!) { workspace(id: $id) { credits { balance autoReload { enabled thresholdCredits } savedCard { brand last4 } } } }`;

async function balanceOf(token: string, workspaceGid: string): Promise<string> {
  const result = await app.http(WALLET, { id: workspaceGid }, { token });
  return (result.body.data as { workspace: { credits: { balance: string } } }).workspace.credits.balance;
}

async function startPurchase(b: Awaited<ReturnType<typeof buyer>>, credits = 1000) {
  const result = await app.http(START, { input: { workspaceId: b.workspaceGid, packageId: await packageId(credits) } }, { token: b.token });
  return (
    result.body.data as {
      creditPurchaseStart: { checkoutUrl: string | null; purchase: { id: string; status: string } | null; userErrors: { code: string }[] };
    }
  ).creditPurchaseStart;
}

describe('buying credits through the sandbox checkout', () => {
  it('lists the product packages', async () => {
    const result = await app.http('{ creditPackages { name credits priceCents price pricePerCredit } }');
    expect(result.body.data).toEqual({
      creditPackages: [
        { name: 'Starter', credits: 1000, priceCents: 7500, price: '75.0000', pricePerCredit: '0.0750' },
        { name: 'Growth', credits: 5000, priceCents: 30000, price: '300.0000', pricePerCredit: '0.0600' },
        { name: 'Scale', credits: 10000, priceCents: 50000, price: '500.0000', pricePerCredit: '0.0500' },
        { name: 'Enterprise', credits: 25000, priceCents: 100000, price: '1000.0000', pricePerCredit: '0.0400' },
      ],
    });
  });

  it('pays on the sandbox page, credits the wallet once through the signed webhook, and saves the card', async () => {
    const b = await buyer();
    const started = await startPurchase(b, 5000);
    expect(started.userErrors).toEqual([]);
    expect(started.checkoutUrl).toMatch(/\/buyer\/sandbox\/checkout\/cs_sbx_/);
    const sessionId = started.checkoutUrl!.split('/').pop()!;

    const page = await app.http(
      `query($id: String!) { sandboxCheckoutSession(id: $id) { status amountCents productName } }`,
      { id: sessionId },
      { token: b.token },
    );
    expect(page.body.data).toEqual({
      sandboxCheckoutSession: { status: 'open', amountCents: 30000, productName: '5,000 Hotlead credits' },
    });

    const paid = await app.http(COMPLETE, { input: { sessionId, outcome: 'SUCCEED' } }, { token: b.token });
    expect((paid.body.data as { sandboxCheckoutComplete: { url: string } }).sandboxCheckoutComplete.url).toContain('result=success');
    expect(await balanceOf(b.token, b.workspaceGid)).toBe('5000.0000');

    const purchase = await app.http(
      `query($id: ID!) { creditPurchase(id: $id) { status completedAt } }`,
      { id: started.purchase!.id },
      { token: b.token },
    );
    expect((purchase.body.data as { creditPurchase: { status: string } }).creditPurchase.status).toBe('PAID');

    // Paying the same session again is refused, and nothing is credited twice.
    const again = await app.http(COMPLETE, { input: { sessionId, outcome: 'SUCCEED' } }, { token: b.token });
    expect(
      (again.body.data as { sandboxCheckoutComplete: { userErrors: { code: string }[] } }).sandboxCheckoutComplete.userErrors[0]!.code,
    ).toBe('PAYMENT_FAILED');
    expect(await balanceOf(b.token, b.workspaceGid)).toBe('5000.0000');

    const wallet = await app.http(WALLET, { id: b.workspaceGid }, { token: b.token });
    expect(wallet.body.data).toMatchObject({ workspace: { credits: { savedCard: { brand: 'visa', last4: '4242' } } } });

    const history = await app.http(
      `query($id: ID!) { creditTransactions(workspaceId: $id) { totalCount nodes { kind credits description } } }`,
      { id: b.workspaceGid },
      { token: b.token },
    );
    expect(history.body.data).toEqual({
      creditTransactions: {
        totalCount: 1,
        nodes: [{ kind: 'CREDIT_PURCHASE', credits: '5000.0000', description: 'Bought Growth (5,000 credits)' }],
      },
    });
    const csv = await app.http(
      `query($id: ID!) { creditTransactionsCsv(workspaceId: $id) { filename content } }`,
      { id: b.workspaceGid },
      { token: b.token },
    );
    const content = (csv.body.data as { creditTransactionsCsv: { content: string } }).creditTransactionsCsv.content.trim().split('\n');
    expect(content[0]).toBe('date,type,description,credits,reference');
    expect(content[1]).toMatch(/,CREDIT_PURCHASE,Bought Growth \(5,000 credits\)|,CREDIT_PURCHASE,"Bought Growth \(5,000 credits\)"/);
  });

  it('a declined card fails the purchase and credits nothing', async () => {
    const b = await buyer();
    const started = await startPurchase(b);
    const sessionId = started.checkoutUrl!.split('/').pop()!;
    const declined = await app.http(COMPLETE, { input: { sessionId, outcome: 'DECLINE' } }, { token: b.token });
    expect((declined.body.data as { sandboxCheckoutComplete: { url: string } }).sandboxCheckoutComplete.url).toContain('result=cancelled');
    const purchase = await app.http(
      `query($id: ID!) { creditPurchase(id: $id) { status failureReason } }`,
      { id: started.purchase!.id },
      { token: b.token },
    );
    expect(purchase.body.data).toEqual({ creditPurchase: { status: 'FAILED', failureReason: 'Your card was declined.' } });
    expect(await balanceOf(b.token, b.workspaceGid)).toBe('0.0000');
  });

  it('members cannot buy; strangers cannot see the checkout', async () => {
    const member = await buyer('MEMBER');
    const refused = await startPurchase(member);
    expect(refused.userErrors[0]!.code).toBe('NOT_ALLOWED');
    const owner = await buyer();
    const started = await startPurchase(owner);
    const sessionId = started.checkoutUrl!.split('/').pop()!;
    const stranger = await buildSignedIn(app);
    const peek = await app.http(COMPLETE, { input: { sessionId, outcome: 'SUCCEED' } }, { token: stranger.token });
    expect(errorCodes(peek.body)).toEqual(['NOT_FOUND']);
    expect(await balanceOf(owner.token, owner.workspaceGid)).toBe('0.0000');
  });

  it('allows 5 purchases per workspace per hour', async () => {
    const b = await buyer();
    for (let i = 0; i < 5; i += 1) expect((await startPurchase(b)).userErrors).toEqual([]);
    const sixth = await app.http(START, { input: { workspaceId: b.workspaceGid, packageId: await packageId(1000) } }, { token: b.token });
    expect(errorCodes(sixth.body)).toEqual(['RATE_LIMITED']);
  });

  it('streams the balance to subscribers', async () => {
    const b = await buyer();
    const iterator = (await app.api.platform.pubsub.subscribe('CREDIT_BALANCE_CHANGED', b.workspace.id))[Symbol.asyncIterator]();
    const next = iterator.next();
    await app.api.services.credits.grantBonus({
      workspaceId: b.workspace.id,
      credits: '40',
      idempotencyKey: `bonus:${b.workspace.id}`,
      description: 'Test bonus',
    });
    expect((await next).value).toEqual({ workspaceId: b.workspace.id, balance: '40.0000' });
    await iterator.return?.();
  });
});

describe('the webhook endpoint refuses what is not a genuine, fresh event', () => {
  const event = { id: 'evt_sbx_refuse', type: 'checkout.session.completed', object: { id: 'cs_sbx_nothing', object: 'checkout.session' } };

  it('bad signature → 400, nothing stored', async () => {
    const delivery = signedEvent('whsec_someone_else', event);
    expect((await postWebhook(app, delivery)).status).toBe(400);
    expect(await app.prisma.paymentEvent.count({ where: { id: event.id } })).toBe(0);
  });

  it('stale timestamp → 400', async () => {
    const delivery = signedEvent(SANDBOX_WEBHOOK_SECRET, event, { timestamp: Math.floor(Date.now() / 1000) - 3600 });
    expect((await postWebhook(app, delivery)).status).toBe(400);
  });

  it('tampered body → 400', async () => {
    const delivery = signedEvent(SANDBOX_WEBHOOK_SECRET, event);
    expect((await postWebhook(app, { ...delivery, body: delivery.body.replace('cs_sbx_nothing', 'cs_sbx_other') })).status).toBe(400);
  });

  it('unknown event type → 200, stored once as ignored', async () => {
    const delivery = signedEvent(SANDBOX_WEBHOOK_SECRET, {
      id: 'evt_sbx_unknown',
      type: 'invoice.finalized',
      object: { id: 'in_1', object: 'invoice' },
    });
    const first = await postWebhook(app, delivery);
    expect(first).toEqual({ status: 200, body: { received: true, outcome: 'ignored: event type not handled' } });
    const second = await postWebhook(app, delivery);
    expect(second.body.outcome).toBe('duplicate: already received');
    expect(await app.prisma.paymentEvent.findUniqueOrThrow({ where: { id: 'evt_sbx_unknown' } })).toMatchObject({ status: 'IGNORED' });
  });
});

describe('auto-reload', () => {
  it('charges the saved card off-session when a spend drops the balance under the threshold', async () => {
    const b = await buyer();
    const started = await startPurchase(b);
    await app.http(COMPLETE, { input: { sessionId: started.checkoutUrl!.split('/').pop()!, outcome: 'SUCCEED' } }, { token: b.token });
    const set = await app.http(
      `mutation($input: CreditAutoReloadInput!) { creditAutoReloadUpdate(input: $input) { wallet { autoReload { enabled thresholdCredits package { credits } } } userErrors { code } } }`,
      { input: { workspaceId: b.workspaceGid, enabled: true, thresholdCredits: 200, packageId: await packageId(1000) } },
      { token: b.token },
    );
    expect(set.body.data).toEqual({
      creditAutoReloadUpdate: {
        wallet: { autoReload: { enabled: true, thresholdCredits: 200, package: { credits: 1000 } } },
        userErrors: [],
      },
    });
    await app.api.services.credits.spend({
      workspaceId: b.workspace.id,
      credits: '850.5',
      idempotencyKey: `spend:${b.workspace.id}`,
      description: 'Leads',
    });
    const balance = await eventually(async () => {
      const now = await balanceOf(b.token, b.workspaceGid);
      return now === '1149.5000' ? now : null;
    });
    expect(balance).toBe('1149.5000');
    const purchases = await app.prisma.creditPurchase.findMany({ where: { workspaceId: b.workspace.id, kind: 'AUTO_RELOAD' } });
    expect(purchases.map((p) => p.status)).toEqual(['PAID']);
  });

  it('cannot be turned on before a card is saved', async () => {
    const b = await buyer();
    const set = await app.http(
      `mutation($input: CreditAutoReloadInput!) { creditAutoReloadUpdate(input: $input) { userErrors { code } } }`,
      { input: { workspaceId: b.workspaceGid, enabled: true, thresholdCredits: 200, packageId: await packageId(1000) } },
      { token: b.token },
    );
    expect(set.body.data).toEqual({ creditAutoReloadUpdate: { userErrors: [{ code: 'NO_SAVED_CARD' }] } });
  });
});

describe('spending', () => {
  it('concurrent spends never overdraw: exactly the affordable ones succeed', async () => {
    const b = await buyer();
    await app.api.services.credits.grantBonus({
      workspaceId: b.workspace.id,
      credits: '100',
      idempotencyKey: `b:${b.workspace.id}`,
      description: 'Bonus',
    });
    const results = await Promise.allSettled(
      Array.from({ length: 40 }, (_, i) =>
        app.api.services.credits.spend({
          workspaceId: b.workspace.id,
          credits: '7',
          idempotencyKey: `s:${b.workspace.id}:${i}`,
          description: 'Spend',
        }),
      ),
    );
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(14);
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('2.0000');
  });

  it('the same idempotency key spends once', async () => {
    const b = await buyer();
    await app.api.services.credits.grantBonus({
      workspaceId: b.workspace.id,
      credits: '10',
      idempotencyKey: `b:${b.workspace.id}`,
      description: 'Bonus',
    });
    const spend = { workspaceId: b.workspace.id, credits: '3', idempotencyKey: `once:${b.workspace.id}`, description: 'Spend' };
    const [a, c] = await Promise.all([app.api.services.credits.spend(spend), app.api.services.credits.spend(spend)]);
    expect([a.duplicate, c.duplicate].sort()).toEqual([false, true]);
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('7.0000');
    await app.api.services.credits.refund({ ...spend, idempotencyKey: `refund:${b.workspace.id}` });
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('10.0000');
  });

  it('refuses negative, zero and over-precise amounts', async () => {
    const b = await buyer();
    const spend = (credits: string) =>
      app.api.services.credits.spend({ workspaceId: b.workspace.id, credits, idempotencyKey: `x:${credits}`, description: 'x' });
    await expect(spend('-5')).rejects.toThrow(RangeError);
    await expect(spend('0')).rejects.toThrow(RangeError);
    await expect(spend('0.00001')).rejects.toThrow(/more than 4 decimal places/);
  });
});

describe('admin: packages, adjustments, refunds, dashboard, ledger', () => {
  let admin: Awaited<ReturnType<typeof buildSignedIn>>;
  beforeAll(async () => {
    admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
  });
  const ADJUST = `mutation($input: CreditAdjustInput!) { creditAdjust(input: $input) { balance userErrors { code field } } }`;

  it('grants and deducts credits with a reason, audited; refuses bad input', async () => {
    const b = await buyer();
    const grant = await app.http(
      ADJUST,
      { input: { workspaceId: b.workspaceGid, credits: 300, direction: 'GRANT', reason: 'Goodwill for a bad batch' } },
      { token: admin.token },
    );
    expect(grant.body.data).toEqual({ creditAdjust: { balance: '300.0000', userErrors: [] } });
    const noReason = await app.http(
      ADJUST,
      { input: { workspaceId: b.workspaceGid, credits: 5, direction: 'GRANT', reason: ' ' } },
      { token: admin.token },
    );
    expect(noReason.body.data).toEqual({
      creditAdjust: { balance: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'reason'] }] },
    });
    const negative = await app.http(
      ADJUST,
      { input: { workspaceId: b.workspaceGid, credits: -5, direction: 'GRANT', reason: 'x y z' } },
      { token: admin.token },
    );
    expect(negative.body.data).toEqual({
      creditAdjust: { balance: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'credits'] }] },
    });
    const fractional = await app.http(
      ADJUST,
      { input: { workspaceId: b.workspaceGid, credits: 1.5, direction: 'GRANT', reason: 'x y z' } },
      { token: admin.token },
    );
    expect(fractional.status).toBe(400);
    const overdraw = await app.http(
      ADJUST,
      { input: { workspaceId: b.workspaceGid, credits: 301, direction: 'DEDUCT', reason: 'Clawback' } },
      { token: admin.token },
    );
    expect(overdraw.body.data).toEqual({
      creditAdjust: { balance: null, userErrors: [{ code: 'INSUFFICIENT_CREDITS', field: ['input', 'credits'] }] },
    });
    const deduct = await app.http(
      ADJUST,
      { input: { workspaceId: b.workspaceGid, credits: 100, direction: 'DEDUCT', reason: 'Clawback' } },
      { token: admin.token },
    );
    expect(deduct.body.data).toEqual({ creditAdjust: { balance: '200.0000', userErrors: [] } });
    // A retry with the same key is the same adjustment; the key reused for another one is refused.
    const retry = {
      workspaceId: b.workspaceGid,
      credits: 10,
      direction: 'GRANT',
      reason: 'Retry me',
      idempotencyKey: `k:${b.workspace.id}`,
    };
    expect((await app.http(ADJUST, { input: retry }, { token: admin.token })).body.data).toEqual({
      creditAdjust: { balance: '210.0000', userErrors: [] },
    });
    expect((await app.http(ADJUST, { input: retry }, { token: admin.token })).body.data).toEqual({
      creditAdjust: { balance: '210.0000', userErrors: [] },
    });
    expect((await app.http(ADJUST, { input: { ...retry, credits: 11 } }, { token: admin.token })).body.data).toEqual({
      creditAdjust: { balance: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'idempotencyKey'] }] },
    });
    // Provider workspaces hold no credits.
    const provider = await buildWorkspace(app, { kind: 'PROVIDER' });
    expect(
      (
        await app.http(
          ADJUST,
          { input: { workspaceId: toGlobalId('Workspace', provider.id), credits: 5, direction: 'GRANT', reason: 'nope' } },
          { token: admin.token },
        )
      ).body.data,
    ).toEqual({ creditAdjust: { balance: null, userErrors: [{ code: 'NOT_ALLOWED', field: ['input', 'workspaceId'] }] } });
    const audits = await app.prisma.auditLogEntry.findMany({
      where: { action: 'credits.adjust', workspaceId: b.workspace.id },
      orderBy: { id: 'asc' },
    });
    expect(audits.map((a) => (a.details as { reason: string }).reason)).toEqual(['Goodwill for a bad batch', 'Clawback', 'Retry me']);
    // Buyers cannot adjust.
    expect(
      errorCodes(
        (
          await app.http(
            ADJUST,
            { input: { workspaceId: b.workspaceGid, credits: 5, direction: 'GRANT', reason: 'self-serve' } },
            { token: b.token },
          )
        ).body,
      ),
    ).toEqual(['FORBIDDEN']);
  });

  it('edits a package (audited) and validates it', async () => {
    const [pkg] = await app.prisma.creditPackage.findMany({ where: { credits: 1000 } });
    const SAVE = `mutation($input: CreditPackageSaveInput!) { creditPackageSave(input: $input) { creditPackage { name priceCents } userErrors { code field } } }`;
    const bad = await app.http(
      SAVE,
      { input: { id: toGlobalId('CreditPackage', pkg!.id), name: 'Starter', credits: 0, priceCents: 7500, active: true } },
      { token: admin.token },
    );
    expect(bad.body.data).toEqual({
      creditPackageSave: { creditPackage: null, userErrors: [{ code: 'INVALID_INPUT', field: ['input', 'credits'] }] },
    });
    const saved = await app.http(
      SAVE,
      { input: { id: toGlobalId('CreditPackage', pkg!.id), name: 'Starter', credits: 1000, priceCents: 7900, active: true, sortOrder: 1 } },
      { token: admin.token },
    );
    expect(saved.body.data).toEqual({ creditPackageSave: { creditPackage: { name: 'Starter', priceCents: 7900 }, userErrors: [] } });
    const audit = await app.prisma.auditLogEntry.findFirstOrThrow({ where: { action: 'credit_package.update', targetId: pkg!.id } });
    expect(audit.details).toMatchObject({ before: { priceCents: 7500 }, after: { priceCents: 7900 } });
    await app.http(
      SAVE,
      { input: { id: toGlobalId('CreditPackage', pkg!.id), name: 'Starter', credits: 1000, priceCents: 7500, active: true, sortOrder: 1 } },
      { token: admin.token },
    );
  });

  it('refunds a paid purchase: credits taken back (as far as unspent), revenue returned, dashboard and ledger show it', async () => {
    const b = await buyer();
    const started = await startPurchase(b);
    await app.http(COMPLETE, { input: { sessionId: started.checkoutUrl!.split('/').pop()!, outcome: 'SUCCEED' } }, { token: b.token });
    await app.api.services.credits.spend({
      workspaceId: b.workspace.id,
      credits: '400',
      idempotencyKey: `spent:${b.workspace.id}`,
      description: 'Leads',
    });
    const before = (await app.http('{ financeSummary { grossRevenue refunds creditsSold } }', {}, { token: admin.token })).body.data as {
      financeSummary: { grossRevenue: string; refunds: string };
    };
    const refund = await app.http(
      `mutation($id: ID!) { creditPurchaseRefund(purchaseId: $id) { purchase { status } userErrors { code } } }`,
      { id: started.purchase!.id },
      { token: admin.token },
    );
    expect(refund.body.data).toEqual({ creditPurchaseRefund: { purchase: { status: 'REFUNDED' }, userErrors: [] } });
    expect(await balanceOf(b.token, b.workspaceGid)).toBe('0.0000');
    const after = (await app.http('{ financeSummary { grossRevenue refunds } }', {}, { token: admin.token })).body.data as {
      financeSummary: { grossRevenue: string; refunds: string };
    };
    expect(after.financeSummary.grossRevenue).toBe(before.financeSummary.grossRevenue);
    expect(Number(after.financeSummary.refunds) - Number(before.financeSummary.refunds)).toBe(75);
    const entries = await app.http(
      `{ ledgerEntries(kind: CREDIT_PURCHASE_REVERSAL, first: 5) { nodes { kind details postings { accountKind asset amount } } } }`,
      {},
      { token: admin.token },
    );
    const reversal = (
      entries.body.data as { ledgerEntries: { nodes: { details: { creditsAlreadySpent: string }; postings: unknown[] }[] } }
    ).ledgerEntries.nodes.find((n) => (n.details as { workspaceId?: string }).workspaceId === b.workspace.id)!;
    expect(reversal.details.creditsAlreadySpent).toBe('400.0000');
    expect(reversal.postings).toEqual(
      expect.arrayContaining([
        { accountKind: 'WORKSPACE_CREDITS', asset: 'CREDITS', amount: '-600.0000' },
        { accountKind: 'PLATFORM_REVENUE', asset: 'USD', amount: '-75.0000' },
      ]),
    );
  });
});
