// Platform admin money: the financial dashboard, credit packages, manual adjustments, purchases and
// refunds, payout runs and every ledger entry.
import type { PayoutStream } from '@hotlead/domain';
import { Arg, Args, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs, decodeCursor, pageSize, toConnection, type Connection } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { notFound } from '../../platform/graphql/errors.js';
import { fromGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { viewer } from '../../platform/graphql/viewer.js';
import {
  CreditAdjustInput,
  CreditAdjustPayload,
  CreditPackage,
  CreditPackagePayload,
  CreditPackageSaveInput,
  CreditPurchase,
  CreditPurchasePayload,
  FinanceSummary,
  JournalEntryConnection,
  type JournalEntryView,
  type LedgerAssetEnum,
  LedgerEntryKindEnum,
  Payout,
  PayoutRun,
  PayoutRunPayload,
  PayoutStreamEnum,
} from './money.types.js';

@Resolver()
export class FinanceAdminResolver {
  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => FinanceSummary, { description: 'Revenue, credits, commissions and payouts, from the ledger (all time when no dates).' })
  async financeSummary(
    @Arg('from', () => DateTimeScalar, { nullable: true }) from: Date | null,
    @Arg('to', () => DateTimeScalar, { nullable: true }) to: Date | null,
    @Ctx() ctx: Context,
  ): Promise<FinanceSummary> {
    return ctx.services.finance.summary(from ?? null, to ?? null);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => [CreditPackage], { description: 'Every credit package, on sale or not.' })
  async adminCreditPackages(@Ctx() ctx: Context): Promise<CreditPackage[]> {
    return (await ctx.services.credits.packages({ includeInactive: true })).map((p) => CreditPackage.from(p));
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => CreditPackagePayload, { description: 'Create or edit a credit package (audited).' })
  async creditPackageSave(
    @Arg('input', () => CreditPackageSaveInput) input: CreditPackageSaveInput,
    @Ctx() ctx: Context,
  ): Promise<CreditPackagePayload> {
    const result = await ctx.services.credits.savePackage(
      viewer(ctx),
      { ...input, id: input.id ? fromGlobalId(input.id, 'CreditPackage') : null },
      ctx.requestId,
    );
    if (!result.ok) return { creditPackage: null, userErrors: result.errors };
    const row = await ctx.platform.prisma.creditPackage.findUniqueOrThrow({ where: { id: result.value.id } });
    return { creditPackage: CreditPackage.from(row), userErrors: [] };
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => CreditAdjustPayload, { description: "Grant or deduct a workspace's credits, with a reason (audited)." })
  async creditAdjust(@Arg('input', () => CreditAdjustInput) input: CreditAdjustInput, @Ctx() ctx: Context): Promise<CreditAdjustPayload> {
    const result = await ctx.services.credits.adjust(
      viewer(ctx),
      { ...input, workspaceId: fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId') },
      ctx.requestId,
    );
    if (!result.ok) return { balance: null, entryId: null, userErrors: result.errors };
    return { balance: result.value.balance, entryId: result.value.entryId, userErrors: [] };
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => [CreditPurchase], { description: 'Recent credit purchases of a workspace.' })
  async adminCreditPurchases(@Arg('workspaceId', () => ID) id: string, @Ctx() ctx: Context): Promise<CreditPurchase[]> {
    return (await ctx.services.credits.purchases(fromGlobalId(id, 'Workspace', 'workspaceId'))).map((p) => CreditPurchase.from(p));
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => CreditPurchasePayload, {
    description: 'Refund a paid credit purchase at the provider; its credits are taken back (audited).',
  })
  async creditPurchaseRefund(@Arg('purchaseId', () => ID) id: string, @Ctx() ctx: Context): Promise<CreditPurchasePayload> {
    const purchaseId = fromGlobalId(id, 'CreditPurchase', 'purchaseId');
    const result = await ctx.services.credits.refundPurchase(viewer(ctx), purchaseId, ctx.requestId);
    if (!result.ok) return { purchase: null, userErrors: result.errors };
    return { purchase: CreditPurchase.from((await ctx.services.credits.purchase(purchaseId))!), userErrors: [] };
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => [PayoutRun], { description: 'Payout runs, newest first.' })
  async payoutRuns(@Arg('first', () => Int, { nullable: true }) first: number | null, @Ctx() ctx: Context): Promise<PayoutRun[]> {
    return (await ctx.services.payouts.runs(pageSize(first))).map((r) => PayoutRun.from(r));
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => PayoutRun, { nullable: true, description: 'One payout run.' })
  async payoutRun(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PayoutRun> {
    const run = await ctx.services.payouts.run(fromGlobalId(id, 'PayoutRun'));
    if (!run) throw notFound('Payout run');
    return PayoutRun.from(run);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => [Payout], { description: 'The payouts of one run.' })
  async payoutRunPayouts(@Arg('runId', () => ID) id: string, @Ctx() ctx: Context): Promise<Payout[]> {
    const run = await ctx.services.payouts.run(fromGlobalId(id, 'PayoutRun', 'runId'));
    if (!run) throw notFound('Payout run');
    return (await ctx.services.payouts.list({ runId: run.id }, 1000)).map((p) => Payout.from(p));
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => PayoutRunPayload, { description: "Run (or resume) the stream's payout run for the current period now (audited)." })
  async payoutRunStart(@Arg('stream', () => PayoutStreamEnum) stream: PayoutStreamEnum, @Ctx() ctx: Context): Promise<PayoutRunPayload> {
    const run = await ctx.services.payouts.runStream(stream as PayoutStream, {
      trigger: 'ADMIN',
      startedBy: viewer(ctx),
      requestId: ctx.requestId,
    });
    return { run: PayoutRun.from(run), userErrors: [] };
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => JournalEntryConnection, { description: 'Every ledger entry, newest first; filter by kind or account code.' })
  async ledgerEntries(
    @Arg('kind', () => LedgerEntryKindEnum, { nullable: true }) kind: LedgerEntryKindEnum | null,
    @Arg('accountCode', () => String, { nullable: true }) accountCode: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<JournalEntryView>> {
    const first = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const rows = await ctx.services.finance.entries({
      kind: kind ?? null,
      accountCode: accountCode ?? null,
      first: first + 1,
      after: cursor ? { createdAt: new Date(String(cursor[0])), id: String(cursor[1]) } : null,
    });
    return toConnection(
      rows,
      first,
      Boolean(cursor),
      (r) => [r.createdAt.toISOString(), r.id],
      (r): JournalEntryView => ({
        ...r,
        kind: r.kind as LedgerEntryKindEnum,
        postings: r.postings.map((p) => ({ ...p, asset: p.asset as LedgerAssetEnum })),
      }),
      await ctx.services.finance.countEntries({ kind: kind ?? null, accountCode: accountCode ?? null }),
    );
  }
}
