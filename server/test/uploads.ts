// Lead upload helpers for tests: a partner with members, CSV generation, the multipart upload over
// real HTTP, starting an import through GraphQL and waiting for the job to finish it.
import { expect } from 'vitest';
import { toGlobalId } from '../src/platform/graphql/ids.js';
import { eventually, type TestApp } from './app.js';
import { buildPartnerOrg, buildSignedIn } from './factories.js';

export async function testIndustry(app: TestApp): Promise<string> {
  const { rows } = await app.api.platform.database.pool.query<{ id: string }>(
    `INSERT INTO industries (slug, name, sic_codes) VALUES ('test-industry', 'Test industry', '{}')
     ON CONFLICT (slug) DO UPDATE SET slug = EXCLUDED.slug RETURNING id`,
  );
  return rows[0]!.id;
}

export async function buildUploader(app: TestApp, options: { firstReviewDone?: boolean } = {}) {
  const owner = await buildSignedIn(app);
  const org = await buildPartnerOrg(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
  if (options.firstReviewDone !== false) {
    await app.prisma.partnerOrg.update({ where: { id: org.id }, data: { firstReviewDoneAt: new Date() } });
  }
  return { owner, org, gid: toGlobalId('PartnerOrg', org.id) };
}
export type Uploader = Awaited<ReturnType<typeof buildUploader>>;

export const HEADER = 'First Name,Last Name,E-mail,Phone #,Job Title,Company,Website,Employees,Country,City';

const AREA_CODES = [201, 206, 212, 213, 303, 305, 310, 312, 404, 408, 415, 512, 617, 646, 702, 713, 718, 805, 818, 917];

/** A valid US phone number, distinct for every (prefix, i) with i below 7,000,000. */
function phoneOf(prefix: string, i: number): string {
  let hash = 0;
  for (const c of prefix) hash = (hash * 31 + c.charCodeAt(0)) >>> 0;
  const area = AREA_CODES[hash % AREA_CODES.length]!;
  const exchange = 200 + ((Math.floor(hash / 20) + Math.floor(i / 10_000)) % 700);
  return `+1 ${area} ${exchange} ${String(i % 10_000).padStart(4, '0')}`;
}

/** `count` realistic, valid, distinct rows (unique per `prefix`). */
export function csvRows(count: number, prefix: string, start = 0): string[] {
  const rows: string[] = [];
  for (let i = start; i < start + count; i++) {
    rows.push(
      `Alex${i},Rivera${prefix},alex.${prefix}.${i}@${prefix}-corp.com,${phoneOf(prefix, i)},VP Sales,${prefix} Corp ${i},https://www.${prefix}-corp.com,${
        50 + (i % 900)
      },US,Austin`,
    );
  }
  return rows;
}

export function csvFile(rows: string[], header = HEADER, eol = '\n'): string {
  return [header, ...rows].join(eol) + eol;
}

export interface UploadResponse {
  status: number;
  body: { upload?: { id: string; headers: string[]; encoding: string; delimiter: string }; error?: { code: string; message: string } };
}

export async function postUpload(
  app: TestApp,
  uploader: { token: string; orgGid: string },
  content: string | Uint8Array,
  fileName = 'leads.csv',
  headers: Record<string, string> = { 'x-hotlead-upload': '1' },
): Promise<UploadResponse> {
  const form = new FormData();
  form.append('file', new Blob([content]), fileName);
  const response = await fetch(`${app.url}/uploads/leads?partnerOrgId=${encodeURIComponent(uploader.orgGid)}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${uploader.token}`, ...headers },
    body: form,
  });
  return { status: response.status, body: (await response.json()) as UploadResponse['body'] };
}

const PREVIEW = `query($id: ID!) { leadUploadPreview(uploadId: $id) { headers mapping mappingProblems rows { row accepted rejectCode message lead { email phone } } } }`;
const START = `mutation($input: LeadImportStartInput!) { leadImportStart(input: $input) { upload { id status reviewStatus reviewReasons } userErrors { code message field } } }`;

export async function preview(app: TestApp, token: string, uploadGid: string) {
  const result = await app.http(PREVIEW, { id: uploadGid }, { token });
  expect(result.body.errors).toBeUndefined();
  return (
    result.body.data as {
      leadUploadPreview: {
        headers: string[];
        mapping: (string | null)[];
        mappingProblems: string[];
        rows: {
          row: number;
          accepted: boolean;
          rejectCode: string | null;
          message: string | null;
          lead: { email: string; phone: string | null } | null;
        }[];
      };
    }
  ).leadUploadPreview;
}

export async function startImport(
  app: TestApp,
  token: string,
  uploadGid: string,
  input: Partial<{ mapping: (string | null)[]; minPrice: string | null; defaultCountry: string; lawfulBasisConfirmed: boolean }> = {},
) {
  const mapping = input.mapping ?? (await preview(app, token, uploadGid)).mapping;
  const industryId = toGlobalId('Industry', await testIndustry(app));
  const result = await app.http(
    START,
    { input: { uploadId: uploadGid, mapping, industryId, lawfulBasisConfirmed: true, ...input, ...(input.mapping ? {} : { mapping }) } },
    { token },
  );
  expect(result.body.errors).toBeUndefined();
  return (
    result.body.data as {
      leadImportStart: {
        upload: { id: string; status: string; reviewStatus: string; reviewReasons: string[] } | null;
        userErrors: { code: string; message: string; field: string[] | null }[];
      };
    }
  ).leadImportStart;
}

export async function waitForImport(app: TestApp, uploadId: string, statuses = ['COMPLETED', 'FAILED', 'CANCELED'], timeoutMs = 60_000) {
  return eventually(
    async () => {
      const u = await app.prisma.leadUpload.findUnique({ where: { id: uploadId } });
      return u && statuses.includes(u.status) ? u : null;
    },
    timeoutMs,
    `upload ${uploadId} to reach ${statuses.join('/')}`,
  );
}

/** Upload, start with the automatic mapping, wait for the end: the whole partner flow. */
export async function importCsv(app: TestApp, uploader: Uploader, content: string | Uint8Array, fileName = 'leads.csv') {
  const posted = await postUpload(app, { token: uploader.owner.token, orgGid: uploader.gid }, content, fileName);
  expect(posted.status, JSON.stringify(posted.body)).toBe(201);
  const gid = posted.body.upload!.id;
  const started = await startImport(app, uploader.owner.token, gid);
  expect(started.userErrors).toEqual([]);
  const rawId = Buffer.from(gid, 'base64url').toString('utf8').split(':')[1]!;
  return { gid, id: rawId, upload: await waitForImport(app, rawId) };
}
