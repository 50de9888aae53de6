// Supply over GraphQL: partners follow and steer their uploads (the file itself arrives over
// POST /uploads/leads), admins review uploads, duplicates and partner suspensions. Thin: ids in,
// service call, types out. Row scoping lives in the services.
import type { LeadField } from '@hotlead/domain';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription, type SubscribeResolverData } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs, pageSize, toConnection, type Connection } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { Topic, type TopicPayloads } from '../../platform/pubsub/pubsub.js';
import { PartnerOrg } from '../partners/partnerOrg.type.js';
import { createdAtKey, decodeCreatedAtCursor } from '../../platform/db/keyset.js';
import { LeadsErrorCode } from './leads.errors.js';
import {
  DuplicateFlagStatusEnum,
  Industry,
  Lead,
  LeadConnection,
  LeadDuplicateFlag,
  LeadDuplicateFlagConnection,
  LeadDuplicateFlagPayload,
  LeadDuplicateResolveInput,
  LeadFieldEnum,
  LeadImportStartInput,
  LeadStatusEnum,
  LeadUpload,
  LeadUploadConnection,
  LeadUploadIdInput,
  LeadUploadPayload,
  LeadUploadPreview,
  LeadUploadReviewInput,
  LeadUploadReviewStatusEnum,
  LeadUploadStatusEnum,
  PartnerSupply,
  PartnerUploadsSuspendInput,
  PartnerUploadsSuspendPayload,
  type SeniorityEnum,
  type UploadReviewReasonEnum,
  UploadReviewDecision,
  VerificationStatusEnum,
} from './leads.types.js';
import type { PartnerSupply as SupplyRow } from './quality.service.js';
import type { UploadRow } from './upload.service.js';

function uploadPayload(
  outcome: { ok: true; value: UploadRow } | { ok: false; errors: LeadUploadPayload['userErrors'] },
): LeadUploadPayload {
  return outcome.ok ? { upload: LeadUpload.from(outcome.value), userErrors: [] } : { upload: null, userErrors: outcome.errors };
}

function supplyView(row: SupplyRow): PartnerSupply {
  return { ...row, reviewReasons: row.reviewReasons as UploadReviewReasonEnum[] };
}

@Resolver(() => LeadUpload)
export class LeadUploadResolver {
  @Allow(Access.USER)
  @Query(() => [Industry], { description: 'Industries a lead can belong to.' })
  async industries(@Ctx() ctx: Context): Promise<Industry[]> {
    const rows = await ctx.platform.prisma.industry.findMany({ orderBy: { name: 'asc' }, select: { id: true, slug: true, name: true } });
    return rows.map((r) => ({ ...r, id: toGlobalId('Industry', r.id) }));
  }

  @Allow(Access.USER)
  @Query(() => LeadUpload, { description: 'One upload (its partner org members and platform admins).' })
  async leadUpload(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<LeadUpload> {
    return LeadUpload.from(await ctx.services.uploads.get(ctx.principal, fromGlobalId(id, 'LeadUpload')));
  }

  @Allow(Access.USER)
  @Query(() => LeadUploadConnection, {
    description:
      "Uploads, newest first: a partner org's (partnerOrgId), or every partner's for platform admins (filter by status or review).",
  })
  async leadUploads(
    @Arg('partnerOrgId', () => ID, { nullable: true }) partnerOrgId: string | null,
    @Arg('status', () => LeadUploadStatusEnum, { nullable: true }) status: LeadUploadStatusEnum | null,
    @Arg('reviewStatus', () => LeadUploadReviewStatusEnum, { nullable: true }) reviewStatus: LeadUploadReviewStatusEnum | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<LeadUpload>> {
    const first = pageSize(args.first);
    const after = decodeCreatedAtCursor(args.after);
    const { rows, total } = await ctx.services.uploads.list(
      ctx.principal,
      { partnerOrgId: partnerOrgId ? fromGlobalId(partnerOrgId, 'PartnerOrg', 'partnerOrgId') : null, status, reviewStatus },
      { first: first + 1, after },
    );
    return toConnection(rows, first, Boolean(after), createdAtKey, (r) => LeadUpload.from(r), total);
  }

  @Allow(Access.USER)
  @Query(() => LeadUploadPreview, {
    description: 'The first 20 rows as they would import with `mapping` (default: the saved or automatic mapping).',
  })
  async leadUploadPreview(
    @Arg('uploadId', () => ID) uploadId: string,
    @Arg('mapping', () => [LeadFieldEnum], { nullable: 'itemsAndList' }) mapping: (LeadField | null)[] | null,
    @Ctx() ctx: Context,
  ): Promise<LeadUploadPreview> {
    const preview = await ctx.services.uploads.preview(ctx.principal, fromGlobalId(uploadId, 'LeadUpload', 'uploadId'), mapping);
    return {
      headers: preview.headers,
      mapping: preview.mapping,
      mappingProblems: preview.mappingProblems,
      rows: preview.rows.map((r) =>
        r.result.ok
          ? {
              row: r.row,
              fields: r.fields,
              accepted: true,
              rejectCode: null,
              message: null,
              lead: { ...r.result.lead, seniority: r.result.lead.seniority as SeniorityEnum },
            }
          : { row: r.row, fields: r.fields, accepted: false, rejectCode: r.result.code, message: r.result.message, lead: null },
      ),
    };
  }

  @Allow(Access.USER)
  @Mutation(() => LeadUploadPayload, {
    description: 'Starts the import of an uploaded file with a column mapping; the mapping is remembered for the next upload.',
  })
  async leadImportStart(
    @Arg('input', () => LeadImportStartInput) input: LeadImportStartInput,
    @Ctx() ctx: Context,
  ): Promise<LeadUploadPayload> {
    return uploadPayload(
      await ctx.services.uploads.start(ctx.principal, {
        uploadId: fromGlobalId(input.uploadId, 'LeadUpload', 'uploadId'),
        mapping: input.mapping,
        industryId: fromGlobalId(input.industryId, 'Industry', 'industryId'),
        minPrice: input.minPrice ?? null,
        defaultCountry: input.defaultCountry,
        lawfulBasisConfirmed: input.lawfulBasisConfirmed,
      }),
    );
  }

  @Allow(Access.USER)
  @Mutation(() => LeadUploadPayload, { description: 'Cancels an import; leads it had added are removed.' })
  async leadImportCancel(@Arg('input', () => LeadUploadIdInput) input: LeadUploadIdInput, @Ctx() ctx: Context): Promise<LeadUploadPayload> {
    return uploadPayload(await ctx.services.uploads.cancel(ctx.principal, fromGlobalId(input.uploadId, 'LeadUpload', 'uploadId')));
  }

  @Allow(Access.USER)
  @Mutation(() => LeadUploadPayload, { description: 'Runs a failed import again from the start.' })
  async leadImportRetry(@Arg('input', () => LeadUploadIdInput) input: LeadUploadIdInput, @Ctx() ctx: Context): Promise<LeadUploadPayload> {
    return uploadPayload(await ctx.services.uploads.retry(ctx.principal, fromGlobalId(input.uploadId, 'LeadUpload', 'uploadId')));
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => LeadUploadPayload, {
    description: 'Approves (lists its leads) or rejects (removes its unsold leads) an upload waiting for review.',
  })
  async leadUploadReview(
    @Arg('input', () => LeadUploadReviewInput) input: LeadUploadReviewInput,
    @Ctx() ctx: Context,
  ): Promise<LeadUploadPayload> {
    return uploadPayload(
      await ctx.services.uploads.review(
        ctx.principal,
        fromGlobalId(input.uploadId, 'LeadUpload', 'uploadId'),
        input.decision === UploadReviewDecision.APPROVE,
        input.note,
      ),
    );
  }

  @Allow(Access.USER)
  @Subscription(() => LeadUpload, {
    description: "An upload's import progress (counts and status), for its partner org's members.",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { uploadId: string }, Context>) => {
      const uploadId = fromGlobalId(args.uploadId, 'LeadUpload', 'uploadId');
      await context.services.uploads.get(context.principal, uploadId);
      return context.platform.pubsub.subscribe(Topic.LEAD_UPLOAD_PROGRESS, uploadId);
    },
  })
  async leadUploadProgress(
    @Arg('uploadId', () => ID) _uploadId: string,
    @Root() payload: TopicPayloads['LEAD_UPLOAD_PROGRESS'][1],
    @Ctx() ctx: Context,
  ): Promise<LeadUpload> {
    return LeadUpload.from(await ctx.services.uploads.get(ctx.principal, payload.uploadId));
  }

  @FieldResolver(() => Industry, { nullable: true })
  async industry(@Root() upload: LeadUpload, @Ctx() ctx: Context): Promise<Industry | null> {
    if (!upload.industryId) return null;
    const row = await ctx.platform.prisma.industry.findUnique({
      where: { id: upload.industryId },
      select: { id: true, slug: true, name: true },
    });
    return row ? { ...row, id: toGlobalId('Industry', row.id) } : null;
  }

  @FieldResolver(() => PartnerOrg, { description: 'The uploading partner org.' })
  async partnerOrg(@Root() upload: LeadUpload, @Ctx() ctx: Context): Promise<PartnerOrg> {
    const { partnerOrg } = await ctx.services.partnerOrgs.viewable(ctx.principal, upload.partnerOrgId);
    return PartnerOrg.from(partnerOrg);
  }

  @FieldResolver(() => Number, { description: 'Leads from this upload sold at least once.' })
  async soldLeads(@Root() upload: LeadUpload, @Ctx() ctx: Context): Promise<number> {
    return ctx.services.uploads.soldCount(upload.rawId);
  }
}

@Resolver(() => PartnerOrg)
export class PartnerOrgSupplyResolver {
  @FieldResolver(() => PartnerSupply, { description: 'Leads uploaded, pass and duplicate rates, partner score and review gates.' })
  async supply(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<PartnerSupply> {
    await ctx.services.partnerOrgs.viewable(ctx.principal, org.rawId);
    return supplyView(await ctx.services.quality.supply(org.rawId));
  }
}

@Resolver()
export class InventoryResolver {
  @Allow(Access.USER)
  @Query(() => LeadConnection, {
    description: "Inventory leads, newest first: an upload's or a partner org's (its members), or any filter for platform admins.",
  })
  async inventoryLeads(
    @Arg('partnerOrgId', () => ID, { nullable: true }) partnerOrgId: string | null,
    @Arg('uploadId', () => ID, { nullable: true }) uploadId: string | null,
    @Arg('status', () => LeadStatusEnum, { nullable: true }) status: LeadStatusEnum | null,
    @Arg('verificationStatus', () => VerificationStatusEnum, { nullable: true }) verificationStatus: VerificationStatusEnum | null,
    @Arg('sold', () => Boolean, { nullable: true }) sold: boolean | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<Lead>> {
    const first = pageSize(args.first);
    const after = decodeCreatedAtCursor(args.after);
    const { rows, total } = await ctx.services.inventory.list(
      ctx.principal,
      {
        partnerOrgId: partnerOrgId ? fromGlobalId(partnerOrgId, 'PartnerOrg', 'partnerOrgId') : null,
        uploadId: uploadId ? fromGlobalId(uploadId, 'LeadUpload', 'uploadId') : null,
        status,
        verificationStatus,
        sold,
      },
      { first: first + 1, after },
    );
    return toConnection(rows, first, Boolean(after), createdAtKey, (r) => Lead.from(r), total);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => LeadDuplicateFlagConnection, { description: 'Probable duplicates for review, newest first.' })
  async leadDuplicateFlags(
    @Arg('status', () => DuplicateFlagStatusEnum, { nullable: true }) status: DuplicateFlagStatusEnum | null,
    @Arg('uploadId', () => ID, { nullable: true }) uploadId: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<LeadDuplicateFlag>> {
    const first = pageSize(args.first);
    const after = decodeCreatedAtCursor(args.after);
    const { rows, total } = await ctx.services.inventory.duplicateFlags(
      ctx.principal,
      { status, uploadId: uploadId ? fromGlobalId(uploadId, 'LeadUpload', 'uploadId') : null },
      { first: first + 1, after },
    );
    return toConnection(rows, first, Boolean(after), createdAtKey, (r) => LeadDuplicateFlag.from(r), total);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => LeadDuplicateFlagPayload, { description: 'Settles a probable duplicate: keep both, or merge.' })
  async leadDuplicateResolve(
    @Arg('input', () => LeadDuplicateResolveInput) input: LeadDuplicateResolveInput,
    @Ctx() ctx: Context,
  ): Promise<LeadDuplicateFlagPayload> {
    const outcome = await ctx.services.inventory.resolveDuplicate(
      ctx.principal,
      fromGlobalId(input.flagId, 'LeadDuplicateFlag', 'flagId'),
      input.action,
    );
    return outcome.ok ? { flag: LeadDuplicateFlag.from(outcome.value), userErrors: [] } : { flag: null, userErrors: outcome.errors };
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => PartnerUploadsSuspendPayload, { description: "Suspends or lifts a partner's uploads (audited)." })
  async partnerUploadsSuspend(
    @Arg('input', () => PartnerUploadsSuspendInput) input: PartnerUploadsSuspendInput,
    @Ctx() ctx: Context,
  ): Promise<PartnerUploadsSuspendPayload> {
    const partnerOrgId = fromGlobalId(input.partnerOrgId, 'PartnerOrg', 'partnerOrgId');
    const reason = input.reason?.trim() || null;
    if (input.suspended && !reason) {
      return {
        supply: null,
        userErrors: [{ code: LeadsErrorCode.INVALID_INPUT, message: 'Say why; the partner sees the reason.', field: ['reason'] }],
      };
    }
    await ctx.services.quality.setUploadsSuspended(ctx.principal, partnerOrgId, input.suspended, reason);
    return { supply: supplyView(await ctx.services.quality.supply(partnerOrgId)), userErrors: [] };
  }
}
