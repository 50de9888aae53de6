// Partner uploads end to end against a real database and job queue: the multipart endpoint, the
// preview, the import job, dedup, the rejected-rows CSV, scoring, review gates, cancel and retry.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCodes, eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { buildLead, buildSignedIn } from '../../../test/factories.js';
import {
  buildUploader,
  csvFile,
  csvRows,
  HEADER,
  importCsv,
  postUpload,
  preview,
  startImport,
  waitForImport,
  type Uploader,
} from '../../../test/uploads.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp({ UPLOAD_MIN_ROWS: '3' });
});
afterAll(() => app.stop());

async function downloadRejected(uploadGid: string, token: string) {
  const response = await fetch(`${app.url}/uploads/leads/${uploadGid}/rejected.csv`, { headers: { authorization: `Bearer ${token}` } });
  return { status: response.status, text: await response.text() };
}

describe('upload transport', () => {
  it('stores a CSV and answers its header, encoding and delimiter', async () => {
    const p = await buildUploader(app);
    const posted = await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(5, 'tr')));
    expect(posted.status).toBe(201);
    expect(posted.body.upload).toMatchObject({ encoding: 'utf-8', delimiter: ',', headers: HEADER.split(',') });
  });

  it('refuses uploads without the CSRF header, without a session, and to another partner org', async () => {
    const p = await buildUploader(app);
    const other = await buildUploader(app);
    const body = csvFile(csvRows(5, 'csrf'));
    expect((await postUpload(app, { token: p.owner.token, orgGid: p.gid }, body, 'a.csv', {})).status).toBe(400);
    expect((await postUpload(app, { token: 'nope', orgGid: p.gid }, body)).status).toBe(401);
    const foreign = await postUpload(app, { token: other.owner.token, orgGid: p.gid }, body);
    expect(foreign.status).toBe(404);
    expect(await app.prisma.leadUpload.count({ where: { partnerOrgId: p.org.id } })).toBe(0);
  });

  it('refuses files over the size limit with 413 and keeps nothing', async () => {
    const small = await startTestApp({ UPLOAD_MAX_BYTES: '1000' });
    try {
      const p = await buildUploader(small);
      const posted = await postUpload(small, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(50, 'big')));
      expect(posted.status).toBe(413);
      expect(posted.body.error?.code).toBe('FILE_TOO_LARGE');
      expect(await small.prisma.leadUpload.count()).toBe(0);
    } finally {
      await small.stop();
    }
  });

  it('refuses a suspended partner', async () => {
    const p = await buildUploader(app);
    await app.prisma.partnerOrg.update({ where: { id: p.org.id }, data: { uploadsSuspended: true, uploadsSuspendedReason: 'test' } });
    const posted = await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(5, 'susp')));
    expect(posted.status).toBe(403);
    expect(posted.body.error?.code).toBe('UPLOADS_SUSPENDED');
  });
});

describe('mapping and preview', () => {
  it('maps synonyms automatically, previews normalized rows, and remembers a changed mapping', async () => {
    const p = await buildUploader(app);
    const content = csvFile(
      ['Ada,Lovelace,ADA@Analytical.io,(415) 555-2671,CTO,Analytical Engines,analytical.io,120,United States,Austin', ...csvRows(4, 'map')],
      'Given name,Surname,Work Email,Phone #,Position,Organisation,Domain,Headcount,Country,Town',
    );
    const posted = await postUpload(app, { token: p.owner.token, orgGid: p.gid }, content);
    const gid = posted.body.upload!.id;
    const first = await preview(app, p.owner.token, gid);
    expect(first.mapping).toEqual([
      'FIRST_NAME',
      'LAST_NAME',
      'EMAIL',
      'PHONE',
      'JOB_TITLE',
      'COMPANY_NAME',
      'COMPANY_WEBSITE',
      'COMPANY_EMPLOYEE_COUNT',
      'COUNTRY',
      'CITY',
    ]);
    expect(first.mappingProblems).toEqual([]);
    expect(first.rows[0]).toMatchObject({ row: 2, accepted: true, lead: { email: 'ada@analytical.io', phone: '+14155552671' } });

    // The partner ignores the city column; the next upload with the same header reuses that choice.
    const mapping = [...first.mapping];
    mapping[9] = null;
    expect((await startImport(app, p.owner.token, gid, { mapping })).userErrors).toEqual([]);
    const again = await postUpload(
      app,
      { token: p.owner.token, orgGid: p.gid },
      content.replaceAll('map', 'map2').replace('ADA@', 'ada2@'),
    );
    expect((await preview(app, p.owner.token, again.body.upload!.id)).mapping[9]).toBeNull();
  });

  it('refuses a start without email, without the lawful-basis confirmation, or with an absurd minimum price', async () => {
    const p = await buildUploader(app);
    const posted = await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(5, 'bad')));
    const gid = posted.body.upload!.id;
    const auto = (await preview(app, p.owner.token, gid)).mapping;
    const noEmail = auto.map((f) => (f === 'EMAIL' ? null : f));
    expect((await startImport(app, p.owner.token, gid, { mapping: noEmail })).userErrors[0]).toMatchObject({ code: 'INVALID_MAPPING' });
    expect((await startImport(app, p.owner.token, gid, { lawfulBasisConfirmed: false })).userErrors[0]).toMatchObject({
      code: 'CONFIRMATION_REQUIRED',
    });
    expect((await startImport(app, p.owner.token, gid, { minPrice: '-1' })).userErrors[0]).toMatchObject({ field: ['minPrice'] });
    expect((await startImport(app, p.owner.token, gid, { mapping: auto.slice(1) })).userErrors[0]).toMatchObject({
      code: 'INVALID_MAPPING',
    });
    expect((await app.prisma.leadUpload.findFirstOrThrow({ where: { partnerOrgId: p.org.id } })).status).toBe('UPLOADED');
  });
});

describe('import', () => {
  it('imports valid rows as scored, priced leads and rejects the rest with reasons', async () => {
    const p = await buildUploader(app);
    const rows = [
      ...csvRows(20, 'imp'),
      'Bad,Email,not-an-email,,CEO,Acme,,10,US,Austin',
      'No,Company,no.company@acme-imp.com,,CEO,,,10,US,Austin',
      'Short,Row,short@acme-imp.com',
      'Bad,Phone,bad.phone@acme-imp.com,12,CEO,Acme,,10,US,Austin',
    ];
    const { gid, id, upload } = await importCsv(app, p, csvFile(rows));
    expect(upload).toMatchObject({
      status: 'COMPLETED',
      rowsRead: 24,
      accepted: 20,
      rejected: 4,
      duplicates: 0,
      reviewStatus: 'NOT_REQUIRED',
    });
    const lead = await app.prisma.lead.findFirstOrThrow({ where: { uploadId: id, uploadRow: 2 } });
    expect(lead).toMatchObject({
      ownerKind: 'PARTNER',
      partnerOrgId: p.org.id,
      email: 'alex.imp.0@imp-corp.com',
      phone: expect.stringMatching(/^\+1\d{10}$/),
      seniority: 'VP',
      companyDomain: 'imp-corp.com',
      status: 'LISTED',
    });
    expect(lead.intentScore).toBeGreaterThan(1);
    expect(lead.freshnessScore).toBe(99); // seed 000 Decision 6: day 0 ≈ 100 (98.9 before rounding)
    expect(Number(lead.listPrice)).toBeGreaterThan(0);

    const csv = await downloadRejected(gid, p.owner.token);
    expect(csv.status).toBe(200);
    const lines = csv.text
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    expect(lines[0]).toBe(`${HEADER},row,reason_code,reason`);
    expect(lines.slice(1).map((l) => l.split(',').at(-2))).toEqual(['INVALID_EMAIL', 'MISSING_COMPANY', 'COLUMN_COUNT', 'INVALID_PHONE']);
    expect(lines[3]).toContain(',24,COLUMN_COUNT,The row has 3 fields but the header has 10 columns.');

    const stranger = await buildSignedIn(app);
    expect((await downloadRejected(gid, stranger.token)).status).toBe(404);
  });

  it('keeps to the minimum price the partner set', async () => {
    const p = await buildUploader(app);
    const posted = await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(5, 'minp')));
    expect((await startImport(app, p.owner.token, posted.body.upload!.id, { minPrice: '2.5' })).userErrors).toEqual([]);
    const id = Buffer.from(posted.body.upload!.id, 'base64url').toString().split(':')[1]!;
    await waitForImport(app, id);
    const prices = await app.prisma.lead.findMany({ where: { uploadId: id }, select: { listPrice: true, minPrice: true } });
    expect(prices.every((l) => l.listPrice.toString() === '2.5' && l.minPrice?.toString() === '2.5')).toBe(true);
  });

  it('counts duplicates in the file and against the inventory, and never re-attributes a platform lead', async () => {
    const p = await buildUploader(app);
    const platformLead = await buildLead(app);
    const platformEmail = (await app.prisma.lead.findUniqueOrThrow({ where: { id: platformLead.id } })).email!;
    const first = await importCsv(app, p, csvFile(csvRows(10, 'dup')));
    expect(first.upload.accepted).toBe(10);
    const rows = [
      ...csvRows(5, 'dup'), // already in the inventory (first upload)
      ...csvRows(5, 'dup2'),
      csvRows(1, 'dup2')[0]!, // repeated within this file
      `Plat,Form,${platformEmail.toUpperCase()},,CEO,Platform Co,,10,US,Austin`,
    ];
    const second = await importCsv(app, p, csvFile(rows));
    expect(second.upload).toMatchObject({ rowsRead: 12, accepted: 5, duplicates: 7, rejected: 0 });
    const platform = await app.prisma.lead.findUniqueOrThrow({ where: { id: platformLead.id } });
    expect(platform).toMatchObject({ ownerKind: 'PLATFORM', partnerOrgId: null });
    const codes = await app.prisma.leadUploadRejection.findMany({ where: { uploadId: second.id }, orderBy: { rowNumber: 'asc' } });
    expect(codes.map((c) => c.code)).toEqual([...Array(5).fill('DUPLICATE_IN_INVENTORY'), 'DUPLICATE_IN_FILE', 'DUPLICATE_IN_INVENTORY']);
    expect(codes.at(-1)!.message).toContain('Hotlead-owned');
  });

  it('two partners importing the same file at once: each lead exists once, attributed to one of them', async () => {
    const a = await buildUploader(app);
    const b = await buildUploader(app);
    const content = csvFile(csvRows(3_000, 'race'));
    const [ra, rb] = await Promise.all([importCsv(app, a, content), importCsv(app, b, content)]);
    expect(ra.upload.accepted + rb.upload.accepted).toBe(3_000);
    expect(ra.upload.duplicates + rb.upload.duplicates).toBe(3_000);
    expect(await app.prisma.lead.count({ where: { email: { endsWith: '@race-corp.com' } } })).toBe(3_000);
  });

  it('streams a live progress subscription to the uploading partner only', async () => {
    const p = await buildUploader(app);
    const stranger = await buildSignedIn(app);
    const posted = await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(30, 'sub')));
    const gid = posted.body.upload!.id;
    const SUB = `subscription($id: ID!) { leadUploadProgress(uploadId: $id) { status rowsRead accepted } }`;
    const { subscribe, parse } = await import('graphql');
    const { createContext } = await import('../../platform/graphql/context.js');
    const asUser = async (userId: string) => {
      const principal = { kind: 'user' as const, userId, sessionId: 'test', platformRole: null };
      return subscribe({
        schema: app.api.schema,
        document: parse(SUB),
        variableValues: { id: gid },
        contextValue: createContext(app.api.platform, app.api.services, principal),
      });
    };
    const denied = await asUser(stranger.user.id);
    expect(errorCodes(denied as { errors?: { extensions?: Record<string, unknown> }[] })).toEqual(['NOT_FOUND']);
    const stream = (await asUser(p.owner.user.id)) as AsyncGenerator<{ data?: { leadUploadProgress: { status: string } } }>;
    await startImport(app, p.owner.token, gid);
    const seen: string[] = [];
    for await (const event of stream) {
      seen.push(event.data!.leadUploadProgress.status);
      if (event.data!.leadUploadProgress.status === 'COMPLETED') break;
    }
    expect(seen.at(-1)).toBe('COMPLETED');
  });

  it('cancels a queued import and keeps none of its leads', async () => {
    const p = await buildUploader(app);
    const posted = await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(5_000, 'cancel')));
    const gid = posted.body.upload!.id;
    await startImport(app, p.owner.token, gid);
    const cancel = await app.http(
      `mutation($id: ID!) { leadImportCancel(input: { uploadId: $id }) { upload { status cancelRequested } userErrors { code } } }`,
      { id: gid },
      { token: p.owner.token },
    );
    expect(cancel.body.errors).toBeUndefined();
    const id = Buffer.from(gid, 'base64url').toString().split(':')[1]!;
    const ended = await waitForImport(app, id);
    expect(ended).toMatchObject({ status: 'CANCELED', accepted: 0, rowsRead: 0 });
    expect(await app.prisma.lead.count({ where: { uploadId: id } })).toBe(0);
  });
});

describe('quality gates', () => {
  async function completedWith(p: Uploader, rows: string[]) {
    return importCsv(app, p, csvFile(rows));
  }

  it("holds a partner's uploads for review after its first 100 leads until an admin approves one", async () => {
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const p = await buildUploader(app, { firstReviewDone: false });
    const first = await completedWith(p, csvRows(100, 'gate'));
    expect(first.upload.reviewStatus).toBe('NOT_REQUIRED');
    const second = await completedWith(p, csvRows(10, 'gate2'));
    expect(second.upload).toMatchObject({ reviewStatus: 'PENDING', reviewReasons: ['FIRST_100_LEADS'] });
    expect(await app.prisma.lead.count({ where: { uploadId: second.id, status: 'PENDING_REVIEW' } })).toBe(10);
    const gate = await app.prisma.auditLogEntry.findFirst({ where: { action: 'lead_upload.gate', targetId: second.id } });
    expect(gate?.details).toMatchObject({ review: true, reasons: ['FIRST_100_LEADS'] });

    const REVIEW = `mutation($input: LeadUploadReviewInput!) { leadUploadReview(input: $input) { upload { reviewStatus reviewNote } userErrors { code field } } }`;
    const notAdmin = await app.http(REVIEW, { input: { uploadId: second.gid, decision: 'APPROVE' } }, { token: p.owner.token });
    expect(errorCodes(notAdmin.body)).toEqual(['FORBIDDEN']);
    const noNote = await app.http(REVIEW, { input: { uploadId: second.gid, decision: 'REJECT' } }, { token: admin.token });
    expect((noNote.body.data as { leadUploadReview: { userErrors: { field: string[] }[] } }).leadUploadReview.userErrors[0]!.field).toEqual(
      ['note'],
    );
    const approved = await app.http(
      REVIEW,
      { input: { uploadId: second.gid, decision: 'APPROVE', note: 'Looks good' } },
      { token: admin.token },
    );
    expect((approved.body.data as { leadUploadReview: { upload: { reviewStatus: string } } }).leadUploadReview.upload.reviewStatus).toBe(
      'APPROVED',
    );
    expect(await app.prisma.lead.count({ where: { uploadId: second.id, status: 'LISTED' } })).toBe(10);

    const third = await completedWith(p, csvRows(5, 'gate3'));
    expect(third.upload.reviewStatus).toBe('NOT_REQUIRED');
  });

  it('a rejected upload loses its unsold leads', async () => {
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const p = await buildUploader(app, { firstReviewDone: false });
    await completedWith(p, csvRows(100, 'rej'));
    const second = await completedWith(p, csvRows(10, 'rej2'));
    const rejected = await app.http(
      `mutation($input: LeadUploadReviewInput!) { leadUploadReview(input: $input) { upload { reviewStatus reviewNote } userErrors { code } } }`,
      { input: { uploadId: second.gid, decision: 'REJECT', note: 'Scraped list' } },
      { token: admin.token },
    );
    expect((rejected.body.data as { leadUploadReview: { upload: { reviewNote: string } } }).leadUploadReview.upload.reviewNote).toBe(
      'Scraped list',
    );
    expect(await app.prisma.lead.count({ where: { uploadId: second.id } })).toBe(0);
  });

  it('suspends uploads when more than half of an upload is rejected, and an admin can lift it', async () => {
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const p = await buildUploader(app);
    const junk = Array.from({ length: 6 }, (_, i) => `Bad${i},Row,not-an-email-${i},,CEO,Acme,,10,US,Austin`);
    const result = await completedWith(p, [...csvRows(4, 'half'), ...junk]);
    expect(result.upload).toMatchObject({ rejected: 6, reviewStatus: 'PENDING', reviewReasons: ['UPLOAD_REJECTION_RATE'] });
    const org = await app.prisma.partnerOrg.findUniqueOrThrow({ where: { id: p.org.id } });
    expect(org.uploadsSuspended).toBe(true);
    expect(org.uploadsSuspendedReason).toContain('60%');
    expect(await app.prisma.auditLogEntry.count({ where: { action: 'partner.uploads_suspended', targetId: p.org.id } })).toBe(1);
    expect((await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(5, 'half2')))).status).toBe(403);

    const LIFT = `mutation($input: PartnerUploadsSuspendInput!) { partnerUploadsSuspend(input: $input) { supply { uploadsSuspended } userErrors { code field } } }`;
    const lifted = await app.http(LIFT, { input: { partnerOrgId: p.gid, suspended: false } }, { token: admin.token });
    expect(
      (lifted.body.data as { partnerUploadsSuspend: { supply: { uploadsSuspended: boolean } } }).partnerUploadsSuspend.supply
        .uploadsSuspended,
    ).toBe(false);
    expect((await postUpload(app, { token: p.owner.token, orgGid: p.gid }, csvFile(csvRows(5, 'half3')))).status).toBe(201);
    const noReason = await app.http(LIFT, { input: { partnerOrgId: p.gid, suspended: true } }, { token: admin.token });
    expect(
      (noReason.body.data as { partnerUploadsSuspend: { userErrors: { field: string[] }[] } }).partnerUploadsSuspend.userErrors[0]!.field,
    ).toEqual(['reason']);
  });

  it("shows the partner's supply: counts, rates, score and review reasons", async () => {
    const p = await buildUploader(app);
    await completedWith(p, [...csvRows(9, 'sup'), 'x,y,bad-email,,CEO,Acme,,10,US,Austin']);
    await eventually(async () =>
      (await app.prisma.leadUpload.findFirst({ where: { partnerOrgId: p.org.id, verified: 9 } })) ? true : null,
    );
    const result = await app.http(
      `query($id: ID!) { partnerOrg(id: $id) { supply { leadsUploaded leadsListed passRatePercent duplicateRatePercent acceptanceRatePercent score reviewReasons } } }`,
      { id: p.gid },
      { token: p.owner.token },
    );
    const supply = (result.body.data as { partnerOrg: { supply: Record<string, unknown> } }).partnerOrg.supply;
    expect(supply).toMatchObject({ leadsUploaded: 9, duplicateRatePercent: 0, acceptanceRatePercent: 90, reviewReasons: [] });
    expect(supply['passRatePercent']).toBe(100);
    expect(typeof supply['score']).toBe('number');
  });
});

describe('admin views', () => {
  it('lists uploads waiting for review and the inventory of an upload, for admins only', async () => {
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    const p = await buildUploader(app);
    const { gid } = await importCsv(app, p, csvFile(csvRows(5, 'adm')));
    const LIST = `query { leadUploads(first: 50) { totalCount nodes { id fileName status accepted durationMs partnerOrg { name } } } }`;
    expect(errorCodes((await app.http(LIST, {}, { token: p.owner.token })).body)).toEqual(['BAD_USER_INPUT']);
    const all = await app.http(LIST, {}, { token: admin.token });
    const nodes = (all.body.data as { leadUploads: { nodes: { id: string; durationMs: number | null }[] } }).leadUploads.nodes;
    expect(nodes.find((n) => n.id === gid)?.durationMs).toBeGreaterThanOrEqual(0);
    const INV = `query($u: ID!) { inventoryLeads(uploadId: $u, first: 10) { totalCount nodes { email intentScore freshnessScore verificationStatus listPrice } } }`;
    const inv = await app.http(INV, { u: gid }, { token: p.owner.token });
    expect((inv.body.data as { inventoryLeads: { totalCount: number } }).inventoryLeads.totalCount).toBe(5);
    const stranger = await buildSignedIn(app);
    expect(errorCodes((await app.http(INV, { u: gid }, { token: stranger.token })).body)).toEqual(['NOT_FOUND']);
  });
});
