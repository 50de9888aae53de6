import type { CompanySize, LeadSearchFilterInput, LeadSearchSort, Seniority } from '../gql/graphql';

/**
 * The marketplace's filters and sort as they live in the query string, so a search can be shared,
 * bookmarked and restored with the back button.
 */
export interface MarketplaceSearch {
  industries: string[];
  countries: string[];
  states: string[];
  cities: string[];
  companySizes: CompanySize[];
  seniorities: Seniority[];
  intentMin: number | null;
  intentMax: number | null;
  freshnessMin: number | null;
  maxAgeDays: number | null;
  /** USD, as typed ("12.5"). */
  priceMin: string | null;
  priceMax: string | null;
  hasPhone: boolean;
  hasLinkedin: boolean;
  emailVerified: boolean;
  includeCatchAll: boolean;
  companyName: string;
  sort: LeadSearchSort;
}

export const DEFAULT_SORT: LeadSearchSort = 'INTENT_DESC';

export const SORT_OPTIONS: { value: LeadSearchSort; label: string }[] = [
  { value: 'INTENT_DESC', label: 'Best intent' },
  { value: 'PRICE_ASC', label: 'Price low → high' },
  { value: 'PRICE_DESC', label: 'Price high → low' },
  { value: 'FRESHNESS_DESC', label: 'Freshest' },
  { value: 'NEWEST', label: 'Newest' },
];

export const COMPANY_SIZES: { value: CompanySize; label: string }[] = [
  { value: 'S_1_10', label: '1–10' },
  { value: 'S_11_50', label: '11–50' },
  { value: 'S_51_200', label: '51–200' },
  { value: 'S_201_500', label: '201–500' },
  { value: 'S_501_1000', label: '501–1,000' },
  { value: 'S_1001_5000', label: '1,001–5,000' },
  { value: 'S_5001_PLUS', label: '5,001+' },
];

export const SENIORITIES: { value: Seniority; label: string }[] = [
  { value: 'C_SUITE', label: 'C-suite' },
  { value: 'VP', label: 'VP' },
  { value: 'DIRECTOR', label: 'Director' },
  { value: 'MANAGER', label: 'Manager' },
  { value: 'SENIOR', label: 'Senior' },
  { value: 'ENTRY', label: 'Entry' },
  { value: 'UNKNOWN', label: 'Unknown' },
];

export const LEAD_AGE_OPTIONS = [7, 30, 90] as const;

export const EMPTY_SEARCH: MarketplaceSearch = {
  industries: [],
  countries: [],
  states: [],
  cities: [],
  companySizes: [],
  seniorities: [],
  intentMin: null,
  intentMax: null,
  freshnessMin: null,
  maxAgeDays: null,
  priceMin: null,
  priceMax: null,
  hasPhone: false,
  hasLinkedin: false,
  emailVerified: false,
  includeCatchAll: false,
  companyName: '',
  sort: DEFAULT_SORT,
};

// Query-string keys: lists repeat their key (`?country=US&country=DE`), flags are `1`.
const KEY = {
  industries: 'industry',
  countries: 'country',
  states: 'state',
  cities: 'city',
  companySizes: 'size',
  seniorities: 'seniority',
  intentMin: 'intentMin',
  intentMax: 'intentMax',
  freshnessMin: 'freshness',
  maxAgeDays: 'age',
  priceMin: 'priceMin',
  priceMax: 'priceMax',
  hasPhone: 'phone',
  hasLinkedin: 'linkedin',
  emailVerified: 'verified',
  includeCatchAll: 'catchAll',
  companyName: 'company',
  sort: 'sort',
} as const satisfies Record<keyof MarketplaceSearch, string>;

function oneOf<T extends string>(values: string[], allowed: readonly { value: T }[]): T[] {
  return values.filter((v): v is T => allowed.some((a) => a.value === v));
}

function intParam(params: URLSearchParams, key: string): number | null {
  const raw = params.get(key);
  if (raw === null || raw === '') return null;
  const n = Number(raw);
  return Number.isInteger(n) ? n : null;
}

function priceParam(params: URLSearchParams, key: string): string | null {
  const raw = params.get(key)?.trim();
  return raw && /^\d+(\.\d+)?$/.test(raw) ? raw : null;
}

/** The search a query string describes; unknown or malformed values are dropped. */
export function parseMarketplaceSearch(params: URLSearchParams): MarketplaceSearch {
  const sort = params.get(KEY.sort);
  return {
    industries: params.getAll(KEY.industries),
    countries: params.getAll(KEY.countries),
    states: params.getAll(KEY.states),
    cities: params.getAll(KEY.cities),
    companySizes: oneOf(params.getAll(KEY.companySizes), COMPANY_SIZES),
    seniorities: oneOf(params.getAll(KEY.seniorities), SENIORITIES),
    intentMin: intParam(params, KEY.intentMin),
    intentMax: intParam(params, KEY.intentMax),
    freshnessMin: intParam(params, KEY.freshnessMin),
    maxAgeDays: intParam(params, KEY.maxAgeDays),
    priceMin: priceParam(params, KEY.priceMin),
    priceMax: priceParam(params, KEY.priceMax),
    hasPhone: params.get(KEY.hasPhone) === '1',
    hasLinkedin: params.get(KEY.hasLinkedin) === '1',
    emailVerified: params.get(KEY.emailVerified) === '1',
    includeCatchAll: params.get(KEY.includeCatchAll) === '1',
    companyName: params.get(KEY.companyName) ?? '',
    sort: SORT_OPTIONS.find((o) => o.value === sort)?.value ?? DEFAULT_SORT,
  };
}

/** The query string of a search (`?…`, or '' for the default search). */
export function marketplaceSearchString(search: Partial<MarketplaceSearch>): string {
  const params = new URLSearchParams();
  for (const [field, key] of Object.entries(KEY) as [keyof MarketplaceSearch, string][]) {
    const value = search[field];
    if (Array.isArray(value)) for (const v of value) params.append(key, v);
    else if (value === true) params.set(key, '1');
    else if (typeof value === 'number') params.set(key, String(value));
    else if (typeof value === 'string' && value !== '' && !(field === 'sort' && value === DEFAULT_SORT)) params.set(key, value);
  }
  const qs = params.toString();
  return qs ? `?${qs}` : '';
}

/**
 * A change to the search, keeping the place hierarchy consistent: no states without a country,
 * no cities without a state.
 */
export function updateSearch(search: MarketplaceSearch, change: Partial<MarketplaceSearch>): MarketplaceSearch {
  const next = { ...search, ...change };
  if (next.countries.length === 0) next.states = [];
  if (next.states.length === 0) next.cities = [];
  if (!next.emailVerified) next.includeCatchAll = false;
  return next;
}

/** Whether any filter (not the sort) is set. */
export function hasFilters(search: MarketplaceSearch): boolean {
  return marketplaceSearchString({ ...search, sort: DEFAULT_SORT }) !== '';
}

/** The API filter of a search (only the filters that are set). */
export function leadSearchFilter(search: MarketplaceSearch): LeadSearchFilterInput {
  const filter: LeadSearchFilterInput = {};
  if (search.industries.length) filter.industryIds = search.industries;
  if (search.countries.length) filter.countries = search.countries;
  if (search.states.length) filter.states = search.states;
  if (search.cities.length) filter.cities = search.cities;
  if (search.companySizes.length) filter.companySizes = search.companySizes;
  if (search.seniorities.length) filter.seniorities = search.seniorities;
  if (search.intentMin !== null) filter.intentMin = search.intentMin;
  if (search.intentMax !== null) filter.intentMax = search.intentMax;
  if (search.freshnessMin !== null) filter.freshnessMin = search.freshnessMin;
  if (search.maxAgeDays !== null) filter.maxAgeDays = search.maxAgeDays;
  if (search.priceMin !== null) filter.priceMin = search.priceMin;
  if (search.priceMax !== null) filter.priceMax = search.priceMax;
  if (search.hasPhone) filter.hasPhone = true;
  if (search.hasLinkedin) filter.hasLinkedin = true;
  if (search.emailVerified) {
    filter.emailVerified = true;
    if (search.includeCatchAll) filter.includeCatchAll = true;
  }
  const company = search.companyName.trim();
  if (company) filter.companyName = company;
  return filter;
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

function intOrNull(value: unknown): number | null {
  return typeof value === 'number' && Number.isInteger(value) ? value : null;
}

function priceOrNull(value: unknown): string | null {
  const raw = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  return /^\d+(\.\d+)?$/.test(raw) ? raw : null;
}

/**
 * The search a saved filter describes (a segment's `filters`, a LeadSearchFilterInput stored as
 * JSON): the inverse of `leadSearchFilter`; unknown or malformed values are dropped. The sort is the default.
 */
export function searchFromFilter(filters: unknown): MarketplaceSearch {
  const f = (typeof filters === 'object' && filters !== null ? filters : {}) as Record<string, unknown>;
  const emailVerified = f['emailVerified'] === true;
  return updateSearch(EMPTY_SEARCH, {
    industries: stringList(f['industryIds']),
    countries: stringList(f['countries']),
    states: stringList(f['states']),
    cities: stringList(f['cities']),
    companySizes: oneOf(stringList(f['companySizes']), COMPANY_SIZES),
    seniorities: oneOf(stringList(f['seniorities']), SENIORITIES),
    intentMin: intOrNull(f['intentMin']),
    intentMax: intOrNull(f['intentMax']),
    freshnessMin: intOrNull(f['freshnessMin']),
    maxAgeDays: intOrNull(f['maxAgeDays']),
    priceMin: priceOrNull(f['priceMin']),
    priceMax: priceOrNull(f['priceMax']),
    hasPhone: f['hasPhone'] === true,
    hasLinkedin: f['hasLinkedin'] === true,
    emailVerified,
    includeCatchAll: emailVerified && f['includeCatchAll'] === true,
    companyName: typeof f['companyName'] === 'string' ? f['companyName'] : '',
  });
}

/**
 * A short summary of a search's filters in words, e.g. "US · Software · intent 60–100 · has phone"
 * (industry ids are named with `industryNames` when known); "All leads" without filters.
 */
export function describeSearch(search: MarketplaceSearch, industryNames: ReadonlyMap<string, string> = new Map()): string {
  const parts: string[] = [];
  const place = [...search.cities, ...search.states, ...search.countries];
  if (place.length) parts.push(place.join(', '));
  if (search.industries.length) parts.push(search.industries.map((id) => industryNames.get(id) ?? 'industry').join(', '));
  if (search.companySizes.length) {
    const labels = search.companySizes.map((s) => COMPANY_SIZES.find((o) => o.value === s)?.label ?? s);
    parts.push(`${labels.join(', ')} employees`);
  }
  if (search.seniorities.length) parts.push(search.seniorities.map((s) => SENIORITIES.find((o) => o.value === s)?.label ?? s).join(', '));
  if (search.intentMin !== null || search.intentMax !== null) parts.push(`intent ${search.intentMin ?? 0}–${search.intentMax ?? 100}`);
  if (search.freshnessMin !== null) parts.push(`freshness ${search.freshnessMin}+`);
  if (search.maxAgeDays !== null) parts.push(`last ${search.maxAgeDays} days`);
  if (search.priceMin !== null && search.priceMax !== null) parts.push(`$${search.priceMin}–$${search.priceMax}`);
  else if (search.priceMin !== null) parts.push(`from $${search.priceMin}`);
  else if (search.priceMax !== null) parts.push(`up to $${search.priceMax}`);
  if (search.hasPhone) parts.push('has phone');
  if (search.hasLinkedin) parts.push('has LinkedIn');
  if (search.emailVerified) parts.push(search.includeCatchAll ? 'verified or catch-all email' : 'verified email');
  const company = search.companyName.trim();
  if (company) parts.push(`company “${company}”`);
  return parts.length ? parts.join(' · ') : 'All leads';
}
