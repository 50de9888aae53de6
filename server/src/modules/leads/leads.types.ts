// GraphQL types of the supply side: uploads and their imports, the mapping preview, inventory leads
// as partners and admins see them, partner quality, and probable duplicates.
import { LEAD_FIELDS, type LeadField } from '@hotlead/domain';
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../platform/graphql/connection.js';
import { Node, toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar, DecimalScalar } from '../../platform/graphql/scalars.js';
import { LeadsUserError, type LeadsError } from './leads.errors.js';
import type { DuplicateFlagRow, LeadRow } from './inventory.service.js';
import type { UploadRow } from './upload.service.js';

export enum LeadUploadStatusEnum {
  UPLOADED = 'UPLOADED',
  QUEUED = 'QUEUED',
  PROCESSING = 'PROCESSING',
  COMPLETED = 'COMPLETED',
  FAILED = 'FAILED',
  CANCELED = 'CANCELED',
}
registerEnumType(LeadUploadStatusEnum, {
  name: 'LeadUploadStatus',
  description: 'UPLOADED: stored, waiting for the mapping and start. FAILED and CANCELED imports keep no leads.',
});

export enum LeadUploadReviewStatusEnum {
  NOT_REQUIRED = 'NOT_REQUIRED',
  PENDING = 'PENDING',
  APPROVED = 'APPROVED',
  REJECTED = 'REJECTED',
}
registerEnumType(LeadUploadReviewStatusEnum, {
  name: 'LeadUploadReviewStatus',
  description: 'PENDING: the leads wait, unlisted, until an admin approves the upload.',
});

export enum UploadReviewReasonEnum {
  FIRST_100_LEADS = 'FIRST_100_LEADS',
  LOW_PASS_RATE = 'LOW_PASS_RATE',
  HIGH_DUPLICATE_RATE = 'HIGH_DUPLICATE_RATE',
  UPLOAD_REJECTION_RATE = 'UPLOAD_REJECTION_RATE',
}
registerEnumType(UploadReviewReasonEnum, { name: 'UploadReviewReason' });

/** The CSV column targets; GraphQL names are upper-case, values are packages/domain's LeadField. */
export const LeadFieldEnum = Object.fromEntries(LEAD_FIELDS.map((f) => [f.replace(/([A-Z])/g, '_$1').toUpperCase(), f])) as Record<
  string,
  LeadField
>;
registerEnumType(LeadFieldEnum, { name: 'LeadField', description: 'A lead field a CSV column can map to.' });

export enum SeniorityEnum {
  C_SUITE = 'C_SUITE',
  VP = 'VP',
  DIRECTOR = 'DIRECTOR',
  MANAGER = 'MANAGER',
  SENIOR = 'SENIOR',
  ENTRY = 'ENTRY',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(SeniorityEnum, { name: 'Seniority' });

export enum VerificationStatusEnum {
  PENDING = 'PENDING',
  VALID = 'VALID',
  INVALID = 'INVALID',
  CATCH_ALL = 'CATCH_ALL',
  RISKY = 'RISKY',
  UNKNOWN = 'UNKNOWN',
}
registerEnumType(VerificationStatusEnum, { name: 'VerificationStatus', description: 'Email verification; PENDING until checked.' });

export enum LeadStatusEnum {
  PENDING_REVIEW = 'PENDING_REVIEW',
  LISTED = 'LISTED',
  DELISTED = 'DELISTED',
  SUPPRESSED = 'SUPPRESSED',
  ARCHIVED = 'ARCHIVED',
}
registerEnumType(LeadStatusEnum, { name: 'LeadStatus' });

export enum LeadOwnerKindEnum {
  PLATFORM = 'PLATFORM',
  PARTNER = 'PARTNER',
}
registerEnumType(LeadOwnerKindEnum, { name: 'LeadOwnerKind' });

export enum DuplicateFlagStatusEnum {
  OPEN = 'OPEN',
  DISMISSED = 'DISMISSED',
  MERGED = 'MERGED',
}
registerEnumType(DuplicateFlagStatusEnum, { name: 'LeadDuplicateFlagStatus' });

export enum UploadReviewDecision {
  APPROVE = 'APPROVE',
  REJECT = 'REJECT',
}
registerEnumType(UploadReviewDecision, { name: 'LeadUploadReviewDecision' });

export enum DuplicateResolution {
  DISMISS = 'DISMISS',
  MERGE = 'MERGE',
}
registerEnumType(DuplicateResolution, {
  name: 'LeadDuplicateResolution',
  description: "DISMISS keeps both leads; MERGE archives the flagged lead and fills the kept lead's missing fields from it.",
});

@ObjectType({ description: 'An industry a lead belongs to.' })
export class Industry {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;
}

@ObjectType({ implements: Node, description: "A partner's CSV upload and its import." })
export class LeadUpload implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;
  partnerOrgId!: string;
  industryId!: string | null;

  @Field(() => String)
  fileName!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => String, { description: 'The text encoding the file was read with (utf-8, utf-16le, utf-16be, windows-1252).' })
  encoding!: string;

  @Field(() => String)
  delimiter!: string;

  @Field(() => [String], { description: 'The header row.' })
  headers!: string[];

  @Field(() => [LeadFieldEnum], { nullable: 'itemsAndList', description: 'The field of each column (null: ignored) once started.' })
  mapping!: (LeadField | null)[] | null;

  @Field(() => LeadUploadStatusEnum)
  status!: LeadUploadStatusEnum;

  @Field(() => LeadUploadReviewStatusEnum)
  reviewStatus!: LeadUploadReviewStatusEnum;

  @Field(() => [UploadReviewReasonEnum])
  reviewReasons!: UploadReviewReasonEnum[];

  @Field(() => String, { nullable: true, description: "The reviewer's note (always given with a rejection)." })
  reviewNote!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  reviewedAt!: Date | null;

  @Field(() => DecimalScalar, { nullable: true, description: 'The minimum list price (USD) the partner set for these leads.' })
  minPrice!: string | null;

  @Field(() => String, { description: 'Country used for rows without one (ISO 3166-1 alpha-2).' })
  defaultCountry!: string;

  @Field(() => Int, { description: 'Data rows read and committed so far.' })
  rowsRead!: number;

  @Field(() => Int, { description: 'Rows that became leads.' })
  accepted!: number;

  @Field(() => Int, { description: 'Rows refused as invalid (see the rejected-rows CSV).' })
  rejected!: number;

  @Field(() => Int, { description: 'Rows refused as exact duplicates (in the file or the inventory).' })
  duplicates!: number;

  @Field(() => Int, { description: 'Accepted leads whose email has been verified.' })
  verified!: number;

  @Field(() => Int, { description: 'Accepted leads flagged as probable duplicates for admin review.' })
  probableDuplicates!: number;

  @Field(() => String, { nullable: true, description: 'Why the import failed, in words.' })
  error!: string | null;

  @Field(() => Int)
  attempts!: number;

  @Field(() => Boolean)
  cancelRequested!: boolean;

  @Field(() => String, { description: 'Where to download the rejected and duplicate rows as CSV (same-origin GET, signed-in).' })
  rejectedRowsUrl!: string;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  startedAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  finishedAt!: Date | null;

  @Field(() => Int, { nullable: true, description: 'Milliseconds from start to finish.' })
  durationMs!: number | null;

  static from(row: UploadRow): LeadUpload {
    const id = toGlobalId('LeadUpload', row.id);
    return Object.assign(new LeadUpload(), {
      id,
      rawId: row.id,
      partnerOrgId: row.partnerOrgId,
      industryId: row.industryId,
      fileName: row.fileName,
      sizeBytes: Number(row.sizeBytes),
      encoding: row.encoding,
      delimiter: row.delimiter,
      headers: row.headers,
      mapping: (row.mapping as (LeadField | null)[] | null) ?? null,
      status: row.status as LeadUploadStatusEnum,
      reviewStatus: row.reviewStatus as LeadUploadReviewStatusEnum,
      reviewReasons: row.reviewReasons as UploadReviewReasonEnum[],
      reviewNote: row.reviewNote,
      reviewedAt: row.reviewedAt,
      minPrice: row.minPrice?.toString() ?? null,
      defaultCountry: row.defaultCountry,
      rowsRead: row.rowsRead,
      accepted: row.accepted,
      rejected: row.rejected,
      duplicates: row.duplicates,
      verified: row.verified,
      probableDuplicates: row.probableDuplicates,
      error: row.error,
      attempts: row.attempts,
      cancelRequested: row.cancelRequested,
      rejectedRowsUrl: `/uploads/leads/${id}/rejected.csv`,
      createdAt: row.createdAt,
      startedAt: row.startedAt,
      finishedAt: row.finishedAt,
      durationMs: row.startedAt && row.finishedAt ? row.finishedAt.getTime() - row.startedAt.getTime() : null,
    });
  }
}

export const LeadUploadConnection = connectionType('LeadUpload', LeadUpload);

@ObjectType({ implements: Node, description: 'A lead in the inventory, as its partner and admins see it.' })
export class Lead implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;
  partnerOrgId!: string | null;
  industryId!: string;

  @Field(() => LeadOwnerKindEnum)
  ownerKind!: LeadOwnerKindEnum;

  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String, { nullable: true })
  email!: string | null;

  @Field(() => String, { nullable: true, description: 'E.164.' })
  phone!: string | null;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => SeniorityEnum)
  seniority!: SeniorityEnum;

  @Field(() => String, { nullable: true })
  linkedinUrl!: string | null;

  @Field(() => String)
  companyName!: string;

  @Field(() => String, { nullable: true })
  companyDomain!: string | null;

  @Field(() => Int, { nullable: true })
  companyEmployeeCount!: number | null;

  @Field(() => String)
  country!: string;

  @Field(() => String, { nullable: true })
  state!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => String)
  source!: string;

  @Field(() => DateTimeScalar)
  collectedAt!: Date;

  @Field(() => VerificationStatusEnum)
  verificationStatus!: VerificationStatusEnum;

  @Field(() => DateTimeScalar, { nullable: true })
  verifiedAt!: Date | null;

  @Field(() => Int, { description: 'Seed 000 §5.1, 1–100.' })
  intentScore!: number;

  @Field(() => Int, { description: 'Sigmoid decay by age, 5–100, recomputed daily.' })
  freshnessScore!: number;

  @Field(() => DecimalScalar, { description: 'USD.' })
  listPrice!: string;

  @Field(() => LeadStatusEnum)
  status!: LeadStatusEnum;

  @Field(() => Int)
  soldCount!: number;

  @Field(() => Int, { nullable: true, description: 'The record number in its upload (header = row 1).' })
  uploadRow!: number | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(row: LeadRow): Lead {
    return Object.assign(new Lead(), {
      ...row,
      id: toGlobalId('Lead', row.id),
      rawId: row.id,
      ownerKind: row.ownerKind as LeadOwnerKindEnum,
      seniority: row.seniority as SeniorityEnum,
      verificationStatus: row.verificationStatus as VerificationStatusEnum,
      status: row.status as LeadStatusEnum,
      email: row.email,
      listPrice: row.listPrice.toString(),
    });
  }
}

export const LeadConnection = connectionType('InventoryLead', Lead);

@ObjectType({ description: 'A row after normalization, as the lead would be stored.' })
export class NormalizedLeadPreview {
  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true, description: 'E.164.' })
  phone!: string | null;

  @Field(() => String)
  firstName!: string;

  @Field(() => String)
  lastName!: string;

  @Field(() => String, { nullable: true })
  jobTitle!: string | null;

  @Field(() => SeniorityEnum)
  seniority!: SeniorityEnum;

  @Field(() => String)
  companyName!: string;

  @Field(() => String, { nullable: true })
  companyDomain!: string | null;

  @Field(() => Int, { nullable: true })
  companyEmployeeCount!: number | null;

  @Field(() => String, { nullable: true })
  linkedinUrl!: string | null;

  @Field(() => String)
  country!: string;

  @Field(() => String, { nullable: true })
  state!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  collectedAt!: Date | null;
}

@ObjectType({ description: 'One data row of the mapping preview, as it would import.' })
export class LeadUploadPreviewRow {
  @Field(() => Int, { description: 'Row number in the file (header = row 1).' })
  row!: number;

  @Field(() => [String], { description: 'The row as read.' })
  fields!: string[];

  @Field(() => Boolean)
  accepted!: boolean;

  @Field(() => String, { nullable: true, description: 'Reason code when refused (INVALID_EMAIL, INVALID_PHONE, …).' })
  rejectCode!: string | null;

  @Field(() => String, { nullable: true })
  message!: string | null;

  @Field(() => NormalizedLeadPreview, { nullable: true })
  lead!: NormalizedLeadPreview | null;
}

@ObjectType({ description: 'The header, the mapping (saved or automatic) and the first 20 rows as they would import.' })
export class LeadUploadPreview {
  @Field(() => [String])
  headers!: string[];

  @Field(() => [LeadFieldEnum], { nullable: 'items' })
  mapping!: (LeadField | null)[];

  @Field(() => [String], { description: 'What is wrong with the mapping, in words; empty when it can start.' })
  mappingProblems!: string[];

  @Field(() => [LeadUploadPreviewRow])
  rows!: LeadUploadPreviewRow[];
}

@ObjectType({ description: "A partner's supply: volume, verification pass rate, duplicate rate, score and gates." })
export class PartnerSupply {
  @Field(() => Int)
  leadsUploaded!: number;

  @Field(() => Int)
  leadsListed!: number;

  @Field(() => Int)
  leadsSold!: number;

  @Field(() => Int)
  leadsPendingReview!: number;

  @Field(() => Float, { nullable: true, description: 'Verified leads that passed (valid or catch-all), percent.' })
  passRatePercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Exact duplicates among valid rows uploaded, percent.' })
  duplicateRatePercent!: number | null;

  @Field(() => Float, { nullable: true, description: 'Rows that became leads, percent.' })
  acceptanceRatePercent!: number | null;

  @Field(() => Int, { nullable: true, description: '0–100: pass rate 50 %, (100 − duplicate rate) 30 %, acceptance rate 20 %.' })
  score!: number | null;

  @Field(() => [UploadReviewReasonEnum], { description: 'Why new uploads wait for admin review; empty when they list at once.' })
  reviewReasons!: UploadReviewReasonEnum[];

  @Field(() => Boolean)
  uploadsSuspended!: boolean;

  @Field(() => String, { nullable: true })
  uploadsSuspendedReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  uploadsSuspendedAt!: Date | null;

  @Field(() => Boolean, { description: 'An admin has reviewed the partner after its first 100 leads.' })
  firstReviewDone!: boolean;
}

@ObjectType({ implements: Node, description: 'Two leads that are probably one person (name + company similarity ≥ 0.85).' })
export class LeadDuplicateFlag implements Node {
  @Field(() => ID)
  id!: string;

  @Field(() => Float)
  similarity!: number;

  @Field(() => DuplicateFlagStatusEnum)
  status!: DuplicateFlagStatusEnum;

  @Field(() => Lead, { description: 'The newer lead, flagged.' })
  lead!: Lead;

  @Field(() => Lead, { description: 'The lead it resembles.' })
  matchedLead!: Lead;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt!: Date | null;

  static from(row: DuplicateFlagRow): LeadDuplicateFlag {
    return Object.assign(new LeadDuplicateFlag(), {
      id: toGlobalId('LeadDuplicateFlag', row.id),
      similarity: Number(row.similarity),
      status: row.status as DuplicateFlagStatusEnum,
      lead: Lead.from(row.lead),
      matchedLead: Lead.from(row.matchedLead),
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
    });
  }
}

export const LeadDuplicateFlagConnection = connectionType('LeadDuplicateFlag', LeadDuplicateFlag);

@InputType()
export class LeadImportStartInput {
  @Field(() => ID)
  uploadId!: string;

  @Field(() => [LeadFieldEnum], { nullable: 'items', description: 'One entry per column; null ignores the column.' })
  mapping!: (LeadField | null)[];

  @Field(() => ID)
  industryId!: string;

  @Field(() => DecimalScalar, { nullable: true, description: 'No lead of this upload lists below this price (USD).' })
  minPrice?: string | null;

  @Field(() => String, { defaultValue: 'US', description: 'Country for rows without one (ISO 3166-1 alpha-2).' })
  defaultCountry!: string;

  @Field(() => Boolean, { description: 'The partner confirms the contacts were collected lawfully for B2B outreach.' })
  lawfulBasisConfirmed!: boolean;
}

@InputType()
export class LeadUploadIdInput {
  @Field(() => ID)
  uploadId!: string;
}

@InputType()
export class LeadUploadReviewInput {
  @Field(() => ID)
  uploadId!: string;

  @Field(() => UploadReviewDecision)
  decision!: UploadReviewDecision;

  @Field(() => String, { defaultValue: '', description: 'Shown to the partner; required to reject.' })
  note!: string;
}

@InputType()
export class LeadDuplicateResolveInput {
  @Field(() => ID)
  flagId!: string;

  @Field(() => DuplicateResolution)
  action!: DuplicateResolution;
}

@InputType()
export class PartnerUploadsSuspendInput {
  @Field(() => ID)
  partnerOrgId!: string;

  @Field(() => Boolean)
  suspended!: boolean;

  @Field(() => String, { nullable: true, description: 'Shown to the partner; required to suspend.' })
  reason?: string | null;
}

@ObjectType()
export class LeadUploadPayload {
  @Field(() => LeadUpload, { nullable: true })
  upload!: LeadUpload | null;

  @Field(() => [LeadsUserError])
  userErrors!: LeadsError[];
}

@ObjectType()
export class LeadDuplicateFlagPayload {
  @Field(() => LeadDuplicateFlag, { nullable: true })
  flag!: LeadDuplicateFlag | null;

  @Field(() => [LeadsUserError])
  userErrors!: LeadsError[];
}

@ObjectType()
export class PartnerUploadsSuspendPayload {
  @Field(() => PartnerSupply, { nullable: true })
  supply!: PartnerSupply | null;

  @Field(() => [LeadsUserError])
  userErrors!: LeadsError[];
}
