// Lead intent score, freshness score and list price, exactly per seed 000 (§5.1, Decision 6, §5.3)
// with Decision 4 for catch-all emails (price × 0.85 instead of −$0.01). Pure functions: the server
// stores their results; the SPAs may preview them.
import { add, compare, multiply } from './money.js';

export type SeniorityLevel = 'C_SUITE' | 'VP' | 'DIRECTOR' | 'MANAGER' | 'SENIOR' | 'ENTRY' | 'UNKNOWN';
export type EmailVerification = 'PENDING' | 'VALID' | 'INVALID' | 'CATCH_ALL' | 'RISKY' | 'UNKNOWN';

/** Role-account local parts: the address reaches a function, not a person. */
export const ROLE_LOCAL_PARTS = new Set([
  'admin',
  'billing',
  'contact',
  'enquiries',
  'hello',
  'help',
  'hr',
  'info',
  'inquiries',
  'jobs',
  'marketing',
  'media',
  'no-reply',
  'noreply',
  'office',
  'press',
  'sales',
  'support',
  'team',
  'webmaster',
]);

/** Consumer mailbox providers: an address there is not a work address. */
export const FREE_MAIL_DOMAINS = new Set([
  'aol.com',
  'gmail.com',
  'gmx.com',
  'gmx.de',
  'googlemail.com',
  'hotmail.com',
  'icloud.com',
  'live.com',
  'mail.com',
  'me.com',
  'msn.com',
  'outlook.com',
  'proton.me',
  'protonmail.com',
  'web.de',
  'yahoo.com',
  'yandex.com',
  'zoho.com',
]);

function emailParts(email: string | null | undefined): { local: string; domain: string } | undefined {
  const at = email?.lastIndexOf('@') ?? -1;
  if (!email || at < 1) return undefined;
  return { local: email.slice(0, at).toLowerCase(), domain: email.slice(at + 1).toLowerCase() };
}

/** A generic address: a role account or a free-mail mailbox (seed 000 `isGenericEmail`). */
export function isGenericEmail(email: string): boolean {
  const parts = emailParts(email);
  if (!parts) return true;
  return ROLE_LOCAL_PARTS.has(parts.local) || FREE_MAIL_DOMAINS.has(parts.domain);
}

/** The email's domain is the company's domain or a subdomain of it. */
export function emailMatchesCompanyDomain(email: string | null | undefined, companyDomain: string | null | undefined): boolean {
  const parts = emailParts(email);
  if (!parts || !companyDomain) return false;
  const company = companyDomain.toLowerCase().replace(/^www\./, '');
  return parts.domain === company || parts.domain.endsWith(`.${company}`);
}

export interface ScoredLeadFields {
  firstName?: string | null;
  lastName?: string | null;
  email?: string | null;
  phone?: string | null;
  jobTitle?: string | null;
  seniority: SeniorityLevel;
  companyName?: string | null;
  companyDomain?: string | null;
  companyEmployeeCount?: number | null;
  city?: string | null;
  country?: string | null;
}

/** Every field a buyer needs to act on the lead is present. */
export function isDataComplete(lead: ScoredLeadFields): boolean {
  return [
    lead.firstName,
    lead.lastName,
    lead.email,
    lead.phone,
    lead.jobTitle,
    lead.companyName,
    lead.companyDomain,
    lead.city,
    lead.country,
  ].every((v) => typeof v === 'string' && v.trim().length > 0);
}

const SENIORITY_POINTS: Record<SeniorityLevel, number> = {
  C_SUITE: 25,
  VP: 20,
  DIRECTOR: 15,
  MANAGER: 10,
  SENIOR: 5,
  ENTRY: 5,
  UNKNOWN: 5,
};

/** Seed 000 §5.1, clamped to 1–100. */
export function intentScore(lead: ScoredLeadFields): number {
  let score = SENIORITY_POINTS[lead.seniority];
  const size = lead.companyEmployeeCount ?? 0;
  if (size > 500) score += 25;
  else if (size > 200) score += 20;
  else if (size > 50) score += 15;
  else if (size > 10) score += 10;
  else score += 5;
  if (lead.email && !isGenericEmail(lead.email)) score += 15;
  else score -= 10;
  if (lead.phone) score += 20;
  if (emailMatchesCompanyDomain(lead.email, lead.companyDomain)) score += 10;
  if (isDataComplete(lead)) score += 10;
  return Math.min(100, Math.max(1, score));
}

export const FRESHNESS = { max: 100, k: 0.15, midpointDays: 30, floor: 5 } as const;

/** Seed 000 Decision 6: sigmoid decay by age in days, rounded, never below the floor. */
export function freshnessScore(ageDays: number): number {
  const days = Math.max(0, ageDays);
  const raw = FRESHNESS.max / (1 + Math.exp(FRESHNESS.k * (days - FRESHNESS.midpointDays)));
  return Math.max(FRESHNESS.floor, Math.round(raw));
}

export const PRICING = {
  basePrice: '0.05',
  phoneAddOn: '0.03',
  validEmailAddOn: '0.02',
  catchAllFactor: '0.85',
} as const;

/**
 * Seed 000 §5.3 list price in USD (4 decimal places) with Decision 4 for catch-all, never below the
 * partner's minimum for the upload.
 */
export function listPrice(input: {
  intentScore: number;
  freshnessScore: number;
  hasPhone: boolean;
  verification: EmailVerification;
  minimumPrice?: string | null;
}): string {
  const intentMultiplier = input.intentScore >= 67 ? '2.5' : input.intentScore >= 34 ? '1.5' : '1';
  const freshnessMultiplier = input.freshnessScore >= 80 ? '1.5' : input.freshnessScore < 30 ? '0.5' : '1';
  let price = multiply(multiply(PRICING.basePrice, intentMultiplier), freshnessMultiplier);
  if (input.hasPhone) price = add(price, PRICING.phoneAddOn);
  if (input.verification === 'VALID') price = add(price, PRICING.validEmailAddOn);
  if (input.verification === 'CATCH_ALL') price = multiply(price, PRICING.catchAllFactor);
  if (input.minimumPrice && compare(price, input.minimumPrice) < 0) return add(input.minimumPrice);
  return price;
}

const SENIORITY_PATTERNS: [RegExp, SeniorityLevel][] = [
  [/\b(ceo|cfo|cto|coo|cmo|cio|ciso|cro|chief|founder|co-founder|owner|president)\b/i, 'C_SUITE'],
  [/\b(vp|vice president|svp|evp|head of)\b/i, 'VP'],
  [/\b(director)\b/i, 'DIRECTOR'],
  [/\b(manager|lead|supervisor)\b/i, 'MANAGER'],
  [/\b(senior|sr\.?|principal|staff)\b/i, 'SENIOR'],
  [/\b(junior|jr\.?|associate|assistant|intern|coordinator|specialist|representative|analyst)\b/i, 'ENTRY'],
];

/** Seniority from a job title; UNKNOWN when nothing matches. */
export function seniorityFromTitle(title: string | null | undefined): SeniorityLevel {
  if (!title) return 'UNKNOWN';
  for (const [pattern, level] of SENIORITY_PATTERNS) if (pattern.test(title)) return level;
  return 'UNKNOWN';
}

export type CompanySizeBand = 'S_1_10' | 'S_11_50' | 'S_51_200' | 'S_201_500' | 'S_501_1000' | 'S_1001_5000' | 'S_5001_PLUS';

export function companySizeBand(employees: number | null | undefined): CompanySizeBand | null {
  if (employees == null || employees < 1) return null;
  if (employees <= 10) return 'S_1_10';
  if (employees <= 50) return 'S_11_50';
  if (employees <= 200) return 'S_51_200';
  if (employees <= 500) return 'S_201_500';
  if (employees <= 1000) return 'S_501_1000';
  if (employees <= 5000) return 'S_1001_5000';
  return 'S_5001_PLUS';
}
