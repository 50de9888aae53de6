import { formatUsd } from '@hotlead/ui';
import type { EarningType, MoneyErrorCode, PayoutStream } from '../../gql/graphql';

export const STREAM_LABELS: Record<PayoutStream, string> = {
  LEAD_SALES: 'Lead sales',
  PROGRAM: 'Partner program',
  DATA_PACKS: 'Data packs',
};

export const EARNING_TYPE_LABELS: Record<EarningType, string> = {
  LEAD_SALE: 'Lead sale',
  BONUS: 'Bonus',
  PROGRAM: 'Program',
  DATA_PACK: 'Data pack',
};

/** The commission bonuses a lead sale can carry (`PartnerEarning.bonuses`). */
export const BONUS_LABELS: Record<string, string> = {
  fresh_sale: 'Fresh sale +10%',
  high_verification: 'High verification +5%',
  volume: 'Volume +5%',
};

export function bonusLabel(bonus: string): string {
  return BONUS_LABELS[bonus] ?? bonus.replace(/_/g, ' ');
}

const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 2 });

/** "35%" for the Decimal rate "0.3500"; an em dash for none. */
export function formatRate(rate: string | null | undefined): string {
  return rate == null ? '—' : percent.format(Number(rate));
}

/** Decimal strings are exact; comparing them for display needs no more than a float. */
export function isNegative(amount: string): boolean {
  return Number(amount) < 0;
}

export function isBelow(amount: string, minimum: string): boolean {
  return Number(amount) < Number(minimum);
}

/** What to tell an owner whose payout request was refused, by user error code. */
export function payoutRequestErrorCopy(error: { code: MoneyErrorCode; message: string }, minimum: string | undefined): string {
  switch (error.code) {
    case 'PAYOUT_ACCOUNT_MISSING':
      return 'Connect a payout account first (see “Payout account” above), then request the payout again.';
    case 'PAYOUT_ACCOUNT_NOT_READY':
      return 'Your payout account cannot receive money yet. Continue onboarding, then use “Refresh status”.';
    case 'BELOW_MINIMUM':
      return `Payouts start at ${minimum ? formatUsd(minimum) : 'the stream’s minimum'}. Earnings below it stay available and are paid once the balance reaches the minimum.`;
    case 'PAYOUT_IN_PROGRESS':
      return 'A payout of these earnings is already on its way; you can follow it in the payouts list below.';
    case 'NOT_ALLOWED':
      return 'Only owners of this organization can request payouts.';
    default:
      return error.message;
  }
}
