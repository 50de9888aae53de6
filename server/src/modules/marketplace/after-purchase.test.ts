// After a purchase, against a real database, job queue and HTTP: the CSV job (re-checking emails
// older than 30 days, refunding the invalid), the daily export limit, bad-lead reports (bounces
// refunded automatically with the commission reversed in the same ledger entry; other kinds decided
// by an admin), and suppression (public opt-out, delisting, re-import block, signed webhooks with
// retries). The ledger is checked after every test.
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { buildBuyer, buildLead, buildPartnerOrg, buildSignedIn } from '../../../test/factories.js';
import { expectLedgerSound } from '../../../test/money.js';
import { buildUploader, csvFile, HEADER, importCsv } from '../../../test/uploads.js';
import { contactHash } from '../leads/suppressionList.js';
import { isInternalAddress } from '../webhooks/webhooks.service.js';

let app: TestApp;
let admin: Awaited<ReturnType<typeof buildSignedIn>>;
beforeAll(async () => {
  app = await startTestApp();
  admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
});
afterAll(() => app.stop());
afterEach(() => expectLedgerSound(app));

const buyer = (credits = '500.0000') => buildBuyer(app, { credits });

const ADD = `mutation($input: CartAddInput!) { cartAdd(input: $input) { userErrors { code } } }`;
const BUY = `mutation($input: LeadsPurchaseInput!) { leadsPurchase(input: $input) { purchase { id downloadUrl } userErrors { code message } } }`;
const PURCHASE = `query($id: ID!) { leadPurchase(id: $id) { exportStatus exportRows refundedCredits
  items(first: 50) { totalCount nodes { refundedAt refundReason reportStatus lead { id email } } } } }`;

async function buy(b: Awaited<ReturnType<typeof buyer>>, leadIds: string[], key: string) {
  await app.http(
    ADD,
    { input: { workspaceId: b.gid, leadIds: leadIds.map((id) => toGlobalId('MarketplaceLead', id)) } },
    { token: b.token },
  );
  const result = await app.http(
    BUY,
    { input: { workspaceId: b.gid, idempotencyKey: key, exportMode: 'VALID_AND_CATCH_ALL' } },
    { token: b.token },
  );
  const payload = (result.body.data as { leadsPurchase: { purchase: { id: string; downloadUrl: string } | null; userErrors: unknown[] } })
    .leadsPurchase;
  expect(payload.userErrors).toEqual([]);
  return payload.purchase!;
}

async function exportReady(token: string, purchaseGid: string) {
  return eventually(async () => {
    const r = await app.http(PURCHASE, { id: purchaseGid }, { token });
    const p = (r.body.data as { leadPurchase: { exportStatus: string; exportRows: number; refundedCredits: string } }).leadPurchase;
    return p.exportStatus === 'READY' ? p : null;
  });
}

async function partnerLead(options: { listPrice?: string } = {}) {
  const org = await buildPartnerOrg(app);
  const { id } = await buildLead(app, { partnerOrgId: org.id, listPrice: options.listPrice ?? '2.0000' });
  await app.prisma.lead.update({ where: { id }, data: { verificationStatus: 'VALID', verifiedAt: new Date() } });
  return { id, partnerOrgId: org.id };
}

describe('the CSV export job', () => {
  it('re-checks emails verified more than 30 days ago: invalid ones are refunded and left out', async () => {
    const b = await buyer();
    const fresh = await partnerLead();
    const stale = await partnerLead();
    // Verified 40 days ago as valid; the verifier now says invalid (example.com can never receive mail).
    await app.prisma.lead.update({ where: { id: stale.id }, data: { verifiedAt: new Date(Date.now() - 40 * 86_400_000) } });
    const purchase = await buy(b, [fresh.id, stale.id], 'export-recheck-0001');
    const ready = await exportReady(b.token, purchase.id);
    expect(ready).toMatchObject({ exportRows: 1, refundedCredits: '20.0000' });
    // 2 leads × 20 credits spent, 20 back.
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('480.0000');
    expect(await app.prisma.lead.findUniqueOrThrow({ where: { id: stale.id } })).toMatchObject({
      verificationStatus: 'INVALID',
      status: 'DELISTED',
    });
    const earning = await app.prisma.partnerEarning.findFirstOrThrow({ where: { leadId: stale.id } });
    expect(earning.status).toBe('REVERSED');

    const response = await fetch(`${app.url}${purchase.downloadUrl}`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(response.status).toBe(200);
    const lines = (await response.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^lead_id,first_name,/);
    expect(lines[1]).toContain(toGlobalId('MarketplaceLead', fresh.id));
  });

  it('allows 10 exports a day per workspace, then answers 429 with when to come back', async () => {
    const b = await buyer();
    const lead = await partnerLead();
    const purchase = await buy(b, [lead.id], 'export-limit-0001');
    await exportReady(b.token, purchase.id);
    for (let i = 0; i < 10; i++) {
      const ok = await fetch(`${app.url}${purchase.downloadUrl}`, { headers: { authorization: `Bearer ${b.token}` } });
      expect(ok.status).toBe(200);
      await ok.arrayBuffer();
    }
    const refused = await fetch(`${app.url}${purchase.downloadUrl}`, { headers: { authorization: `Bearer ${b.token}` } });
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toMatch(/^\d+$/);
    expect(((await refused.json()) as { error: { message: string } }).error.message).toContain('10 exports today');
  });
});

const REPORT = `mutation($input: LeadReportCreateInput!) { leadReportCreate(input: $input) {
  report { id kind status verification resolution lead { email } } userErrors { code message field } } }`;
const RESOLVE = `mutation($input: LeadReportResolveInput!) { leadReportResolve(input: $input) { report { status resolution } userErrors { code message } } }`;

type ReportResult = {
  leadReportCreate: {
    report: { id: string; status: string } | null;
    userErrors: { code: string; message: string; field: string[] | null }[];
  };
};

describe('bad-lead reports and the bounce guarantee', () => {
  it('a bounce the verifier confirms is refunded at once, with the commission reversed in the same ledger entry', async () => {
    const b = await buyer();
    const lead = await partnerLead();
    const purchase = await buy(b, [lead.id], 'report-bounce-0001');
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('480.0000');
    const earning = await app.prisma.partnerEarning.findFirstOrThrow({ where: { leadId: lead.id } });
    expect(earning.status).toBe('PENDING');

    const made = (
      await app.http(
        REPORT,
        { input: { purchaseId: purchase.id, leadId: toGlobalId('MarketplaceLead', lead.id), kind: 'BOUNCED' } },
        { token: b.token },
      )
    ).body.data as ReportResult;
    expect(made.leadReportCreate.userErrors).toEqual([]);
    const reportId = fromGlobalId(made.leadReportCreate.report!.id, 'LeadReport');
    await eventually(async () =>
      (await app.prisma.leadReport.findUnique({ where: { id: reportId } }))?.status === 'REFUNDED' ? true : null,
    );
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('500.0000');
    expect((await app.prisma.partnerEarning.findUniqueOrThrow({ where: { id: earning.id } })).status).toBe('REVERSED');
    // One LEAD_REFUND entry moves both: the buyer's credits and the partner's pending commission.
    const { rows } = await app.api.platform.database.pool.query<{ kinds: string[] }>(
      `SELECT array_agg(DISTINCT a.kind ORDER BY a.kind) AS kinds FROM journal_entries e
         JOIN ledger_postings p ON p.entry_id = e.id JOIN ledger_accounts a ON a.id = p.account_id
        WHERE e.kind = 'LEAD_REFUND' AND e.details->>'purchaseId' = $1 GROUP BY e.id`,
      [fromGlobalId(purchase.id, 'LeadPurchase')],
    );
    expect(rows).toEqual([{ kinds: ['CREDITS_REDEEMED', 'PARTNER_PENDING', 'PLATFORM_REVENUE', 'WORKSPACE_CREDITS'] }]);
    expect(await app.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).toMatchObject({
      verificationStatus: 'INVALID',
      status: 'DELISTED',
    });

    // A lead without an email cannot bounce (and is never refunded without verification).
    const phoneOnly = await partnerLead();
    await app.prisma.lead.update({ where: { id: phoneOnly.id }, data: { email: null, phone: '+15125550199' } });
    const noEmailPurchase = await buy(b, [phoneOnly.id], 'report-bounce-0002');
    const noEmail = (
      await app.http(
        REPORT,
        { input: { purchaseId: noEmailPurchase.id, leadId: toGlobalId('MarketplaceLead', phoneOnly.id), kind: 'BOUNCED' } },
        { token: b.token },
      )
    ).body.data as ReportResult;
    expect(noEmail.leadReportCreate.userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['kind'] });

    // Reporting it again is refused; the item shows it was refunded.
    const again = (
      await app.http(
        REPORT,
        { input: { purchaseId: purchase.id, leadId: toGlobalId('MarketplaceLead', lead.id), kind: 'BOUNCED' } },
        { token: b.token },
      )
    ).body.data as ReportResult;
    expect(again.leadReportCreate.userErrors[0]!.code).toBe('NOT_ALLOWED');
    const items = (await app.http(PURCHASE, { id: purchase.id }, { token: b.token })).body.data as {
      leadPurchase: { items: { nodes: { refundedAt: string | null; reportStatus: string }[] } };
    };
    expect(items.leadPurchase.items.nodes[0]).toMatchObject({ reportStatus: 'REFUNDED' });
    expect(items.leadPurchase.items.nodes[0]!.refundedAt).not.toBeNull();
  });

  it('other problems wait for an admin, who refunds or rejects with a note; bounces after 30 days are refused', async () => {
    const b = await buyer();
    const [l1, l2, l3] = [await partnerLead(), await partnerLead(), await partnerLead()];
    const purchase = await buy(b, [l1.id, l2.id, l3.id], 'report-admin-0001');
    const report = async (leadId: string, kind: string, note?: string) =>
      (
        (
          await app.http(
            REPORT,
            { input: { purchaseId: purchase.id, leadId: toGlobalId('MarketplaceLead', leadId), kind, note } },
            { token: b.token },
          )
        ).body.data as ReportResult
      ).leadReportCreate;

    expect((await report(l1.id, 'WRONG_PERSON')).userErrors[0]).toMatchObject({ code: 'INVALID_INPUT', field: ['note'] });
    const wrongPerson = await report(l1.id, 'WRONG_PERSON', 'The person left the company in 2024.');
    expect(wrongPerson.report!.status).toBe('OPEN');
    const wrongCompany = await report(l2.id, 'WRONG_COMPANY', 'Company name is a different firm.');

    // Not for buyers to decide.
    const denied = await app.http(
      RESOLVE,
      { input: { reportId: wrongPerson.report!.id, decision: 'REFUND', resolution: 'ok' } },
      { token: b.token },
    );
    expect(denied.body.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');

    const refunded = await app.http(
      RESOLVE,
      { input: { reportId: wrongPerson.report!.id, decision: 'REFUND', resolution: 'Confirmed with the partner; refunded.' } },
      { token: admin.token },
    );
    expect(refunded.body.data).toMatchObject({ leadReportResolve: { report: { status: 'REFUNDED' }, userErrors: [] } });
    const rejected = await app.http(
      RESOLVE,
      { input: { reportId: wrongCompany.report!.id, decision: 'REJECT', resolution: 'The company matches its registry entry.' } },
      { token: admin.token },
    );
    expect(rejected.body.data).toMatchObject({ leadReportResolve: { report: { status: 'REJECTED' } } });
    const twice = await app.http(
      RESOLVE,
      { input: { reportId: wrongPerson.report!.id, decision: 'REJECT', resolution: 'changed my mind' } },
      { token: admin.token },
    );
    expect(twice.body.data).toMatchObject({ leadReportResolve: { report: null, userErrors: [{ code: 'NOT_ALLOWED' }] } });
    // The admin's view of the purchase: who bought it, and each lead with its refund and report.
    const adminView = await app.http(
      `query($id: ID!) { adminLeadPurchase(id: $id) { workspaceName buyerEmail leadCount refundedCredits
         items(first: 10) { nodes { reportStatus refundedAt lead { email } } } } }`,
      { id: purchase.id },
      { token: admin.token },
    );
    const view = (
      adminView.body.data as {
        adminLeadPurchase: { buyerEmail: string; refundedCredits: string; items: { nodes: { reportStatus: string | null }[] } };
      }
    ).adminLeadPurchase;
    expect(view).toMatchObject({ buyerEmail: b.user.email, leadCount: 3, refundedCredits: '20.0000' });
    expect(view.items.nodes.map((i) => i.reportStatus).sort()).toEqual(['REFUNDED', 'REJECTED', null].sort());
    // 3 × 20 spent, 20 back for the wrong person.
    expect(await app.api.services.credits.balance(b.workspace.id)).toBe('460.0000');
    const queue = await app.http(`{ adminLeadReports(status: OPEN) { id } }`, {}, { token: admin.token });
    expect((queue.body.data as { adminLeadReports: { id: string }[] }).adminLeadReports.map((r) => r.id)).not.toContain(
      wrongPerson.report!.id,
    );

    await app.prisma.leadPurchase.update({
      where: { id: fromGlobalId(purchase.id, 'LeadPurchase') },
      data: { completedAt: new Date(Date.now() - 31 * 86_400_000) },
    });
    const late = await report(l3.id, 'BOUNCED');
    expect(late.userErrors[0]).toMatchObject({ code: 'NOT_ALLOWED' });
    expect(late.userErrors[0]!.message).toContain('30 days');
  });
});

describe('suppression', () => {
  let server: Server;
  const received: { headers: Record<string, string | string[] | undefined>; body: string }[] = [];
  let failNext = 0;
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        received.push({ headers: req.headers, body });
        if (failNext > 0) {
          failNext -= 1;
          res.writeHead(500).end('down');
        } else res.writeHead(200).end('ok');
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('an opt-out delists the lead, tells every past buyer by signed webhook, and blocks its re-import', async () => {
    const b = await buyer();
    const endpoint = await app.http(
      `mutation($input: WebhookEndpointCreateInput!) { webhookEndpointCreate(input: $input) { endpoint { id } secret userErrors { message } } }`,
      {
        input: { workspaceId: b.gid, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks`, events: ['lead.suppressed'] },
      },
      { token: b.token },
    );
    const { secret } = (endpoint.body.data as { webhookEndpointCreate: { secret: string } }).webhookEndpointCreate;
    expect(secret).toMatch(/^whsec_/);

    const lead = await partnerLead();
    const email = (await app.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).email!;
    await buy(b, [lead.id], 'suppress-0001');
    const other = await buyer();
    const inCart = await partnerLead();
    await app.http(ADD, { input: { workspaceId: other.gid, leadIds: [toGlobalId('MarketplaceLead', inCart.id)] } }, { token: other.token });
    const inCartEmail = (await app.prisma.lead.findUniqueOrThrow({ where: { id: inCart.id } })).email!;

    // Anyone, signed out, on the public page; the answer is the same whether we held the contact or not.
    const optOut = `mutation($input: OptOutInput!) { optOut(input: $input) { done userErrors { code field message } } }`;
    expect((await app.http(optOut, { input: { email: `  ${email.toUpperCase()} ` } })).body.data).toEqual({
      optOut: { done: true, userErrors: [] },
    });
    expect((await app.http(optOut, { input: { email: 'nobody-we-know@nowhere.org' } })).body.data).toEqual({
      optOut: { done: true, userErrors: [] },
    });
    expect((await app.http(optOut, { input: { email: 'not an email' } })).body.data).toMatchObject({
      optOut: { done: false, userErrors: [{ code: 'INVALID_INPUT', field: ['email'] }] },
    });
    expect((await app.prisma.lead.findUniqueOrThrow({ where: { id: lead.id } })).status).toBe('SUPPRESSED');

    const delivery = await eventually(async () => received.find((r) => r.headers['hotlead-event'] === 'lead.suppressed') ?? null);
    const signature = String(delivery.headers['hotlead-signature']);
    const [, t, v1] = /^t=(\d+),v1=([0-9a-f]{64})$/.exec(signature)!;
    expect(v1).toBe(createHmac('sha256', secret).update(`${t}.${delivery.body}`).digest('hex'));
    expect(JSON.parse(delivery.body)).toMatchObject({
      type: 'lead.suppressed',
      data: { leadId: toGlobalId('MarketplaceLead', lead.id), email },
    });

    // A fresh export of the purchase no longer contains the person.
    const purchaseRow = await app.prisma.leadPurchase.findFirstOrThrow({ where: { idempotencyKey: 'suppress-0001' } });
    await app.api.services.exports.prepare(purchaseRow.id);
    expect((await app.prisma.leadPurchase.findUniqueOrThrow({ where: { id: purchaseRow.id } })).exportRows).toBe(0);

    // Suppressing again sends nothing more.
    await app.http(
      `mutation($input: SuppressionAddInput!) { suppressionAdd(input: $input) { leadsSuppressed webhooksQueued } }`,
      { input: { email, reason: 'asked again by phone' } },
      { token: admin.token },
    );
    expect(await app.prisma.webhookDelivery.count({ where: { eventId: `evt_suppressed_${lead.id}` } })).toBe(1);

    // An admin acting for a person: the lead leaves the other buyer's cart.
    const byAdmin = await app.http(
      `mutation($input: SuppressionAddInput!) { suppressionAdd(input: $input) { leadsSuppressed webhooksQueued userErrors { code } } }`,
      { input: { email: inCartEmail, reason: 'request by letter' } },
      { token: admin.token },
    );
    expect(byAdmin.body.data).toEqual({ suppressionAdd: { leadsSuppressed: 1, webhooksQueued: 0, userErrors: [] } });
    expect(await app.prisma.cartItem.count({ where: { workspaceId: other.workspace.id } })).toBe(0);
    const stats = await app.http(`{ suppressionStats { total optOutPage admin } }`, {}, { token: admin.token });
    expect(stats.body.data).toMatchObject({ suppressionStats: { optOutPage: 2, admin: 1 } });

    // A partner's next file with that person: refused row by row, never imported.
    const uploader = await buildUploader(app, { firstReviewDone: true });
    await app.prisma.suppression.create({ data: { emailHash: contactHash('opted.out@suppressed-corp.com'), source: 'OPT_OUT_PAGE' } });
    const rows = Array.from({ length: 60 }, (_, i) =>
      i === 7
        ? 'Opted,Out,opted.out@suppressed-corp.com,,CEO,Suppressed Corp,https://suppressed-corp.com,40,US,Austin'
        : `Ana${i},Lopez,ana.${i}@lopez-${i}-corp.com,,CFO,Lopez ${i} Corp,https://lopez-${i}-corp.com,40,US,Austin`,
    );
    const { id: uploadId, upload } = await importCsv(app, uploader, csvFile(rows, HEADER));
    expect(upload.status).toBe('COMPLETED');
    expect(await app.prisma.lead.count({ where: { email: 'opted.out@suppressed-corp.com' } })).toBe(0);
    const rejected = await app.prisma.leadUploadRejection.findMany({ where: { uploadId } });
    expect(rejected.map((r) => r.code)).toEqual(['SUPPRESSED']);
  });

  it('refuses endpoints on internal networks (SSRF) and tells internal addresses apart', async () => {
    const b = await buyer();
    for (const url of [
      'https://10.0.0.5/hook',
      'https://192.168.1.1/x',
      'https://169.254.169.254/latest',
      'http://example.org/hook',
      'ftp://example.org/x',
    ]) {
      const made = await app.api.services.outboundWebhooks.create(b.principal, {
        workspaceId: b.workspace.id,
        url,
        events: ['lead.suppressed'],
      });
      expect('error' in made, url).toBe(true);
    }
    expect(
      [
        '127.0.0.1',
        '10.1.2.3',
        '172.20.0.1',
        '192.168.0.9',
        '169.254.1.1',
        '100.64.0.1',
        '::1',
        'fd00::1',
        'fe80::1',
        '::ffff:10.0.0.1',
        '0.0.0.0',
      ].every(isInternalAddress),
    ).toBe(true);
    expect(['93.184.216.34', '8.8.8.8', '2606:4700:4700::1111', '172.32.0.1'].some(isInternalAddress)).toBe(false);
  });

  it('a webhook delivery is retried until the endpoint answers 2xx, then never sent again; the last attempt gives up', async () => {
    const b = await buyer();
    const made = await app.api.services.outboundWebhooks.create(b.principal, {
      workspaceId: b.workspace.id,
      url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/retry`,
      events: ['lead.suppressed'],
    });
    expect('endpoint' in made).toBe(true);
    const ids = await app.api.platform.database.pool.connect().then(async (client) => {
      try {
        return await app.api.services.outboundWebhooks.enqueue(client, {
          workspaceIds: [b.workspace.id],
          event: 'lead.suppressed',
          eventId: 'evt_retry_test',
          data: { leadId: 'x' },
        });
      } finally {
        client.release();
      }
    });
    expect(ids).toHaveLength(1);
    failNext = 1;
    await expect(app.api.services.outboundWebhooks.deliver(ids[0]!, 0)).rejects.toThrow(/500/);
    expect(await app.api.services.outboundWebhooks.deliver(ids[0]!, 1)).toBe('delivered');
    expect(await app.api.services.outboundWebhooks.deliver(ids[0]!, 2)).toBe('skipped');
    expect(await app.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: ids[0]! } })).toMatchObject({
      status: 'DELIVERED',
      attempts: 2,
      lastStatusCode: 200,
    });

    const gone = await app.api.platform.database.pool.connect().then(async (client) => {
      try {
        return await app.api.services.outboundWebhooks.enqueue(client, {
          workspaceIds: [b.workspace.id],
          event: 'lead.suppressed',
          eventId: 'evt_retry_last',
          data: {},
        });
      } finally {
        client.release();
      }
    });
    failNext = 1;
    expect(await app.api.services.outboundWebhooks.deliver(gone[0]!, 7)).toBe('failed');
    expect((await app.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: gone[0]! } })).status).toBe('FAILED');
  });
});
