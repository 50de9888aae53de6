// Partner commissions and payout schedules (product §3; seed 000 §8.1 and §8.3, seed 002 §4, seed 003 §C).
// Rates are decimal strings ("0.30") and amounts exact decimal strings, like the rest of the money code.
import { compare, fromUnits, multiply, toUnits } from './money.js';

export const DEFAULT_BASE_COMMISSION_RATE = '0.30';
export const FRESH_SALE_BONUS_RATE = '0.10';
export const HIGH_VERIFICATION_BONUS_RATE = '0.05';
export const VOLUME_BONUS_RATE = '0.05';
export const MAX_COMMISSION_RATE = '0.50';
/** A sale within this many days of the lead's upload earns the fresh-sale bonus (inclusive). */
export const FRESH_SALE_DAYS = 7;
/** Verification pass rate (percent) from which the high-verification bonus applies. */
export const HIGH_VERIFICATION_PASS_RATE = '95';
/** Leads uploaded from which the volume bonus applies. */
export const VOLUME_BONUS_LEADS = 10_000;
/** Lead-sale commissions stay pending this long before they can be paid (seed 000 Decision 7). */
export const HOLDBACK_DAYS = 14;

export type CommissionBonus = 'fresh_sale' | 'high_verification' | 'volume';

export interface CommissionInput {
  /** Sale price in USD (decimal string). */
  salePrice: string;
  /** The partner's base rate, 0.30 unless an admin changed it. */
  baseRate: string;
  leadUploadedAt: Date;
  soldAt: Date;
  /** Percent of the partner's uploads that passed verification; null before any verification. */
  verificationPassRate: string | null;
  totalLeadsUploaded: number;
}

export interface Commission {
  rate: string;
  amount: string;
  bonuses: CommissionBonus[];
}

const DAY_MS = 86_400_000;

/** Seed 000 §8.1, exactly: base + fresh 10 % + high verification 5 % + volume 5 %, capped at 50 %. */
export function calculateCommission(input: CommissionInput): Commission {
  let rate = toUnits(input.baseRate);
  const bonuses: CommissionBonus[] = [];
  if (input.soldAt.getTime() - input.leadUploadedAt.getTime() <= FRESH_SALE_DAYS * DAY_MS) {
    rate += toUnits(FRESH_SALE_BONUS_RATE);
    bonuses.push('fresh_sale');
  }
  if (input.verificationPassRate !== null && compare(input.verificationPassRate, HIGH_VERIFICATION_PASS_RATE) >= 0) {
    rate += toUnits(HIGH_VERIFICATION_BONUS_RATE);
    bonuses.push('high_verification');
  }
  if (input.totalLeadsUploaded >= VOLUME_BONUS_LEADS) {
    rate += toUnits(VOLUME_BONUS_RATE);
    bonuses.push('volume');
  }
  const cap = toUnits(MAX_COMMISSION_RATE);
  if (rate > cap) rate = cap;
  const rateString = fromUnits(rate);
  return { rate: rateString, amount: multiply(input.salePrice, rateString), bonuses };
}

/** When a lead-sale commission leaves the holdback. */
export function holdbackEndsAt(soldAt: Date): Date {
  return new Date(soldAt.getTime() + HOLDBACK_DAYS * DAY_MS);
}

// ─────────────────────────── earnings and payout schedules ───────────────────────────

/** What a partner earned money for. */
export type EarningType = 'LEAD_SALE' | 'BONUS' | 'PROGRAM' | 'DATA_PACK';

/**
 * Earnings are paid in streams, each on its own schedule and from its own ledger accounts, so a
 * clawback in one stream is recovered from later earnings of the same stream.
 */
export type PayoutStream = 'LEAD_SALES' | 'PROGRAM' | 'DATA_PACKS';

export const STREAM_OF_EARNING: Record<EarningType, PayoutStream> = {
  LEAD_SALE: 'LEAD_SALES',
  BONUS: 'LEAD_SALES',
  PROGRAM: 'PROGRAM',
  DATA_PACK: 'DATA_PACKS',
};

export interface PayoutSchedule {
  stream: PayoutStream;
  /** pg-boss cron, UTC. */
  cron: string;
  /** Smallest payout in USD; smaller available balances wait for the next run. */
  minimum: string;
  description: string;
}

export const PAYOUT_SCHEDULES: Record<PayoutStream, PayoutSchedule> = {
  LEAD_SALES: {
    stream: 'LEAD_SALES',
    cron: '0 2 * * 1',
    minimum: '50',
    description: 'Lead-sale commissions and bonuses: weekly, Monday 02:00 UTC, from $50 available.',
  },
  PROGRAM: {
    stream: 'PROGRAM',
    cron: '0 4 1 * *',
    minimum: '0.01',
    description: 'Partner-program commissions: monthly (1st, 04:00 UTC), net 30 after the month they were earned.',
  },
  DATA_PACKS: {
    stream: 'DATA_PACKS',
    cron: '0 6 5 * *',
    minimum: '0.01',
    description: 'Data-pack revenue share: monthly on the 5th at 06:00 UTC.',
  },
};

/**
 * When an earning becomes payable: lead sales and bonuses after the 14-day holdback; program
 * commissions 30 days after the end of the month they were earned in (net 30); data-pack shares at once
 * (their statement month has already closed when they are recorded).
 */
export function earningAvailableAt(type: EarningType, earnedAt: Date): Date {
  switch (type) {
    case 'LEAD_SALE':
    case 'BONUS':
      return holdbackEndsAt(earnedAt);
    case 'PROGRAM': {
      const monthEnd = Date.UTC(earnedAt.getUTCFullYear(), earnedAt.getUTCMonth() + 1, 1);
      return new Date(monthEnd + 30 * DAY_MS);
    }
    case 'DATA_PACK':
      return earnedAt;
  }
}

/** The period a scheduled run pays for, as a stable key: one run per stream and period. */
export function payoutPeriodKey(stream: PayoutStream, at: Date): string {
  const iso = at.toISOString().slice(0, 10);
  if (stream === 'LEAD_SALES') {
    // The Monday of the week (UTC).
    const day = at.getUTCDay();
    const monday = new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate() - ((day + 6) % 7)));
    return `${stream}:${monday.toISOString().slice(0, 10)}`;
  }
  return `${stream}:${iso.slice(0, 7)}`;
}

/** Payouts move whole cents; the sub-cent remainder stays available for the next payout. */
export function payableAmount(available: string): string {
  const units = toUnits(available);
  if (units <= 0n) return '0.0000';
  return fromUnits((units / 100n) * 100n);
}
