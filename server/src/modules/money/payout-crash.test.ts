// The payout engine across a real crash: a separate process runs the weekly payout run and is killed
// with SIGKILL right after the provider (the sandbox, in our own database) made the transfer and before
// the bookkeeping. Rerunning the same run here books it without a second transfer.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { buildLead, buildPartnerOrg, buildSignedIn } from '../../../test/factories.js';
import { expectLedgerSound } from '../../../test/money.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());
afterEach(() => expectLedgerSound(app));

describe('payout run killed between the transfer and the bookkeeping', () => {
  it('pays exactly once after the rerun', async () => {
    const owner = await buildSignedIn(app);
    const org = await buildPartnerOrg(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
    const onboard = await app.http(
      `mutation($id: ID!) { payoutAccountOnboard(partnerOrgId: $id) { url } }`,
      { id: toGlobalId('PartnerOrg', org.id) },
      { token: owner.token },
    );
    const accountId = (onboard.body.data as { payoutAccountOnboard: { url: string } }).payoutAccountOnboard.url
      .split('/connect/')[1]!
      .split('?')[0]!;
    await app.http(`mutation($a: String!) { sandboxConnectComplete(accountId: $a) { url } }`, { a: accountId }, { token: owner.token });
    const soldAt = new Date(Date.now() - 20 * 86_400_000);
    const lead = await buildLead(app, { partnerOrgId: org.id, uploadedAt: new Date(soldAt.getTime() - 30 * 86_400_000) });
    await app.api.services.earnings.recordLeadSale({ saleRef: `sale:${lead.id}`, leadId: lead.id, salePrice: '400.0000', soldAt });
    const at = '2032-05-03T02:00:00.000Z';

    const child = spawn(process.execPath, ['--import', 'tsx', 'test/payout-crash-child.ts'], {
      cwd: path.resolve(import.meta.dirname, '../../..'),
      env: { ...process.env, DATABASE_URL: app.database.url, RUN_AT: at, LOG_LEVEL: 'silent', NODE_ENV: 'test' },
      stdio: 'ignore',
    });
    const signal = await new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, s) => resolve(s)));
    expect(signal).toBe('SIGKILL');

    const stuck = await app.prisma.payout.findFirstOrThrow({ where: { partnerOrgId: org.id } });
    expect(stuck).toMatchObject({ status: 'RESERVED', transferId: null, amount: expect.anything() });
    const transfers = () =>
      app.prisma.sandboxObject.findMany({ where: { type: 'transfer', data: { path: ['transfer_group'], equals: `payout:${stuck.id}` } } });
    expect(await transfers()).toHaveLength(1);
    expect(await app.api.services.earnings.summary(org.id)).toMatchObject({ available: '0.0000', inTransit: '120.0000', paid: '0.0000' });

    await app.api.services.payouts.runStream('LEAD_SALES', { trigger: 'SCHEDULE', at: new Date(at) });
    await app.api.services.payouts.runStream('LEAD_SALES', { trigger: 'ADMIN', at: new Date(at) });
    expect(await transfers()).toHaveLength(1);
    const paid = await app.prisma.payout.findFirstOrThrow({ where: { partnerOrgId: org.id } });
    expect(paid).toMatchObject({ status: 'PAID', transferId: (await transfers())[0]!.id });
    expect(await app.api.services.earnings.summary(org.id)).toMatchObject({ available: '0.0000', inTransit: '0.0000', paid: '120.0000' });
  });
});
