// GraphQL types for what follows a purchase: its items, bad-lead reports, the suppression list and
// the admin's view of purchases.
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../platform/graphql/connection.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar, DecimalScalar } from '../../platform/graphql/scalars.js';
import { MarketplaceUserError, type MarketplaceError } from './marketplace.errors.js';
import { LeadPurchase, LeadPurchaseStatusEnum, MarketplaceLead } from './marketplace.types.js';
import type { LeadReportRow } from './reports.service.js';

export enum LeadReportKindEnum {
  BOUNCED = 'BOUNCED',
  WRONG_PERSON = 'WRONG_PERSON',
  WRONG_COMPANY = 'WRONG_COMPANY',
  OTHER = 'OTHER',
}
registerEnumType(LeadReportKindEnum, {
  name: 'LeadReportKind',
  valuesConfig: { BOUNCED: { description: 'The email bounced: refunded automatically within 30 days once verification confirms it.' } },
});

export enum LeadReportStatusEnum {
  OPEN = 'OPEN',
  REFUNDED = 'REFUNDED',
  REJECTED = 'REJECTED',
}
registerEnumType(LeadReportStatusEnum, { name: 'LeadReportStatus' });

export enum LeadReportDecisionEnum {
  REFUND = 'REFUND',
  REJECT = 'REJECT',
}
registerEnumType(LeadReportDecisionEnum, { name: 'LeadReportDecision' });

@ObjectType({ description: 'A buyer’s report on a bought lead, and what came of it.' })
export class LeadReport {
  @Field(() => ID)
  id!: string;

  @Field(() => LeadReportKindEnum)
  kind!: LeadReportKindEnum;

  @Field(() => String, { nullable: true })
  note!: string | null;

  @Field(() => LeadReportStatusEnum)
  status!: LeadReportStatusEnum;

  @Field(() => String, { nullable: true, description: "The email verifier's verdict, when the report was checked." })
  verification!: string | null;

  @Field(() => String, { nullable: true, description: 'The decision in words (shown to the buyer).' })
  resolution!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt!: Date | null;

  @Field(() => ID)
  purchaseId!: string;

  @Field(() => MarketplaceLead, { nullable: true, description: 'The reported lead, as the buying workspace sees it (revealed).' })
  lead!: MarketplaceLead | null;

  rawLeadId!: string;
  workspaceRawId!: string;

  static from(row: LeadReportRow): LeadReport {
    return Object.assign(new LeadReport(), {
      id: toGlobalId('LeadReport', row.id),
      kind: row.kind as LeadReportKindEnum,
      note: row.note,
      status: row.status as LeadReportStatusEnum,
      verification: row.verification,
      resolution: row.resolution,
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      purchaseId: toGlobalId('LeadPurchase', row.purchaseId),
      lead: null,
      rawLeadId: row.leadId,
      workspaceRawId: row.workspaceId,
    });
  }
}

@ObjectType({ description: 'One lead of a purchase, revealed, with its price at purchase.' })
export class LeadPurchaseItem {
  @Field(() => MarketplaceLead)
  lead!: MarketplaceLead;

  @Field(() => DecimalScalar)
  priceUsd!: string;

  @Field(() => DecimalScalar)
  credits!: string;

  @Field(() => Boolean)
  exclusive!: boolean;

  @Field(() => DateTimeScalar, { nullable: true, description: 'When its credits were given back (bounce, invalid at download).' })
  refundedAt!: Date | null;

  @Field(() => String, { nullable: true })
  refundReason!: string | null;

  @Field(() => LeadReportStatusEnum, { nullable: true, description: "The workspace's report on this lead, if any." })
  reportStatus!: LeadReportStatusEnum | null;
}

export const LeadPurchaseItemConnection = connectionType('LeadPurchaseItem', LeadPurchaseItem);

@InputType()
export class LeadReportCreateInput {
  @Field(() => ID)
  purchaseId!: string;

  @Field(() => ID, { description: 'The MarketplaceLead id.' })
  leadId!: string;

  @Field(() => LeadReportKindEnum)
  kind!: LeadReportKindEnum;

  @Field(() => String, { nullable: true, description: 'What is wrong (required except for bounces).' })
  note?: string | null;
}

@InputType()
export class LeadReportResolveInput {
  @Field(() => ID)
  reportId!: string;

  @Field(() => LeadReportDecisionEnum)
  decision!: LeadReportDecisionEnum;

  @Field(() => String, { description: 'A note the buyer sees.' })
  resolution!: string;
}

@ObjectType()
export class LeadReportPayload {
  @Field(() => LeadReport, { nullable: true })
  report!: LeadReport | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

@InputType()
export class OptOutInput {
  @Field(() => String, { nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'With the country code, e.g. +1 415 555 0100.' })
  phone?: string | null;
}

@ObjectType()
export class OptOutPayload {
  @Field(() => Boolean, { description: 'True when the request was recorded (it never says whether Hotlead held the contact).' })
  done!: boolean;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

@InputType()
export class SuppressionAddInput extends OptOutInput {
  @Field(() => String, { nullable: true, description: 'Why (e.g. "request by phone, ticket 123").' })
  reason?: string | null;
}

@ObjectType()
export class SuppressionAddPayload {
  @Field(() => Int, { nullable: true, description: 'Leads taken off the market.' })
  leadsSuppressed!: number | null;

  @Field(() => Int, { nullable: true, description: 'lead.suppressed webhooks queued to past buyers.' })
  webhooksQueued!: number | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

@ObjectType()
export class SuppressionStats {
  @Field(() => Int)
  total!: number;

  @Field(() => Int)
  optOutPage!: number;

  @Field(() => Int)
  admin!: number;
}

@ObjectType({ description: 'A purchase as platform admins see it, with who bought it.' })
export class AdminLeadPurchase extends LeadPurchase {
  @Field(() => String)
  workspaceName!: string;

  @Field(() => String, { nullable: true })
  buyerEmail!: string | null;

  @Field(() => Int, { nullable: true, description: 'What the card paid, in cents (partial payment).' })
  cardAmountCents!: number | null;
}

export const AdminLeadPurchaseConnection = connectionType('AdminLeadPurchase', AdminLeadPurchase);

export { LeadPurchaseStatusEnum };
