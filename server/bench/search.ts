// Marketplace search, first measurement (issue 5 in progress), on the inventory the import benchmark
// just built (~910,000 listed leads in hotlead_bench_import): a search with three filters, all facet
// counts and the first page of 50 — through GraphQL over HTTP vs the same SearchService called
// directly (its SQL, no GraphQL), in the same run; then the 1,000th page by cursor vs the first.
import { startApi } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { embeddedPort, embeddedUrl } from '../src/platform/db/embedded.js';
import { resolveDatabase, withDatabase } from '../src/platform/db/resolve.js';
import { toGlobalId } from '../src/platform/graphql/ids.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { BENCH_IMPORT_DATABASE } from './import.js';
import { round } from './util.js';

export const SEARCH_RUNS = 40;

export interface SearchBenchResult {
  listedLeads: number;
  graphql: { p50Ms: number; p95Ms: number };
  direct: { p50Ms: number; p95Ms: number };
  ratio: number;
  firstPageMs: number;
  /** The last page reached (1,000 unless the walk hit its time bound). */
  page1000Ms: number;
  lastPage: number;
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

export async function benchSearch(log: (line: string) => void): Promise<SearchBenchResult> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', SERVE_WEB: 'false', NODE_ENV: 'production' });
  const database = await resolveDatabase(config.DATABASE_URL, 'bench');
  try {
    const url = withDatabase(config.DATABASE_URL ?? embeddedUrl(embeddedPort('bench')), BENCH_IMPORT_DATABASE);
    const api = await startApi(config, url, createLogger('silent'), { runWorkers: false });
    try {
      const { prisma } = api.platform;
      const listedLeads = await prisma.lead.count({ where: { status: 'LISTED' } });
      if (listedLeads < 100_000) throw new Error(`needs the import benchmark's inventory first (found ${listedLeads} listed leads)`);
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
      const post = (after: string | null = null, query = QUERY) =>
        fetch(`${api.http.url}/graphql`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${session.token}` },
          body: JSON.stringify({ query, variables: { w: toGlobalId('Workspace', ws.id), filter, after } }),
        }).then(async (r) => {
          const body = (await r.json()) as { errors?: unknown[]; data?: { leadSearch: { leads: { pageInfo: { endCursor: string } } } } };
          if (body.errors) throw new Error(JSON.stringify(body.errors));
          return body.data!.leadSearch.leads.pageInfo.endCursor;
        });
      const direct = () =>
        api.services.search.search({ industryIds: [industry.id], countries: ['US'], hasPhone: true }, 'INTENT_DESC', {
          first: 50,
          after: null,
        });
      for (let i = 0; i < 5; i++) {
        await post();
        await direct();
      }
      const g: number[] = [];
      const d: number[] = [];
      for (let i = 0; i < SEARCH_RUNS; i++) {
        let t = performance.now();
        await post();
        g.push(performance.now() - t);
        t = performance.now();
        await direct();
        d.push(performance.now() - t);
      }
      log(`search: GraphQL p95 ${percentile(g, 95)} ms, direct p95 ${percentile(d, 95)} ms`);
      // The 1,000th page by cursor vs the first, pages only (a client paging asks for no facets).
      let cursor: string | null = null;
      let firstPageMs = 0;
      let page1000Ms = 0;
      let lastPage = 0;
      // Bounded to 90 s: without the sort indexes (still to come) a deep page costs a sort of the matches.
      const walkStarted = performance.now();
      for (let page = 1; page <= 1000; page++) {
        const t = performance.now();
        cursor = await post(cursor, WALK_QUERY);
        const ms = performance.now() - t;
        lastPage = page;
        if (page === 1) firstPageMs = ms;
        page1000Ms = ms;
        if (!cursor || performance.now() - walkStarted > 90_000) break;
      }
      log(`walked to page ${lastPage}`);
      return {
        listedLeads,
        graphql: { p50Ms: percentile(g, 50), p95Ms: percentile(g, 95) },
        direct: { p50Ms: percentile(d, 50), p95Ms: percentile(d, 95) },
        ratio: round(percentile(g, 95) / percentile(d, 95), 2),
        firstPageMs: round(firstPageMs, 1),
        page1000Ms: round(page1000Ms, 1),
        lastPage,
        database: database.embedded ? 'embedded PostgreSQL (bench)' : 'DATABASE_URL',
      };
    } finally {
      await api.stop();
    }
  } finally {
    await database.stop();
  }
}
