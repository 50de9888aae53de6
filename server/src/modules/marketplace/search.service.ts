// Lead search for buyers (product §2): filters, sort, keyset pages and live facet counts, in SQL.
//
// A search is two statements sent at once on pooled connections (PostgreSQL works on both cores,
// the round trip is paid once), built by `searchStatements` — the bench runs the very same SQL:
//   - the page: a keyset page walked along a sort index (migration 20261121170000: intent, price and
//     newest over listed leads; ties broken by created_at then id, which keeps an import's index
//     entries together instead of scattered by the random id). The 1,000th page costs what the first
//     does. FRESHNESS_DESC has no index of its own (a sort of the matches);
//   - the facets: "everything but their own filter" (choosing Germany still shows how many leads the
//     other countries have). The matching rows are grouped by all facet columns at once (one hash
//     aggregate: a few hundred combinations even on 1,000,000 leads), then GROUPING SETS over those
//     combinations apply each facet's "other filters" — rather than nine filters per row and set. The
//     rows come from a TABLESAMPLE of about SAMPLE_ROWS rows, scaled up and marked as estimates; on a
//     small inventory the sample is the whole table and exact. When the sample suggests few candidate
//     rows (≤ 2 × FACET_EXACT_LIMIT), a second statement counts them exactly if there are at most
//     FACET_EXACT_LIMIT. The same statement answers the total (exact up to COUNT_EXACT_LIMIT, else an
//     estimate; counted unless the sample shows it far above), whether the filter's industries exist,
//     and the table's row count (which sizes the next sample).
//   Without facets, the second statement is the total alone.
// So a broad search costs about the same on 10,000 or 1,000,000 leads.
import { money } from '@hotlead/domain';
import type pg from 'pg';
import { badInput } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';

export const COUNT_EXACT_LIMIT = 25_000;
const FACET_EXACT_LIMIT = 50_000;
/** Rows a sampled facet pass aims to read (before filters). */
const SAMPLE_ROWS = 10_000;
const MAX_LIST = 100;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type LeadSearchSort = 'INTENT_DESC' | 'PRICE_ASC' | 'PRICE_DESC' | 'FRESHNESS_DESC' | 'NEWEST';

export interface LeadSearchFilter {
  industryIds?: string[] | null;
  countries?: string[] | null;
  states?: string[] | null;
  cities?: string[] | null;
  postalCodes?: string[] | null;
  companySizes?: string[] | null;
  seniorities?: string[] | null;
  intentMin?: number | null;
  intentMax?: number | null;
  freshnessMin?: number | null;
  maxAgeDays?: number | null;
  priceMin?: string | null;
  priceMax?: string | null;
  hasPhone?: boolean | null;
  hasLinkedin?: boolean | null;
  emailVerified?: boolean | null;
  includeCatchAll?: boolean | null;
  companyName?: string | null;
}

export type FacetName =
  'industry' | 'country' | 'state' | 'city' | 'companySize' | 'seniority' | 'hasPhone' | 'hasLinkedin' | 'verification';

export interface FacetBucket {
  value: string;
  label: string;
  count: number;
}

export interface Facet {
  name: FacetName;
  buckets: FacetBucket[];
  isEstimate: boolean;
}

export interface SearchPage {
  leadIds: string[];
  hasNextPage: boolean;
  endCursorKey: (string | number)[] | null;
  cursorKeys: (string | number)[][];
  totalCount: number;
  totalCountIsEstimate: boolean;
  facets: Facet[];
}

/** A statement as node-postgres takes it. */
export interface SqlStatement {
  text: string;
  values: unknown[];
}

/** The statements of one search; independent of each other, sent at once. */
export interface SearchStatements {
  page: SqlStatement;
  /**
   * Sampled facet counts when the query asks for facets, else the total alone; either answers `n`
   * (the total up to COUNT_EXACT_LIMIT + 1, or null when not counted), `industries` (how many of the
   * filter's industries exist) and `reltuples`.
   */
  totalOrFacets: SqlStatement;
}

interface PageRow {
  id: string;
  intent_score: number;
  list_price: string;
  freshness_score: number;
  created_at: Date;
}

interface SortSpec {
  /** The sort key; ties are broken by `created_at` (unless it is the key) and then `id`, all in `direction`. */
  column: string;
  direction: 'ASC' | 'DESC';
  cast: string;
  key: (r: PageRow) => string | number;
  checkKey: (k: string | number) => boolean;
}

const isInt = (k: string | number) => typeof k === 'number' && Number.isInteger(k);
const SORTS: Record<LeadSearchSort, SortSpec> = {
  INTENT_DESC: { column: 'intent_score', direction: 'DESC', cast: '::int', key: (r) => r.intent_score, checkKey: isInt },
  PRICE_ASC: { column: 'list_price', direction: 'ASC', cast: '::numeric', key: (r) => r.list_price, checkKey: isPrice },
  PRICE_DESC: { column: 'list_price', direction: 'DESC', cast: '::numeric', key: (r) => r.list_price, checkKey: isPrice },
  FRESHNESS_DESC: { column: 'freshness_score', direction: 'DESC', cast: '::int', key: (r) => r.freshness_score, checkKey: isInt },
  NEWEST: {
    column: 'created_at',
    direction: 'DESC',
    cast: '::timestamptz',
    key: (r) => r.created_at.toISOString(),
    checkKey: (k) => typeof k === 'string' && !Number.isNaN(Date.parse(k)),
  },
};

function isPrice(k: string | number): boolean {
  return typeof k === 'string' && /^\d{1,8}(\.\d{1,4})?$/.test(k);
}

/** The ORDER BY of a sort: key, then created_at, then id, all one way (what the sort indexes hold). */
function orderColumns(s: SortSpec): string[] {
  return s.column === 'created_at' ? ['created_at', 'id'] : [s.column, 'created_at', 'id'];
}

/**
 * The facets: the column of the per-combination grouping (`combos`, see `facetStatement`), and the
 * bucket value as text.
 */
const FACET_COLUMNS: Record<FacetName, { combo: string; value: string }> = {
  industry: { combo: 'industry_id', value: 'industry_id::text' },
  country: { combo: 'country', value: 'country::text' },
  state: { combo: 'state', value: 'state' },
  city: { combo: 'city', value: 'city' },
  companySize: { combo: 'company_size', value: 'company_size::text' },
  seniority: { combo: 'seniority', value: 'seniority::text' },
  hasPhone: { combo: 'has_phone', value: 'has_phone::text' },
  hasLinkedin: { combo: 'has_linkedin', value: 'has_linkedin::text' },
  verification: { combo: 'verification_status', value: 'verification_status::text' },
};

const FACETS = Object.keys(FACET_COLUMNS) as FacetName[];

/** Lead rows grouped by every facet column at once. */
const COMBO_SELECT = `industry_id, country, state, city, company_size, seniority, phone IS NOT NULL AS has_phone,
                      linkedin_url IS NOT NULL AS has_linkedin, verification_status, count(*) AS n`;
const COMBO_GROUP = 'GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9';

class Params {
  readonly values: unknown[] = [];
  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

function checkList(name: string, list: string[] | null | undefined, pattern?: RegExp): string[] | null {
  if (!list || list.length === 0) return null;
  if (list.length > MAX_LIST) throw badInput(`"${name}" takes at most ${MAX_LIST} values.`);
  for (const v of list)
    if (v.length > 100 || (pattern && !pattern.test(v)))
      throw badInput(`"${name}" has an invalid value: ${JSON.stringify(v.slice(0, 40))}.`);
  return list;
}

function checkRange(name: string, value: number | null | undefined, min: number, max: number): number | null {
  if (value === null || value === undefined) return null;
  if (!Number.isInteger(value) || value < min || value > max) throw badInput(`"${name}" must be a whole number from ${min} to ${max}.`);
  return value;
}

function checkPrice(name: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  if (!/^\d{1,6}(\.\d{1,4})?$/.test(value)) throw badInput(`"${name}" must be a price from 0 to 999,999.9999.`);
  return value;
}

/** The filter, checked: every problem is a BAD_USER_INPUT naming the field. */
export function validateFilter(filter: LeadSearchFilter): LeadSearchFilter {
  const f: LeadSearchFilter = {
    industryIds: checkList('industryIds', filter.industryIds, /^[0-9a-f-]{36}$/i),
    countries: checkList(
      'countries',
      filter.countries?.map((c) => c.toUpperCase()),
      /^[A-Z]{2}$/,
    ),
    states: checkList('states', filter.states),
    cities: checkList('cities', filter.cities),
    postalCodes: checkList('postalCodes', filter.postalCodes),
    companySizes: checkList('companySizes', filter.companySizes),
    seniorities: checkList('seniorities', filter.seniorities),
    intentMin: checkRange('intentMin', filter.intentMin, 1, 100),
    intentMax: checkRange('intentMax', filter.intentMax, 1, 100),
    freshnessMin: checkRange('freshnessMin', filter.freshnessMin, 0, 100),
    maxAgeDays: checkRange('maxAgeDays', filter.maxAgeDays, 1, 3650),
    priceMin: checkPrice('priceMin', filter.priceMin),
    priceMax: checkPrice('priceMax', filter.priceMax),
    hasPhone: filter.hasPhone ?? null,
    hasLinkedin: filter.hasLinkedin ?? null,
    emailVerified: filter.emailVerified ?? null,
    includeCatchAll: filter.includeCatchAll ?? null,
    companyName: filter.companyName?.trim() || null,
  };
  if (f.intentMin !== null && f.intentMax !== null && f.intentMin! > f.intentMax!) throw badInput('"intentMin" is above "intentMax".');
  if (f.priceMin && f.priceMax && money.compare(f.priceMin, f.priceMax) > 0) throw badInput('"priceMin" is above "priceMax".');
  if (f.companyName && f.companyName.length > 100) throw badInput('"companyName" is longer than 100 characters.');
  return f;
}

/** SQL conditions on lead rows: the non-facet ones, and one per facet (so a facet can leave its own out). */
function conditions(f: LeadSearchFilter, p: Params): { base: string[]; facet: Partial<Record<FacetName, string>> } {
  return { base: baseConditions(f, p), facet: facetConditions(f, p, 'row') };
}

function baseConditions(f: LeadSearchFilter, p: Params): string[] {
  // The literal status condition is what the partial sort indexes (WHERE status = 'LISTED') match.
  const base = [`status = 'LISTED'`];
  if (f.intentMin !== null && f.intentMin !== undefined) base.push(`intent_score >= ${p.add(f.intentMin)}`);
  if (f.intentMax !== null && f.intentMax !== undefined) base.push(`intent_score <= ${p.add(f.intentMax)}`);
  if (f.freshnessMin !== null && f.freshnessMin !== undefined) base.push(`freshness_score >= ${p.add(f.freshnessMin)}`);
  if (f.maxAgeDays) base.push(`collected_at >= now() - make_interval(days => ${p.add(f.maxAgeDays)})`);
  if (f.priceMin) base.push(`list_price >= ${p.add(f.priceMin)}::numeric`);
  if (f.priceMax) base.push(`list_price <= ${p.add(f.priceMax)}::numeric`);
  if (f.postalCodes) base.push(`postal_code = ANY(${p.add(f.postalCodes)}::text[])`);
  if (f.companyName) base.push(`company_name ILIKE ${p.add(`%${f.companyName.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  return base;
}

/**
 * One condition per facet filter, on lead rows or on the facet combinations (where the phone and
 * LinkedIn presence are the columns has_phone and has_linkedin).
 */
function facetConditions(f: LeadSearchFilter, p: Params, on: 'row' | 'combo'): Partial<Record<FacetName, string>> {
  const facet: Partial<Record<FacetName, string>> = {};
  // country is char(2): comparing it as bpchar (not country::text) keeps its statistics and index usable.
  if (f.industryIds) facet.industry = `industry_id = ANY(${p.add(f.industryIds)}::uuid[])`;
  if (f.countries) facet.country = `country = ANY(${p.add(f.countries)}::bpchar[])`;
  if (f.states) facet.state = `state = ANY(${p.add(f.states)}::text[])`;
  if (f.cities) facet.city = `city = ANY(${p.add(f.cities)}::text[])`;
  if (f.companySizes) facet.companySize = `company_size::text = ANY(${p.add(f.companySizes)}::text[])`;
  if (f.seniorities) facet.seniority = `seniority::text = ANY(${p.add(f.seniorities)}::text[])`;
  if (f.hasPhone !== null && f.hasPhone !== undefined) {
    const present = on === 'row' ? 'phone IS NOT NULL' : 'has_phone';
    facet.hasPhone = f.hasPhone ? present : `NOT (${present})`;
  }
  if (f.hasLinkedin !== null && f.hasLinkedin !== undefined) {
    const present = on === 'row' ? 'linkedin_url IS NOT NULL' : 'has_linkedin';
    facet.hasLinkedin = f.hasLinkedin ? present : `NOT (${present})`;
  }
  if (f.emailVerified)
    facet.verification = f.includeCatchAll ? `verification_status IN ('VALID', 'CATCH_ALL')` : `verification_status = 'VALID'`;
  return facet;
}

const and = (parts: string[]) => (parts.length ? parts.join(' AND ') : 'true');

/** The keyset page: `first + 1` rows along the sort, after the cursor's row. */
function pageStatement(
  filter: LeadSearchFilter,
  sort: LeadSearchSort,
  page: { first: number; after: (string | number)[] | null },
): SqlStatement {
  const p = new Params();
  const { base, facet } = conditions(filter, p);
  const where = [...base, ...Object.values(facet)];
  const s = SORTS[sort];
  const columns = orderColumns(s);
  if (page.after) {
    const [key, id, cursorSort] = page.after;
    if (page.after.length !== 3 || cursorSort !== sort) throw badInput('"after" is a cursor from another search; start again without it.');
    if (!s.checkKey(key!) || typeof id !== 'string' || !UUID.test(id)) throw badInput('"after" is not a valid cursor.');
    const cmp = s.direction === 'DESC' ? '<' : '>';
    const idParam = p.add(id);
    // The cursor holds the sort key and the id; created_at (the tie-breaker, never updated) is the row's own.
    const values =
      columns.length === 2
        ? [`${p.add(key)}${s.cast}`, `${idParam}::uuid`]
        : [`${p.add(key)}${s.cast}`, `(SELECT created_at FROM leads WHERE id = ${idParam}::uuid)`, `${idParam}::uuid`];
    where.push(`(${columns.join(', ')}) ${cmp} (${values.join(', ')})`);
  }
  return {
    text: `SELECT id, intent_score, list_price::text, freshness_score, created_at FROM leads
            WHERE ${and(where)} ORDER BY ${columns.map((c) => `${c} ${s.direction}`).join(', ')} LIMIT ${page.first + 1}`,
    values: p.values,
  };
}

/** The planner's row count of leads (-1 before the first ANALYZE), which sizes the facet sample. */
const RELTUPLES = `(SELECT reltuples::float8 FROM pg_class WHERE oid = 'leads'::regclass)`;

/** The share of the table (percent) a facet sample reads to get about `rows` rows. */
export function samplePercent(reltuples: number, rows = SAMPLE_ROWS): number {
  return Math.min(100, (rows * 100) / Math.max(reltuples, 1));
}

/**
 * The total up to COUNT_EXACT_LIMIT + 1, how many of the industries asked for exist, and the row
 * count of leads (kept for the next search's sample size).
 */
function totalStatement(filter: LeadSearchFilter): SqlStatement {
  const p = new Params();
  const { base, facet } = conditions(filter, p);
  const industries = filter.industryIds
    ? `(SELECT count(*)::int FROM industries WHERE id = ANY(${p.add(filter.industryIds)}::uuid[]))`
    : 'NULL';
  return {
    text: `SELECT (SELECT count(*)::int FROM (SELECT 1 FROM leads WHERE ${and([...base, ...Object.values(facet)])} LIMIT ${COUNT_EXACT_LIMIT + 1}) t) AS n,
                  ${industries} AS industries, ${RELTUPLES} AS reltuples`,
    values: p.values,
  };
}

/**
 * Below how many matches the total is counted (up to COUNT_EXACT_LIMIT + 1) beside a sample: when
 * at least SURE_SAMPLED matching rows of the sample scale up to SURE_TOTAL or more, a true total of at
 * most COUNT_EXACT_LIMIT is out of the question (it would take the random pages of the sample to hold
 * 4× their share of matches, over dozens of pages), and the count is skipped.
 */
const SURE_SAMPLED = 1_000;
const SURE_TOTAL = 4 * COUNT_EXACT_LIMIT;

/**
 * Facet counts over `combos` (lead rows grouped by every facet column; `source` says how they are
 * read): one row per bucket and one for all (GROUPING SETS), each facet summed with every facet
 * filter but its own, `c_all` with all of them and `c_base` with none.
 *
 * The sampled statement also answers what the total statement does (`n`, `industries`, `reltuples`),
 * counting the total only when the sample does not show it is far above COUNT_EXACT_LIMIT.
 */
function facetStatement(filter: LeadSearchFilter, source: { percent: number } | { exactLimit: number }): SqlStatement {
  const p = new Params();
  const base = baseConditions(filter, p);
  const facet = facetConditions(filter, p, 'combo');
  const others = (name: FacetName) =>
    and(
      Object.entries(facet)
        .filter(([k]) => k !== name)
        .map(([, v]) => v),
    );
  const all = and(Object.values(facet));
  const outer = `${FACETS.map((f) => `${FACET_COLUMNS[f].value} AS g_${f}`).join(', ')},
                 GROUPING(${FACETS.map((f) => FACET_COLUMNS[f].combo).join(', ')}) AS grouped,
                 ${FACETS.map((f) => `sum(n) FILTER (WHERE ${others(f)}) AS c_${f}`).join(', ')},
                 sum(n) FILTER (WHERE ${all}) AS c_all, sum(n) AS c_base`;
  const sets = `GROUP BY GROUPING SETS (${FACETS.map((f) => `(${FACET_COLUMNS[f].combo})`).join(', ')}, ())`;
  if ('percent' in source) {
    // SYSTEM sampling reads whole pages chosen at random (REPEATABLE: the same pages each time, so the
    // figures stay put between requests). The percentage is a constant so that the planner costs the
    // statement for what it reads.
    const sampled = source.percent < 100;
    const from = sampled ? `leads TABLESAMPLE SYSTEM (${source.percent.toPrecision(6)}) REPEATABLE (7)` : 'leads';
    const scale = sampled ? 100 / source.percent : 1;
    const rowFacets = Object.values(facetConditions(filter, p, 'row'));
    const counted = `(SELECT count(*)::int FROM (SELECT 1 FROM leads WHERE ${and([...base, ...rowFacets])} LIMIT ${COUNT_EXACT_LIMIT + 1}) t)`;
    // The ELSE branch's subquery runs only when it is reached.
    const total = `CASE WHEN (SELECT m FROM matched) >= ${SURE_SAMPLED} AND (SELECT m FROM matched) * ${scale} >= ${SURE_TOTAL}
                        THEN NULL ELSE ${counted} END`;
    const industries = filter.industryIds
      ? `(SELECT count(*)::int FROM industries WHERE id = ANY(${p.add(filter.industryIds)}::uuid[]))`
      : 'NULL';
    return {
      text: `WITH combos AS MATERIALIZED (SELECT ${COMBO_SELECT} FROM ${from} WHERE ${and(base)} ${COMBO_GROUP}),
                  matched AS (SELECT coalesce(sum(n) FILTER (WHERE ${all}), 0) AS m FROM combos)
             SELECT ${outer}, ${total} AS n, ${industries} AS industries, ${RELTUPLES} AS reltuples
               FROM combos
             ${sets}`,
      values: p.values,
    };
  }
  const { exactLimit } = source;
  // Exact, only when at most `exactLimit` rows match the non-facet filters (else nothing is grouped).
  return {
    text: `WITH sized AS (SELECT count(*)::int AS n FROM (SELECT 1 FROM leads WHERE ${and(base)} LIMIT ${exactLimit + 1}) t)
           SELECT ${outer}, (SELECT n FROM sized) AS sized
             FROM (SELECT ${COMBO_SELECT} FROM leads WHERE ${and(base)} AND (SELECT n FROM sized) <= ${exactLimit} ${COMBO_GROUP}) combos
           ${sets}`,
    values: p.values,
  };
}

/**
 * The statements of a search (the filter already validated), sent at once: with facets, the page and
 * the sampled facets (which also count the total); without, the page and the total. The bench runs
 * exactly these through `pg` as the baseline of the GraphQL query.
 */
export function searchStatements(
  filter: LeadSearchFilter,
  sort: LeadSearchSort,
  page: { first: number; after: (string | number)[] | null },
  options: { facets: boolean; samplePercent: number },
): SearchStatements {
  return {
    page: pageStatement(filter, sort, page),
    totalOrFacets: options.facets ? facetStatement(filter, { percent: options.samplePercent }) : totalStatement(filter),
  };
}

type FacetRow = Record<string, string | number | boolean | null>;

interface FacetCounts {
  buckets: Map<FacetName, FacetBucket[]>;
  /** Rows (as read: scale them) with every facet filter, and with none. */
  all: number;
  base: number;
}

function readFacets(rows: FacetRow[], scale: number): FacetCounts {
  const buckets = new Map<FacetName, FacetBucket[]>(FACETS.map((f) => [f, []]));
  let all = 0;
  let base = 0;
  for (const row of rows) {
    // GROUPING(...) has a bit per facet column, the first the highest; 0 where the row groups by it.
    const grouped = Number(row['grouped']);
    const name = FACETS.find((_, i) => (grouped & (1 << (FACETS.length - 1 - i))) === 0);
    if (!name) {
      all = Number(row['c_all'] ?? 0);
      base = Number(row['c_base'] ?? 0);
      continue;
    }
    const value = row[`g_${name}`];
    const count = Math.round(Number(row[`c_${name}`] ?? 0) * scale);
    if (value === null || count === 0) continue;
    buckets.get(name)!.push({ value: String(value), label: String(value), count });
  }
  return { buckets, all, base };
}

export class SearchService {
  constructor(
    private readonly platform: Platform,
    /** Up to this many candidate rows the facets are counted exactly (a test lowers it). */
    private readonly facetExactLimit = FACET_EXACT_LIMIT,
    /** Rows a facet sample aims to read (a test lowers it to sample a small table). */
    private readonly sampleRows = SAMPLE_ROWS,
  ) {}

  /** pg_class.reltuples of leads as the last search saw it (each search reads it along with its total). */
  private reltuples: number | null = null;

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  /** The statements `search` sends for these arguments (the filter validated), and the sample's size. */
  async statements(
    filterInput: LeadSearchFilter,
    sort: LeadSearchSort,
    page: { first: number; after: (string | number)[] | null },
    options: { facets: boolean } = { facets: true },
  ): Promise<{ filter: LeadSearchFilter; statements: SearchStatements; samplePercent: number }> {
    const filter = validateFilter(filterInput);
    if (this.reltuples === null && options.facets) {
      // Once per process: later searches reuse the figure their previous total statement read.
      const { rows } = await this.pool.query<{ reltuples: number | null }>(`SELECT ${RELTUPLES} AS reltuples`);
      this.reltuples = rows[0]?.reltuples ?? -1;
    }
    const percent = samplePercent(this.reltuples ?? -1, this.sampleRows);
    return { filter, statements: searchStatements(filter, sort, page, { ...options, samplePercent: percent }), samplePercent: percent };
  }

  async search(
    filterInput: LeadSearchFilter,
    sort: LeadSearchSort,
    page: { first: number; after: (string | number)[] | null },
    options: { facets: boolean } = { facets: true },
  ): Promise<SearchPage> {
    const { filter, statements, samplePercent } = await this.statements(filterInput, sort, page, options);
    const [pageResult, second] = await Promise.all([
      this.pool.query<PageRow>(statements.page),
      this.pool.query<FacetRow>(statements.totalOrFacets),
    ]);
    // The total statement answers one row, the facets one per bucket plus one: n, industries and
    // reltuples are the same on each.
    const head = second.rows[0] ?? {};
    this.reltuples = head['reltuples'] === null || head['reltuples'] === undefined ? -1 : Number(head['reltuples']);
    if (filter.industryIds && Number(head['industries']) !== filter.industryIds.length)
      throw badInput('"industryIds" names an industry that does not exist.');
    const counted = head['n'] === null || head['n'] === undefined ? null : Number(head['n']);

    const s = SORTS[sort];
    const rows = pageResult.rows;
    const shown = rows.slice(0, page.first);
    const cursorKeys = shown.map((r) => [s.key(r), r.id, sort]);
    const pageOut = {
      leadIds: shown.map((r) => r.id),
      hasNextPage: rows.length > page.first,
      cursorKeys,
      endCursorKey: cursorKeys.at(-1) ?? null,
    };

    let facets: Facet[] = [];
    let estimatedTotal = COUNT_EXACT_LIMIT + 1;
    if (options.facets) {
      const fromFacets = await this.facets(filter, second.rows, samplePercent);
      facets = fromFacets.facets;
      estimatedTotal = fromFacets.total;
    }
    const exactTotal = counted !== null && counted <= COUNT_EXACT_LIMIT;
    return {
      ...pageOut,
      // The total is exact up to COUNT_EXACT_LIMIT whatever the facets say; above it, the facets' figure.
      totalCount: exactTotal ? counted : Math.max(estimatedTotal, COUNT_EXACT_LIMIT + 1),
      totalCountIsEstimate: !exactTotal,
      facets,
    };
  }

  /** Facets from the sample, or counted exactly when few rows are involved. */
  private async facets(filter: LeadSearchFilter, sampleRows: FacetRow[], percent: number): Promise<{ facets: Facet[]; total: number }> {
    const scale = percent >= 100 ? 1 : 100 / percent;
    let counts = readFacets(sampleRows, scale);
    let exact = false;
    if (counts.base * scale <= 2 * this.facetExactLimit) {
      if (percent >= 100) {
        // The "sample" read the whole table: it is exact, and says how many rows there are.
        exact = counts.base <= this.facetExactLimit;
      } else {
        const { rows } = await this.pool.query<FacetRow>(facetStatement(filter, { exactLimit: this.facetExactLimit }));
        if (Number(rows[0]?.['sized'] ?? Infinity) <= this.facetExactLimit) {
          counts = readFacets(rows, 1);
          exact = true;
        }
      }
    }
    const factor = exact ? 1 : scale;
    return {
      total: Math.round(counts.all * factor),
      facets: FACETS.map((name) => ({
        name,
        buckets: counts.buckets
          .get(name)!
          .sort((a, b) => b.count - a.count || a.value.localeCompare(b.value))
          .slice(0, 50),
        isEstimate: !exact,
      })),
    };
  }

  /**
   * What a saved segment would buy now: how many leads match (exact up to 25,000), and the ids and
   * total list price of the first `limit` in intent order (a cart takes at most 10,000).
   */
  async preview(
    filterInput: LeadSearchFilter,
    limit: number,
  ): Promise<{ count: number; countIsEstimate: boolean; leadIds: string[]; totalUsd: string }> {
    const filter = validateFilter(filterInput);
    const p = new Params();
    const { base, facet } = conditions(filter, p);
    const [total, { rows }] = await Promise.all([
      this.pool.query<{ n: number }>(totalStatement(filter)),
      this.pool.query<{ id: string; list_price: string }>(
        `SELECT id, list_price::text FROM leads WHERE ${and([...base, ...Object.values(facet)])}
          ORDER BY intent_score DESC, created_at DESC, id DESC LIMIT ${Math.max(0, Math.floor(limit))}`,
        p.values,
      ),
    ]);
    const n = total.rows[0]!.n;
    return {
      count: n,
      countIsEstimate: n > COUNT_EXACT_LIMIT,
      leadIds: rows.map((r) => r.id),
      totalUsd: money.add('0', ...rows.map((r) => r.list_price)),
    };
  }
}
