// GraphQL types of the marketplace: the lead as a buyer sees it (contact details masked until the
// workspace bought it; the supplying partner never shown), the cart and purchases.
import { money } from '@hotlead/domain';
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../platform/graphql/connection.js';
import { Node, toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar, DecimalScalar, JSONScalar } from '../../platform/graphql/scalars.js';
import { SeniorityEnum, VerificationStatusEnum } from '../leads/leads.types.js';
import { MarketplaceUserError, type MarketplaceError } from './marketplace.errors.js';
import type { PurchaseRow } from './checkout.service.js';

export enum LeadExportModeEnum {
  VALID_ONLY = 'VALID_ONLY',
  VALID_AND_CATCH_ALL = 'VALID_AND_CATCH_ALL',
}
registerEnumType(LeadExportModeEnum, { name: 'LeadExportMode', description: 'Which emails the CSV export holds.' });

export enum LeadPurchaseStatusEnum {
  AWAITING_PAYMENT = 'AWAITING_PAYMENT',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
}
registerEnumType(LeadPurchaseStatusEnum, {
  name: 'LeadPurchaseStatus',
  valuesConfig: {
    AWAITING_PAYMENT: { description: 'Credits are held while the card pays the rest; completes when the provider confirms.' },
  },
});

export enum LeadExportStatusEnum {
  PREPARING = 'PREPARING',
  READY = 'READY',
  FAILED = 'FAILED',
}
registerEnumType(LeadExportStatusEnum, { name: 'LeadExportStatus' });

@ObjectType({ implements: Node, description: 'A lead as a buyer sees it: contact details masked until the workspace bought it.' })
export class MarketplaceLead implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => String)
  firstName!: string;

  @Field(() => String, { description: 'The last name (bought) or its initial.' })
  lastName!: string;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => SeniorityEnum)
  seniority!: SeniorityEnum;

  @Field(() => String)
  companyName!: string;

  @Field(() => String, { nullable: true })
  industry!: string | null;

  @Field(() => String)
  country!: string;

  @Field(() => String, { nullable: true })
  state!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => Int)
  intentScore!: number;

  @Field(() => Int)
  freshnessScore!: number;

  @Field(() => VerificationStatusEnum)
  verificationStatus!: VerificationStatusEnum;

  @Field(() => Boolean)
  hasPhone!: boolean;

  @Field(() => Boolean)
  hasLinkedin!: boolean;

  @Field(() => DecimalScalar, { description: 'List price in USD.' })
  listPrice!: string;

  @Field(() => String, { description: 'Where the record came from.' })
  source!: string;

  @Field(() => DateTimeScalar)
  collectedAt!: Date;

  @Field(() => String)
  lawfulBasis!: string;

  @Field(() => Boolean, { description: "Whether the viewer's workspace bought it." })
  purchased!: boolean;

  @Field(() => String, { nullable: true, description: 'Masked until bought: j***@acme.com.' })
  emailPreview!: string | null;

  @Field(() => String, { nullable: true, description: 'Masked until bought: +1 ***-***-4567.' })
  phonePreview!: string | null;

  @Field(() => String, { nullable: true, description: 'Only once bought.' })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'Only once bought (E.164).' })
  phone!: string | null;

  @Field(() => String, { nullable: true, description: 'Only once bought.' })
  linkedinUrl!: string | null;
}

@ObjectType({ description: 'A lead in the cart with its price now.' })
export class CartLine {
  @Field(() => MarketplaceLead)
  lead!: MarketplaceLead;

  @Field(() => Boolean)
  exclusive!: boolean;

  @Field(() => DecimalScalar, { description: 'USD (list price × 5 when exclusive).' })
  price!: string;

  @Field(() => DecimalScalar)
  credits!: string;

  @Field(() => String, { nullable: true, description: 'Why it cannot be bought now; null when it can.' })
  unavailable!: string | null;

  @Field(() => DateTimeScalar)
  addedAt!: Date;
}

@ObjectType({ description: "A person's cart in a workspace, priced, with what the credits cover." })
export class Cart {
  @Field(() => [CartLine])
  lines!: CartLine[];

  @Field(() => Int, { description: 'Leads that can be bought now.' })
  leadCount!: number;

  @Field(() => DecimalScalar)
  totalUsd!: string;

  @Field(() => DecimalScalar)
  credits!: string;

  @Field(() => DecimalScalar)
  walletBalance!: string;

  @Field(() => DecimalScalar, { description: 'Credits missing to pay with the wallet alone (0 when it covers the cart).' })
  shortfallCredits!: string;
}

@ObjectType({ implements: Node, description: 'A completed checkout of a workspace.' })
export class LeadPurchase implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => LeadPurchaseStatusEnum)
  status!: LeadPurchaseStatusEnum;

  @Field(() => Int)
  leadCount!: number;

  @Field(() => DecimalScalar)
  totalUsd!: string;

  @Field(() => DecimalScalar)
  credits!: string;

  @Field(() => LeadExportModeEnum)
  exportMode!: LeadExportModeEnum;

  @Field(() => JSONScalar, { nullable: true, description: 'The search filters the leads were chosen with.' })
  filters!: unknown;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  completedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Free re-downloads until then.' })
  downloadableUntil!: Date | null;

  @Field(() => String, { description: 'The bought leads as CSV (same-origin GET, signed-in members; until downloadableUntil).' })
  downloadUrl!: string;

  @Field(() => DecimalScalar, { description: 'Credits held from the wallet while the card pays the rest.' })
  reservedCredits!: string;

  @Field(() => DecimalScalar, { description: 'Credits given back since (bounced or invalid emails).' })
  refundedCredits!: string;

  @Field(() => String, { nullable: true, description: 'Why the purchase failed (card declined, leads gone...).' })
  failureReason!: string | null;

  @Field(() => LeadExportStatusEnum, { description: 'The CSV is made by a job after completion (re-checking emails older than 30 days).' })
  exportStatus!: LeadExportStatusEnum;

  @Field(() => Int, { nullable: true, description: 'Leads in the CSV.' })
  exportRows!: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  exportedAt!: Date | null;

  rawId!: string;
  workspaceRawId!: string;

  static from(row: PurchaseRow): LeadPurchase {
    const id = toGlobalId('LeadPurchase', row.id);
    return Object.assign(new LeadPurchase(), {
      id,
      downloadUrl: `/purchases/${id}/leads.csv`,
      status: row.status as LeadPurchaseStatusEnum,
      leadCount: row.leadCount,
      totalUsd: money.add(row.totalUsd.toString()),
      credits: money.add(row.credits.toString()),
      exportMode: row.exportMode as LeadExportModeEnum,
      filters: row.filters,
      createdAt: row.createdAt,
      completedAt: row.completedAt,
      downloadableUntil: row.downloadableUntil,
      reservedCredits: money.add(row.reservedCredits.toString()),
      refundedCredits: money.add(row.refundedCredits.toString()),
      failureReason: row.failureReason,
      exportStatus: row.exportStatus as LeadExportStatusEnum,
      exportRows: row.exportRows,
      exportedAt: row.exportedAt,
      rawId: row.id,
      workspaceRawId: row.workspaceId,
    });
  }
}

export const LeadPurchaseConnection = connectionType('LeadPurchase', LeadPurchase);

@InputType()
export class CartAddInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => [ID])
  leadIds!: string[];

  @Field(() => Boolean, { defaultValue: false, description: 'Buy exclusively (price × 5; delists the lead for everyone else).' })
  exclusive!: boolean;
}

@InputType()
export class CartRemoveInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => [ID], { nullable: true, description: 'Omit to empty the cart.' })
  leadIds?: string[] | null;
}

@InputType()
export class LeadsPurchaseInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => String, { description: 'Chosen by the client per checkout; repeating it returns the same purchase.' })
  idempotencyKey!: string;

  @Field(() => LeadExportModeEnum, { defaultValue: LeadExportModeEnum.VALID_ONLY })
  exportMode!: LeadExportModeEnum;

  @Field(() => JSONScalar, { nullable: true, description: 'The search filters used, kept with the purchase.' })
  filters?: unknown;

  @Field(() => Boolean, {
    defaultValue: false,
    description:
      "When the credits do not cover the cart: hold them and pay the rest by card (the payload's checkoutUrl). Without it, a shortfall is refused.",
  })
  payShortfallByCard!: boolean;
}

@ObjectType()
export class CartPayload {
  @Field(() => Cart, { nullable: true })
  cart!: Cart | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

@ObjectType()
export class LeadsPurchasePayload {
  @Field(() => LeadPurchase, { nullable: true })
  purchase!: LeadPurchase | null;

  @Field(() => String, { nullable: true, description: 'Where the buyer pays the rest by card (Stripe Checkout, or the sandbox locally).' })
  checkoutUrl!: string | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

export enum CompanySizeEnum {
  S_1_10 = 'S_1_10',
  S_11_50 = 'S_11_50',
  S_51_200 = 'S_51_200',
  S_201_500 = 'S_201_500',
  S_501_1000 = 'S_501_1000',
  S_1001_5000 = 'S_1001_5000',
  S_5001_PLUS = 'S_5001_PLUS',
}
registerEnumType(CompanySizeEnum, { name: 'CompanySize', description: 'Employee-count bands.' });

export enum LeadSearchSortEnum {
  INTENT_DESC = 'INTENT_DESC',
  PRICE_ASC = 'PRICE_ASC',
  PRICE_DESC = 'PRICE_DESC',
  FRESHNESS_DESC = 'FRESHNESS_DESC',
  NEWEST = 'NEWEST',
}
registerEnumType(LeadSearchSortEnum, { name: 'LeadSearchSort' });

@InputType({ description: 'Marketplace filters; every one is optional and they combine with AND.' })
export class LeadSearchFilterInput {
  @Field(() => [ID], { nullable: true })
  industryIds?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'ISO 3166-1 alpha-2 codes.' })
  countries?: string[] | null;

  @Field(() => [String], { nullable: true })
  states?: string[] | null;

  @Field(() => [String], { nullable: true })
  cities?: string[] | null;

  @Field(() => [String], { nullable: true })
  postalCodes?: string[] | null;

  @Field(() => [CompanySizeEnum], { nullable: true })
  companySizes?: CompanySizeEnum[] | null;

  @Field(() => [SeniorityEnum], { nullable: true })
  seniorities?: SeniorityEnum[] | null;

  @Field(() => Int, { nullable: true })
  intentMin?: number | null;

  @Field(() => Int, { nullable: true })
  intentMax?: number | null;

  @Field(() => Int, { nullable: true })
  freshnessMin?: number | null;

  @Field(() => Int, { nullable: true, description: 'Collected within this many days (7, 30, 90, …).' })
  maxAgeDays?: number | null;

  @Field(() => DecimalScalar, { nullable: true })
  priceMin?: string | null;

  @Field(() => DecimalScalar, { nullable: true })
  priceMax?: string | null;

  @Field(() => Boolean, { nullable: true })
  hasPhone?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  hasLinkedin?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only verified emails (VALID; with includeCatchAll also CATCH_ALL).' })
  emailVerified?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  includeCatchAll?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Part of the company name.' })
  companyName?: string | null;
}

@ObjectType()
export class LeadFacetBucket {
  @Field(() => String)
  value!: string;

  @Field(() => String)
  label!: string;

  @Field(() => Int)
  count!: number;
}

@ObjectType({ description: 'Counts per value of one filter, with every other filter applied.' })
export class LeadFacet {
  @Field(() => String, { description: 'industry, country, state, city, companySize, seniority, hasPhone, hasLinkedin, verification' })
  name!: string;

  @Field(() => [LeadFacetBucket])
  buckets!: LeadFacetBucket[];

  @Field(() => Boolean, { description: 'Counted from a sample of a large inventory.' })
  isEstimate!: boolean;
}

export const MarketplaceLeadConnection = connectionType('MarketplaceLead', MarketplaceLead);

@ObjectType({ description: 'A page of matching leads, the total and the facets.' })
export class LeadSearchResult {
  @Field(() => MarketplaceLeadConnection)
  leads!: InstanceType<typeof MarketplaceLeadConnection>;

  @Field(() => [LeadFacet])
  facets!: LeadFacet[];
}

export enum LeadSegmentStatusEnum {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(LeadSegmentStatusEnum, { name: 'LeadSegmentStatus' });

@ObjectType({ implements: Node, description: "A buyer's saved search." })
export class LeadSegment implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description!: string | null;

  @Field(() => JSONScalar, { description: 'The saved LeadSearchFilterInput (industry ids as global ids).' })
  filters!: unknown;

  @Field(() => LeadSegmentStatusEnum)
  status!: LeadSegmentStatusEnum;

  @Field(() => Int, { nullable: true, description: 'Matching leads at the last run.' })
  lastCount!: number | null;

  @Field(() => DateTimeScalar, { nullable: true })
  lastRunAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@ObjectType({ description: 'A segment run: how many leads match now and what the first 10,000 cost.' })
export class LeadSegmentRun {
  @Field(() => LeadSegment)
  segment!: LeadSegment;

  @Field(() => Int)
  count!: number;

  @Field(() => Boolean)
  countIsEstimate!: boolean;

  @Field(() => Int, { description: 'Leads a pull would add (at most 10,000).' })
  buyableCount!: number;

  @Field(() => DecimalScalar)
  totalUsd!: string;

  @Field(() => DecimalScalar)
  credits!: string;
}

@InputType()
export class LeadSegmentCreateInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => LeadSearchFilterInput)
  filters!: LeadSearchFilterInput;
}

@InputType()
export class LeadSegmentUpdateInput {
  @Field(() => ID)
  segmentId!: string;

  @Field(() => String, { nullable: true })
  name?: string | null;

  @Field(() => String, { nullable: true })
  description?: string | null;

  @Field(() => LeadSearchFilterInput, { nullable: true })
  filters?: LeadSearchFilterInput | null;

  @Field(() => LeadSegmentStatusEnum, { nullable: true })
  status?: LeadSegmentStatusEnum | null;
}

@InputType()
export class LeadSegmentIdInput {
  @Field(() => ID)
  segmentId!: string;
}

@ObjectType()
export class LeadSegmentPayload {
  @Field(() => LeadSegment, { nullable: true })
  segment!: LeadSegment | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

@ObjectType()
export class LeadSegmentRunPayload {
  @Field(() => LeadSegmentRun, { nullable: true })
  run!: LeadSegmentRun | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

@ObjectType()
export class LeadSegmentDeletePayload {
  @Field(() => ID, { nullable: true })
  deletedSegmentId!: string | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

@InputType()
export class WorkspaceMemberCreditLimitSetInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => ID, { description: "The member's user id." })
  userId!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'Credits per calendar month (UTC); null removes the limit.' })
  monthlyCreditLimit?: string | null;
}

@ObjectType()
export class WorkspaceMemberCreditLimitPayload {
  @Field(() => DecimalScalar, { nullable: true })
  monthlyCreditLimit!: string | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}
