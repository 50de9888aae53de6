// Lead import benchmarks (issue 4), on the bench's embedded PostgreSQL in a fresh database:
//   a. A generated 1,000,000-row CSV (realistic values, 5 % invalid rows, 5 % duplicates of earlier
//      rows) imported end to end (parse, validate, normalize, dedup, score, price, insert) by the real
//      import job in a process of its own, whose peak RSS is reported; vs a raw `COPY ... FROM STDIN`
//      of the same file into an unindexed all-text staging table, in the same run.
//   b. A 10,000-row upload through the running API (HTTP upload, GraphQL start, the in-process job):
//      seconds from the start mutation until all 10,000 leads are listed in the inventory.
import { spawn } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { startApi } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { embeddedPort, embeddedUrl } from '../src/platform/db/embedded.js';
import { migrateDeploy } from '../src/platform/db/migrate.js';
import { resolveDatabase, withDatabase } from '../src/platform/db/resolve.js';
import { toGlobalId } from '../src/platform/graphql/ids.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { repoRoot } from '../src/platform/paths.js';
import { recreateDatabase, round } from './util.js';

export const BENCH_IMPORT_DATABASE = 'hotlead_bench_import';
export const IMPORT_ROWS = 1_000_000;
export const VISIBLE_ROWS = 10_000;
const GENERATOR_VERSION = 1;

export interface ImportBenchResult {
  rows: number;
  fileMb: number;
  copy: { seconds: number; rowsPerSecond: number };
  import: {
    seconds: number;
    rowsPerSecond: number;
    peakRssMb: number;
    accepted: number;
    rejected: number;
    duplicates: number;
  };
  ratioToCopy: number;
  visible: { rows: number; secondsToAllListed: number; secondsToFirstListed: number };
  database: string;
}

const FIRST = [
  'James',
  'Mary',
  'Robert',
  'Patricia',
  'John',
  'Jennifer',
  'Michael',
  'Linda',
  'David',
  'Elizabeth',
  'William',
  'Barbara',
  'Richard',
  'Susan',
  'José',
  'Zoë',
  'Aarav',
  'Mei',
  'Oluwaseun',
  'Ingrid',
];
const LAST = [
  'Smith',
  'Johnson',
  'Williams',
  'Brown',
  'Jones',
  'Garcia',
  'Miller',
  'Davis',
  'Rodriguez',
  'Martinez',
  "O'Brien",
  'Müller',
  'Nguyen',
  'Kowalski',
  'Okafor',
  'Lindqvist',
];
const TITLES = [
  'CEO',
  'Chief Technology Officer',
  'VP of Sales',
  'Head of Marketing',
  'Director of Operations',
  'Engineering Manager',
  'Senior Accountant',
  'Sales Representative',
  'Marketing Coordinator',
  'Founder',
  'Product Manager',
  'Data Analyst',
];
const WORDS = [
  'Acme',
  'Globex',
  'Initech',
  'Umbrella',
  'Stark',
  'Wayne',
  'Hooli',
  'Vandelay',
  'Soylent',
  'Tyrell',
  'Cyberdyne',
  'Wonka',
  'Aperture',
  'Black Mesa',
  'Gringotts',
  'Oscorp',
];
const SUFFIX = ['Inc', 'LLC', 'Group', 'Labs', 'Systems', 'Partners', 'Holdings', 'Solutions'];
const PLACES: [country: string, state: string, city: string, areaCodes: number[]][] = [
  ['US', 'TX', 'Austin', [512, 737]],
  ['US', 'CA', 'San Francisco', [415, 628]],
  ['US', 'NY', 'New York', [212, 646, 917]],
  ['US', 'IL', 'Chicago', [312, 773]],
  ['United States', 'WA', 'Seattle', [206, 425]],
  ['USA', 'MA', 'Boston', [617, 857]],
  ['US', 'GA', 'Atlanta', [404, 678]],
];

/** A US number in one of several written forms; distinct for every n below 8,000,000 per area code. */
function phone(areaCode: number, n: number): string {
  const exchange = 200 + (Math.floor(n / 10_000) % 800);
  const line = String(n % 10_000).padStart(4, '0');
  switch (n % 4) {
    case 0:
      return `+1 (${areaCode}) ${exchange}-${line}`;
    case 1:
      return `${areaCode}.${exchange}.${line}`;
    case 2:
      return `${areaCode}-${exchange}-${line}`;
    default:
      return `+1${areaCode}${exchange}${line}`;
  }
}

const csvField = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** Writes the benchmark file once (deterministic; reused while the generator is unchanged). */
async function generateCsv(file: string, rows: number): Promise<void> {
  const marker = `${file}.v${GENERATOR_VERSION}-${rows}`;
  if (existsSync(file) && existsSync(marker)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const out = createWriteStream(file);
  const write = async (text: string) => {
    if (!out.write(text)) await once(out, 'drain');
  };
  await write('First Name,Last Name,Work Email,Phone #,Job Title,Company,Website,Employees,Country,State,City,LinkedIn\n');
  let buffer = '';
  for (let i = 0; i < rows; i++) {
    const first = FIRST[i % FIRST.length]!;
    const last = LAST[(i * 7) % LAST.length]!;
    const company = `${WORDS[(i * 3) % WORDS.length]} ${SUFFIX[(i * 5) % SUFFIX.length]} ${Math.floor(i / 50)}`;
    const domain = `${company.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.com`;
    const place = PLACES[i % PLACES.length]!;
    let email = `${first
      .toLowerCase()
      .normalize('NFKD')
      .replace(/[^a-z]/g, '')}.${last.toLowerCase().replace(/[^a-z]/g, '')}.${i}@${domain}`;
    let tel = phone(place[3][i % place[3].length]!, i);
    let companyName = company;
    if (i % 20 === 7) {
      // 5 % invalid: a bad email, a phone that cannot be a number, or no company.
      if (i % 3 === 0) email = `${first}.${i}@@${domain}`;
      else if (i % 3 === 1) tel = '12345';
      else companyName = '';
    } else if (i % 20 === 13 && i > 1_000) {
      // 5 % duplicates of an earlier row (its email and phone), in a different case.
      const j = i - 997;
      email = `${FIRST[j % FIRST.length]!.toLowerCase()
        .normalize('NFKD')
        .replace(
          /[^a-z]/g,
          '',
        )}.${LAST[(j * 7) % LAST.length]!.toLowerCase().replace(/[^a-z]/g, '')}.${j}@${`${WORDS[(j * 3) % WORDS.length]} ${SUFFIX[(j * 5) % SUFFIX.length]} ${Math.floor(j / 50)}`.toLowerCase().replace(/[^a-z0-9]+/g, '-')}.com`.toUpperCase();
      tel = phone(PLACES[j % PLACES.length]![3][j % PLACES[j % PLACES.length]![3].length]!, j);
    }
    const row = [
      first,
      last,
      email,
      tel,
      TITLES[i % TITLES.length]!,
      companyName,
      i % 2 ? `https://www.${domain}` : domain,
      String(5 + ((i * 37) % 5000)),
      place[0],
      place[1],
      place[2],
      i % 3
        ? `linkedin.com/in/${first
            .toLowerCase()
            .normalize('NFKD')
            .replace(/[^a-z]/g, '')}-${i}`
        : '',
    ];
    buffer += row.map(csvField).join(',') + '\n';
    if (buffer.length > 1 << 20) {
      await write(buffer);
      buffer = '';
    }
  }
  await write(buffer);
  out.end();
  await once(out, 'finish');
  createWriteStream(marker).end();
}

/** The baseline: the same bytes through COPY into a table with no index, constraint or conversion. */
async function copyBaseline(url: string, file: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`DROP TABLE IF EXISTS bench_import_staging`);
    await client.query(
      `CREATE TABLE bench_import_staging (first text, last text, email text, phone text, title text, company text, website text,
         employees text, country text, state text, city text, linkedin text)`,
    );
    const started = performance.now();
    await pipeline(createReadStream(file), client.query(copyFrom(`COPY bench_import_staging FROM STDIN WITH (FORMAT csv, HEADER true)`)));
    const seconds = (performance.now() - started) / 1000;
    await client.query(`DROP TABLE bench_import_staging`);
    return seconds;
  } finally {
    await client.end();
  }
}

/** Runs the import job alone in a child process; answers its own timing and peak RSS. */
function runImportChild(url: string, storageDir: string, uploadId: string): Promise<{ ms: number; maxRssMb: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/import-child.ts'], {
      cwd: path.join(repoRoot, 'server'),
      env: {
        ...process.env,
        DATABASE_URL: url,
        STORAGE_DIR: storageDir,
        UPLOAD_ID: uploadId,
        LOG_LEVEL: 'silent',
        IN_PROCESS_WORKER: 'false',
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code !== 0 || !line.startsWith('{')) reject(new Error(`import child exited ${code}: ${out.slice(-500)}`));
      else resolve(JSON.parse(line) as { ms: number; maxRssMb: number });
    });
  });
}

export async function benchImport(log: (line: string) => void): Promise<ImportBenchResult> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', SERVE_WEB: 'false', NODE_ENV: 'production' });
  const database = await resolveDatabase(config.DATABASE_URL, 'bench');
  const file = path.join(repoRoot, '.bench', `import-${IMPORT_ROWS}.csv`);
  const storageDir = path.join(repoRoot, '.bench', 'files');
  try {
    const serverUrl = config.DATABASE_URL ?? embeddedUrl(embeddedPort('bench'));
    log(`generating ${IMPORT_ROWS.toLocaleString('en-US')} rows (cached after the first run)…`);
    await generateCsv(file, IMPORT_ROWS);
    const fileMb = round(statSync(file).size / 2 ** 20, 1);
    await recreateDatabase(serverUrl, BENCH_IMPORT_DATABASE);
    const url = withDatabase(serverUrl, BENCH_IMPORT_DATABASE);
    await migrateDeploy(url);

    const copySeconds = await copyBaseline(url, file);
    log(`COPY baseline: ${round(copySeconds, 2)} s`);

    const benchConfig = { ...config, STORAGE_DIR: storageDir, UPLOAD_MIN_ROWS: 50 };
    const api = await startApi(benchConfig, url, createLogger('silent'), { runWorkers: false });
    let importResult: ImportBenchResult['import'];
    try {
      const { prisma } = api.platform;
      await prisma.industry.upsert({
        where: { slug: 'software' },
        create: { slug: 'software', name: 'Software', sicCodes: [] },
        update: {},
      });
      const industry = await prisma.industry.findUniqueOrThrow({ where: { slug: 'software' } });
      const user = await prisma.user.create({ data: { email: `bench-${Date.now()}@example.test`, name: 'Bench', passwordHash: 'x' } });
      const org = await prisma.partnerOrg.create({
        data: {
          name: 'Bench Partner',
          slug: `bench-${Date.now()}`,
          firstReviewDoneAt: new Date(),
          members: { create: { userId: user.id, role: 'OWNER' } },
        },
      });
      const principal = { kind: 'user' as const, userId: user.id, sessionId: 'bench', platformRole: null };
      const upload = await api.services.uploads.receive(principal, org.id, 'bench.csv', createReadStream(file));
      const preview = await api.services.uploads.preview(principal, upload.id, null);
      const started = await api.services.uploads.start(principal, {
        uploadId: upload.id,
        mapping: preview.mapping,
        industryId: industry.id,
        minPrice: null,
        defaultCountry: 'US',
        lawfulBasisConfirmed: true,
      });
      if (!started.ok) throw new Error(`import did not start: ${started.errors.map((e) => e.message).join('; ')}`);
      const child = await runImportChild(url, storageDir, upload.id);
      const done = await prisma.leadUpload.findUniqueOrThrow({ where: { id: upload.id } });
      if (done.status !== 'COMPLETED') throw new Error(`import ended ${done.status}: ${done.error}`);
      const leads = await prisma.lead.count({ where: { uploadId: upload.id } });
      if (leads !== done.accepted) throw new Error(`${leads} leads for ${done.accepted} accepted rows`);
      importResult = {
        seconds: round(child.ms / 1000, 2),
        rowsPerSecond: round(IMPORT_ROWS / (child.ms / 1000), 0),
        peakRssMb: child.maxRssMb,
        accepted: done.accepted,
        rejected: done.rejected,
        duplicates: done.duplicates,
      };
      log(`import: ${importResult.seconds} s, peak RSS ${importResult.peakRssMb} MB`);
    } finally {
      await api.stop();
    }

    const visible = await benchVisible(config, url, storageDir);
    log(`10,000-row upload listed after ${visible.secondsToAllListed} s`);
    return {
      rows: IMPORT_ROWS,
      fileMb,
      copy: { seconds: round(copySeconds, 2), rowsPerSecond: round(IMPORT_ROWS / copySeconds, 0) },
      import: importResult,
      ratioToCopy: round(importResult.rowsPerSecond / (IMPORT_ROWS / copySeconds), 3),
      visible,
      database: database.embedded ? 'embedded PostgreSQL (bench)' : 'DATABASE_URL',
    };
  } finally {
    await database.stop();
  }
}

/** Through the running API as a partner would: HTTP upload, GraphQL start, poll the inventory. */
async function benchVisible(config: ReturnType<typeof loadConfig>, url: string, storageDir: string): Promise<ImportBenchResult['visible']> {
  const api = await startApi({ ...config, STORAGE_DIR: storageDir, PORT: 0 }, url, createLogger('silent'), { runWorkers: true });
  try {
    const { prisma } = api.platform;
    const user = await prisma.user.create({
      data: { email: `bench-visible-${Date.now()}@example.test`, name: 'Bench', passwordHash: 'x' },
    });
    const org = await prisma.partnerOrg.create({
      data: {
        name: 'Bench Visible',
        slug: `bench-visible-${Date.now()}`,
        firstReviewDoneAt: new Date(),
        members: { create: { userId: user.id, role: 'OWNER' } },
      },
    });
    const session = await api.services.sessions.create(user.id, { ip: '127.0.0.1', userAgent: 'bench' });
    const rows = ['First Name,Last Name,Email,Phone,Title,Company,Country'];
    for (let i = 0; i < VISIBLE_ROWS; i++) {
      rows.push(
        `Vis${i},Ible,visible.${i}.${Date.now()}@visible-bench.com,+1 303 ${200 + Math.floor(i / 10_000)} ${String(i % 10_000).padStart(4, '0')},CTO,Visible ${i} Inc,US`,
      );
    }
    const form = new FormData();
    form.append('file', new Blob([rows.join('\n')]), 'visible.csv');
    const headers = { authorization: `Bearer ${session.token}` };
    const posted = await fetch(`${api.http.url}/uploads/leads?partnerOrgId=${toGlobalId('PartnerOrg', org.id)}`, {
      method: 'POST',
      headers: { ...headers, 'x-hotlead-upload': '1' },
      body: form,
    });
    const body = (await posted.json()) as { upload?: { id: string }; error?: { message: string } };
    if (!body.upload) throw new Error(`upload refused: ${body.error?.message}`);
    const industry = await prisma.industry.findFirstOrThrow();
    const gql = (query: string, variables: object) =>
      fetch(`${api.http.url}/graphql`, {
        method: 'POST',
        headers: { ...headers, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ data?: Record<string, { mapping?: unknown; userErrors?: unknown[] }> }>);
    const preview = await gql(`query($id: ID!) { leadUploadPreview(uploadId: $id) { mapping } }`, { id: body.upload.id });
    const mapping = preview.data?.['leadUploadPreview']?.mapping;
    const startedAt = performance.now();
    const start = await gql(`mutation($input: LeadImportStartInput!) { leadImportStart(input: $input) { userErrors { message } } }`, {
      input: { uploadId: body.upload.id, mapping, industryId: toGlobalId('Industry', industry.id), lawfulBasisConfirmed: true },
    });
    if (start.data?.['leadImportStart']?.userErrors?.length) throw new Error(JSON.stringify(start.data['leadImportStart'].userErrors));
    const uploadId = Buffer.from(body.upload.id, 'base64url').toString().split(':')[1]!;
    let first: number | null = null;
    for (;;) {
      const { rows: count } = await api.platform.database.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM leads WHERE upload_id = $1 AND status = 'LISTED'`,
        [uploadId],
      );
      const n = count[0]!.n;
      if (n > 0 && first === null) first = performance.now();
      if (n >= VISIBLE_ROWS) break;
      if (performance.now() - startedAt > 120_000) throw new Error(`only ${n} of ${VISIBLE_ROWS} leads listed after 120 s`);
      await new Promise((r) => setTimeout(r, 25));
    }
    const all = performance.now();
    return {
      rows: VISIBLE_ROWS,
      secondsToAllListed: round((all - startedAt) / 1000, 2),
      secondsToFirstListed: round(((first ?? all) - startedAt) / 1000, 2),
    };
  } finally {
    await api.stop();
  }
}
