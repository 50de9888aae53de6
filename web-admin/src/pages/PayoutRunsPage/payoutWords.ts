import { humanizeEnum } from '@hotlead/ui';
import type { PayoutStream } from '../../gql/graphql';

export const PAYOUT_STREAMS: readonly { value: PayoutStream; label: string }[] = [
  { value: 'LEAD_SALES', label: 'Lead sales' },
  { value: 'PROGRAM', label: 'Program' },
  { value: 'DATA_PACKS', label: 'Data packs' },
];

export function streamLabel(stream: PayoutStream): string {
  return PAYOUT_STREAMS.find((s) => s.value === stream)?.label ?? humanizeEnum(stream);
}

const SKIP_REASONS: Record<string, string> = {
  PAYOUT_ACCOUNT_MISSING: 'No payout account',
  PAYOUT_ACCOUNT_NOT_READY: 'Onboarding unfinished',
  BELOW_MINIMUM: 'Below the payout minimum',
  PAYOUT_IN_PROGRESS: 'A payout is already on its way',
};

/** Why a run skipped a partner, in plain words. */
export function skipReason(code: string): string {
  return SKIP_REASONS[code] ?? humanizeEnum(code);
}

const PAYOUT_STATUSES: Record<string, { label: string; color: string }> = {
  RESERVED: { label: 'On its way', color: 'blue' },
  PAID: { label: 'Paid', color: 'teal' },
  FAILED: { label: 'Failed', color: 'red' },
};

export function payoutStatus(status: string): { label: string; color: string } {
  return PAYOUT_STATUSES[status] ?? { label: humanizeEnum(status), color: 'gray' };
}

/** "Week of 2026-01-12" for "LEAD_SALES:2026-01-12", "2026-01" for "PROGRAM:2026-01" (the key names its stream). */
export function periodLabel(periodKey: string): string {
  const period = periodKey.slice(periodKey.indexOf(':') + 1);
  return /^\d{4}-\d{2}-\d{2}$/.test(period) ? `Week of ${period}` : period;
}
