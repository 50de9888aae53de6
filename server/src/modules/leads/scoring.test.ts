// The inventory's scores after import: verification (status, price, delisting, budget), the daily
// re-verification and re-scoring in bulk SQL (checked against packages/domain over every input),
// and fuzzy duplicate flags with the admin's review.
import { freshnessScore, listPrice, type EmailVerification } from '@hotlead/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';
import { buildUploader, csvFile, csvRows, importCsv, postUpload, startImport } from '../../../test/uploads.js';
import { VerificationService } from './verification.service.js';
import type { EmailVerifier } from './verification/verifier.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ UPLOAD_MIN_ROWS: '1' });
});
afterAll(() => app.stop());

const sql = () => app.api.platform.database.pool;

describe('SQL scoring mirrors packages/domain', () => {
  it('lead_freshness equals freshnessScore for every age from 0 to 400 days', async () => {
    const { rows } = await sql().query<{ d: number; f: number }>(`SELECT d, lead_freshness(d) AS f FROM generate_series(-3, 400) AS d`);
    for (const { d, f } of rows) expect(f, `day ${d}`).toBe(freshnessScore(d));
  });

  it('lead_list_price equals listPrice over every combination of its inputs', async () => {
    const cases: [number, number, boolean, EmailVerification, string | null][] = [];
    for (const intent of [1, 33, 34, 66, 67, 100])
      for (const fresh of [5, 29, 30, 79, 80, 100])
        for (const phone of [false, true])
          for (const v of ['PENDING', 'VALID', 'INVALID', 'CATCH_ALL', 'RISKY', 'UNKNOWN'] as const)
            for (const min of [null, '0.1', '0.5']) cases.push([intent, fresh, phone, v, min]);
    const { rows } = await sql().query<{ p: string }>(
      `SELECT lead_list_price(i, f, p, v::"VerificationStatus", m)::text AS p
         FROM unnest($1::int[], $2::int[], $3::bool[], $4::text[], $5::numeric[]) WITH ORDINALITY AS t(i, f, p, v, m, n) ORDER BY n`,
      [cases.map((c) => c[0]), cases.map((c) => c[1]), cases.map((c) => c[2]), cases.map((c) => c[3]), cases.map((c) => c[4])],
    );
    rows.forEach(({ p }, n) => {
      const [intentScore, freshness, hasPhone, verification, minimumPrice] = cases[n]!;
      const expected = listPrice({ intentScore, freshnessScore: freshness, hasPhone, verification, minimumPrice });
      expect(Number(p), JSON.stringify(cases[n])).toBe(Number(expected));
    });
  });
});

describe('verification', () => {
  it('verifies an upload after its import: statuses, verified count, price, invalid addresses delisted', async () => {
    const p = await buildUploader(app);
    const rows = [
      ...csvRows(6, 'ver'),
      'Role,Account,sales@ver-corp.com,,CEO,Ver Corp,,10,US,Austin',
      'Throw,Away,someone@mailinator.com,,CEO,Mailinator Person,,10,US,Austin',
    ];
    const { id } = await importCsv(app, p, csvFile(rows));
    const done = await eventually(async () => {
      const u = await app.prisma.leadUpload.findUniqueOrThrow({ where: { id } });
      return u.verified === 8 ? u : null;
    });
    expect(done.verified).toBe(8);
    const leads = await app.prisma.lead.findMany({ where: { uploadId: id }, orderBy: { uploadRow: 'asc' } });
    expect(leads.slice(0, 6).every((l) => l.verificationStatus === 'VALID' && l.verifiedAt)).toBe(true);
    expect(leads[6]).toMatchObject({ verificationStatus: 'RISKY', status: 'LISTED' });
    expect(leads[7]).toMatchObject({ verificationStatus: 'INVALID', status: 'DELISTED' });
    // VALID adds $0.02 to the price set at import (seed 000 §5.3).
    const l = leads[0]!;
    expect(l.listPrice.toString()).toBe(
      listPrice({ intentScore: l.intentScore, freshnessScore: l.freshnessScore, hasPhone: true, verification: 'VALID' }).replace(
        /\.?0+$/,
        '',
      ),
    );
  });

  it('a paid provider stops at the daily budget and the rest waits', async () => {
    // No in-process worker: only the paid verifier below touches these leads.
    const capped = await startTestApp({ UPLOAD_MIN_ROWS: '1', VERIFICATION_DAILY_CAP: '250', IN_PROCESS_WORKER: 'false' });
    try {
      const p = await buildUploader(capped);
      const posted = await postUpload(capped, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(400, 'budget')));
      await startImport(capped, p.owner.token, posted.body.upload!.id);
      const id = Buffer.from(posted.body.upload!.id, 'base64url').toString().split(':')[1]!;
      await capped.api.services.imports.run(id);
      let calls = 0;
      const paid: EmailVerifier = {
        name: 'millionverifier',
        batchSize: 100,
        paid: true,
        verify: (emails) => {
          calls += 1;
          return Promise.resolve(emails.map(() => ({ status: 'CATCH_ALL' as const, reason: 'catch_all' })));
        },
      };
      const service = new VerificationService(capped.api.platform, paid, capped.api.services.uploads, capped.api.services.quality);
      const run = await service.verifyUpload(id);
      expect(run).toMatchObject({ verified: 200, budgetExhausted: true });
      expect(calls).toBe(2);
      expect(await service.usedToday()).toBe(200);
      expect(await capped.prisma.lead.count({ where: { uploadId: id, verificationStatus: 'PENDING' } })).toBe(200);
      // Catch-all is priced × 0.85 (seed 000 Decision 4).
      const lead = await capped.prisma.lead.findFirstOrThrow({ where: { uploadId: id, verificationStatus: 'CATCH_ALL' } });
      expect(lead.listPrice.toString()).toBe(
        listPrice({
          intentScore: lead.intentScore,
          freshnessScore: lead.freshnessScore,
          hasPhone: true,
          verification: 'CATCH_ALL',
        }).replace(/\.?0+$/, ''),
      );
    } finally {
      await capped.stop();
    }
  });

  it('re-verifies unsold leads last checked 60+ days ago and delists those that turned invalid', async () => {
    const p = await buildUploader(app);
    const { id } = await importCsv(app, p, csvFile(csvRows(3, 'stale')));
    await eventually(async () => ((await app.prisma.leadUpload.findUniqueOrThrow({ where: { id } })).verified === 3 ? true : null));
    const old = new Date(Date.now() - 61 * 86_400_000);
    await app.prisma.lead.updateMany({ where: { uploadId: id }, data: { verifiedAt: old } });
    const sold = await app.prisma.lead.findFirstOrThrow({ where: { uploadId: id, uploadRow: 2 } });
    await app.prisma.lead.update({ where: { id: sold.id }, data: { soldCount: 1 } });
    const turnsInvalid: EmailVerifier = {
      name: 'local',
      batchSize: 1000,
      paid: false,
      verify: (emails) => Promise.resolve(emails.map(() => ({ status: 'INVALID' as const, reason: 'mailbox_not_found' }))),
    };
    const service = new VerificationService(app.api.platform, turnsInvalid, app.api.services.uploads, app.api.services.quality);
    const run = await service.reverifyStale();
    expect(run.delisted).toBeGreaterThanOrEqual(2);
    const after = await app.prisma.lead.findMany({ where: { uploadId: id }, orderBy: { uploadRow: 'asc' } });
    expect(after[0]).toMatchObject({ status: 'LISTED', soldCount: 1 }); // sold: not re-verified
    expect(after.slice(1).every((l) => l.status === 'DELISTED' && l.verificationStatus === 'INVALID')).toBe(true);
  });
});

describe('daily re-scoring', () => {
  it('recomputes freshness and price from the lead age in bulk, never below the minimum price', async () => {
    const p = await buildUploader(app);
    const { id } = await importCsv(app, p, csvFile(csvRows(4, 'age')));
    await eventually(async () => ((await app.prisma.leadUpload.findUniqueOrThrow({ where: { id } })).verified === 4 ? true : null));
    const leads = await app.prisma.lead.findMany({ where: { uploadId: id }, orderBy: { uploadRow: 'asc' } });
    const ages = [0, 14, 45, 90];
    for (const [i, lead] of leads.entries()) {
      await app.prisma.lead.update({
        where: { id: lead.id },
        data: { collectedAt: new Date(Date.now() - ages[i]! * 86_400_000 - 3_600_000), minPrice: i === 3 ? '0.3' : null },
      });
    }
    const result = await app.api.services.inventory.rescore();
    expect(result.updated).toBeGreaterThanOrEqual(3);
    const after = await app.prisma.lead.findMany({ where: { uploadId: id }, orderBy: { uploadRow: 'asc' } });
    after.forEach((lead, i) => {
      expect(lead.freshnessScore).toBe(freshnessScore(ages[i]!));
      const expected = listPrice({
        intentScore: lead.intentScore,
        freshnessScore: freshnessScore(ages[i]!),
        hasPhone: true,
        verification: lead.verificationStatus,
        minimumPrice: i === 3 ? '0.3' : null,
      });
      expect(Number(lead.listPrice)).toBe(Number(expected));
    });
    expect(Number(after[3]!.listPrice)).toBe(0.3);
    expect((await app.api.services.inventory.rescore()).updated).toBe(0); // idempotent
  });
});

describe('fuzzy duplicates', () => {
  it('flags a near-identical name + company for review, and the admin merges or keeps both', async () => {
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const p = await buildUploader(app);
    await importCsv(app, p, csvFile(['Katherine,Johnson,katherine@langley-fuzzy.com,,Director,Langley Research Center,,500,US,Hampton']));
    const second = await importCsv(
      app,
      p,
      csvFile([
        'Katherine,Johnsen,k.johnson@langley-fuzzy.com,,Director of Research,Langley Research Center,langley-fuzzy.com,500,US,Hampton',
        'Dorothy,Vaughan,dorothy@other-fuzzy.com,,Manager,West Computing Unit,,50,US,Hampton',
      ]),
    );
    const flagged = await eventually(async () => {
      const u = await app.prisma.leadUpload.findUniqueOrThrow({ where: { id: second.id } });
      return u.probableDuplicates > 0 ? u : null;
    });
    expect(flagged.probableDuplicates).toBe(1);
    const LIST = `query($u: ID) { leadDuplicateFlags(uploadId: $u, status: OPEN) { totalCount nodes { id similarity lead { firstName lastName email } matchedLead { lastName email } } } }`;
    expect(errorCodes((await app.http(LIST, { u: second.gid }, { token: p.owner.token })).body)).toEqual(['FORBIDDEN']);
    const list = await app.http(LIST, { u: second.gid }, { token: admin.token });
    const flags = (
      list.body.data as {
        leadDuplicateFlags: { nodes: { id: string; similarity: number; lead: { lastName: string }; matchedLead: { lastName: string } }[] };
      }
    ).leadDuplicateFlags.nodes;
    expect(flags).toHaveLength(1);
    expect(flags[0]).toMatchObject({ lead: { lastName: 'Johnsen' }, matchedLead: { lastName: 'Johnson' } });
    expect(flags[0]!.similarity).toBeGreaterThanOrEqual(0.85);

    const RESOLVE = `mutation($input: LeadDuplicateResolveInput!) { leadDuplicateResolve(input: $input) { flag { status } userErrors { code } } }`;
    const merged = await app.http(RESOLVE, { input: { flagId: flags[0]!.id, action: 'MERGE' } }, { token: admin.token });
    expect((merged.body.data as { leadDuplicateResolve: { flag: { status: string } } }).leadDuplicateResolve.flag.status).toBe('MERGED');
    const kept = await app.prisma.lead.findFirstOrThrow({ where: { email: 'katherine@langley-fuzzy.com' } });
    expect(kept.companyDomain).toBe('langley-fuzzy.com'); // filled from the merged lead
    expect((await app.prisma.lead.findFirstOrThrow({ where: { email: 'k.johnson@langley-fuzzy.com' } })).status).toBe('ARCHIVED');
    const again = await app.http(RESOLVE, { input: { flagId: flags[0]!.id, action: 'DISMISS' } }, { token: admin.token });
    expect((again.body.data as { leadDuplicateResolve: { userErrors: { code: string }[] } }).leadDuplicateResolve.userErrors[0]!.code).toBe(
      'WRONG_STATE',
    );
  });
});
