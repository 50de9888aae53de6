// GraphQL types of the money module. Amounts are Decimal strings: USD with 4 places, credits with 4
// places (credits bought and adjusted are whole numbers; spends on leads can be fractional).
import { money } from '@hotlead/domain';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../platform/graphql/connection.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar, DecimalScalar, JSONScalar } from '../../platform/graphql/scalars.js';
import { PartnerOrg } from '../partners/partnerOrg.type.js';
import { MoneyErrorCode, MoneyUserError, type MoneyError } from './money.errors.js';

export enum PayoutStreamEnum {
  LEAD_SALES = 'LEAD_SALES',
  PROGRAM = 'PROGRAM',
  DATA_PACKS = 'DATA_PACKS',
}
registerEnumType(PayoutStreamEnum, { name: 'PayoutStream', description: 'Earnings paid on one schedule.' });

export enum EarningTypeEnum {
  LEAD_SALE = 'LEAD_SALE',
  BONUS = 'BONUS',
  PROGRAM = 'PROGRAM',
  DATA_PACK = 'DATA_PACK',
}
registerEnumType(EarningTypeEnum, { name: 'EarningType' });

export enum StatementFormat {
  CSV = 'CSV',
  JSON = 'JSON',
}
registerEnumType(StatementFormat, { name: 'StatementFormat' });

export enum AdjustmentDirection {
  GRANT = 'GRANT',
  DEDUCT = 'DEDUCT',
}
registerEnumType(AdjustmentDirection, { name: 'AdjustmentDirection' });

export enum SandboxOutcome {
  SUCCEED = 'SUCCEED',
  DECLINE = 'DECLINE',
}
registerEnumType(SandboxOutcome, { name: 'SandboxOutcome', description: 'What the sandbox checkout page does with the card.' });

export enum CreditPurchaseStatusEnum {
  PENDING = 'PENDING',
  PAID = 'PAID',
  FAILED = 'FAILED',
  EXPIRED = 'EXPIRED',
  REFUNDED = 'REFUNDED',
  DISPUTED = 'DISPUTED',
}
registerEnumType(CreditPurchaseStatusEnum, { name: 'CreditPurchaseStatus' });

export enum CreditPurchaseKindEnum {
  CHECKOUT = 'CHECKOUT',
  AUTO_RELOAD = 'AUTO_RELOAD',
}
registerEnumType(CreditPurchaseKindEnum, { name: 'CreditPurchaseKind' });

export enum PaymentProviderEnum {
  STRIPE = 'STRIPE',
  SANDBOX = 'SANDBOX',
}
registerEnumType(PaymentProviderEnum, { name: 'PaymentProvider', description: 'Stripe, or the local sandbox provider.' });

export enum LedgerEntryKindEnum {
  CREDIT_PURCHASE = 'CREDIT_PURCHASE',
  CREDIT_PURCHASE_REVERSAL = 'CREDIT_PURCHASE_REVERSAL',
  CREDIT_SPEND = 'CREDIT_SPEND',
  CREDIT_REFUND = 'CREDIT_REFUND',
  CREDIT_ADJUSTMENT = 'CREDIT_ADJUSTMENT',
  CREDIT_BONUS = 'CREDIT_BONUS',
  COMMISSION = 'COMMISSION',
  COMMISSION_RELEASE = 'COMMISSION_RELEASE',
  COMMISSION_REVERSAL = 'COMMISSION_REVERSAL',
  PAYOUT_RESERVE = 'PAYOUT_RESERVE',
  PAYOUT_SETTLE = 'PAYOUT_SETTLE',
  PAYOUT_FAILED = 'PAYOUT_FAILED',
}
registerEnumType(LedgerEntryKindEnum, { name: 'LedgerEntryKind', description: 'What a journal entry records.' });

export enum LedgerAssetEnum {
  CREDITS = 'CREDITS',
  USD = 'USD',
}
registerEnumType(LedgerAssetEnum, { name: 'LedgerAsset' });

export enum EarningStatusEnum {
  PENDING = 'PENDING',
  AVAILABLE = 'AVAILABLE',
  PAID = 'PAID',
  REVERSED = 'REVERSED',
}
registerEnumType(EarningStatusEnum, { name: 'EarningStatus', description: 'PENDING is in holdback (or waiting for its net-30 date).' });

export enum PayoutStatusEnum {
  RESERVED = 'RESERVED',
  PAID = 'PAID',
  FAILED = 'FAILED',
}
registerEnumType(PayoutStatusEnum, { name: 'PayoutStatus', description: 'RESERVED: on its way.' });

export enum PayoutAccountStatusEnum {
  ONBOARDING = 'ONBOARDING',
  ACTIVE = 'ACTIVE',
  RESTRICTED = 'RESTRICTED',
}
registerEnumType(PayoutAccountStatusEnum, { name: 'PayoutAccountStatus' });

export enum PayoutRunTriggerEnum {
  SCHEDULE = 'SCHEDULE',
  ADMIN = 'ADMIN',
}
registerEnumType(PayoutRunTriggerEnum, { name: 'PayoutRunTrigger' });

export enum PayoutRunStatusEnum {
  RUNNING = 'RUNNING',
  COMPLETED = 'COMPLETED',
}
registerEnumType(PayoutRunStatusEnum, { name: 'PayoutRunStatus' });

@ObjectType({ description: 'A credit package on sale.' })
export class CreditPackage {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  credits!: number;

  @Field(() => Int)
  priceCents!: number;

  @Field(() => DecimalScalar, { description: 'Price in USD.' })
  price!: string;

  @Field(() => DecimalScalar, { description: 'USD per credit.' })
  pricePerCredit!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Int)
  sortOrder!: number;

  static from(row: { id: string; name: string; credits: number; priceCents: number; active: boolean; sortOrder: number }): CreditPackage {
    const price = money.centsToUsd(row.priceCents);
    return Object.assign(new CreditPackage(), {
      ...row,
      id: toGlobalId('CreditPackage', row.id),
      rawId: row.id,
      price,
      pricePerCredit: money.fromUnits(money.toUnits(price) / BigInt(row.credits)),
    });
  }
}

@ObjectType()
export class SavedCard {
  @Field(() => String)
  brand!: string;

  @Field(() => String)
  last4!: string;
}

@ObjectType({ description: 'Reload credits automatically when the balance falls under a threshold.' })
export class AutoReloadSettings {
  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Int)
  thresholdCredits!: number;

  @Field(() => CreditPackage, { nullable: true })
  package!: CreditPackage | null;
}

@ObjectType({ description: "A buyer workspace's credits." })
export class CreditWallet {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => DecimalScalar)
  balance!: string;

  @Field(() => AutoReloadSettings)
  autoReload!: AutoReloadSettings;

  @Field(() => SavedCard, { nullable: true, description: 'The card auto-reload charges (saved at the first card purchase).' })
  savedCard!: SavedCard | null;
}

@ObjectType({ description: 'One movement of a credit wallet.' })
export class CreditTransaction {
  @Field(() => ID)
  id!: string;

  @Field(() => LedgerEntryKindEnum)
  kind!: LedgerEntryKindEnum;

  @Field(() => String)
  description!: string;

  @Field(() => DecimalScalar, { description: 'Signed: positive added credits, negative took them.' })
  credits!: string;

  @Field(() => DateTimeScalar)
  occurredAt!: Date;
}
export const CreditTransactionConnection = connectionType('CreditTransaction', CreditTransaction);

@ObjectType({ description: 'One attempt to buy credits.' })
export class CreditPurchase {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  workspaceRawId!: string;

  @Field(() => ID, { description: 'The buyer workspace that bought the credits.' })
  workspaceId!: string;

  @Field(() => String)
  packageName!: string;

  @Field(() => Int)
  credits!: number;

  @Field(() => Int)
  amountCents!: number;

  @Field(() => CreditPurchaseKindEnum)
  kind!: CreditPurchaseKindEnum;

  @Field(() => PaymentProviderEnum)
  provider!: PaymentProviderEnum;

  @Field(() => CreditPurchaseStatusEnum)
  status!: CreditPurchaseStatusEnum;

  @Field(() => String, { nullable: true })
  checkoutUrl!: string | null;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt!: Date | null;

  static from(row: {
    id: string;
    workspaceId: string;
    packageName: string;
    credits: number;
    amountCents: number;
    kind: string;
    provider: string;
    status: string;
    checkoutUrl: string | null;
    failureReason: string | null;
    createdAt: Date;
    completedAt: Date | null;
  }): CreditPurchase {
    return Object.assign(new CreditPurchase(), {
      id: toGlobalId('CreditPurchase', row.id),
      rawId: row.id,
      workspaceRawId: row.workspaceId,
      workspaceId: toGlobalId('Workspace', row.workspaceId),
      packageName: row.packageName,
      credits: row.credits,
      amountCents: row.amountCents,
      kind: row.kind as CreditPurchaseKindEnum,
      provider: row.provider as PaymentProviderEnum,
      status: row.status as CreditPurchaseStatusEnum,
      checkoutUrl: row.status === 'PENDING' ? row.checkoutUrl : null,
      failureReason: row.failureReason,
      createdAt: row.createdAt,
      completedAt: row.completedAt,
    });
  }
}

@ObjectType({ description: 'A file to save (CSV or JSON), returned inline.' })
export class FileDownload {
  @Field(() => String)
  filename!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => String)
  content!: string;
}

@ObjectType()
export class CreditBalanceEvent {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => DecimalScalar)
  balance!: string;
}

@ObjectType()
export class StreamEarnings {
  @Field(() => PayoutStreamEnum)
  stream!: PayoutStreamEnum;

  @Field(() => DecimalScalar)
  pending!: string;

  @Field(() => DecimalScalar, { description: 'May be negative after a clawback; recovered from later earnings.' })
  available!: string;

  @Field(() => DecimalScalar, { description: 'Smallest payout of this stream.' })
  minimum!: string;

  @Field(() => String)
  schedule!: string;
}

@ObjectType({ description: "A partner's earnings: in holdback, available, on the way and paid." })
export class PartnerEarningsSummary {
  @Field(() => DecimalScalar)
  pending!: string;

  @Field(() => DecimalScalar)
  available!: string;

  @Field(() => DecimalScalar)
  inTransit!: string;

  @Field(() => DecimalScalar)
  paid!: string;

  @Field(() => [StreamEarnings])
  byStream!: StreamEarnings[];
}

@ObjectType({ description: "A partner org's connected payout account." })
export class PayoutAccount {
  @Field(() => PaymentProviderEnum)
  provider!: PaymentProviderEnum;

  @Field(() => PayoutAccountStatusEnum)
  status!: PayoutAccountStatusEnum;

  @Field(() => Boolean)
  detailsSubmitted!: boolean;

  @Field(() => Boolean)
  payoutsEnabled!: boolean;
}

@ObjectType({ description: 'One thing a partner earned: a commission on a sale, a bonus, a revenue share.' })
export class PartnerEarning {
  @Field(() => ID)
  id!: string;

  @Field(() => EarningTypeEnum)
  type!: EarningTypeEnum;

  @Field(() => PayoutStreamEnum)
  stream!: PayoutStreamEnum;

  @Field(() => String)
  description!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'The sale price the commission was computed on.' })
  saleAmount!: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  rate!: string | null;

  @Field(() => [String], { description: 'fresh_sale, high_verification, volume.' })
  bonuses!: string[];

  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => EarningStatusEnum)
  status!: EarningStatusEnum;

  @Field(() => DateTimeScalar)
  earnedAt!: Date;

  @Field(() => DateTimeScalar)
  availableAt!: Date;

  @Field(() => String, { nullable: true })
  reversalReason!: string | null;
}
export const PartnerEarningConnection = connectionType('PartnerEarning', PartnerEarning);

@ObjectType({ description: 'Money sent to a partner.' })
export class Payout {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  partnerOrgRawId!: string;

  @Field(() => PayoutStreamEnum)
  stream!: PayoutStreamEnum;

  @Field(() => DecimalScalar)
  amount!: string;

  @Field(() => PayoutStatusEnum)
  status!: PayoutStatusEnum;

  @Field(() => String, { nullable: true })
  transferId!: string | null;

  @Field(() => String, { nullable: true })
  failureReason!: string | null;

  @Field(() => Boolean, { description: 'Asked for by the partner rather than paid by a scheduled run.' })
  requested!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  paidAt!: Date | null;

  static from(row: {
    id: string;
    partnerOrgId: string;
    stream: string;
    amount: string;
    status: string;
    transferId: string | null;
    failureReason: string | null;
    requestedByUserId: string | null;
    createdAt: Date;
    paidAt: Date | null;
  }): Payout {
    return Object.assign(new Payout(), {
      id: toGlobalId('Payout', row.id),
      rawId: row.id,
      partnerOrgRawId: row.partnerOrgId,
      stream: row.stream as PayoutStreamEnum,
      amount: row.amount,
      status: row.status as PayoutStatusEnum,
      transferId: row.transferId,
      failureReason: row.failureReason,
      requested: row.requestedByUserId !== null,
      createdAt: row.createdAt,
      paidAt: row.paidAt,
    });
  }
}

@ObjectType()
export class PayoutRunSkip {
  @Field(() => ID)
  partnerOrgId!: string;

  @Field(() => String)
  partnerOrgName!: string;

  @Field(() => MoneyErrorCode, { description: 'Why no payout: no account, onboarding unfinished, below the minimum, one in flight.' })
  reason!: MoneyErrorCode;
}

@ObjectType({ description: 'One run of the payout engine for a stream and period.' })
export class PayoutRun {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => PayoutStreamEnum)
  stream!: PayoutStreamEnum;

  @Field(() => String)
  periodKey!: string;

  @Field(() => PayoutRunTriggerEnum)
  trigger!: PayoutRunTriggerEnum;

  @Field(() => PayoutRunStatusEnum)
  status!: PayoutRunStatusEnum;

  @Field(() => Int)
  paidCount!: number;

  @Field(() => Int)
  failedCount!: number;

  @Field(() => DecimalScalar)
  totalPaid!: string;

  @Field(() => [PayoutRunSkip])
  skipped!: PayoutRunSkip[];

  @Field(() => DateTimeScalar)
  startedAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;

  static from(row: {
    id: string;
    stream: string;
    periodKey: string;
    trigger: string;
    status: string;
    summary: unknown;
    startedAt: Date;
    finishedAt: Date | null;
  }): PayoutRun {
    const summary = (row.summary ?? {}) as {
      paid?: number;
      failed?: number;
      totalPaid?: string;
      skipped?: { partnerOrgId: string; partnerOrgName?: string; reason: string }[];
    };
    return Object.assign(new PayoutRun(), {
      id: toGlobalId('PayoutRun', row.id),
      rawId: row.id,
      stream: row.stream as PayoutStreamEnum,
      periodKey: row.periodKey,
      trigger: row.trigger as PayoutRunTriggerEnum,
      status: row.status as PayoutRunStatusEnum,
      paidCount: summary.paid ?? 0,
      failedCount: summary.failed ?? 0,
      totalPaid: summary.totalPaid ?? '0.0000',
      skipped: (summary.skipped ?? []).map((s) => ({
        partnerOrgId: toGlobalId('PartnerOrg', s.partnerOrgId),
        partnerOrgName: s.partnerOrgName ?? '',
        reason: s.reason as MoneyErrorCode,
      })),
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
    });
  }
}

@ObjectType({ description: 'The financial dashboard, derived from the ledger.' })
export class FinanceSummary {
  @Field(() => DateTimeScalar, { nullable: true })
  from!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  to!: Date | null;

  @Field(() => DecimalScalar, { description: 'Sales in USD (credit packages and card payments).' })
  grossRevenue!: string;

  @Field(() => DecimalScalar, { description: 'Refunds and chargebacks in USD.' })
  refunds!: string;

  @Field(() => DecimalScalar)
  creditsSold!: string;

  @Field(() => DecimalScalar, { description: 'Credits in all wallets now.' })
  creditsOutstanding!: string;

  @Field(() => DecimalScalar, { description: 'Partner commissions and bonuses, net of reversals.' })
  commissions!: string;

  @Field(() => DecimalScalar, { description: 'Gross revenue − refunds − commissions.' })
  netRevenue!: string;

  @Field(() => DecimalScalar, { description: 'Partner earnings in holdback now.' })
  pendingHoldback!: string;

  @Field(() => DecimalScalar, { description: 'Partner earnings payable now (pending payouts).' })
  availableToPartners!: string;

  @Field(() => DecimalScalar)
  payoutsInTransit!: string;

  @Field(() => DecimalScalar)
  paidOut!: string;
}

@ObjectType()
export class LedgerPostingView {
  @Field(() => String)
  accountCode!: string;

  @Field(() => String)
  accountKind!: string;

  @Field(() => LedgerAssetEnum)
  asset!: LedgerAssetEnum;

  @Field(() => DecimalScalar)
  amount!: string;
}

@ObjectType({ description: 'A journal entry of the ledger; its postings sum to zero per asset.' })
export class JournalEntryView {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  idempotencyKey!: string;

  @Field(() => LedgerEntryKindEnum)
  kind!: LedgerEntryKindEnum;

  @Field(() => String)
  description!: string;

  @Field(() => JSONScalar)
  details!: Record<string, unknown>;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => [LedgerPostingView])
  postings!: LedgerPostingView[];
}
export const JournalEntryConnection = connectionType('JournalEntry', JournalEntryView);

@ObjectType({ description: 'What the sandbox checkout page shows.' })
export class SandboxCheckoutSession {
  @Field(() => ID)
  id!: string;

  @Field(() => String, { description: 'open, complete or expired.' })
  status!: string;

  @Field(() => Int)
  amountCents!: number;

  @Field(() => String)
  productName!: string;

  @Field(() => String)
  cancelUrl!: string;
}

// ───────────── inputs ─────────────

@InputType()
export class CreditPurchaseStartInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => ID)
  packageId!: string;
}

@InputType()
export class CreditAutoReloadInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => Boolean)
  enabled!: boolean;

  @Field(() => Int, { description: 'Reload when the balance falls under this many credits.' })
  thresholdCredits!: number;

  @Field(() => ID, { nullable: true })
  packageId?: string | null;
}

@InputType()
export class CreditPackageSaveInput {
  @Field(() => ID, { nullable: true, description: 'Omit to create a package.' })
  id?: string | null;

  @Field(() => String)
  name!: string;

  @Field(() => Int)
  credits!: number;

  @Field(() => Int)
  priceCents!: number;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => Int, { nullable: true })
  sortOrder?: number | null;
}

@InputType()
export class CreditAdjustInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => Int, { description: 'Whole credits, above zero; the direction says which way.' })
  credits!: number;

  @Field(() => AdjustmentDirection)
  direction!: AdjustmentDirection;

  @Field(() => String, { description: 'Why; kept with the entry and in the audit log.' })
  reason!: string;

  @Field(() => String, { nullable: true, description: 'Send the same key again to retry safely.' })
  idempotencyKey?: string | null;
}

@InputType()
export class PayoutRequestInput {
  @Field(() => ID)
  partnerOrgId!: string;

  @Field(() => PayoutStreamEnum, { nullable: true, description: 'Defaults to LEAD_SALES.' })
  stream?: PayoutStreamEnum | null;
}

@InputType()
export class SandboxCheckoutCompleteInput {
  @Field(() => String)
  sessionId!: string;

  @Field(() => SandboxOutcome)
  outcome!: SandboxOutcome;
}

// ───────────── payloads ─────────────

@ObjectType()
export class CreditPurchaseStartPayload {
  @Field(() => CreditPurchase, { nullable: true })
  purchase!: CreditPurchase | null;

  @Field(() => String, { nullable: true, description: "The payment provider's checkout page to send the buyer to." })
  checkoutUrl!: string | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}

@ObjectType()
export class CreditWalletPayload {
  @Field(() => CreditWallet, { nullable: true })
  wallet!: CreditWallet | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}

@ObjectType()
export class CreditPackagePayload {
  @Field(() => CreditPackage, { nullable: true })
  creditPackage!: CreditPackage | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}

@ObjectType()
export class CreditAdjustPayload {
  @Field(() => DecimalScalar, { nullable: true, description: 'The balance after the adjustment.' })
  balance!: string | null;

  @Field(() => ID, { nullable: true })
  entryId!: string | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}

@ObjectType()
export class CreditPurchasePayload {
  @Field(() => CreditPurchase, { nullable: true })
  purchase!: CreditPurchase | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}

@ObjectType()
export class RedirectPayload {
  @Field(() => String, { nullable: true, description: 'Where to send the browser next.' })
  url!: string | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}

@ObjectType()
export class PayoutAccountPayload {
  @Field(() => PayoutAccount, { nullable: true })
  payoutAccount!: PayoutAccount | null;

  @Field(() => PartnerOrg, { nullable: true, description: 'The partner org, to refresh what a page shows of it.' })
  partnerOrg!: PartnerOrg | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}

@ObjectType()
export class PayoutPayload {
  @Field(() => Payout, { nullable: true })
  payout!: Payout | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}

@ObjectType()
export class PayoutRunPayload {
  @Field(() => PayoutRun, { nullable: true })
  run!: PayoutRun | null;

  @Field(() => [MoneyUserError])
  userErrors!: MoneyError[];
}
