/** One search filter of a purchase, in words. */
export interface FilterLine {
  label: string;
  value: string;
}

const FILTER_LABELS: Record<string, string> = {
  countries: 'Countries',
  states: 'States',
  cities: 'Cities',
  postalCodes: 'Postal codes',
  industryIds: 'Industries',
  companyName: 'Company name',
  companySizes: 'Company sizes',
  seniorities: 'Seniorities',
  hasPhone: 'Has phone',
  hasLinkedin: 'Has LinkedIn',
  emailVerified: 'Verified email',
  includeCatchAll: 'Include catch-all',
  intentMin: 'Intent at least',
  intentMax: 'Intent at most',
  freshnessMin: 'Freshness at least',
  maxAgeDays: 'Collected within (days)',
  priceMin: 'Price at least',
  priceMax: 'Price at most',
};

function describeValue(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint') return String(value);
  if (Array.isArray(value)) return value.map(describeValue).join(', ');
  return JSON.stringify(value);
}

function isBlank(value: unknown): boolean {
  return value == null || value === '' || (Array.isArray(value) && value.length === 0);
}

/**
 * The search filters a purchase was made with (the API's JSON), as "label: value" lines in their
 * order: arrays joined with ", ", booleans as yes / no, unknown keys as they are. Empty when none
 * was set (no filters, an empty object, or only blank values).
 */
export function describeFilters(filters: unknown): FilterLine[] {
  if (filters == null || typeof filters !== 'object') return isBlank(filters) ? [] : [{ label: 'Filters', value: describeValue(filters) }];
  if (Array.isArray(filters)) return filters.length ? [{ label: 'Filters', value: describeValue(filters) }] : [];
  return Object.entries(filters as Record<string, unknown>)
    .filter(([, value]) => !isBlank(value))
    .map(([key, value]) => ({ label: FILTER_LABELS[key] ?? key, value: describeValue(value) }));
}
