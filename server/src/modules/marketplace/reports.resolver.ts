// After the purchase, over GraphQL: a purchase's leads, fresh exports, bad-lead reports (buyers) and
// their review (admins), the admin's purchase list, the public opt-out and the suppression list.
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs, decodeCursor, pageSize, toConnection, type Connection } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId } from '../../platform/graphql/ids.js';
import { marketplaceLeads } from './leadView.js';
import { LeadPurchase, LeadPurchaseStatusEnum, LeadsPurchasePayload, type MarketplaceLead } from './marketplace.types.js';
import type { LeadReportRow } from './reports.service.js';
import {
  AdminLeadPurchase,
  AdminLeadPurchaseConnection,
  LeadPurchaseItem,
  LeadPurchaseItemConnection,
  LeadReport,
  LeadReportCreateInput,
  LeadReportPayload,
  LeadReportResolveInput,
  LeadReportStatusEnum,
  OptOutInput,
  OptOutPayload,
  SuppressionAddInput,
  SuppressionAddPayload,
  SuppressionStats,
} from './reports.types.js';
import { PURCHASE_SELECT, type PurchaseRow } from './checkout.service.js';

/** Reports with their leads revealed for the reporting workspace: one lead query per workspace. */
async function reportsWithLeads(ctx: Context, rows: LeadReportRow[]): Promise<LeadReport[]> {
  const byWorkspace = new Map<string, string[]>();
  for (const r of rows) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r.leadId]);
  const leads = new Map<string, MarketplaceLead>();
  for (const [workspaceId, ids] of byWorkspace) {
    for (const lead of await marketplaceLeads(ctx.platform.database.pool, workspaceId, ids))
      leads.set(`${workspaceId}:${lead.rawId}`, lead);
  }
  return rows.map((r) => Object.assign(LeadReport.from(r), { lead: leads.get(`${r.workspaceId}:${r.leadId}`) ?? null }));
}

/** Purchases as admins see them (with the workspace, the buyer and the card's part), newest first. */
async function adminPurchases(ctx: Context, where: string, params: unknown[], limit: number): Promise<AdminLeadPurchase[]> {
  const { rows } = await ctx.platform.database.pool.query<{
    id: string;
    workspace_name: string;
    buyer_email: string | null;
    card_cents: number | null;
  }>(
    `SELECT p.id, w.name AS workspace_name, u.email AS buyer_email, c.amount_cents AS card_cents
       FROM lead_purchases p JOIN workspaces w ON w.id = p.workspace_id
       LEFT JOIN users u ON u.id = p.buyer_user_id LEFT JOIN credit_purchases c ON c.id = p.credit_purchase_id
      WHERE ${where} ORDER BY p.created_at DESC, p.id DESC LIMIT ${limit}`,
    params,
  );
  const purchases = new Map(
    (await ctx.platform.prisma.leadPurchase.findMany({ where: { id: { in: rows.map((r) => r.id) } }, select: PURCHASE_SELECT })).map(
      (p): [string, PurchaseRow] => [p.id, p],
    ),
  );
  return rows.map((r) =>
    Object.assign(new AdminLeadPurchase(), LeadPurchase.from(purchases.get(r.id)!), {
      workspaceName: r.workspace_name,
      buyerEmail: r.buyer_email,
      cardAmountCents: r.card_cents,
    }),
  );
}

@Resolver(() => LeadPurchase)
export class LeadPurchaseItemsResolver {
  @FieldResolver(() => LeadPurchaseItemConnection, { description: "The purchase's leads, revealed, a page at a time." })
  async items(
    @Root() purchase: LeadPurchase,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<LeadPurchaseItem>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 1);
    const { rows } = await ctx.platform.database.pool.query<{
      lead_id: string;
      price_usd: string;
      credits: string;
      exclusive: boolean;
      refunded_at: Date | null;
      refund_reason: string | null;
      report_status: string | null;
    }>(
      `SELECT i.lead_id, i.price_usd::text, i.credits::text, i.exclusive, i.refunded_at, i.refund_reason, r.status::text AS report_status
         FROM lead_purchase_items i LEFT JOIN lead_reports r ON r.workspace_id = i.workspace_id AND r.lead_id = i.lead_id
        WHERE i.purchase_id = $1 AND ($2::uuid IS NULL OR i.lead_id > $2::uuid) ORDER BY i.lead_id LIMIT $3`,
      [purchase.rawId, after ? String(after[0]) : null, first + 1],
    );
    const leads = new Map(
      (
        await marketplaceLeads(
          ctx.platform.database.pool,
          purchase.workspaceRawId,
          rows.map((r) => r.lead_id),
        )
      ).map((l) => [l.rawId, l]),
    );
    const count = await ctx.platform.database.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM lead_purchase_items WHERE purchase_id = $1`,
      [purchase.rawId],
    );
    return toConnection(
      rows.filter((r) => leads.has(r.lead_id)),
      first,
      Boolean(after),
      (r) => [r.lead_id],
      (r) =>
        Object.assign(new LeadPurchaseItem(), {
          lead: leads.get(r.lead_id)!,
          priceUsd: r.price_usd,
          credits: r.credits,
          exclusive: r.exclusive,
          refundedAt: r.refunded_at,
          refundReason: r.refund_reason,
          reportStatus: r.report_status as LeadReportStatusEnum | null,
        }),
      count.rows[0]!.n,
    );
  }
}

@Resolver()
export class LeadReportsResolver {
  @Allow(Access.USER)
  @Mutation(() => LeadsPurchasePayload, {
    description: 'Makes a fresh CSV of a purchase (emails older than 30 days are re-checked). Counts toward 10 exports a day.',
  })
  async leadPurchaseExportRefresh(@Arg('purchaseId', () => ID) id: string, @Ctx() ctx: Context): Promise<LeadsPurchasePayload> {
    const outcome = await ctx.services.exports.refresh(ctx.principal, fromGlobalId(id, 'LeadPurchase', 'purchaseId'));
    return outcome.ok
      ? { purchase: LeadPurchase.from(outcome.value), checkoutUrl: null, userErrors: [] }
      : { purchase: null, checkoutUrl: null, userErrors: outcome.errors };
  }

  @Allow(Access.USER)
  @Mutation(() => LeadReportPayload, {
    description: 'Reports a bought lead: a bounce within 30 days is checked and refunded automatically; other problems go to admin review.',
  })
  async leadReportCreate(
    @Arg('input', () => LeadReportCreateInput) input: LeadReportCreateInput,
    @Ctx() ctx: Context,
  ): Promise<LeadReportPayload> {
    const outcome = await ctx.services.leadReports.report(ctx.principal, {
      purchaseId: fromGlobalId(input.purchaseId, 'LeadPurchase', 'purchaseId'),
      leadId: fromGlobalId(input.leadId, 'MarketplaceLead', 'leadId'),
      kind: input.kind,
      note: input.note ?? null,
    });
    if (!outcome.ok) return { report: null, userErrors: outcome.errors };
    const [report] = await reportsWithLeads(ctx, [outcome.value]);
    return { report: report!, userErrors: [] };
  }

  @Allow(Access.USER)
  @Query(() => [LeadReport], { description: "A workspace's bad-lead reports, newest first (its members)." })
  async leadReports(@Arg('workspaceId', () => ID) id: string, @Ctx() ctx: Context): Promise<LeadReport[]> {
    const workspaceId = fromGlobalId(id, 'Workspace', 'workspaceId');
    await ctx.services.workspaces.viewable(ctx.principal, workspaceId);
    return reportsWithLeads(ctx, await ctx.services.leadReports.forWorkspace(workspaceId));
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => [LeadReport], { description: 'Bad-lead reports for review: open ones first, oldest first.' })
  async adminLeadReports(
    @Arg('status', () => LeadReportStatusEnum, { nullable: true }) status: LeadReportStatusEnum | null,
    @Ctx() ctx: Context,
  ): Promise<LeadReport[]> {
    return reportsWithLeads(ctx, await ctx.services.leadReports.list({ status }));
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => LeadReportPayload, { description: 'Decide a bad-lead report: refund (credits back, commission reversed) or reject.' })
  async leadReportResolve(
    @Arg('input', () => LeadReportResolveInput) input: LeadReportResolveInput,
    @Ctx() ctx: Context,
  ): Promise<LeadReportPayload> {
    const outcome = await ctx.services.leadReports.resolve(ctx.principal as UserPrincipal, {
      reportId: fromGlobalId(input.reportId, 'LeadReport', 'reportId'),
      decision: input.decision,
      resolution: input.resolution,
    });
    if (!outcome.ok) return { report: null, userErrors: outcome.errors };
    const [report] = await reportsWithLeads(ctx, [outcome.value]);
    return { report: report!, userErrors: [] };
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminLeadPurchaseConnection, { description: 'Every lead purchase, newest first, optionally by status.' })
  async adminLeadPurchases(
    @Arg('status', () => LeadPurchaseStatusEnum, { nullable: true }) status: LeadPurchaseStatusEnum | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<AdminLeadPurchase>> {
    const first = pageSize(args.first);
    const after = decodeCursor(args.after, 2);
    const rows = await adminPurchases(
      ctx,
      `($1::"LeadPurchaseStatus" IS NULL OR p.status = $1::"LeadPurchaseStatus")
        AND ($2::timestamptz IS NULL OR (p.created_at, p.id) < ($2::timestamptz, $3::uuid))`,
      [status, after ? String(after[0]) : null, after ? String(after[1]) : null],
      first + 1,
    );
    const total = await ctx.platform.prisma.leadPurchase.count({ where: status ? { status } : {} });
    return toConnection(
      rows,
      first,
      Boolean(after),
      (r) => [r.createdAt.toISOString(), r.rawId],
      (r) => r,
      total,
    );
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminLeadPurchase, {
    nullable: true,
    description: 'One lead purchase of any workspace, with who bought it; null if unknown.',
  })
  async adminLeadPurchase(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AdminLeadPurchase | null> {
    const [purchase] = await adminPurchases(ctx, 'p.id = $1', [fromGlobalId(id, 'LeadPurchase', 'id')], 1);
    return purchase ?? null;
  }

  @Allow(Access.PUBLIC)
  @Mutation(() => OptOutPayload, {
    description: 'The public opt-out: the contact is suppressed, never listed or imported again, and past buyers are notified.',
  })
  async optOut(@Arg('input', () => OptOutInput) input: OptOutInput, @Ctx() ctx: Context): Promise<OptOutPayload> {
    const outcome = await ctx.services.suppression.optOut(ctx.request.ip, input);
    return outcome.ok ? { done: true, userErrors: [] } : { done: false, userErrors: outcome.errors };
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => SuppressionAddPayload, { description: "An admin suppresses a contact on the person's behalf (audited)." })
  async suppressionAdd(
    @Arg('input', () => SuppressionAddInput) input: SuppressionAddInput,
    @Ctx() ctx: Context,
  ): Promise<SuppressionAddPayload> {
    const outcome = await ctx.services.suppression.suppress(ctx.principal, input);
    return outcome.ok ? { ...outcome.value, userErrors: [] } : { leadsSuppressed: null, webhooksQueued: null, userErrors: outcome.errors };
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => SuppressionStats, { description: 'How many contacts are suppressed, by source (the list holds hashes only).' })
  async suppressionStats(@Ctx() ctx: Context): Promise<SuppressionStats> {
    return ctx.services.suppression.count();
  }
}
