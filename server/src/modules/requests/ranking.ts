// Who may receive a request and in which order (docs/routing.md). Pure functions over the facts the
// routing service reads, so the formula is tested without a database.
import { money } from '@hotlead/domain';

export interface CandidateFacts {
  workspaceId: string;
  exactNiche: boolean;
  countries: string[];
  regions: string[];
  postalPrefixes: string[];
  capPerDay: number | null;
  capPerWeek: number | null;
  capPerMonth: number | null;
  deliveredToday: number;
  deliveredThisWeek: number;
  deliveredThisMonth: number;
  price: string;
  balance: string;
  /** Median seconds from delivery to the first response over the ranking window; null: none yet. */
  medianResponseSeconds: number | null;
  deliveries: number;
  upheldDisputes: number;
  alreadyAssigned: boolean;
}

export interface RequestPlace {
  country: string;
  region: string | null;
  postalCode: string | null;
}

export interface ScoreDetails {
  fit: number;
  exactNiche: boolean;
  regionListed: boolean;
  postalPrefixMatched: boolean;
  medianResponseSeconds: number | null;
  responseFactor: number;
  disputeRate: number;
  disputeFactor: number;
  score: number;
}

export type Judgement = { eligible: true; details: ScoreDetails } | { eligible: false; reason: string };

const normalizeRegion = (value: string) => value.trim().toUpperCase();
export const normalizePostal = (value: string) => value.replace(/[\s-]/g, '').toUpperCase();

/** Response factor from the median first-response time: fast answers rank higher. */
export function responseFactor(medianSeconds: number | null): number {
  if (medianSeconds === null) return 0.9;
  const hours = medianSeconds / 3600;
  if (hours <= 1) return 1;
  if (hours <= 4) return 0.9;
  if (hours <= 12) return 0.8;
  if (hours <= 24) return 0.7;
  return 0.6;
}

/** 1 − (upheld disputes / deliveries), never below 0.5. */
export function disputeFactor(deliveries: number, upheld: number): { rate: number; factor: number } {
  const rate = deliveries > 0 ? Math.min(1, upheld / deliveries) : 0;
  return { rate: round4(rate), factor: round4(Math.max(0.5, 1 - rate)) };
}

const round4 = (n: number) => Math.round(n * 10_000) / 10_000;

/** Whether the provider may receive the request, and its score when it may. */
export function judge(place: RequestPlace, c: CandidateFacts): Judgement {
  if (c.alreadyAssigned) return { eligible: false, reason: 'already assigned this request' };
  if (!c.countries.includes(place.country)) return { eligible: false, reason: 'country not served' };
  const regions = c.regions.map(normalizeRegion);
  const regionListed = place.region !== null && regions.includes(normalizeRegion(place.region));
  if (regions.length > 0 && !regionListed) return { eligible: false, reason: 'region not served' };
  const postal = place.postalCode ? normalizePostal(place.postalCode) : null;
  const postalPrefixMatched = postal !== null && c.postalPrefixes.some((p) => postal.startsWith(normalizePostal(p)));
  if (c.postalPrefixes.length > 0 && !postalPrefixMatched) return { eligible: false, reason: 'postal code not served' };
  if (c.capPerDay !== null && c.deliveredToday >= c.capPerDay) return { eligible: false, reason: 'daily cap reached' };
  if (c.capPerWeek !== null && c.deliveredThisWeek >= c.capPerWeek) return { eligible: false, reason: 'weekly cap reached' };
  if (c.capPerMonth !== null && c.deliveredThisMonth >= c.capPerMonth) return { eligible: false, reason: 'monthly cap reached' };
  if (money.compare(c.balance, c.price) < 0) return { eligible: false, reason: 'insufficient credits' };

  const fit = round4((c.exactNiche ? 1 : 0.8) + (regionListed ? 0.1 : 0) + (postalPrefixMatched ? 0.1 : 0));
  const response = responseFactor(c.medianResponseSeconds);
  const disputes = disputeFactor(c.deliveries, c.upheldDisputes);
  return {
    eligible: true,
    details: {
      fit,
      exactNiche: c.exactNiche,
      regionListed,
      postalPrefixMatched,
      medianResponseSeconds: c.medianResponseSeconds === null ? null : Math.round(c.medianResponseSeconds),
      responseFactor: response,
      disputeRate: disputes.rate,
      disputeFactor: disputes.factor,
      score: round4(fit * response * disputes.factor),
    },
  };
}

/** Best first: score, then fewest deliveries today, then workspace id (stable). */
export function rank<T extends { facts: CandidateFacts; details: ScoreDetails }>(eligible: T[]): T[] {
  return [...eligible].sort(
    (a, b) =>
      b.details.score - a.details.score ||
      a.facts.deliveredToday - b.facts.deliveredToday ||
      (a.facts.workspaceId < b.facts.workspaceId ? -1 : a.facts.workspaceId > b.facts.workspaceId ? 1 : 0),
  );
}

/** Start of the UTC day, ISO week (Monday) and month containing `now`: the cap windows. */
export function capWindows(now: Date): { day: Date; week: Date; month: Date } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const week = new Date(day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000);
  const month = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
  return { day, week, month };
}
