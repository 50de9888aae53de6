// Partner CSV lead imports: column mapping, one record → one normalized lead (or the first problem
// with it), and sniffing of an uploaded file's kind, text encoding and delimiter. Pure functions; the
// server streams the file and calls normalizeRow once per record, so the row path is kept cheap:
// regexes and country tables are built once at module load and nothing is allocated that the result
// does not need.
import { Metadata, getCountries, parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { FREE_MAIL_DOMAINS, companySizeBand, seniorityFromTitle, type CompanySizeBand, type SeniorityLevel } from './scoring.js';

// ─────────────────────────── fields and column mapping ───────────────────────────

export const LEAD_FIELDS = [
  'email',
  'phone',
  'firstName',
  'lastName',
  'fullName',
  'jobTitle',
  'companyName',
  'companyWebsite',
  'companyEmployeeCount',
  'linkedinUrl',
  'country',
  'state',
  'city',
  'postalCode',
  'collectedAt',
] as const;
export type LeadField = (typeof LEAD_FIELDS)[number];

export const LEAD_FIELD_LABELS: Record<LeadField, string> = {
  email: 'Email',
  phone: 'Phone',
  firstName: 'First name',
  lastName: 'Last name',
  fullName: 'Full name',
  jobTitle: 'Job title',
  companyName: 'Company',
  companyWebsite: 'Company website',
  companyEmployeeCount: 'Employees',
  linkedinUrl: 'LinkedIn URL',
  country: 'Country',
  state: 'State / region',
  city: 'City',
  postalCode: 'Postal code',
  collectedAt: 'Collected on',
};

const COMBINING_MARKS = /[\u0300-\u036f]/g;
const NOT_KEY_CHARS = /[^a-z0-9]+/g;
const PLAIN_KEY = /^[a-z0-9]*$/;

/**
 * Normalized header used as the key for synonyms and for mappings saved per partner: lower-case,
 * accents stripped, every non [a-z0-9] removed. "E-mail" → "email", "Phone #" → "phone",
 * "Work Email" → "workemail".
 */
export function headerKey(header: string): string {
  const lower = header.toLowerCase();
  if (PLAIN_KEY.test(lower)) return lower;
  return lower.normalize('NFD').replace(COMBINING_MARKS, '').replace(NOT_KEY_CHARS, '');
}

/** Header synonyms per field, written as people write them; keyed by headerKey at module load. */
const HEADER_SYNONYMS: Record<LeadField, readonly string[]> = {
  email: [
    'Email',
    'E-mail',
    'Email Address',
    'E-mail Address',
    'Email Addr',
    'Mail',
    'Work Email',
    'Business Email',
    'Company Email',
    'Corporate Email',
    'Professional Email',
    'Contact Email',
    'Primary Email',
    'Email ID',
    'Lead Email',
  ],
  phone: [
    'Phone',
    'Phone #',
    'Phone Number',
    'Phone No',
    'Mobile',
    'Mobile Phone',
    'Mobile Number',
    'Cell',
    'Cell Phone',
    'Direct Dial',
    'Direct Phone',
    'Direct Line',
    'Tel',
    'Telephone',
    'Telephone Number',
    'Work Phone',
    'Business Phone',
    'Office Phone',
    'Contact Phone',
    'Contact Number',
  ],
  firstName: ['First Name', 'First', 'Given name', 'Forename', 'fname', 'Contact First Name'],
  lastName: ['Last Name', 'Last', 'Surname', 'Family Name', 'lname', 'Contact Last Name'],
  fullName: ['Name', 'Full Name', 'Contact Name', 'Contact', 'Person Name', 'Lead Name', 'Contact Full Name'],
  jobTitle: ['Title', 'Job Title', 'Position', 'Job Position', 'Role', 'Job Role', 'Designation', 'Job Function'],
  companyName: [
    'Company',
    'Company Name',
    'Organization',
    'Organisation',
    'Organization Name',
    'Organisation Name',
    'Org',
    'Account',
    'Account Name',
    'Employer',
    'Business Name',
  ],
  companyWebsite: [
    'Website',
    'Web Site',
    'Company Website',
    'Company URL',
    'Company Domain',
    'Domain',
    'URL',
    'Web',
    'Web Address',
    'Homepage',
    'Website URL',
  ],
  companyEmployeeCount: [
    'Employees',
    '# Employees',
    'Employee Count',
    'Number of Employees',
    'No. of Employees',
    'Num Employees',
    'Company Size',
    'Company Headcount',
    'Headcount',
    'Employee Size',
    'Employee Range',
    'Staff Count',
    'Size',
  ],
  linkedinUrl: [
    'LinkedIn',
    'LinkedIn URL',
    'LinkedIn Profile',
    'LinkedIn Profile URL',
    'Person LinkedIn URL',
    'Contact LinkedIn URL',
    'LinkedIn Link',
    'LI URL',
  ],
  country: ['Country', 'Country Code', 'Country Name', 'Country/Region', 'Nation'],
  state: ['State', 'State Code', 'Province', 'State/Province', 'State / Region', 'Region', 'County'],
  city: ['City', 'Town', 'Locality', 'City/Town'],
  postalCode: ['Zip', 'Zip Code', 'ZIP/Postal Code', 'Postal Code', 'Postcode', 'Post Code', 'Postal'],
  collectedAt: [
    'Date Collected',
    'Collected At',
    'Collected On',
    'Collection Date',
    'Created',
    'Created At',
    'Created On',
    'Created Date',
    'Date Created',
    'Date',
    'Timestamp',
    'Captured At',
    'Lead Date',
    'Opt-in Date',
  ],
};

const SYNONYM_FIELD: ReadonlyMap<string, LeadField> = /* @__PURE__ */ (() => {
  const map = new Map<string, LeadField>();
  for (const field of LEAD_FIELDS) {
    for (const synonym of HEADER_SYNONYMS[field]) {
      const key = headerKey(synonym);
      const existing = map.get(key);
      if (existing && existing !== field) throw new Error(`Header synonym "${synonym}" is listed for ${existing} and ${field}`);
      map.set(key, field);
    }
  }
  return map;
})();

/**
 * Auto-detects a field per column from header synonyms. `saved` (header key → field, or null meaning
 * "deliberately ignored") takes precedence over synonyms: saved mappings are applied first, then the
 * synonyms fill the columns and fields that are still free. Each field is used at most once (first
 * column wins); unknown columns → null.
 */
export function autoMapColumns(headers: readonly string[], saved?: ReadonlyMap<string, LeadField | null>): (LeadField | null)[] {
  const keys = headers.map(headerKey);
  const mapping: (LeadField | null)[] = keys.map(() => null);
  const used = new Set<LeadField>();
  const decided = keys.map(() => false);
  if (saved) {
    keys.forEach((key, i) => {
      if (!saved.has(key)) return;
      decided[i] = true;
      const field = saved.get(key) ?? null;
      if (field !== null && !used.has(field)) {
        mapping[i] = field;
        used.add(field);
      }
    });
  }
  keys.forEach((key, i) => {
    if (decided[i]) return;
    const field = SYNONYM_FIELD.get(key);
    if (field !== undefined && !used.has(field)) {
      mapping[i] = field;
      used.add(field);
    }
  });
  return mapping;
}

/**
 * Problems with a mapping, in words, empty when usable. Required: email; a name (firstName AND
 * lastName, or fullName); companyName. A field mapped twice is a problem.
 */
export function mappingProblems(mapping: readonly (LeadField | null)[]): string[] {
  const counts = new Map<LeadField, number>();
  for (const field of mapping) if (field !== null) counts.set(field, (counts.get(field) ?? 0) + 1);
  const problems: string[] = [];
  if (!counts.has('email')) problems.push('Map a column to Email.');
  if (!counts.has('fullName') && !(counts.has('firstName') && counts.has('lastName'))) {
    problems.push('Map columns to First name and Last name, or one column to Full name.');
  }
  if (!counts.has('companyName')) problems.push('Map a column to Company.');
  for (const field of LEAD_FIELDS) {
    const count = counts.get(field) ?? 0;
    if (count > 1) problems.push(`${LEAD_FIELD_LABELS[field]} is mapped to ${count} columns; map it to one.`);
  }
  return problems;
}

// ─────────────────────────── countries ───────────────────────────

/** Lookup key of a country name or code: lower-case letters and digits only, accents stripped. */
function countryKey(value: string): string {
  return headerKey(value);
}

const ALPHA3: Record<string, string> = {
  ARE: 'AE',
  ARG: 'AR',
  AUS: 'AU',
  AUT: 'AT',
  BEL: 'BE',
  BGD: 'BD',
  BGR: 'BG',
  BRA: 'BR',
  CAN: 'CA',
  CHE: 'CH',
  CHL: 'CL',
  CHN: 'CN',
  COL: 'CO',
  CRI: 'CR',
  CYP: 'CY',
  CZE: 'CZ',
  DEU: 'DE',
  DNK: 'DK',
  DOM: 'DO',
  ECU: 'EC',
  EGY: 'EG',
  ESP: 'ES',
  EST: 'EE',
  FIN: 'FI',
  FRA: 'FR',
  GBR: 'GB',
  GHA: 'GH',
  GRC: 'GR',
  GTM: 'GT',
  HKG: 'HK',
  HRV: 'HR',
  HUN: 'HU',
  IDN: 'ID',
  IND: 'IN',
  IRL: 'IE',
  ISL: 'IS',
  ISR: 'IL',
  ITA: 'IT',
  JPN: 'JP',
  KEN: 'KE',
  KOR: 'KR',
  KWT: 'KW',
  LKA: 'LK',
  LTU: 'LT',
  LUX: 'LU',
  LVA: 'LV',
  MAR: 'MA',
  MEX: 'MX',
  MLT: 'MT',
  MYS: 'MY',
  NGA: 'NG',
  NLD: 'NL',
  NOR: 'NO',
  NZL: 'NZ',
  PAK: 'PK',
  PAN: 'PA',
  PER: 'PE',
  PHL: 'PH',
  POL: 'PL',
  PRI: 'PR',
  PRT: 'PT',
  QAT: 'QA',
  ROU: 'RO',
  RUS: 'RU',
  SAU: 'SA',
  SGP: 'SG',
  SRB: 'RS',
  SVK: 'SK',
  SVN: 'SI',
  SWE: 'SE',
  THA: 'TH',
  TUR: 'TR',
  TWN: 'TW',
  UKR: 'UA',
  URY: 'UY',
  USA: 'US',
  VEN: 'VE',
  VNM: 'VN',
  ZAF: 'ZA',
};

const COUNTRY_ALIASES: Record<string, string> = {
  UK: 'GB',
  'U.K.': 'GB',
  'Great Britain': 'GB',
  Britain: 'GB',
  England: 'GB',
  Scotland: 'GB',
  Wales: 'GB',
  'Northern Ireland': 'GB',
  'U.S.': 'US',
  'U.S.A.': 'US',
  America: 'US',
  'United States of America': 'US',
  'The United States': 'US',
  'The Netherlands': 'NL',
  Holland: 'NL',
  'Czech Republic': 'CZ',
  'Republic of Ireland': 'IE',
  'Republic of Korea': 'KR',
  Korea: 'KR',
  'Russian Federation': 'RU',
  UAE: 'AE',
  'U.A.E.': 'AE',
  'Viet Nam': 'VN',
  'Ivory Coast': 'CI',
  Turkey: 'TR',
  Türkiye: 'TR',
  Macedonia: 'MK',
  Swaziland: 'SZ',
  Burma: 'MM',
  'Hong Kong': 'HK',
  Macau: 'MO',
  Macao: 'MO',
  'Vatican City': 'VA',
  Deutschland: 'DE',
  España: 'ES',
  Italia: 'IT',
  Brasil: 'BR',
  Nederland: 'NL',
  Schweiz: 'CH',
  Suisse: 'CH',
  Österreich: 'AT',
  Sverige: 'SE',
  Norge: 'NO',
  Danmark: 'DK',
  Suomi: 'FI',
  Polska: 'PL',
  Belgique: 'BE',
  België: 'BE',
};

/** Country lookup key → ISO 3166-1 alpha-2 code, for every country libphonenumber-js knows. */
const COUNTRY_BY_KEY: ReadonlyMap<string, CountryCode> = /* @__PURE__ */ (() => {
  const map = new Map<string, CountryCode>();
  const codes = getCountries();
  const known = new Set<string>(codes);
  for (const code of codes) map.set(code.toLowerCase(), code);
  let names: Intl.DisplayNames | undefined;
  try {
    names = new Intl.DisplayNames(['en'], { type: 'region' });
  } catch {
    names = undefined;
  }
  const setIfFree = (key: string, code: CountryCode) => {
    if (key && !map.has(key)) map.set(key, code);
  };
  if (names) {
    for (const code of codes) {
      const name = names.of(code);
      if (!name || name === code) continue;
      setIfFree(countryKey(name), code);
      // "Myanmar (Burma)" is also "Myanmar"; "Hong Kong SAR China" is handled by the aliases.
      const paren = name.indexOf(' (');
      if (paren > 0) setIfFree(countryKey(name.slice(0, paren)), code);
      if (name.includes('&')) setIfFree(countryKey(name.replace('&', 'and')), code);
    }
  }
  const add = (alias: string, code: string) => {
    if (!known.has(code)) throw new Error(`Country alias ${alias} → unknown code ${code}`);
    setIfFree(countryKey(alias), code as CountryCode);
  };
  for (const [alpha3, code] of Object.entries(ALPHA3)) add(alpha3, code);
  for (const [alias, code] of Object.entries(COUNTRY_ALIASES)) add(alias, code);
  return map;
})();

const TWO_LETTERS = /^[A-Za-z]{2}$/;

/** ISO 3166-1 alpha-2 code of a country code, alpha-3 code, English name or common alias; undefined when unknown. */
function countryCode(value: string): CountryCode | undefined {
  if (value.length === 2 && TWO_LETTERS.test(value)) {
    const hit = COUNTRY_BY_KEY.get(value.toLowerCase());
    if (hit) return hit;
  }
  return COUNTRY_BY_KEY.get(countryKey(value));
}

// ─────────────────────────── rows ───────────────────────────

export type RejectCode =
  | 'COLUMN_COUNT'
  | 'INVALID_ENCODING'
  | 'FIELD_TOO_LONG'
  | 'MISSING_EMAIL'
  | 'INVALID_EMAIL'
  | 'INVALID_PHONE'
  | 'MISSING_NAME'
  | 'MISSING_COMPANY'
  | 'INVALID_COUNTRY'
  | 'INVALID_EMPLOYEE_COUNT'
  | 'INVALID_DATE'
  | 'INVALID_URL';

export const REJECT_CODE_LABELS: Record<RejectCode, string> = {
  COLUMN_COUNT: 'Wrong number of columns',
  INVALID_ENCODING: 'Unreadable characters',
  FIELD_TOO_LONG: 'Value too long',
  MISSING_EMAIL: 'Missing email',
  INVALID_EMAIL: 'Invalid email',
  INVALID_PHONE: 'Invalid phone number',
  MISSING_NAME: 'Missing name',
  MISSING_COMPANY: 'Missing company',
  INVALID_COUNTRY: 'Unknown country',
  INVALID_EMPLOYEE_COUNT: 'Invalid employee count',
  INVALID_DATE: 'Invalid date',
  INVALID_URL: 'Invalid URL',
};

export interface NormalizedLead {
  /** Trimmed, lower-cased. */
  email: string;
  /** E.164, e.g. +14155552671. */
  phone: string | null;
  firstName: string;
  lastName: string;
  jobTitle: string | null;
  seniority: SeniorityLevel;
  companyName: string;
  /** From the company website, else from the email's domain unless it is a free-mail provider. */
  companyDomain: string | null;
  companyEmployeeCount: number | null;
  companySize: CompanySizeBand | null;
  linkedinUrl: string | null;
  /** ISO 3166-1 alpha-2, upper-case. */
  country: string;
  state: string | null;
  city: string | null;
  postalCode: string | null;
  collectedAt: Date | null;
}

export type RowResult = { ok: true; lead: NormalizedLead } | { ok: false; code: RejectCode; message: string };

export interface NormalizeOptions {
  /** Country of rows whose country is empty (a code, alpha-3 code or name). */
  defaultCountry: string;
  now: Date;
}

/** Longest accepted value of any mapped field. */
export const MAX_FIELD_LENGTH = 500;
const MESSAGE_VALUE_LENGTH = 80;
/** Zone-less times are read as UTC; they may lie this far after `now` (the largest UTC offset, +14:00). */
const ZONELESS_FUTURE_TOLERANCE_MS = 14 * 3_600_000;
const MAX_EMPLOYEES = 10_000_000;

/** Field → column index (−1 when unmapped) of the last mapping seen; the server passes one mapping per file. */
let cachedMapping: readonly (LeadField | null)[] | undefined;
let cachedMappingCopy: (LeadField | null)[] = [];
const columnOf = /* @__PURE__ */ (() => new Int32Array(LEAD_FIELDS.length))();
const FIELD_INDEX = /* @__PURE__ */ (() => new Map<LeadField, number>(LEAD_FIELDS.map((field, i) => [field, i])))();
const F_EMAIL = 0;
const F_PHONE = 1;
const F_FIRST = 2;
const F_LAST = 3;
const F_FULL = 4;
const F_TITLE = 5;
const F_COMPANY = 6;
const F_WEBSITE = 7;
const F_EMPLOYEES = 8;
const F_LINKEDIN = 9;
const F_COUNTRY = 10;
const F_STATE = 11;
const F_CITY = 12;
const F_POSTAL = 13;
const F_COLLECTED = 14;
/** Mapped column indexes, in column order, for the per-value checks. */
let mappedColumns: number[] = [];

function compileMapping(mapping: readonly (LeadField | null)[]): void {
  if (mapping === cachedMapping && mapping.length === cachedMappingCopy.length) {
    let same = true;
    for (let i = 0; same && i < mapping.length; i++) same = mapping[i] === cachedMappingCopy[i];
    if (same) return;
  }
  columnOf.fill(-1);
  mappedColumns = [];
  mapping.forEach((field, column) => {
    if (field === null) return;
    mappedColumns.push(column);
    const index = FIELD_INDEX.get(field);
    if (index !== undefined && (columnOf[index] ?? -1) < 0) columnOf[index] = column;
  });
  cachedMapping = mapping;
  cachedMappingCopy = mapping.slice();
}

/** The value of a field in the row, trimmed; '' when unmapped. */
function valueOf(values: readonly string[], field: number): string {
  const column = columnOf[field] ?? -1;
  if (column < 0) return '';
  const value = values[column];
  return value === undefined ? '' : value.trim();
}

const NEEDS_COLLAPSE = /\s\s|[^\S ]/;
const WHITESPACE_RUN = /\s+/g;
/** Trimmed text with every inner whitespace run collapsed to one space. */
function collapse(trimmed: string): string {
  return NEEDS_COLLAPSE.test(trimmed) ? trimmed.replace(WHITESPACE_RUN, ' ') : trimmed;
}

const PLACEHOLDERS = /* @__PURE__ */ new Set(['-', '--', '—', 'n/a', '#n/a', 'null', 'nil']);
/** Spreadsheet placeholders for "no value" count as empty. */
function orEmpty(trimmed: string): string {
  return trimmed.length <= 4 && PLACEHOLDERS.has(trimmed.toLowerCase()) ? '' : trimmed;
}

function shown(value: string): string {
  return value.length > MESSAGE_VALUE_LENGTH ? `${value.slice(0, MESSAGE_VALUE_LENGTH)}…` : value;
}

function reject(code: RejectCode, message: string): RowResult {
  return { ok: false, code, message };
}

const EMAIL_RE = /^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const DOMAIN_RE = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const WEBSITE_RE = /^(?:[a-z][a-z0-9+.-]*:\/\/)?(?:[^@/?#\s]*@)?([^/?#:\s]+)(?::\d{1,5})?(?:[/?#]\S*)?$/;
const LINKEDIN_RE = /^(https?:\/\/)?((?:[a-z0-9-]+\.)*linkedin\.com)(\/\S+)$/i;
const EMPLOYEES_RE = /^(\d{1,3}(?:,\d{3})+|\d+)\s*(\+)?$/;
const EMPLOYEE_RANGE_RE = /^(\d{1,3}(?:,\d{3})+|\d+)\s*(?:-|–|—|to)\s*(\d{1,3}(?:,\d{3})+|\d+)$/i;
const ISO_DATE_RE =
  /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DMY_DATE_RE = /^(\d{1,2})([/.])(\d{1,2})[/.](\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2}))?(?:\s*([ap])\.?m\.?)?)?$/i;
const NAME_SUFFIX = /^(?:jr|sr|ii|iii|iv|phd|md|mba|cpa|esq)\.?$/i;
const US_ZIP_4 = /^\d{4}(?:-\d{4})?$/;

/** Employee count from "1,200", "1200", "51-200" (lower bound), "500+"; undefined when not a count. */
function employeeCount(value: string): number | undefined {
  let match = EMPLOYEES_RE.exec(value);
  let count: number;
  if (match) {
    count = Number((match[1] ?? '').replaceAll(',', ''));
  } else {
    match = EMPLOYEE_RANGE_RE.exec(value);
    if (!match) return undefined;
    count = Number((match[1] ?? '').replaceAll(',', ''));
    const upper = Number((match[2] ?? '').replaceAll(',', ''));
    if (upper < count) return undefined;
  }
  return count >= 1 && count <= MAX_EMPLOYEES ? count : undefined;
}

/** A collected-at value as a Date, 'future', or undefined when unparsable. */
function collectedDate(value: string, now: Date): Date | 'future' | undefined {
  let year: number, month: number, day: number;
  let hour = 0;
  let minute = 0;
  let second = 0;
  let millisecond = 0;
  let zone: string | undefined;
  const iso = ISO_DATE_RE.exec(value);
  if (iso) {
    year = Number(iso[1]);
    month = Number(iso[2]);
    day = Number(iso[3]);
    if (iso[4] !== undefined) {
      hour = Number(iso[4]);
      minute = Number(iso[5]);
      second = iso[6] === undefined ? 0 : Number(iso[6]);
      millisecond = iso[7] === undefined ? 0 : Number(iso[7].slice(0, 3).padEnd(3, '0'));
      zone = iso[8];
    }
  } else {
    const dmy = DMY_DATE_RE.exec(value);
    if (!dmy) return undefined;
    const first = Number(dmy[1]);
    const second_ = Number(dmy[3]);
    year = Number(dmy[4]);
    // Slashes are US month/day/year, unless the first number cannot be a month; dots are day.month.year.
    if (dmy[2] === '.' || first > 12) {
      day = first;
      month = second_;
    } else {
      month = first;
      day = second_;
    }
    if (dmy[5] !== undefined) {
      hour = Number(dmy[5]);
      minute = Number(dmy[6]);
      second = dmy[7] === undefined ? 0 : Number(dmy[7]);
      const meridiem = dmy[8]?.toLowerCase();
      if (meridiem) {
        if (hour < 1 || hour > 12) return undefined;
        hour = (hour % 12) + (meridiem === 'p' ? 12 : 0);
      }
    }
  }
  if (year < 1900 || month < 1 || month > 12 || day < 1 || day > 31 || hour > 23 || minute > 59 || second > 59) return undefined;
  let time = Date.UTC(year, month - 1, day, hour, minute, second, millisecond);
  if (new Date(time).getUTCDate() !== day) return undefined; // 31 April, 29 February of a common year
  const nowTime = now.getTime();
  if (zone !== undefined) {
    if (zone.toUpperCase() !== 'Z') {
      const sign = zone[0] === '-' ? -1 : 1;
      const digits = zone.slice(1).replace(':', '');
      const offsetHours = Number(digits.slice(0, 2));
      const offsetMinutes = digits.length > 2 ? Number(digits.slice(2)) : 0;
      if (offsetHours > 14 || offsetMinutes > 59) return undefined;
      time -= sign * (offsetHours * 60 + offsetMinutes) * 60_000;
    }
    return time > nowTime ? 'future' : new Date(time);
  }
  if (time > nowTime + ZONELESS_FUTURE_TOLERANCE_MS) return 'future';
  return new Date(Math.min(time, nowTime));
}

// ─────────────────────────── phone numbers ───────────────────────────
//
// libphonenumber-js spends most of a parse compiling the same long regular expressions again and again
// (10–20 µs a number). Numbers in a plain format — digits with spaces, dots, hyphens and parentheses,
// "+44 20 7946 0958", "020 7946 0958" in GB, "415.555.2671" in the US — take a fast path that makes the
// very same decisions as parsePhoneNumberFromString(value, country)?.isValid(), with each pattern
// compiled once: the national (trunk) prefix, the country of the calling code that claims the number
// (leading digits, else a number-type pattern, in metadata order), then that country's validity
// patterns. Everything else (a calling code without "+" like "1-415-…" or "0044 …", rewritten national
// prefixes, extensions, letters) goes through the library. The patterns are read from the library's
// own metadata; if its shape is not as expected, the fast path stays off. Tests compare both paths on
// thousands of random numbers of every country.

interface LibNumberType {
  pattern(): string;
  possibleLengths(): number[] | undefined;
}
interface LibNumberingPlan {
  leadingDigits(): string | undefined;
  nationalNumberPattern(): string;
  nationalPrefixForParsing(): string | undefined;
  nationalPrefixTransformRule(): string | undefined;
  possibleLengths(): number[] | undefined;
  IDDPrefix(): string;
  callingCode(): string;
  hasTypes(): boolean;
  type(type: string): LibNumberType | undefined;
}
interface LibMetadata {
  selectNumberingPlan(country: string): unknown;
  numberingPlan?: LibNumberingPlan;
  hasCallingCode(callingCode: string): boolean | undefined;
  getCountryCodesForCallingCode(callingCode: string): string[] | undefined;
}

interface PhonePlan {
  country: CountryCode;
  callingCode: string;
  /** Claims a number for this country by its first digits (only some countries have this). */
  leadingDigits: RegExp | null;
  nationalNumber: RegExp;
  hasTypes: boolean;
  /** FIXED_LINE, MOBILE, … patterns with their possible lengths (undefined: any). */
  types: { pattern: RegExp; lengths: readonly number[] | undefined }[];
  /** Possible lengths of a national number (sorted). */
  lengths: readonly number[] | undefined;
  prefixForParsing: RegExp | null;
  /** National prefixes are rewritten rather than stripped (e.g. Argentina, Mexico): left to the library. */
  hasPrefixTransform: boolean;
  idd: RegExp;
}

const NUMBER_TYPES = [
  'FIXED_LINE',
  'MOBILE',
  'PREMIUM_RATE',
  'TOLL_FREE',
  'SHARED_COST',
  'VOIP',
  'PERSONAL_NUMBER',
  'PAGER',
  'UAN',
  'VOICEMAIL',
];

function phonePlan(metadata: LibMetadata, country: string): PhonePlan {
  metadata.selectNumberingPlan(country);
  const plan = metadata.numberingPlan;
  if (!plan) throw new Error(`No numbering plan for ${country}`);
  const types: PhonePlan['types'] = [];
  for (const name of NUMBER_TYPES) {
    const type = plan.type(name);
    const pattern = type?.pattern();
    if (type && pattern) types.push({ pattern: new RegExp(`^(?:${pattern})$`), lengths: type.possibleLengths() });
  }
  const leading = plan.leadingDigits();
  const prefix = plan.nationalPrefixForParsing();
  const nationalNumber = plan.nationalNumberPattern();
  const idd = plan.IDDPrefix();
  const callingCode = plan.callingCode();
  if (typeof nationalNumber !== 'string' || !nationalNumber || typeof idd !== 'string' || !idd || !/^[1-9]\d{0,2}$/.test(callingCode)) {
    throw new Error(`Unexpected phone metadata for ${country}`);
  }
  return {
    country: country as CountryCode,
    callingCode,
    leadingDigits: leading ? new RegExp(`^(?:${leading})`) : null,
    nationalNumber: new RegExp(`^(?:${nationalNumber})$`),
    hasTypes: plan.hasTypes(),
    types,
    lengths: plan.possibleLengths(),
    prefixForParsing: prefix ? new RegExp(`^(?:${prefix})`) : null,
    hasPrefixTransform: Boolean(plan.nationalPrefixTransformRule()),
    idd: new RegExp(`^(?:${idd})`),
  };
}

/** Every calling code the library knows (non-geographic ones too), and the plans of each geographic one in metadata order. */
const PHONE_TABLES = /* @__PURE__ */ (() => {
  try {
    const metadata = new Metadata() as unknown as LibMetadata;
    const callingCodes = new Set<string>();
    const plansByCallingCode = new Map<string, PhonePlan[]>();
    const planOfCountry = new Map<string, PhonePlan>();
    for (let code = 1; code < 1000; code++) {
      const callingCode = String(code);
      if (!metadata.hasCallingCode(callingCode)) continue;
      callingCodes.add(callingCode);
      const countries = metadata.getCountryCodesForCallingCode(callingCode);
      if (!countries || countries.length === 0) continue;
      const plans = countries.map((country) => phonePlan(metadata, country));
      plansByCallingCode.set(callingCode, plans);
      for (const plan of plans) planOfCountry.set(plan.country, plan);
    }
    if (!plansByCallingCode.get('1')?.some((plan) => plan.country === 'US')) return undefined;
    return { callingCodes, plansByCallingCode, planOfCountry };
  } catch {
    return undefined;
  }
})();

/** libphonenumber-js getNumberType(…) !== undefined. */
function hasNumberType(nationalNumber: string, plan: PhonePlan): boolean {
  if (!plan.nationalNumber.test(nationalNumber)) return false;
  for (const type of plan.types) {
    if (type.lengths && !type.lengths.includes(nationalNumber.length)) continue;
    if (type.pattern.test(nationalNumber)) return true;
  }
  return false;
}

/** libphonenumber-js getCountryByCallingCode: the country whose numbering plan claims the number. */
function claimingPlan(plans: readonly PhonePlan[], nationalNumber: string): PhonePlan | undefined {
  if (plans.length === 1) return plans[0];
  for (const plan of plans) {
    if (plan.leadingDigits ? plan.leadingDigits.test(nationalNumber) : hasNumberType(nationalNumber, plan)) return plan;
  }
  return undefined;
}

/** libphonenumber-js checkNumberLength(…) is neither TOO_SHORT nor INVALID_LENGTH (TOO_LONG passes, as there). */
function isPossibleLength(nationalNumber: string, lengths: readonly number[]): boolean {
  const length = nationalNumber.length;
  const shortest = lengths[0] ?? 0;
  if (length === shortest) return true;
  if (length < shortest) return false;
  if ((lengths[lengths.length - 1] ?? 0) < length) return true;
  return lengths.includes(length);
}

/**
 * libphonenumber-js extractNationalNumber: strips a national (trunk) prefix such as the 0 of
 * "020 7946 0958" unless that leaves a number the plan cannot have; undefined when the plan rewrites
 * prefixes (left to the library).
 */
function withoutNationalPrefix(number: string, plan: PhonePlan, plans: readonly PhonePlan[]): string | undefined {
  const match = plan.prefixForParsing?.exec(number);
  if (!match) return number;
  const groups = match.length - 1;
  if (plan.hasPrefixTransform && groups > 0 && match[groups]) return undefined;
  const stripped = number.slice(match[0].length);
  if (stripped === number) return number;
  if (plan.nationalNumber.test(number) && !plan.nationalNumber.test(stripped)) return number;
  if (plan.lengths) {
    const lengths = claimingPlan(plans, stripped)?.lengths ?? plan.lengths;
    if (!isPossibleLength(stripped, lengths)) return number;
  }
  return stripped;
}

/** libphonenumber-js isValidNumber in a country. */
function isValidIn(nationalNumber: string, plan: PhonePlan): boolean {
  return plan.hasTypes ? hasNumberType(nationalNumber, plan) : plan.nationalNumber.test(nationalNumber);
}

const PHONE_CHARS = /^[0-9+ ().-]+$/;
const PHONE_PUNCTUATION = /[ ().-]/g;
const PLAIN_PHONE = /^\+?\d{3,}$/;
const MAX_PHONE_INPUT = 250;
const MAX_NATIONAL_NUMBER = 17;

/**
 * E.164 of a number in a plain format, null when such a number is invalid, undefined when the fast
 * path does not apply (then ask libphonenumber-js).
 */
function plainPhone(value: string, country: CountryCode): string | null | undefined {
  if (!PHONE_TABLES || value.length > MAX_PHONE_INPUT || !PHONE_CHARS.test(value)) return undefined;
  const digits = value.replace(PHONE_PUNCTUATION, '');
  if (!PLAIN_PHONE.test(digits)) return undefined;
  let callingCode = '';
  let nationalNumber: string;
  /** Whose national prefix is stripped, and whose rules apply when no country claims the number. */
  let fallback: PhonePlan | undefined;
  if (digits.charCodeAt(0) === 0x2b /* + */) {
    if (digits[1] === '0') return undefined;
    for (let length = 1; length <= 3 && length + 1 <= digits.length; length++) {
      const candidate = digits.slice(1, 1 + length);
      if (PHONE_TABLES.callingCodes.has(candidate)) {
        callingCode = candidate;
        break;
      }
    }
    fallback = PHONE_TABLES.plansByCallingCode.get(callingCode)?.[0];
    if (!fallback) return undefined; // unknown or non-geographic calling code
    nationalNumber = digits.slice(1 + callingCode.length);
  } else {
    fallback = PHONE_TABLES.planOfCountry.get(country);
    if (!fallback || fallback.idd.test(digits) || digits.startsWith(fallback.callingCode)) return undefined;
    callingCode = fallback.callingCode;
    nationalNumber = digits;
  }
  const plans = PHONE_TABLES.plansByCallingCode.get(callingCode) ?? [];
  const national = withoutNationalPrefix(nationalNumber, fallback, plans);
  if (national === undefined || national.length < 2 || national.length > MAX_NATIONAL_NUMBER) return undefined;
  return isValidIn(national, claimingPlan(plans, national) ?? fallback) ? `+${callingCode}${national}` : null;
}

/** E.164 of a phone number read in a country, null when it is not a valid number. */
function phoneE164(value: string, country: CountryCode): string | null {
  const fast = plainPhone(value, country);
  if (fast !== undefined) return fast;
  const parsed = parsePhoneNumberFromString(value, country);
  return parsed && parsed.isValid() ? parsed.number : null;
}

let cachedDefaultCountryInput: string | undefined;
let cachedDefaultCountry: CountryCode | undefined;

/**
 * One CSV record → a normalized lead or the first problem with it. `values` is the record's fields
 * (already decoded); mapping[i] is the field of column i. A record with fewer fields than the header,
 * or more with anything in the extra ones, is COLUMN_COUNT. Only mapped columns are checked for
 * length and encoding. Phone numbers are parsed with libphonenumber-js ("min" metadata: digit count
 * and number-range patterns per country) with the row's country as default, accepted when isValid(),
 * and stored as E.164 (an extension is dropped).
 */
export function normalizeRow(values: readonly string[], mapping: readonly (LeadField | null)[], options: NormalizeOptions): RowResult {
  if (values.length !== mapping.length) {
    let extraContent = values.length < mapping.length;
    for (let i = mapping.length; !extraContent && i < values.length; i++) if ((values[i] ?? '').trim() !== '') extraContent = true;
    if (extraContent) {
      return reject('COLUMN_COUNT', `The row has ${values.length} fields but the header has ${mapping.length} columns.`);
    }
  }
  compileMapping(mapping);
  for (const column of mappedColumns) {
    const value = values[column] ?? '';
    const field = mapping[column] ?? 'email';
    if (value.length > MAX_FIELD_LENGTH) {
      return reject(
        'FIELD_TOO_LONG',
        `${LEAD_FIELD_LABELS[field]} is ${value.length} characters long; at most ${MAX_FIELD_LENGTH} are allowed.`,
      );
    }
    if (value.includes('\uFFFD')) {
      return reject(
        'INVALID_ENCODING',
        `${LEAD_FIELD_LABELS[field]} "${shown(value.trim())}" contains unreadable characters; save the file as UTF-8.`,
      );
    }
  }

  // Email.
  const rawEmail = valueOf(values, F_EMAIL);
  if (rawEmail === '') return reject('MISSING_EMAIL', 'Email is empty.');
  const email = rawEmail.toLowerCase();
  const at = email.indexOf('@');
  if (email.length > 254 || at > 64 || !EMAIL_RE.test(email)) {
    return reject('INVALID_EMAIL', `Email "${shown(rawEmail)}" is not a valid address.`);
  }

  // Name.
  let firstName = collapse(orEmpty(valueOf(values, F_FIRST)));
  let lastName = collapse(orEmpty(valueOf(values, F_LAST)));
  if (firstName === '' || lastName === '') {
    const fullName = collapse(orEmpty(valueOf(values, F_FULL)));
    if (fullName === '') {
      if (firstName !== '' || lastName !== '') {
        return reject('MISSING_NAME', firstName === '' ? 'First name is empty.' : 'Last name is empty.');
      }
      return reject('MISSING_NAME', 'The name is empty.');
    }
    const comma = fullName.indexOf(',');
    const afterComma = comma > 0 ? fullName.slice(comma + 1).trim() : '';
    if (comma > 0 && comma === fullName.lastIndexOf(',') && !NAME_SUFFIX.test(afterComma)) {
      // "Smith, Mary Ann"
      lastName = fullName.slice(0, comma).trim();
      firstName = afterComma;
    } else {
      // "Mary Ann Smith", "John Smith, Jr." (the suffix stays with the last name)
      const beforeSuffix = comma > 0 ? fullName.slice(0, comma).trimEnd() : fullName;
      const space = beforeSuffix.lastIndexOf(' ');
      firstName = space > 0 ? fullName.slice(0, space) : '';
      lastName = space > 0 ? fullName.slice(space + 1) : fullName;
    }
    if (firstName === '' || lastName === '') {
      return reject('MISSING_NAME', `Full name "${shown(fullName)}" needs a first and a last name.`);
    }
  }

  // Company.
  const companyName = collapse(orEmpty(valueOf(values, F_COMPANY)));
  if (companyName === '') return reject('MISSING_COMPANY', 'Company is empty.');

  // Country (before the phone, which is read in the row's country).
  const rawCountry = orEmpty(valueOf(values, F_COUNTRY));
  let country: CountryCode | undefined;
  if (rawCountry === '') {
    if (options.defaultCountry !== cachedDefaultCountryInput) {
      cachedDefaultCountryInput = options.defaultCountry;
      cachedDefaultCountry = countryCode(options.defaultCountry.trim());
    }
    country = cachedDefaultCountry;
    if (!country)
      return reject('INVALID_COUNTRY', `Country is empty and the default country "${shown(options.defaultCountry)}" is unknown.`);
  } else {
    country = countryCode(rawCountry);
    if (!country) return reject('INVALID_COUNTRY', `Country "${shown(rawCountry)}" is not a country we know.`);
  }

  // Phone.
  const rawPhone = orEmpty(valueOf(values, F_PHONE));
  let phone: string | null = null;
  if (rawPhone !== '') {
    phone = phoneE164(rawPhone, country);
    if (phone === null) {
      const where = rawPhone.startsWith('+') ? '' : ` in ${country}`;
      return reject('INVALID_PHONE', `Phone "${shown(rawPhone)}" is not a valid phone number${where}.`);
    }
  }

  // Employees.
  const rawEmployees = orEmpty(valueOf(values, F_EMPLOYEES));
  let companyEmployeeCount: number | null = null;
  if (rawEmployees !== '') {
    const count = employeeCount(rawEmployees);
    if (count === undefined) {
      return reject('INVALID_EMPLOYEE_COUNT', `Employees "${shown(rawEmployees)}" is not a number of employees.`);
    }
    companyEmployeeCount = count;
  }

  // Company domain: the website's, else the email's unless it is a free-mail provider.
  const rawWebsite = orEmpty(valueOf(values, F_WEBSITE));
  let companyDomain: string | null = null;
  if (rawWebsite !== '') {
    const match = WEBSITE_RE.exec(rawWebsite.toLowerCase());
    let host = match?.[1];
    if (host !== undefined) {
      if (host.startsWith('www.')) host = host.slice(4);
      if (host.endsWith('.')) host = host.slice(0, -1);
    }
    if (host === undefined || host.length > 253 || !DOMAIN_RE.test(host)) {
      return reject('INVALID_URL', `Company website "${shown(rawWebsite)}" is not a web address.`);
    }
    if (!FREE_MAIL_DOMAINS.has(host)) companyDomain = host;
  }
  if (companyDomain === null) {
    const emailDomain = email.slice(at + 1);
    if (!FREE_MAIL_DOMAINS.has(emailDomain)) companyDomain = emailDomain;
  }

  // LinkedIn.
  const rawLinkedin = orEmpty(valueOf(values, F_LINKEDIN));
  let linkedinUrl: string | null = null;
  if (rawLinkedin !== '') {
    const match = LINKEDIN_RE.exec(rawLinkedin);
    if (!match) return reject('INVALID_URL', `LinkedIn URL "${shown(rawLinkedin)}" is not a linkedin.com address.`);
    linkedinUrl = `${(match[1] ?? 'https://').toLowerCase()}${(match[2] ?? '').toLowerCase()}${match[3] ?? ''}`;
  }

  // Collected at.
  const rawCollected = orEmpty(valueOf(values, F_COLLECTED));
  let collectedAt: Date | null = null;
  if (rawCollected !== '') {
    const date = collectedDate(rawCollected, options.now);
    if (date === undefined) return reject('INVALID_DATE', `Collected on "${shown(rawCollected)}" is not a date.`);
    if (date === 'future') return reject('INVALID_DATE', `Collected on "${shown(rawCollected)}" is in the future.`);
    collectedAt = date;
  }

  const jobTitle = collapse(orEmpty(valueOf(values, F_TITLE))) || null;
  let postalCode = collapse(orEmpty(valueOf(values, F_POSTAL))) || null;
  // Spreadsheets drop the leading zero of New England ZIP codes ("02134" → "2134").
  if (postalCode !== null && country === 'US' && US_ZIP_4.test(postalCode)) postalCode = `0${postalCode}`;

  return {
    ok: true,
    lead: {
      email,
      phone,
      firstName,
      lastName,
      jobTitle,
      seniority: seniorityFromTitle(jobTitle),
      companyName,
      companyDomain,
      companyEmployeeCount,
      companySize: companySizeBand(companyEmployeeCount),
      linkedinUrl,
      country,
      state: collapse(orEmpty(valueOf(values, F_STATE))) || null,
      city: collapse(orEmpty(valueOf(values, F_CITY))) || null,
      postalCode,
      collectedAt,
    },
  };
}

// ─────────────────────────── file sniffing ───────────────────────────

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';
export type FileKind = 'empty' | 'text' | 'xlsx' | 'xls' | 'binary';

const SNIFF_BYTES = 64 * 1024;
const OLE2_SIGNATURE = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  if (bytes.length < signature.length) return false;
  return signature.every((byte, i) => bytes[i] === byte);
}

function bom(bytes: Uint8Array): { encoding: TextEncodingName; bomLength: number } | undefined {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { encoding: 'utf-8', bomLength: 3 };
  if (startsWith(bytes, [0xff, 0xfe])) return { encoding: 'utf-16le', bomLength: 2 };
  if (startsWith(bytes, [0xfe, 0xff])) return { encoding: 'utf-16be', bomLength: 2 };
  return undefined;
}

function isSpaceByte(byte: number): boolean {
  return byte === 0x20 || byte === 0x09 || byte === 0x0a || byte === 0x0d;
}

/**
 * From the first bytes (up to 64 KB): 'empty' for 0 bytes (or only a BOM / whitespace), 'xlsx' for a
 * ZIP signature, 'xls' for OLE2, 'binary' when NUL bytes or > 10 % control characters (ignoring
 * \t \r \n, and ignoring UTF-16 with BOM, which has NULs), else 'text'.
 */
export function sniffFileKind(head: Uint8Array): FileKind {
  const bytes = head.length > SNIFF_BYTES ? head.subarray(0, SNIFF_BYTES) : head;
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'xlsx';
  if (startsWith(bytes, OLE2_SIGNATURE)) return 'xls';
  const mark = bom(bytes);
  const start = mark?.bomLength ?? 0;
  if (mark && mark.encoding !== 'utf-8') {
    // UTF-16: whitespace code units only → empty; otherwise text.
    const littleEndian = mark.encoding === 'utf-16le';
    for (let i = start; i + 1 < bytes.length; i += 2) {
      const low = littleEndian ? bytes[i] : bytes[i + 1];
      const high = littleEndian ? bytes[i + 1] : bytes[i];
      if (high !== 0 || !isSpaceByte(low ?? 0)) return 'text';
    }
    return 'empty';
  }
  let content = 0;
  let control = 0;
  for (let i = start; i < bytes.length; i++) {
    const byte = bytes[i] ?? 0;
    if (byte === 0) return 'binary';
    if (isSpaceByte(byte)) continue;
    content++;
    if (byte < 0x20 || byte === 0x7f) control++;
  }
  if (content === 0) return 'empty';
  return control * 10 > bytes.length - start ? 'binary' : 'text';
}

/**
 * BOM first (UTF-8 EF BB BF, UTF-16 LE FF FE, BE FE FF); else valid UTF-8 (a multi-byte sequence cut
 * off at the end of `head` is fine) → 'utf-8'; else 'windows-1252'. bomLength = bytes to skip.
 */
export function sniffEncoding(head: Uint8Array): { encoding: TextEncodingName; bomLength: number } {
  const mark = bom(head);
  if (mark) return mark;
  return isUtf8(head) ? { encoding: 'utf-8', bomLength: 0 } : { encoding: 'windows-1252', bomLength: 0 };
}

/** Well-formed UTF-8 (no overlong forms, surrogates or code points above U+10FFFF); a sequence cut off at the end passes. */
function isUtf8(bytes: Uint8Array): boolean {
  const length = bytes.length;
  let i = 0;
  while (i < length) {
    const lead = bytes[i] ?? 0;
    if (lead < 0x80) {
      i++;
      continue;
    }
    let needed: number;
    let min = 0x80;
    let max = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) needed = 1;
    else if (lead >= 0xe0 && lead <= 0xef) {
      needed = 2;
      if (lead === 0xe0) min = 0xa0; // overlong
      if (lead === 0xed) max = 0x9f; // surrogates
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      needed = 3;
      if (lead === 0xf0) min = 0x90; // overlong
      if (lead === 0xf4) max = 0x8f; // above U+10FFFF
    } else return false;
    for (let k = 1; k <= needed; k++) {
      if (i + k >= length) return true; // cut off at the end of the sample
      const next = bytes[i + k] ?? 0;
      if (k === 1 ? next < min || next > max : next < 0x80 || next > 0xbf) return false;
    }
    i += needed + 1;
  }
  return true;
}

const DELIMITERS = [',', ';', '\t', '|'] as const;
const DELIMITER_SAMPLE_LINES = 50;

/**
 * The delimiter among , ; \t | that splits the first lines (outside double quotes) most consistently
 * (same count per line, highest count); ',' when undecided.
 */
export function detectDelimiter(sample: string): ',' | ';' | '\t' | '|' {
  // Per line (outside quotes), the count of each delimiter.
  const lines: number[][] = [];
  let counts = [0, 0, 0, 0];
  let inQuotes = false;
  let lineHasContent = false;
  const text = sample.charCodeAt(0) === 0xfeff ? sample.slice(1) : sample;
  for (let i = 0; i < text.length && lines.length < DELIMITER_SAMPLE_LINES; i++) {
    const ch = text[i];
    if (ch === '"') {
      inQuotes = !inQuotes; // a doubled quote "" toggles twice
      lineHasContent = true;
    } else if (inQuotes) {
      continue;
    } else if (ch === '\n' || ch === '\r') {
      if (lineHasContent) lines.push(counts);
      counts = [0, 0, 0, 0];
      lineHasContent = false;
    } else {
      lineHasContent = true;
      const d = ch === ',' ? 0 : ch === ';' ? 1 : ch === '\t' ? 2 : ch === '|' ? 3 : -1;
      if (d >= 0) counts[d] = (counts[d] ?? 0) + 1;
    }
  }
  // The sample may end inside a line: keep an unterminated last line only when it is the only one.
  if (lineHasContent && lines.length === 0) lines.push(counts);
  const header = lines[0];
  if (!header) return ',';
  let best: ',' | ';' | '\t' | '|' = ',';
  let bestConsistency = 0;
  let bestCount = 0;
  DELIMITERS.forEach((delimiter, d) => {
    const count = header[d] ?? 0;
    if (count === 0) return;
    const consistency = lines.filter((line) => line[d] === count).length / lines.length;
    if (consistency > bestConsistency || (consistency === bestConsistency && count > bestCount)) {
      best = delimiter;
      bestConsistency = consistency;
      bestCount = count;
    }
  });
  return best;
}

/**
 * A person's contact as the opt-out page and the suppression list read it, normalized exactly as an
 * import stores it (lower-cased email, E.164 phone), so a suppressed contact matches its lead and
 * every later import of it. `problems` says what could not be read.
 */
export function normalizeContact(input: { email?: string | null; phone?: string | null; country?: CountryCode }): {
  email: string | null;
  phone: string | null;
  problems: { field: 'email' | 'phone'; message: string }[];
} {
  const problems: { field: 'email' | 'phone'; message: string }[] = [];
  const rawEmail = input.email?.trim().toLowerCase() ?? '';
  const email = rawEmail === '' ? null : rawEmail.length <= 254 && EMAIL_RE.test(rawEmail) ? rawEmail : undefined;
  if (email === undefined) problems.push({ field: 'email', message: 'That does not look like an email address.' });
  const rawPhone = input.phone?.trim() ?? '';
  const phone = rawPhone === '' ? null : phoneE164(rawPhone, input.country ?? 'US');
  if (rawPhone !== '' && phone === null) {
    problems.push({ field: 'phone', message: 'That phone number is not valid; include the country code, e.g. +1 415 555 0100.' });
  }
  if (!rawEmail && !rawPhone) problems.push({ field: 'email', message: 'Enter the email address or phone number to remove.' });
  return { email: email ?? null, phone, problems };
}
