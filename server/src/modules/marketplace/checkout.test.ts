// Cart and checkout with credits against a real database: prices and masking, the purchase in one
// transaction (items, credits through the ledger, sold counts, commissions), paying once per lead,
// exclusivity, idempotency and concurrent checkouts. The ledger is checked after every test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { errorCodes, eventually, startTestApp, waitForMail, type TestApp } from '../../../test/app.js';
import { buildLead, buildPartnerOrg, buildSignedIn, buildWorkspace } from '../../../test/factories.js';
import { expectLedgerSound } from '../../../test/money.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());
afterEach(() => expectLedgerSound(app));

async function buyer(credits = '100.0000') {
  const owner = await buildSignedIn(app);
  const member = await buildSignedIn(app);
  const workspace = await buildWorkspace(app, {
    members: [
      { userId: owner.user.id, role: 'OWNER' },
      { userId: member.user.id, role: 'MEMBER' },
    ],
  });
  if (credits !== '0') {
    await app.api.services.credits.grantBonus({
      workspaceId: workspace.id,
      credits,
      idempotencyKey: `test:grant:${workspace.id}`,
      description: 'test credits',
    });
  }
  return { owner, member, workspace, gid: toGlobalId('Workspace', workspace.id) };
}

async function lead(options: Parameters<typeof buildLead>[1] = {}) {
  const { id } = await buildLead(app, { listPrice: '0.5000', ...options });
  await app.prisma.lead.update({ where: { id }, data: { phone: `+1512${String(Math.floor(Math.random() * 1e7)).padStart(7, '0')}` } });
  return { id, gid: toGlobalId('MarketplaceLead', id) };
}

const CART = `query($w: ID!) { cart(workspaceId: $w) { leadCount totalUsd credits walletBalance shortfallCredits
  lines { exclusive price credits unavailable lead { lastName emailPreview phonePreview email phone purchased } } } }`;
const ADD = `mutation($input: CartAddInput!) { cartAdd(input: $input) { cart { leadCount credits } userErrors { code message field } } }`;
const BUY = `mutation($input: LeadsPurchaseInput!) { leadsPurchase(input: $input) { purchase { id leadCount totalUsd credits status downloadableUntil } userErrors { code message } } }`;

type BuyResult = {
  leadsPurchase: {
    purchase: { id: string; leadCount: number; totalUsd: string; credits: string } | null;
    userErrors: { code: string; message: string }[];
  };
};

describe('cart', () => {
  it('prices the cart, masks contact details and says what the credits cover', async () => {
    const b = await buyer('8.0000');
    const [l1, l2] = [await lead(), await lead()];
    const added = await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [l1.gid, l2.gid] } }, { token: b.member.token });
    expect(added.body.errors).toBeUndefined();
    const cart = (await app.http(CART, { w: b.gid }, { token: b.member.token })).body.data as {
      cart: {
        leadCount: number;
        credits: string;
        shortfallCredits: string;
        lines: { lead: { emailPreview: string; email: string | null; phone: string | null; phonePreview: string; lastName: string } }[];
      };
    };
    // $0.50 each = 5 credits each; the wallet has 8.
    expect(cart.cart).toMatchObject({ leadCount: 2, credits: '10.0000', shortfallCredits: '2.0000' });
    const shown = cart.cart.lines[0]!.lead;
    expect(shown.emailPreview).toMatch(/^\w\*\*\*@example\.com$/);
    expect(shown.phonePreview).toMatch(/^\+1 \*\*\*-\*\*\*-\d{4}$/);
    expect(shown).toMatchObject({ email: null, phone: null, lastName: 'L.' });
  });

  it('refuses an empty list, another workspace, and more than 10,000 leads', async () => {
    const b = await buyer();
    const other = await buyer();
    const l = await lead();
    const empty = await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [] } }, { token: b.owner.token });
    expect((empty.body.data as { cartAdd: { userErrors: { field: string[] }[] } }).cartAdd.userErrors[0]!.field).toEqual(['leadIds']);
    const foreign = await app.http(ADD, { input: { workspaceId: other.gid, leadIds: [l.gid] } }, { token: b.owner.token });
    expect(errorCodes(foreign.body)).toEqual(['NOT_FOUND']);
    const tooMany = Array.from({ length: 10_001 }, () => toGlobalId('MarketplaceLead', crypto.randomUUID()));
    const full = await app.http(ADD, { input: { workspaceId: b.gid, leadIds: tooMany } }, { token: b.owner.token });
    expect((full.body.data as { cartAdd: { userErrors: { code: string }[] } }).cartAdd.userErrors[0]!.code).toBe('CART_FULL');
  });
});

describe('checkout with credits', () => {
  it('buys the cart in one transaction: items, credits, sold counts, commission, revealed contacts', async () => {
    const b = await buyer();
    const partner = await buildPartnerOrg(app);
    const platformLead = await lead();
    const partnerLead = await lead({ partnerOrgId: partner.id });
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [platformLead.gid, partnerLead.gid] } }, { token: b.owner.token });
    const bought = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'checkout-0001' } }, { token: b.owner.token })).body
      .data as BuyResult;
    expect(bought.leadsPurchase.userErrors).toEqual([]);
    expect(bought.leadsPurchase.purchase).toMatchObject({ leadCount: 2, totalUsd: '1.0000', credits: '10.0000', status: 'COMPLETED' });
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('90.0000');
    const sold = await app.prisma.lead.findUniqueOrThrow({ where: { id: partnerLead.id } });
    expect(sold.soldCount).toBe(1);
    expect(sold.firstSoldAt).not.toBeNull();
    const earning = await app.prisma.partnerEarning.findFirstOrThrow({ where: { partnerOrgId: partner.id } });
    expect(earning).toMatchObject({ type: 'LEAD_SALE', status: 'PENDING' });
    expect(Number(earning.amount)).toBeGreaterThan(0);
    // The cart is empty and the contacts are revealed to this workspace only.
    const cart = (await app.http(CART, { w: b.gid }, { token: b.owner.token })).body.data as { cart: { lines: unknown[] } };
    expect(cart.cart.lines).toHaveLength(0);
    const revealed = await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [partnerLead.gid] } }, { token: b.owner.token });
    expect(revealed.body.errors).toBeUndefined();
    const again = (await app.http(CART, { w: b.gid }, { token: b.owner.token })).body.data as {
      cart: { leadCount: number; lines: { unavailable: string; lead: { purchased: boolean; email: string | null } }[] };
    };
    expect(again.cart.leadCount).toBe(0);
    expect(again.cart.lines[0]).toMatchObject({ unavailable: 'Your workspace has already bought this lead.', lead: { purchased: true } });
    expect(again.cart.lines[0]!.lead.email).toMatch(/@example\.com$/);
  });

  it('downloads the bought leads as CSV for the workspace only, valid emails only unless catch-all was chosen', async () => {
    const b = await buyer();
    const valid = await lead();
    const catchAll = await lead();
    await app.prisma.lead.update({ where: { id: valid.id }, data: { verificationStatus: 'VALID' } });
    await app.prisma.lead.update({ where: { id: catchAll.id }, data: { verificationStatus: 'CATCH_ALL' } });
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [valid.gid, catchAll.gid] } }, { token: b.owner.token });
    const bought = (
      await app.http(
        `mutation($input: LeadsPurchaseInput!) { leadsPurchase(input: $input) { purchase { id downloadUrl exportStatus } userErrors { code } } }`,
        { input: { workspaceId: b.gid, idempotencyKey: 'checkout-csv-0001', exportMode: 'VALID_ONLY' } },
        { token: b.owner.token },
      )
    ).body.data as { leadsPurchase: { purchase: { id: string; downloadUrl: string; exportStatus: string } } };
    const url = `${app.url}${bought.leadsPurchase.purchase.downloadUrl}`;
    // The CSV is made by a job: until then the download answers 409.
    expect(bought.leadsPurchase.purchase.exportStatus).toBe('PREPARING');
    await eventually(async () => {
      const r = await app.http(
        `query($id: ID!) { leadPurchase(id: $id) { exportStatus exportRows } }`,
        { id: bought.leadsPurchase.purchase.id },
        { token: b.member.token },
      );
      return (r.body.data as { leadPurchase: { exportStatus: string } }).leadPurchase.exportStatus === 'READY' ? true : null;
    });
    const response = await fetch(url, { headers: { authorization: `Bearer ${b.member.token}` } });
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toMatch(/^lead_id,first_name,last_name,email,phone,/);
    expect(lines).toHaveLength(3);
    const emails = lines.slice(1).map((l) => l.split(',')[3]);
    expect(emails.filter((e) => e !== '')).toHaveLength(1); // the catch-all address is left out
    const stranger = await buildSignedIn(app);
    expect((await fetch(url, { headers: { authorization: `Bearer ${stranger.token}` } })).status).toBe(404);
  });

  it('never charges twice: the same key returns the same purchase, a second cart of bought leads is refused', async () => {
    const b = await buyer();
    const l = await lead();
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [l.gid] } }, { token: b.owner.token });
    const first = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'checkout-same-key' } }, { token: b.owner.token }))
      .body.data as BuyResult;
    const repeat = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'checkout-same-key' } }, { token: b.owner.token }))
      .body.data as BuyResult;
    expect(repeat.leadsPurchase.purchase!.id).toBe(first.leadsPurchase.purchase!.id);
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('95.0000');
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [l.gid] } }, { token: b.member.token });
    const second = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'checkout-other-key' } }, { token: b.member.token }))
      .body.data as BuyResult;
    expect(second.leadsPurchase.userErrors[0]!.code).toBe('UNAVAILABLE');
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('95.0000');
  });

  it('two checkouts of the same leads at once by two members: each lead is paid for once', async () => {
    const b = await buyer();
    const leads = await Promise.all(Array.from({ length: 5 }, () => lead()));
    for (const person of [b.owner, b.member]) {
      await app.http(ADD, { input: { workspaceId: b.gid, leadIds: leads.map((l) => l.gid) } }, { token: person.token });
    }
    const [r1, r2] = await Promise.all(
      [b.owner, b.member].map(
        async (person, i) =>
          (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: `race-${i}-${b.workspace.id}` } }, { token: person.token }))
            .body.data as BuyResult,
      ),
    );
    const purchases = [r1!, r2!].filter((r) => r.leadsPurchase.purchase);
    expect(purchases).toHaveLength(1);
    expect([r1!, r2!].flatMap((r) => r.leadsPurchase.userErrors.map((e) => e.code))).toEqual(['UNAVAILABLE']);
    expect(await app.prisma.leadPurchaseItem.count({ where: { workspaceId: b.workspace.id } })).toBe(5);
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('75.0000');
    // The refused checkout left no purchase behind.
    expect(await app.prisma.leadPurchase.count({ where: { workspaceId: b.workspace.id } })).toBe(1);
  });

  it('refuses with the shortfall in words when the credits do not cover the cart, and charges nothing', async () => {
    const b = await buyer('4.0000');
    const l = await lead();
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [l.gid] } }, { token: b.owner.token });
    const result = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'checkout-poor-1' } }, { token: b.owner.token }))
      .body.data as BuyResult;
    expect(result.leadsPurchase.userErrors[0]).toMatchObject({ code: 'INSUFFICIENT_CREDITS' });
    expect(result.leadsPurchase.userErrors[0]!.message).toContain('buy 1 more credits');
    expect(await app.prisma.leadPurchase.count({ where: { workspaceId: b.workspace.id } })).toBe(0);
    expect((await app.prisma.lead.findUniqueOrThrow({ where: { id: l.id } })).soldCount).toBe(0);
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('4.0000');
  });

  it('an exclusive purchase costs five times the list price and delists the lead for everyone else', async () => {
    const b = await buyer();
    const other = await buyer();
    const l = await lead();
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [l.gid], exclusive: true } }, { token: b.owner.token });
    await app.http(ADD, { input: { workspaceId: other.gid, leadIds: [l.gid] } }, { token: other.owner.token });
    const result = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'checkout-excl-1' } }, { token: b.owner.token }))
      .body.data as BuyResult;
    expect(result.leadsPurchase.purchase).toMatchObject({ totalUsd: '2.5000', credits: '25.0000' });
    expect((await app.prisma.lead.findUniqueOrThrow({ where: { id: l.id } })).status).toBe('DELISTED');
    const late = (
      await app.http(BUY, { input: { workspaceId: other.gid, idempotencyKey: 'checkout-excl-2' } }, { token: other.owner.token })
    ).body.data as BuyResult;
    expect(late.leadsPurchase.userErrors[0]!.code).toBe('UNAVAILABLE');
  });

  it('keeps a member within the monthly credit limit an owner set; only owners set it', async () => {
    const b = await buyer();
    const LIMIT = `mutation($input: WorkspaceMemberCreditLimitSetInput!) { workspaceMemberCreditLimitSet(input: $input) { monthlyCreditLimit userErrors { code field } } }`;
    const memberGid = toGlobalId('User', b.member.user.id);
    const byMember = await app.http(
      LIMIT,
      { input: { workspaceId: b.gid, userId: memberGid, monthlyCreditLimit: '100' } },
      { token: b.member.token },
    );
    expect(
      (byMember.body.data as { workspaceMemberCreditLimitSet: { userErrors: { code: string }[] } }).workspaceMemberCreditLimitSet
        .userErrors[0]!.code,
    ).toBe('NOT_ALLOWED');
    const set = await app.http(
      LIMIT,
      { input: { workspaceId: b.gid, userId: memberGid, monthlyCreditLimit: '7' } },
      { token: b.owner.token },
    );
    expect(
      (set.body.data as { workspaceMemberCreditLimitSet: { monthlyCreditLimit: string } }).workspaceMemberCreditLimitSet.monthlyCreditLimit,
    ).toBe('7');

    const [first, second] = [await lead(), await lead()];
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [first.gid] } }, { token: b.member.token });
    const ok = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'limit-ok-0001' } }, { token: b.member.token })).body
      .data as BuyResult;
    expect(ok.leadsPurchase.userErrors).toEqual([]);
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [second.gid] } }, { token: b.member.token });
    const over = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'limit-over-0001' } }, { token: b.member.token })).body
      .data as BuyResult;
    expect(over.leadsPurchase.userErrors[0]).toMatchObject({ code: 'MEMBER_LIMIT' });
    expect(over.leadsPurchase.userErrors[0]!.message).toContain('Your monthly limit is 7 credits and you have used 5 this month');
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('95.0000');
    // The owner has no limit.
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [second.gid] } }, { token: b.owner.token });
    const owner = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'limit-owner-0001' } }, { token: b.owner.token }))
      .body.data as BuyResult;
    expect(owner.leadsPurchase.userErrors).toEqual([]);
  });

  it('alerts the member and the owners once when a purchase takes the member past 80 % and 100 % of the limit', async () => {
    const b = await buyer();
    await app.api.services.checkout.setMemberLimit(b.owner.principal, b.workspace.id, b.member.user.id, '10');
    const [first, second] = [await lead(), await lead()];
    // 5 of 10 credits: no alert; 10 of 10: past both thresholds, one email saying it was reached.
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [first.gid] } }, { token: b.member.token });
    await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'alert-buy-0001' } }, { token: b.member.token });
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [second.gid] } }, { token: b.member.token });
    await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'alert-buy-0002' } }, { token: b.member.token });
    const toOwner = await waitForMail(app, b.owner.user.email, 'reached the monthly credit limit');
    expect(toOwner.message.textBody).toContain('has spent 10 of a 10-credit monthly limit');
    await waitForMail(app, b.member.user.email, 'reached the monthly credit limit');
    const alerts = await app.prisma.outboundEmail.count({
      where: { idempotencyKey: { startsWith: 'spend-alert:' }, toAddress: { in: [b.owner.user.email, b.member.user.email] } },
    });
    expect(alerts).toBe(2);
  });

  it('announces a purchase: one confirmation email (even when the key is repeated) and the purchaseCompleted event', async () => {
    const b = await buyer();
    const l = await lead();
    const { subscribe, parse } = await import('graphql');
    const { createContext } = await import('../../platform/graphql/context.js');
    const stream = (await subscribe({
      schema: app.api.schema,
      document: parse(`subscription($w: ID!) { purchaseCompleted(workspaceId: $w) { leadCount credits } }`),
      variableValues: { w: b.gid },
      contextValue: createContext(app.api.platform, app.api.services, b.member.principal),
    })) as AsyncGenerator<{ data?: { purchaseCompleted: { leadCount: number } } }>;
    const event = stream.next();
    await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [l.gid] } }, { token: b.owner.token });
    for (let i = 0; i < 2; i++) {
      await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: `announce-${b.workspace.id}` } }, { token: b.owner.token });
    }
    expect((await event).value.data.purchaseCompleted.leadCount).toBe(1);
    await stream.return?.(undefined);
    const mail = await waitForMail(app, b.owner.user.email, 'ready to download');
    expect(mail.message.subject).toBe('Your 1 lead is ready to download');
    expect(mail.link).toMatch(/\/buyer\/workspaces\/[^/]+\/purchases$/);
    expect(await app.prisma.outboundEmail.count({ where: { toAddress: b.owner.user.email, template: 'purchaseConfirmation' } })).toBe(1);
  });

  it('refuses an empty cart and a malformed idempotency key', async () => {
    const b = await buyer();
    const empty = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'checkout-empty-1' } }, { token: b.owner.token }))
      .body.data as BuyResult;
    expect(empty.leadsPurchase.userErrors[0]!.code).toBe('CART_EMPTY');
    const badKey = (await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: 'x' } }, { token: b.owner.token })).body
      .data as BuyResult;
    expect(badKey.leadsPurchase.userErrors[0]!.code).toBe('INVALID_INPUT');
  });

  it('lists the purchases of the workspace, newest first', async () => {
    const b = await buyer();
    for (const key of ['history-0001', 'history-0002']) {
      const l = await lead();
      await app.http(ADD, { input: { workspaceId: b.gid, leadIds: [l.gid] } }, { token: b.owner.token });
      await app.http(BUY, { input: { workspaceId: b.gid, idempotencyKey: `${key}-${b.workspace.id}` } }, { token: b.owner.token });
    }
    const list = await app.http(
      `query($w: ID!) { leadPurchases(workspaceId: $w) { totalCount nodes { leadCount credits } } }`,
      { w: b.gid },
      { token: b.member.token },
    );
    expect((list.body.data as { leadPurchases: { totalCount: number } }).leadPurchases.totalCount).toBe(2);
  });
});
