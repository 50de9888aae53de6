// Marketplace search (issue 5) on the inventory the import benchmark just built (~910,000 listed
// leads in hotlead_bench_import), after a VACUUM ANALYZE (what autovacuum does after a bulk load):
//   a. a search with three filters, all facet counts and the first page of 50 through GraphQL over
//      HTTP, vs the same SQL run straight through `pg` on a pool of its own, in alternation in the same
//      run: every statement that one GraphQL request sent (recorded on the API's pool: the session,
//      the membership, the search, the page's leads, the industry labels), replayed in the same order,
//      those that overlapped sent at once. Also, for reference, the search's own statements alone
//      (SearchService.statements: the page, and the sampled facets with the total);
//   b. paging by cursor (pages of 50, no facets, as a client paging asks) from the first page to the
//      1,000th; then the first and the 1,000th page fetched again in alternation, medians compared.
import pg from 'pg';
import { startApi } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { embeddedPort, embeddedUrl } from '../src/platform/db/embedded.js';
import { resolveDatabase, withDatabase } from '../src/platform/db/resolve.js';
import { toGlobalId } from '../src/platform/graphql/ids.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { BENCH_IMPORT_DATABASE } from './import.js';
import { median, round } from './util.js';

export const SEARCH_RUNS = 100;
/** Pages walked by cursor, and how often the first and the last of them are fetched again. */
const WALK_PAGES = 1_000;
const PAGE_REPEATS = 25;
/** A bound on the walk, so a regression cannot hang the run (the walk takes well under a minute). */
const WALK_BOUND_MS = 300_000;

export interface SearchBenchResult {
  listedLeads: number;
  graphql: { p50Ms: number; p95Ms: number };
  /** The SQL one GraphQL request sent, replayed through `pg` directly (same order, same overlap). */
  direct: { p50Ms: number; p95Ms: number };
  ratio: number;
  /** The search's own statements alone through `pg`, and GraphQL p95 over their p95. */
  directSearch: { p50Ms: number; p95Ms: number };
  ratioToSearch: number;
  /** Statements one GraphQL request sent, and in how many waves. */
  requestStatements: number;
  requestWaves: number;
  /** Median of PAGE_REPEATS fetches of the first page (by cursor: none). */
  firstPageMs: number;
  /** Median of PAGE_REPEATS fetches of the last page reached (1,000 unless the walk hit its bound). */
  page1000Ms: number;
  lastPage: number;
  walkSeconds: number;
  /** The share of the table the facet sample read, and what the facets and the total said. */
  samplePercent: number;
  totalCount: number;
  totalCountIsEstimate: boolean;
  database: string;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!, 1);
}

const QUERY = `query($w: ID!, $filter: LeadSearchFilterInput, $after: String) {
  leadSearch(workspaceId: $w, filter: $filter, first: 50, after: $after) {
    leads { totalCount totalCountIsEstimate pageInfo { endCursor hasNextPage } nodes { id firstName lastName jobTitle companyName country intentScore freshnessScore listPrice emailPreview phonePreview } }
    facets { name isEstimate buckets { value count } }
  } }`;

const WALK_QUERY = `query($w: ID!, $filter: LeadSearchFilterInput, $after: String) {
  leadSearch(workspaceId: $w, filter: $filter, first: 50, after: $after) { leads { pageInfo { endCursor hasNextPage } nodes { id companyName listPrice } } } }`;

interface Recorded {
  text: string;
  values: unknown[];
  start: number;
  end: number;
}

/**
 * Records what the pool's connections send while `record` runs (pg-pool emits "acquire" for every
 * checkout, new or idle; Prisma's driver adapter and `pool.query` both go through it).
 */
function statementRecorder(pool: pg.Pool) {
  const wrapped = new WeakSet<object>();
  let recording: Recorded[] | null = null;
  pool.on('acquire', (client) => {
    if (wrapped.has(client)) return;
    wrapped.add(client);
    const query = client.query.bind(client) as (...args: unknown[]) => unknown;
    (client as unknown as { query: (...args: unknown[]) => unknown }).query = (...args: unknown[]) => {
      if (!recording) return query(...args);
      const [first, second] = args;
      const config = typeof first === 'string' ? { text: first, values: Array.isArray(second) ? second : [] } : (first as pg.QueryConfig);
      const entry: Recorded = { text: config.text, values: config.values ?? [], start: performance.now(), end: Infinity };
      recording.push(entry);
      const done = () => (entry.end = performance.now());
      const last = args.at(-1);
      if (typeof last === 'function') {
        const callback = last as (...a: unknown[]) => unknown;
        return query(...args.slice(0, -1), (...a: unknown[]) => (done(), callback(...a)));
      }
      const result = query(...args);
      if (result instanceof Promise) void result.then(done, done);
      return result;
    };
  });
  return async (work: () => Promise<unknown>): Promise<Recorded[]> => {
    recording = [];
    try {
      await work();
      return recording;
    } finally {
      recording = null;
    }
  };
}

/** Statements in waves: each wave is what was in flight together (sent at once when replayed). */
function waves(recorded: Recorded[]): Recorded[][] {
  const out: Recorded[][] = [];
  let end = -Infinity;
  for (const r of [...recorded].sort((a, b) => a.start - b.start)) {
    if (r.start < end) {
      out.at(-1)!.push(r);
      end = Math.max(end, r.end);
    } else {
      out.push([r]);
      end = r.end;
    }
  }
  return out;
}

interface SearchBody {
  errors?: unknown[];
  data?: { leadSearch: { leads: { totalCount?: number; totalCountIsEstimate?: boolean; pageInfo: { endCursor: string | null } } } };
}

export async function benchSearch(log: (line: string) => void): Promise<SearchBenchResult> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', SERVE_WEB: 'false', NODE_ENV: 'production' });
  const database = await resolveDatabase(config.DATABASE_URL, 'bench');
  try {
    const url = withDatabase(config.DATABASE_URL ?? embeddedUrl(embeddedPort('bench')), BENCH_IMPORT_DATABASE);
    const raw = new pg.Pool({ connectionString: url, max: 10, application_name: 'bench-search-direct' });
    const api = await startApi(config, url, createLogger('silent'), { runWorkers: false });
    const record = statementRecorder(api.platform.database.pool);
    try {
      const { prisma } = api.platform;
      const listedLeads = await prisma.lead.count({ where: { status: 'LISTED' } });
      if (listedLeads < 100_000) throw new Error(`needs the import benchmark's inventory first (found ${listedLeads} listed leads)`);
      const vacuumStarted = performance.now();
      await raw.query('VACUUM (ANALYZE) leads');
      log(`VACUUM ANALYZE leads: ${round((performance.now() - vacuumStarted) / 1000, 1)} s`);
      const user = await prisma.user.create({
        data: { email: `bench-search-${Date.now()}@example.test`, name: 'Bench', passwordHash: 'x' },
      });
      const ws = await prisma.workspace.create({
        data: {
          name: 'Bench buyer',
          slug: `bench-buyer-${Date.now()}`,
          kind: 'BUYER',
          memberships: { create: { userId: user.id, role: 'OWNER' } },
        },
      });
      const session = await api.services.sessions.create(user.id, { ip: '127.0.0.1', userAgent: 'bench' });
      const industry = await prisma.industry.findFirstOrThrow();
      const filter = { industryIds: [toGlobalId('Industry', industry.id)], countries: ['US'], hasPhone: true };
      const post = async (after: string | null = null, query = QUERY) => {
        const response = await fetch(`${api.http.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
          body: JSON.stringify({ query, variables: { w: toGlobalId('Workspace', ws.id), filter, after } }),
        });
        const body = (await response.json()) as SearchBody;
        if (body.errors) throw new Error(JSON.stringify(body.errors));
        return body.data!.leadSearch.leads;
      };

      // a. GraphQL vs the same statements through pg. The service sizes its facet sample from the row
      // count its previous search read, so the statements are taken after the warm-up.
      for (let i = 0; i < 5; i++) await post();
      const { statements, samplePercent } = await api.services.search.statements(
        { industryIds: [industry.id], countries: ['US'], hasPhone: true },
        'INTENT_DESC',
        { first: 50, after: null },
        { facets: true },
      );
      const sent = [statements.page, statements.totalOrFacets];
      const searchOnly = () => Promise.all(sent.map((s) => raw.query(s)));
      const request = waves(await record(() => post()));
      const replay = async () => {
        for (const wave of request) await Promise.all(wave.map((s) => raw.query(s.text, s.values)));
      };
      log(
        `one GraphQL search sent ${request.flat().length} statements in ${request.length} waves: ` +
          request.map((w) => w.map((s) => s.text.replace(/\s+/g, ' ').slice(0, 40)).join(' ∥ ')).join(' → '),
      );
      for (let i = 0; i < 5; i++) await Promise.all([replay(), searchOnly()]);
      const g: number[] = [];
      const d: number[] = [];
      const ds: number[] = [];
      let last = await post();
      for (let i = 0; i < SEARCH_RUNS; i++) {
        let t = performance.now();
        last = await post();
        g.push(performance.now() - t);
        t = performance.now();
        await replay();
        d.push(performance.now() - t);
        t = performance.now();
        await searchOnly();
        ds.push(performance.now() - t);
      }
      log(
        `search: GraphQL p95 ${percentile(g, 95)} ms, its SQL replayed p95 ${percentile(d, 95)} ms, the search statements alone p95 ${percentile(ds, 95)} ms` +
          ` (sample ${round(samplePercent, 2)} % of the table)`,
      );

      // b. The walk by cursor, then the first and the 1,000th page again, alternately.
      let cursor: string | null = null;
      let before: string | null = null;
      let lastPage = 0;
      const walkStarted = performance.now();
      for (let page = 1; page <= WALK_PAGES; page++) {
        before = cursor;
        cursor = (await post(cursor, WALK_QUERY)).pageInfo.endCursor;
        lastPage = page;
        if (!cursor || performance.now() - walkStarted > WALK_BOUND_MS) break;
      }
      const walkSeconds = round((performance.now() - walkStarted) / 1000, 1);
      log(`walked to page ${lastPage} in ${walkSeconds} s`);
      const first: number[] = [];
      const deep: number[] = [];
      for (let i = 0; i < PAGE_REPEATS; i++) {
        let t = performance.now();
        await post(null, WALK_QUERY);
        first.push(performance.now() - t);
        t = performance.now();
        await post(before, WALK_QUERY);
        deep.push(performance.now() - t);
      }
      return {
        listedLeads,
        graphql: { p50Ms: percentile(g, 50), p95Ms: percentile(g, 95) },
        direct: { p50Ms: percentile(d, 50), p95Ms: percentile(d, 95) },
        ratio: round(percentile(g, 95) / percentile(d, 95), 2),
        directSearch: { p50Ms: percentile(ds, 50), p95Ms: percentile(ds, 95) },
        ratioToSearch: round(percentile(g, 95) / percentile(ds, 95), 2),
        requestStatements: request.flat().length,
        requestWaves: request.length,
        firstPageMs: round(median(first), 1),
        page1000Ms: round(median(deep), 1),
        lastPage,
        walkSeconds,
        samplePercent: round(samplePercent, 3),
        totalCount: last.totalCount ?? 0,
        totalCountIsEstimate: last.totalCountIsEstimate ?? false,
        database: database.embedded ? 'embedded PostgreSQL (bench)' : 'DATABASE_URL',
      };
    } finally {
      await api.stop();
      await raw.end();
    }
  } finally {
    await database.stop();
  }
}
