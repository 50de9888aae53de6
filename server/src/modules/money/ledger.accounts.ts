// The chart of accounts. Each account holds value of one asset; an entry moves value from accounts to
// others, so its postings sum to zero. Outside parties are accounts too (the payment provider's
// clearing account goes negative by what customers paid in), which is what keeps every entry balanced.
import type { PayoutStream } from '@hotlead/domain';

export type LedgerAsset = 'CREDITS' | 'USD';

export interface AccountSpec {
  code: string;
  kind: AccountKind;
  asset: LedgerAsset;
  workspaceId?: string;
  partnerOrgId?: string;
  allowNegative: boolean;
  /** False for hot platform accounts: their balance is the sum of their postings (see the migration). */
  tracksBalance: boolean;
}

export type AccountKind =
  | 'WORKSPACE_CREDITS'
  | 'WORKSPACE_CREDITS_RESERVED'
  | 'CREDITS_ISSUED'
  | 'CREDITS_REDEEMED'
  | 'PROVIDER_CLEARING'
  | 'PLATFORM_REVENUE'
  | 'PARTNER_PENDING'
  | 'PARTNER_AVAILABLE'
  | 'PARTNER_PAID'
  | 'PAYOUTS_IN_TRANSIT';

const platform = (code: string, kind: AccountKind, asset: LedgerAsset, tracksBalance = false): AccountSpec => ({
  code,
  kind,
  asset,
  allowNegative: true,
  tracksBalance,
});

export const accounts = {
  /** A buyer workspace's credit wallet: never below zero. */
  workspaceCredits: (workspaceId: string): AccountSpec => ({
    code: `workspace:${workspaceId}:credits`,
    kind: 'WORKSPACE_CREDITS',
    asset: 'CREDITS',
    workspaceId,
    allowNegative: false,
    tracksBalance: true,
  }),
  /**
   * Credits held for a purchase whose card payment is under way: out of the wallet (so they cannot be
   * spent twice), back into it if the payment fails.
   */
  workspaceCreditsReserved: (workspaceId: string): AccountSpec => ({
    code: `workspace:${workspaceId}:credits-reserved`,
    kind: 'WORKSPACE_CREDITS_RESERVED',
    asset: 'CREDITS',
    workspaceId,
    allowNegative: false,
    tracksBalance: true,
  }),
  /** Where credits come from (purchases, bonuses, adjustments); negative by the credits outstanding. */
  creditsIssued: platform('platform:credits:issued', 'CREDITS_ISSUED', 'CREDITS'),
  /** Where spent credits go; spends and refunds move credits between a wallet and here. */
  creditsRedeemed: platform('platform:credits:redeemed', 'CREDITS_REDEEMED', 'CREDITS'),
  /** Money paid in through the payment provider (Stripe clearing); negative by the net cash received. */
  providerClearing: platform('platform:provider:clearing', 'PROVIDER_CLEARING', 'USD'),
  /** The platform's net revenue: sales in, commissions and refunds out. */
  platformRevenue: platform('platform:revenue', 'PLATFORM_REVENUE', 'USD'),
  /** Payouts reserved and sent to the provider, not yet confirmed. */
  payoutsInTransit: { ...platform('platform:payouts:in-transit', 'PAYOUTS_IN_TRANSIT', 'USD', true), allowNegative: false },
  /** A partner's earnings in holdback: never below zero (a reversal inside the holdback cancels them). */
  partnerPending: (partnerOrgId: string, stream: PayoutStream): AccountSpec => ({
    code: `partner:${partnerOrgId}:${stream.toLowerCase()}:pending`,
    kind: 'PARTNER_PENDING',
    asset: 'USD',
    partnerOrgId,
    allowNegative: false,
    tracksBalance: true,
  }),
  /** Payable earnings; a clawback after the holdback may take it below zero, recovered from later earnings. */
  partnerAvailable: (partnerOrgId: string, stream: PayoutStream): AccountSpec => ({
    code: `partner:${partnerOrgId}:${stream.toLowerCase()}:available`,
    kind: 'PARTNER_AVAILABLE',
    asset: 'USD',
    partnerOrgId,
    allowNegative: true,
    tracksBalance: true,
  }),
  /** Everything paid out to the partner so far. */
  partnerPaid: (partnerOrgId: string): AccountSpec => ({
    code: `partner:${partnerOrgId}:paid`,
    kind: 'PARTNER_PAID',
    asset: 'USD',
    partnerOrgId,
    allowNegative: false,
    tracksBalance: true,
  }),
};

/** What each journal entry kind records. */
export type EntryKind =
  | 'CREDIT_PURCHASE'
  | 'CREDIT_PURCHASE_REVERSAL'
  | 'CREDIT_SPEND'
  | 'CREDIT_REFUND'
  | 'CREDIT_ADJUSTMENT'
  | 'CREDIT_BONUS'
  | 'CREDIT_RESERVE'
  | 'CREDIT_RESERVE_RELEASE'
  /** Credits back to a buyer for a bad lead, with the partner's commission reversed in the same entry. */
  | 'LEAD_REFUND'
  | 'COMMISSION'
  | 'COMMISSION_RELEASE'
  | 'COMMISSION_REVERSAL'
  | 'PAYOUT_RESERVE'
  | 'PAYOUT_SETTLE'
  | 'PAYOUT_FAILED';
