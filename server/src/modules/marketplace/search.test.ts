// Lead search against a real database: filters, facets that leave their own filter out, keyset pages
// per sort, masking, and bad input (ranges, unknown industries, page sizes, foreign or tampered cursors).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { errorCodes, startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn, buildWorkspace } from '../../../test/factories.js';
import { SearchService } from './search.service.js';

let app: TestApp;
let token: string;
let workspaceGid: string;
let software: string;
let health: string;

const SEARCH = `query($w: ID!, $filter: LeadSearchFilterInput, $sort: LeadSearchSort, $first: Int, $after: String) {
  leadSearch(workspaceId: $w, filter: $filter, sort: $sort, first: $first, after: $after) {
    leads { totalCount totalCountIsEstimate pageInfo { hasNextPage endCursor } nodes { id companyName country intentScore listPrice emailPreview email phone hasPhone } }
    facets { name isEstimate buckets { value label count } }
  } }`;

type SearchData = {
  leadSearch: {
    leads: {
      totalCount: number;
      totalCountIsEstimate: boolean;
      pageInfo: { hasNextPage: boolean; endCursor: string | null };
      nodes: {
        id: string;
        companyName: string;
        country: string;
        intentScore: number;
        listPrice: string;
        emailPreview: string;
        email: string | null;
      }[];
    };
    facets: { name: string; isEstimate: boolean; buckets: { value: string; label: string; count: number }[] }[];
  };
};

async function search(variables: Record<string, unknown>) {
  return app.http(SEARCH, { w: workspaceGid, ...variables }, { token });
}

beforeAll(async () => {
  app = await startTestApp();
  const owner = await buildSignedIn(app);
  token = owner.token;
  const ws = await buildWorkspace(app, { members: [{ userId: owner.user.id, role: 'OWNER' }] });
  workspaceGid = toGlobalId('Workspace', ws.id);
  const pool = app.api.platform.database.pool;
  const { rows } = await pool.query<{ id: string; slug: string }>(
    `INSERT INTO industries (slug, name, sic_codes) VALUES ('search-software', 'Search Software', '{}'), ('search-health', 'Search Health', '{}') RETURNING id, slug`,
  );
  software = rows.find((r) => r.slug === 'search-software')!.id;
  health = rows.find((r) => r.slug === 'search-health')!.id;
  // 60 leads: 40 software (30 US, 10 DE), 20 health (US); intent 1..60; every third has a phone.
  await pool.query(
    `INSERT INTO leads (owner_kind, first_name, last_name, email, phone, company_name, industry_id, country, source, collected_at, lawful_basis,
                        intent_score, list_price, status, verification_status)
     SELECT 'PLATFORM', 'First' || n, 'Last' || n, 'person' || n || '@company' || n || '.com',
            CASE WHEN n % 3 = 0 THEN '+1512555' || lpad(n::text, 4, '0') END,
            CASE WHEN n = 7 THEN 'Acme Rockets' ELSE 'Company ' || n END,
            CASE WHEN n <= 40 THEN $1::uuid ELSE $2::uuid END,
            CASE WHEN n <= 30 OR n > 40 THEN 'US' ELSE 'DE' END,
            'test', now() - make_interval(days => n), 'test', n, (n / 100.0)::numeric, 'LISTED', 'VALID'
       FROM generate_series(1, 60) AS n`,
    [software, health],
  );
  await pool.query(`UPDATE leads SET status = 'DELISTED' WHERE email = 'person60@company60.com'`);
});
afterAll(() => app.stop());

describe('lead search', () => {
  it('filters, sorts by intent, masks contacts and counts facets with every other filter applied', async () => {
    const result = await search({ filter: { industryIds: [toGlobalId('Industry', software)], countries: ['us'] }, first: 5 });
    expect(result.body.errors).toBeUndefined();
    const data = (result.body.data as SearchData).leadSearch;
    expect(data.leads.totalCount).toBe(30);
    expect(data.leads.nodes.map((n) => n.intentScore)).toEqual([30, 29, 28, 27, 26]);
    expect(data.leads.nodes[0]).toMatchObject({ email: null, emailPreview: 'p***@company30.com', country: 'US' });
    const country = data.facets.find((f) => f.name === 'country')!;
    // Country leaves its own filter out: software leads per country.
    expect(country.buckets).toEqual([
      { value: 'US', label: 'US', count: 30 },
      { value: 'DE', label: 'DE', count: 10 },
    ]);
    const industry = data.facets.find((f) => f.name === 'industry')!;
    // Industry leaves its own filter out: US leads per industry (the delisted health lead is not counted).
    expect(industry.buckets).toEqual([
      { value: toGlobalId('Industry', software), label: 'Search Software', count: 30 },
      { value: toGlobalId('Industry', health), label: 'Search Health', count: 19 },
    ]);
    expect(industry.isEstimate).toBe(false);
  });

  it('pages by cursor without gaps or repeats, for every sort', async () => {
    for (const sort of ['INTENT_DESC', 'PRICE_ASC', 'PRICE_DESC', 'NEWEST']) {
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const result = await search({ sort, first: 7, after });
        const page = (result.body.data as SearchData).leadSearch.leads;
        seen.push(...page.nodes.map((n) => n.id));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toHaveLength(59);
      expect(new Set(seen).size).toBe(59);
    }
  });

  it('finds a company by part of its name, phones only, and ranges', async () => {
    const byName = (await search({ filter: { companyName: 'rocket' } })).body.data as SearchData;
    expect(byName.leadSearch.leads.nodes.map((n) => n.companyName)).toEqual(['Acme Rockets']);
    const phones = (await search({ filter: { hasPhone: true } })).body.data as SearchData;
    expect(phones.leadSearch.leads.totalCount).toBe(19);
    const ranged = (await search({ filter: { intentMin: 10, intentMax: 12, priceMax: '0.11' } })).body.data as SearchData;
    expect(ranged.leadSearch.leads.nodes.map((n) => n.intentScore).sort()).toEqual([10, 11]);
  });

  it('refuses absurd ranges, unknown industries, pages above 100, and cursors from another search or tampered', async () => {
    const cases: Record<string, unknown>[] = [
      { filter: { intentMin: -5 } },
      { filter: { intentMin: 80, intentMax: 20 } },
      { filter: { priceMin: '-1' } },
      { filter: { priceMin: '5', priceMax: '1' } },
      { filter: { industryIds: [toGlobalId('Industry', '00000000-0000-0000-0000-000000000000')] } },
      { filter: { countries: ['USA'] } },
      { first: 101 },
      { after: 'not-a-cursor' },
    ];
    for (const variables of cases)
      expect(errorCodes((await search(variables)).body), JSON.stringify(variables)).toEqual(['BAD_USER_INPUT']);
    const first = (await search({ sort: 'PRICE_ASC', first: 2 })).body.data as SearchData;
    const foreign = await search({ sort: 'INTENT_DESC', after: first.leadSearch.leads.pageInfo.endCursor });
    expect(errorCodes(foreign.body)).toEqual(['BAD_USER_INPUT']);
  });

  it('counts facets from a sample above the exact limit, marked as estimates, with the total still exact', async () => {
    const sampled = new SearchService(app.api.platform, 10);
    const result = await sampled.search({ countries: ['US'] }, 'INTENT_DESC', { first: 5, after: null });
    expect(result.facets.every((f) => f.isEstimate)).toBe(true);
    expect(result.totalCount).toBe(49);
    expect(result.totalCountIsEstimate).toBe(false);
    const country = result.facets.find((f) => f.name === 'country')!;
    expect(country.buckets.map((b) => b.value).sort()).toEqual(['DE', 'US']);
  });

  it('pages by cursor through ties on the sort key (created_at, then id, break them)', async () => {
    // Every lead has the default freshness and they were all inserted by one statement: all ties.
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const result = await search({ sort: 'FRESHNESS_DESC', first: 8, after });
      expect(result.body.errors).toBeUndefined();
      const page = (result.body.data as SearchData).leadSearch.leads;
      seen.push(...page.nodes.map((n) => n.id));
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
    }
    expect(new Set(seen).size).toBe(59);
    expect(seen).toHaveLength(59);
  });

  it('refuses a cursor whose key or id was tampered with', async () => {
    const forged = (key: unknown[]) => Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
    for (const key of [
      ['high', '00000000-0000-0000-0000-000000000000', 'INTENT_DESC'],
      [50, 'not-a-uuid', 'INTENT_DESC'],
      ['yesterday', '00000000-0000-0000-0000-000000000000', 'NEWEST'],
      [1, '00000000-0000-0000-0000-000000000000', 'PRICE_ASC'],
    ]) {
      const sort = key[2];
      expect(errorCodes((await search({ sort, after: forged(key) })).body), JSON.stringify(key)).toEqual(['BAD_USER_INPUT']);
    }
  });

  it('samples a table larger than the sample, and counts exactly when the sample shows few candidates', async () => {
    await app.api.platform.database.pool.query('ANALYZE leads');
    // A 20-row sample of 60 leads reads about a third of the pages (on a table this small, maybe none).
    const sampled = await new SearchService(app.api.platform, 10, 20).search({ countries: ['US'] }, 'INTENT_DESC', {
      first: 5,
      after: null,
    });
    expect(sampled.facets.every((f) => f.isEstimate)).toBe(true);
    expect(sampled.totalCount).toBe(49);
    expect(sampled.totalCountIsEstimate).toBe(false);
    // Same sample, but up to 1,000 candidates are counted exactly: a second statement does.
    const exact = await new SearchService(app.api.platform, 1_000, 20).search(
      { industryIds: [software], countries: ['US'] },
      'INTENT_DESC',
      { first: 5, after: null },
    );
    expect(exact.facets.every((f) => !f.isEstimate)).toBe(true);
    expect(exact.totalCount).toBe(30);
    expect(exact.facets.find((f) => f.name === 'country')!.buckets).toEqual([
      { value: 'US', label: 'US', count: 30 },
      { value: 'DE', label: 'DE', count: 10 },
    ]);
  });

  it('answers a search with facets in the same few SQL statements whatever the page size (no N+1)', async () => {
    const database = app.api.platform.database;
    const statements = async (first: number) => {
      const before = database.statementCount();
      const filter = { industryIds: [toGlobalId('Industry', software), toGlobalId('Industry', health)], countries: ['US', 'DE'] };
      const result = await search({ filter, first });
      expect(result.body.errors).toBeUndefined();
      const data = (result.body.data as SearchData).leadSearch;
      expect(data.facets.length).toBeGreaterThan(0);
      return { count: database.statementCount() - before, nodes: data.leads.nodes.length };
    };
    await statements(5); // warm-up: the first search of a process also reads the table's row count
    const five = await statements(5);
    const fifty = await statements(50);
    expect(five.nodes).toBe(5);
    expect(fifty.nodes).toBe(50);
    expect(fifty.count).toBe(five.count);
    // Session, membership, the search's page + total + facets, the page's leads, industry labels.
    expect(fifty.count).toBeLessThanOrEqual(8);
  });

  it('is for members of the workspace only', async () => {
    const stranger = await buildSignedIn(app);
    const result = await app.http(SEARCH, { w: workspaceGid }, { token: stranger.token });
    expect(errorCodes(result.body)).toEqual(['NOT_FOUND']);
  });
});
