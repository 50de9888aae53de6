// Commissions, holdback, clawbacks, statements and payouts in local mode (sandbox provider), through
// the services and the GraphQL API, against a real database; the ledger is checked after every test.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { errorCodes, startTestApp, waitForMail, type TestApp } from '../../../test/app.js';
import { buildLead, buildPartnerOrg, buildSignedIn } from '../../../test/factories.js';
import { expectLedgerSound } from '../../../test/money.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());
afterEach(() => expectLedgerSound(app));

const DAY = 86_400_000;

async function partner(options: { passRate?: string; uploaded?: number } = {}) {
  const owner = await buildSignedIn(app);
  const member = await buildSignedIn(app);
  const org = await buildPartnerOrg(app, {
    members: [
      { userId: owner.user.id, role: 'OWNER' },
      { userId: member.user.id, role: 'MEMBER' },
    ],
  });
  await app.prisma.partnerOrg.update({
    where: { id: org.id },
    data: { verificationPassRate: options.passRate ?? null, leadsUploadedTotal: options.uploaded ?? 0 },
  });
  return { owner, member, org, gid: toGlobalId('PartnerOrg', org.id) };
}

async function connectSandboxAccount(p: Awaited<ReturnType<typeof partner>>) {
  const onboard = await app.http(
    `mutation($id: ID!) { payoutAccountOnboard(partnerOrgId: $id) { url userErrors { code } } }`,
    { id: p.gid },
    { token: p.owner.token },
  );
  const url = (onboard.body.data as { payoutAccountOnboard: { url: string } }).payoutAccountOnboard.url;
  expect(url).toMatch(/\/partner\/sandbox\/connect\/acct_sbx_/);
  const accountId = decodeURIComponent(url.split('/connect/')[1]!.split('?')[0]!);
  const done = await app.http(
    `mutation($a: String!) { sandboxConnectComplete(accountId: $a) { url userErrors { code } } }`,
    { a: accountId },
    { token: p.owner.token },
  );
  expect((done.body.data as { sandboxConnectComplete: { userErrors: unknown[] } }).sandboxConnectComplete.userErrors).toEqual([]);
  return accountId;
}

const SUMMARY = `query($id: ID!) { partnerOrg(id: $id) { earnings { pending available inTransit paid } payoutAccount { status payoutsEnabled } } }`;
async function summary(p: Awaited<ReturnType<typeof partner>>) {
  const result = await app.http(SUMMARY, { id: p.gid }, { token: p.member.token });
  return (result.body.data as { partnerOrg: { earnings: Record<string, string>; payoutAccount: { status: string } | null } }).partnerOrg;
}

describe('commissions on lead sales (seed 000 §8.1)', () => {
  it('records the exact commission with bonuses as pending, once per sale', async () => {
    const p = await partner({ passRate: '96.5', uploaded: 12_000 });
    const soldAt = new Date();
    const lead = await buildLead(app, { partnerOrgId: p.org.id, uploadedAt: new Date(soldAt.getTime() - 3 * DAY), listPrice: '2.4000' });
    const earning = await app.api.services.earnings.recordLeadSale({
      saleRef: `sale:${lead.id}`,
      leadId: lead.id,
      salePrice: '2.4000',
      soldAt,
    });
    // 30 % + fresh 10 % + verification 5 % + volume 5 % = 50 % (the cap).
    expect(earning).toMatchObject({
      rate: '0.5000',
      amount: '1.2000',
      bonuses: ['fresh_sale', 'high_verification', 'volume'],
      status: 'PENDING',
    });
    expect(
      await app.api.services.earnings.recordLeadSale({ saleRef: `sale:${lead.id}`, leadId: lead.id, salePrice: '2.4000', soldAt }),
    ).toBeNull();
    expect(await summary(p)).toMatchObject({ earnings: { pending: '1.2000', available: '0.0000', paid: '0.0000' } });
  });

  it("the platform's own leads earn no commission", async () => {
    const lead = await buildLead(app, { partnerOrgId: null });
    expect(
      await app.api.services.earnings.recordLeadSale({
        saleRef: `sale:${lead.id}`,
        leadId: lead.id,
        salePrice: '1.0000',
        soldAt: new Date(),
      }),
    ).toBeNull();
  });

  it('releases to available after the 14-day holdback, not before', async () => {
    const p = await partner();
    const soldAt = new Date(Date.now() - 20 * DAY);
    const lead = await buildLead(app, { partnerOrgId: p.org.id, uploadedAt: new Date(soldAt.getTime() - 30 * DAY) });
    await app.api.services.earnings.recordLeadSale({ saleRef: `sale:${lead.id}`, leadId: lead.id, salePrice: '10.0000', soldAt });
    await app.api.services.earnings.releaseDue(new Date(soldAt.getTime() + 13 * DAY));
    expect((await summary(p)).earnings).toMatchObject({ pending: '3.0000', available: '0.0000' });
    await app.api.services.earnings.releaseDue();
    expect((await summary(p)).earnings).toMatchObject({ pending: '0.0000', available: '3.0000' });
    const byStatus = async (status: string) => {
      const result = await app.http(
        `query($id: ID!, $status: EarningStatus) { partnerEarnings(partnerOrgId: $id, status: $status) { totalCount nodes { amount status } } }`,
        { id: p.gid, status },
        { token: p.member.token },
      );
      return (result.body.data as { partnerEarnings: unknown }).partnerEarnings;
    };
    expect(await byStatus('AVAILABLE')).toEqual({ totalCount: 1, nodes: [{ amount: '3.0000', status: 'AVAILABLE' }] });
    expect(await byStatus('PENDING')).toEqual({ totalCount: 0, nodes: [] });
  });

  it('a reversal inside the holdback cancels the pending amount', async () => {
    const p = await partner();
    const lead = await buildLead(app, { partnerOrgId: p.org.id, uploadedAt: new Date(Date.now() - 30 * DAY) });
    await app.api.services.earnings.recordLeadSale({
      saleRef: `sale:${lead.id}`,
      leadId: lead.id,
      salePrice: '10.0000',
      soldAt: new Date(),
    });
    const pool = app.api.platform.database.pool;
    expect(await app.api.services.earnings.reverse(`sale:${lead.id}`, 'bounced email', pool)).toBe('reversed');
    expect(await app.api.services.earnings.reverse(`sale:${lead.id}`, 'bounced email', pool)).toBe('already');
    expect((await summary(p)).earnings).toMatchObject({ pending: '0.0000', available: '0.0000' });
  });

  it('a clawback after the holdback (and after payout) takes available below zero; later earnings recover it', async () => {
    const p = await partner();
    await connectSandboxAccount(p);
    const old = new Date(Date.now() - 20 * DAY);
    const bigLead = await buildLead(app, { partnerOrgId: p.org.id, uploadedAt: new Date(old.getTime() - 30 * DAY) });
    await app.api.services.earnings.recordLeadSale({
      saleRef: `sale:${bigLead.id}`,
      leadId: bigLead.id,
      salePrice: '200.0000',
      soldAt: old,
    });
    const request = await app.http(
      `mutation($input: PayoutRequestInput!) { payoutRequest(input: $input) { payout { id amount status } userErrors { code message } } }`,
      { input: { partnerOrgId: p.gid } },
      { token: p.owner.token },
    );
    const payout = (request.body.data as { payoutRequest: { payout: { id: string; amount: string } } }).payoutRequest.payout;
    expect(payout.amount).toBe('60.0000');
    const payoutId = payout.id;
    // The request queued the transfer job; running it here as well is safe (the payout is sent once).
    expect(await app.api.services.payouts.execute(fromGlobalId(payoutId, 'Payout'))).toBe('PAID');
    await waitForMail(app, p.owner.user.email, 'payout of $60.00');
    expect((await summary(p)).earnings).toMatchObject({ available: '0.0000', paid: '60.0000', inTransit: '0.0000' });

    await app.api.services.earnings.reverse(`sale:${bigLead.id}`, 'chargeback', app.api.platform.database.pool);
    expect((await summary(p)).earnings).toMatchObject({ available: '-60.0000', paid: '60.0000' });

    const nextLead = await buildLead(app, { partnerOrgId: p.org.id, uploadedAt: new Date(old.getTime() - 30 * DAY) });
    await app.api.services.earnings.recordLeadSale({
      saleRef: `sale:${nextLead.id}`,
      leadId: nextLead.id,
      salePrice: '300.0000',
      soldAt: old,
    });
    await app.api.services.earnings.releaseDue();
    expect((await summary(p)).earnings).toMatchObject({ available: '30.0000' });
  });
});

describe('payouts', () => {
  const REQUEST = `mutation($input: PayoutRequestInput!) { payoutRequest(input: $input) { payout { amount status } userErrors { code } } }`;

  it('refuses a payout without a connected account, below the minimum, or by a member', async () => {
    const p = await partner();
    const noAccount = await app.http(REQUEST, { input: { partnerOrgId: p.gid } }, { token: p.owner.token });
    expect(noAccount.body.data).toEqual({ payoutRequest: { payout: null, userErrors: [{ code: 'PAYOUT_ACCOUNT_MISSING' }] } });
    await connectSandboxAccount(p);
    expect((await summary(p)).payoutAccount).toMatchObject({ status: 'ACTIVE', payoutsEnabled: true });
    const belowMinimum = await app.http(REQUEST, { input: { partnerOrgId: p.gid } }, { token: p.owner.token });
    expect(belowMinimum.body.data).toEqual({ payoutRequest: { payout: null, userErrors: [{ code: 'BELOW_MINIMUM' }] } });
    const member = await app.http(REQUEST, { input: { partnerOrgId: p.gid } }, { token: p.member.token });
    expect(member.body.data).toEqual({ payoutRequest: { payout: null, userErrors: [{ code: 'NOT_ALLOWED' }] } });
    const stranger = await buildSignedIn(app);
    expect(errorCodes((await app.http(SUMMARY, { id: p.gid }, { token: stranger.token })).body)).toEqual(['NOT_FOUND']);
  });

  it('the weekly run pays each eligible partner once, skips the ones without an account, and a rerun pays nobody twice', async () => {
    const ready = await partner();
    await connectSandboxAccount(ready);
    const unconnected = await partner();
    const old = new Date(Date.now() - 20 * DAY);
    for (const p of [ready, unconnected]) {
      const lead = await buildLead(app, { partnerOrgId: p.org.id, uploadedAt: new Date(old.getTime() - 30 * DAY) });
      await app.api.services.earnings.recordLeadSale({ saleRef: `sale:${lead.id}`, leadId: lead.id, salePrice: '250.0000', soldAt: old });
    }
    const at = new Date('2030-01-07T02:00:00Z');
    const run = await app.api.services.payouts.runStream('LEAD_SALES', { trigger: 'SCHEDULE', at });
    const summaryOf = run.summary as { paid: number; skipped: { partnerOrgId: string; reason: string }[] };
    expect(summaryOf.skipped).toContainEqual({
      partnerOrgId: unconnected.org.id,
      partnerOrgName: unconnected.org.name,
      reason: 'PAYOUT_ACCOUNT_MISSING',
    });
    expect((await summary(ready)).earnings).toMatchObject({ paid: '75.0000', available: '0.0000' });
    const rerun = await app.api.services.payouts.runStream('LEAD_SALES', { trigger: 'SCHEDULE', at });
    expect(rerun.id).toBe(run.id);
    expect((await summary(ready)).earnings).toMatchObject({ paid: '75.0000' });
    const payouts = await app.prisma.payout.findMany({ where: { partnerOrgId: ready.org.id } });
    expect(payouts).toHaveLength(1);
    const transfers = await app.prisma.sandboxObject.count({
      where: { type: 'transfer', data: { path: ['destination'], equals: payouts[0]!.destination } },
    });
    expect(transfers).toBe(1);
  });

  it('statements list earnings, reversals and payouts as CSV and JSON', async () => {
    const p = await partner();
    const soldAt = new Date('2026-10-10T12:00:00Z');
    const lead = await buildLead(app, {
      partnerOrgId: p.org.id,
      uploadedAt: new Date('2026-09-01T00:00:00Z'),
      companyName: 'Quote, "Inc"',
    });
    await app.api.services.earnings.recordLeadSale({ saleRef: `sale:${lead.id}`, leadId: lead.id, salePrice: '4.0000', soldAt });
    const lead2 = await buildLead(app, { partnerOrgId: p.org.id, uploadedAt: new Date('2026-09-01T00:00:00Z') });
    await app.api.services.earnings.recordLeadSale({ saleRef: `sale:${lead2.id}`, leadId: lead2.id, salePrice: '2.0000', soldAt });
    await app.api.services.earnings.reverse(`sale:${lead2.id}`, 'bad lead', app.api.platform.database.pool);
    const STATEMENT = `query($id: ID!, $from: DateTime!, $to: DateTime!, $format: StatementFormat!) {
      partnerStatement(partnerOrgId: $id, from: $from, to: $to, format: $format) { filename contentType content } }`;
    const vars = { id: p.gid, from: '2026-10-01T00:00:00Z', to: '2026-11-01T00:00:00Z' };
    const json = await app.http(STATEMENT, { ...vars, format: 'JSON' }, { token: p.member.token });
    const file = (json.body.data as { partnerStatement: { filename: string; content: string } }).partnerStatement;
    expect(file.filename).toBe('hotlead-statement-2026-10-01_2026-11-01.json');
    const parsed = JSON.parse(file.content) as { totals: Record<string, string>; earnings: { amount: string; status: string }[] };
    expect(parsed.totals).toEqual({ earned: '1.2000', reversed: '0.6000', paidOut: '0.0000' });
    expect(parsed.earnings.map((e) => [e.amount, e.status])).toEqual(
      expect.arrayContaining([
        ['1.2000', 'PENDING'],
        ['0.6000', 'REVERSED'],
      ]),
    );
    const csv = await app.http(STATEMENT, { ...vars, format: 'CSV' }, { token: p.member.token });
    const lines = (csv.body.data as { partnerStatement: { content: string } }).partnerStatement.content.trim().split('\n');
    expect(lines[0]).toBe('record,date,type,description,sale_amount,rate,bonuses,amount,status');
    expect(lines).toContain(
      'earning,2026-10-10T12:00:00.000Z,LEAD_SALE,"Commission on a lead sale (Quote, ""Inc"")",4.0000,0.3000,,1.2000,PENDING',
    );
    expect(lines.slice(-3)).toEqual(['total,,,earned,,,,1.2000,', 'total,,,reversed,,,,-0.6000,', 'total,,,paid out,,,,0.0000,']);
    const tooLong = await app.http(STATEMENT, { ...vars, from: '2024-01-01T00:00:00Z', format: 'CSV' }, { token: p.member.token });
    expect(errorCodes(tooLong.body)).toEqual(['BAD_USER_INPUT']);
  });
});
