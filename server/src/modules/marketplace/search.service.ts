// Lead search for buyers (product §2): filters, sort, keyset pages and live facet counts, in SQL.
// Facets count "everything but their own filter" (choosing Germany still shows how many leads the
// other countries have), in one GROUPING SETS statement. Exact while the rows to count are few; above
// FACET_EXACT_LIMIT the statement reads a TABLESAMPLE of the inventory and scales up, and the counts
// are marked as estimates — so a search costs about the same on 10,000 or 1,000,000 leads.
// First version: the indexes for the sorts and the 1,000,000-lead benchmark come with the rest of
// the marketplace issue.
import { money } from '@hotlead/domain';
import type pg from 'pg';
import { badInput } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';

export const COUNT_EXACT_LIMIT = 25_000;
const FACET_EXACT_LIMIT = 50_000;
/** Rows a sampled facet pass aims to read. */
const SAMPLE_ROWS = 30_000;
const MAX_LIST = 100;

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

const SORTS: Record<LeadSearchSort, { column: string; direction: 'ASC' | 'DESC'; key: (r: PageRow) => string | number }> = {
  INTENT_DESC: { column: 'intent_score', direction: 'DESC', key: (r) => r.intent_score },
  PRICE_ASC: { column: 'list_price', direction: 'ASC', key: (r) => r.list_price },
  PRICE_DESC: { column: 'list_price', direction: 'DESC', key: (r) => r.list_price },
  FRESHNESS_DESC: { column: 'freshness_score', direction: 'DESC', key: (r) => r.freshness_score },
  NEWEST: { column: 'created_at', direction: 'DESC', key: (r) => r.created_at.toISOString() },
};

interface PageRow {
  id: string;
  intent_score: number;
  list_price: string;
  freshness_score: number;
  created_at: Date;
}

/** A facet's expression (what its buckets group by) and the filter it owns. */
const FACET_COLUMNS: Record<FacetName, string> = {
  industry: 'industry_id::text',
  country: 'country',
  state: 'state',
  city: 'city',
  companySize: 'company_size::text',
  seniority: 'seniority::text',
  hasPhone: "CASE WHEN phone IS NULL THEN 'false' ELSE 'true' END",
  hasLinkedin: "CASE WHEN linkedin_url IS NULL THEN 'false' ELSE 'true' END",
  verification: 'verification_status::text',
};

const FACETS = Object.keys(FACET_COLUMNS) as FacetName[];

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

/** SQL conditions: the non-facet ones, and one per facet (so a facet can leave its own out). */
function conditions(f: LeadSearchFilter, p: Params): { base: string[]; facet: Partial<Record<FacetName, string>> } {
  return { base: baseConditions(f, p), facet: facetConditions(f, p) };
}

function baseConditions(f: LeadSearchFilter, p: Params): string[] {
  const base = [`status = 'LISTED'`];
  if (f.intentMin !== null && f.intentMin !== undefined) base.push(`intent_score >= ${p.add(f.intentMin)}`);
  if (f.intentMax !== null && f.intentMax !== undefined) base.push(`intent_score <= ${p.add(f.intentMax)}`);
  if (f.freshnessMin !== null && f.freshnessMin !== undefined) base.push(`freshness_score >= ${p.add(f.freshnessMin)}`);
  if (f.maxAgeDays) base.push(`collected_at >= now() - make_interval(days => ${p.add(f.maxAgeDays)})`);
  if (f.priceMin) base.push(`list_price >= ${p.add(f.priceMin)}`);
  if (f.priceMax) base.push(`list_price <= ${p.add(f.priceMax)}`);
  if (f.postalCodes) base.push(`postal_code = ANY(${p.add(f.postalCodes)}::text[])`);
  if (f.companyName) base.push(`company_name ILIKE ${p.add(`%${f.companyName.replace(/[\\%_]/g, (c) => `\\${c}`)}%`)}`);
  return base;
}

function facetConditions(f: LeadSearchFilter, p: Params): Partial<Record<FacetName, string>> {
  const facet: Partial<Record<FacetName, string>> = {};
  if (f.industryIds) facet.industry = `industry_id = ANY(${p.add(f.industryIds)}::uuid[])`;
  if (f.countries) facet.country = `country = ANY(${p.add(f.countries)}::text[])`;
  if (f.states) facet.state = `state = ANY(${p.add(f.states)}::text[])`;
  if (f.cities) facet.city = `city = ANY(${p.add(f.cities)}::text[])`;
  if (f.companySizes) facet.companySize = `company_size::text = ANY(${p.add(f.companySizes)}::text[])`;
  if (f.seniorities) facet.seniority = `seniority::text = ANY(${p.add(f.seniorities)}::text[])`;
  if (f.hasPhone !== null && f.hasPhone !== undefined) facet.hasPhone = f.hasPhone ? 'phone IS NOT NULL' : 'phone IS NULL';
  if (f.hasLinkedin !== null && f.hasLinkedin !== undefined)
    facet.hasLinkedin = f.hasLinkedin ? 'linkedin_url IS NOT NULL' : 'linkedin_url IS NULL';
  if (f.emailVerified)
    facet.verification = f.includeCatchAll ? `verification_status IN ('VALID', 'CATCH_ALL')` : `verification_status = 'VALID'`;
  return facet;
}

const and = (parts: string[]) => (parts.length ? parts.join(' AND ') : 'true');

export class SearchService {
  constructor(
    private readonly platform: Platform,
    /** Above this many candidate rows the facets come from a sample (a test lowers it). */
    private readonly facetExactLimit = FACET_EXACT_LIMIT,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  async search(
    filterInput: LeadSearchFilter,
    sort: LeadSearchSort,
    page: { first: number; after: (string | number)[] | null },
    options: { facets: boolean } = { facets: true },
  ): Promise<SearchPage> {
    const filter = validateFilter(filterInput);
    if (filter.industryIds) {
      const { rows } = await this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM industries WHERE id = ANY($1::uuid[])`, [
        filter.industryIds,
      ]);
      if (rows[0]!.n !== filter.industryIds.length) throw badInput('"industryIds" names an industry that does not exist.');
    }
    const [pageResult, counts] = await Promise.all([
      this.page(filter, sort, page),
      options.facets ? this.counts(filter) : this.total(filter).then((total) => ({ ...total, facets: [] })),
    ]);
    return { ...pageResult, ...counts };
  }

  private async page(filter: LeadSearchFilter, sort: LeadSearchSort, page: { first: number; after: (string | number)[] | null }) {
    const p = new Params();
    const { base, facet } = conditions(filter, p);
    const where = [...base, ...Object.values(facet)];
    const s = SORTS[sort];
    if (page.after) {
      if (page.after.length !== 3 || page.after[2] !== sort)
        throw badInput('"after" is a cursor from another search; start again without it.');
      const cmp = s.direction === 'DESC' ? '<' : '>';
      const cast = sort === 'NEWEST' ? '::timestamptz' : sort.startsWith('PRICE') ? '::numeric' : '::int';
      // Ties on the sort key are broken by id in the same direction.
      where.push(`(${s.column}, id) ${cmp} (${p.add(page.after[0])}${cast}, ${p.add(page.after[1])}::uuid)`);
    }
    const { rows } = await this.pool.query<PageRow>(
      `SELECT id, intent_score, list_price::text, freshness_score, created_at FROM leads
        WHERE ${and(where)} ORDER BY ${s.column} ${s.direction}, id ${s.direction} LIMIT ${page.first + 1}`,
      p.values,
    );
    const shown = rows.slice(0, page.first);
    const cursorKeys = shown.map((r) => [s.key(r), r.id, sort]);
    return {
      leadIds: shown.map((r) => r.id),
      hasNextPage: rows.length > page.first,
      cursorKeys,
      endCursorKey: cursorKeys.at(-1) ?? null,
    };
  }

  /** The total alone: exact up to COUNT_EXACT_LIMIT, otherwise "more than" it (marked as an estimate). */
  private async total(filter: LeadSearchFilter): Promise<Pick<SearchPage, 'totalCount' | 'totalCountIsEstimate'>> {
    const q = new Params();
    const all = conditions(filter, q);
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM leads WHERE ${and([...all.base, ...Object.values(all.facet)])} LIMIT ${COUNT_EXACT_LIMIT + 1}) t`,
      q.values,
    );
    return { totalCount: rows[0]!.n, totalCountIsEstimate: rows[0]!.n > COUNT_EXACT_LIMIT };
  }

  /** The total and the facets, exactly when few rows are involved, from a sample otherwise. */
  private async counts(filter: LeadSearchFilter): Promise<Pick<SearchPage, 'totalCount' | 'totalCountIsEstimate' | 'facets'>> {
    const sizing = new Params();
    const { rows: sized } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM leads WHERE ${and(baseConditions(filter, sizing))} LIMIT ${this.facetExactLimit + 1}) t`,
      sizing.values,
    );
    const p = new Params();
    const { base, facet } = conditions(filter, p);
    const exact = sized[0]!.n <= this.facetExactLimit;
    let from = 'leads';
    let scale = 1;
    if (!exact) {
      const { rows } = await this.pool.query<{ n: number }>(
        `SELECT GREATEST(reltuples, 1)::float8 AS n FROM pg_class WHERE relname = 'leads'`,
      );
      const percent = Math.min(100, (SAMPLE_ROWS / rows[0]!.n) * 100);
      from = `leads TABLESAMPLE SYSTEM (${percent.toFixed(4)}) REPEATABLE (7)`;
      scale = 100 / percent;
    }
    const allFacets = and(Object.values(facet));
    const columns = FACETS.map((name) => {
      const others = and(
        Object.entries(facet)
          .filter(([k]) => k !== name)
          .map(([, v]) => v),
      );
      return `count(*) FILTER (WHERE ${others})::int AS c_${name}`;
    });
    const { rows } = await this.pool.query<Record<string, string | number | null>>(
      `SELECT ${FACETS.map((f) => `${FACET_COLUMNS[f]} AS g_${f}`).join(', ')},
              ${FACETS.map((f) => `GROUPING(${FACET_COLUMNS[f]}) AS x_${f}`).join(', ')},
              ${columns.join(', ')}, count(*) FILTER (WHERE ${allFacets})::int AS c_all
         FROM ${from} WHERE ${and(base)}
        GROUP BY GROUPING SETS (${FACETS.map((f) => `(${FACET_COLUMNS[f]})`).join(', ')}, ())`,
      p.values,
    );
    const facets = new Map<FacetName, FacetBucket[]>(FACETS.map((f) => [f, []]));
    let sampledTotal = 0;
    for (const row of rows) {
      const grouped = FACETS.filter((f) => Number(row[`x_${f}`]) === 0);
      if (grouped.length === 0) {
        sampledTotal = Number(row['c_all']);
        continue;
      }
      const name = grouped[0]!;
      const value = row[`g_${name}`];
      const count = Math.round(Number(row[`c_${name}`]) * scale);
      if (value === null || count === 0) continue;
      facets.get(name)!.push({ value: String(value), label: String(value), count });
    }
    let totalCount = Math.round(sampledTotal * scale);
    let totalCountIsEstimate = !exact;
    if (!exact || totalCount > COUNT_EXACT_LIMIT) {
      // The total is exact up to COUNT_EXACT_LIMIT whatever the sample says.
      const capped = await this.total(filter);
      if (!capped.totalCountIsEstimate) {
        totalCount = capped.totalCount;
        totalCountIsEstimate = false;
      } else {
        totalCount = Math.max(totalCount, COUNT_EXACT_LIMIT + 1);
        totalCountIsEstimate = true;
      }
    }
    return {
      totalCount,
      totalCountIsEstimate,
      facets: FACETS.map((name) => ({
        name,
        buckets: facets
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
      this.total(filter),
      this.pool.query<{ id: string; list_price: string }>(
        `SELECT id, list_price::text FROM leads WHERE ${and([...base, ...Object.values(facet)])}
          ORDER BY intent_score DESC, id DESC LIMIT ${Math.max(0, Math.floor(limit))}`,
        p.values,
      ),
    ]);
    return {
      count: total.totalCount,
      countIsEstimate: total.totalCountIsEstimate,
      leadIds: rows.map((r) => r.id),
      totalUsd: money.add('0', ...rows.map((r) => r.list_price)),
    };
  }
}
