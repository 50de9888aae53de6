// Partner-side money: earnings summary and breakdown, the payout account, payouts, payout requests,
// statements, and the sandbox's Connect onboarding page.
import { PAYOUT_SCHEDULES, type EarningType, type PayoutStream } from '@hotlead/domain';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs, decodeCursor, pageSize, toConnection, type Connection } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { badInput, notFound } from '../../platform/graphql/errors.js';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { viewer } from '../../platform/graphql/viewer.js';
import { partnerOrgPolicy } from '../identity/tenancy.policy.js';
import { PartnerOrg } from '../partners/partnerOrg.type.js';
import type { EarningRow } from './earnings.service.js';
import { MoneyErrorCode } from './money.errors.js';
import {
  EarningStatusEnum,
  EarningTypeEnum,
  FileDownload,
  type PartnerEarning,
  PartnerEarningConnection,
  PartnerEarningsSummary,
  Payout,
  PayoutAccount,
  PayoutAccountPayload,
  type PayoutAccountStatusEnum,
  type PaymentProviderEnum,
  PayoutPayload,
  PayoutRequestInput,
  PayoutStreamEnum,
  RedirectPayload,
  StatementFormat,
} from './money.types.js';
import { SandboxGateway } from './payments/sandbox.gateway.js';

const STATEMENT_MAX_DAYS = 366;

async function viewablePartnerOrg(ctx: Context, id: string): Promise<string> {
  const partnerOrgId = fromGlobalId(id, 'PartnerOrg', 'partnerOrgId');
  await ctx.services.partnerOrgs.viewable(ctx.principal, partnerOrgId);
  return partnerOrgId;
}

function earningNode(row: EarningRow): PartnerEarning {
  return {
    id: toGlobalId('PartnerEarning', row.id),
    type: row.type as EarningTypeEnum,
    stream: row.stream as PayoutStreamEnum,
    description: row.description,
    saleAmount: row.saleAmount,
    rate: row.rate,
    bonuses: row.bonuses,
    amount: row.amount,
    status: row.status as EarningStatusEnum,
    earnedAt: row.earnedAt,
    availableAt: row.availableAt,
    reversalReason: row.reversalReason,
  };
}

async function accountView(ctx: Context, partnerOrgId: string): Promise<PayoutAccount | null> {
  const account = await ctx.services.payouts.account(partnerOrgId);
  return account
    ? {
        provider: account.provider as PaymentProviderEnum,
        status: account.status as PayoutAccountStatusEnum,
        detailsSubmitted: account.detailsSubmitted,
        payoutsEnabled: account.payoutsEnabled,
      }
    : null;
}

@Resolver(() => PartnerOrg)
export class PartnerOrgMoneyResolver {
  @FieldResolver(() => PartnerEarningsSummary, { description: 'Earnings in holdback, available, on the way and paid.' })
  async earnings(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<PartnerEarningsSummary> {
    await ctx.services.partnerOrgs.viewable(ctx.principal, org.rawId);
    const summary = await ctx.services.earnings.summary(org.rawId);
    return {
      ...summary,
      byStream: summary.byStream.map((s) => ({
        stream: s.stream as PayoutStreamEnum,
        pending: s.pending,
        available: s.available,
        minimum: PAYOUT_SCHEDULES[s.stream].minimum,
        schedule: PAYOUT_SCHEDULES[s.stream].description,
      })),
    };
  }

  @FieldResolver(() => PayoutAccount, { nullable: true, description: 'The connected payout account, once created.' })
  async payoutAccount(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<PayoutAccount | null> {
    await ctx.services.partnerOrgs.viewable(ctx.principal, org.rawId);
    return accountView(ctx, org.rawId);
  }
}

@Resolver()
export class PartnerMoneyResolver {
  @Allow(Access.USER)
  @Query(() => PartnerEarningConnection, {
    description: "A partner org's earnings, newest first: one per sale, bonus or share; filter by type or status.",
  })
  async partnerEarnings(
    @Arg('partnerOrgId', () => ID) id: string,
    @Arg('type', () => EarningTypeEnum, { nullable: true }) type: EarningTypeEnum | null,
    @Arg('status', () => EarningStatusEnum, { nullable: true }) status: EarningStatusEnum | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<PartnerEarning>> {
    const partnerOrgId = await viewablePartnerOrg(ctx, id);
    const first = pageSize(args.first);
    const cursor = decodeCursor(args.after, 2);
    const filter = { type: (type as EarningType | null) ?? null, status: status ?? null };
    const rows = await ctx.services.earnings.list(partnerOrgId, {
      first: first + 1,
      ...filter,
      after: cursor ? { earnedAt: new Date(String(cursor[0])), id: String(cursor[1]) } : null,
    });
    const counted = await ctx.services.earnings.count(partnerOrgId, filter);
    return toConnection(rows, first, Boolean(cursor), (r) => [r.earnedAt.toISOString(), r.id], earningNode, counted);
  }

  @Allow(Access.USER)
  @Query(() => [Payout], { description: "A partner org's payouts, newest first (last 100)." })
  async partnerPayouts(@Arg('partnerOrgId', () => ID) id: string, @Ctx() ctx: Context): Promise<Payout[]> {
    const partnerOrgId = await viewablePartnerOrg(ctx, id);
    return (await ctx.services.payouts.list({ partnerOrgId })).map((p) => Payout.from(p));
  }

  @Allow(Access.USER)
  @Query(() => FileDownload, { description: 'Earnings and payouts between two dates (at most a year), as CSV or JSON.' })
  async partnerStatement(
    @Arg('partnerOrgId', () => ID) id: string,
    @Arg('from', () => DateTimeScalar) from: Date,
    @Arg('to', () => DateTimeScalar) to: Date,
    @Arg('format', () => StatementFormat) format: StatementFormat,
    @Ctx() ctx: Context,
  ): Promise<FileDownload> {
    const partnerOrgId = await viewablePartnerOrg(ctx, id);
    if (!(from < to)) throw badInput('"from" must be before "to".');
    if (to.getTime() - from.getTime() > STATEMENT_MAX_DAYS * 86_400_000)
      throw badInput(`A statement covers at most ${STATEMENT_MAX_DAYS} days.`);
    return ctx.services.earnings.statement(partnerOrgId, from, to, format);
  }

  @Allow(Access.USER)
  @Mutation(() => RedirectPayload, { description: "Connect a payout account: returns the provider's onboarding page (owners)." })
  async payoutAccountOnboard(@Arg('partnerOrgId', () => ID) id: string, @Ctx() ctx: Context): Promise<RedirectPayload> {
    const result = await ctx.services.payouts.startOnboarding(viewer(ctx), fromGlobalId(id, 'PartnerOrg', 'partnerOrgId'), ctx.requestId);
    if (!result.ok) return { url: null, userErrors: result.errors };
    return { url: result.value.url, userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => PayoutAccountPayload, { description: "Re-read the payout account's status at the provider (after onboarding)." })
  async payoutAccountRefresh(@Arg('partnerOrgId', () => ID) id: string, @Ctx() ctx: Context): Promise<PayoutAccountPayload> {
    const partnerOrgId = fromGlobalId(id, 'PartnerOrg', 'partnerOrgId');
    const result = await ctx.services.payouts.refreshAccount(viewer(ctx), partnerOrgId);
    if (!result.ok) return { payoutAccount: null, partnerOrg: null, userErrors: result.errors };
    const org = await ctx.loaders.partnerOrgById.load(partnerOrgId);
    return { payoutAccount: await accountView(ctx, partnerOrgId), partnerOrg: org ? PartnerOrg.from(org) : null, userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => PayoutPayload, { description: "Ask for a stream's available balance now (owners; same minimum as the schedule)." })
  async payoutRequest(@Arg('input', () => PayoutRequestInput) input: PayoutRequestInput, @Ctx() ctx: Context): Promise<PayoutPayload> {
    const result = await ctx.services.payouts.request(
      viewer(ctx),
      fromGlobalId(input.partnerOrgId, 'PartnerOrg', 'partnerOrgId'),
      (input.stream ?? PayoutStreamEnum.LEAD_SALES) as PayoutStream,
      ctx.requestId,
    );
    if (!result.ok) return { payout: null, userErrors: result.errors };
    return { payout: Payout.from(result.value), userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => RedirectPayload, { description: 'Local sandbox only: finish Connect onboarding for a payout account.' })
  async sandboxConnectComplete(@Arg('accountId', () => String) accountId: string, @Ctx() ctx: Context): Promise<RedirectPayload> {
    const gateway = ctx.services.gateway;
    if (!(gateway instanceof SandboxGateway)) {
      return {
        url: null,
        userErrors: [{ code: MoneyErrorCode.SANDBOX_ONLY, message: 'Onboarding goes through Stripe here.', field: null }],
      };
    }
    const account = await ctx.platform.prisma.payoutAccount.findUnique({ where: { accountId } });
    if (!account) throw notFound('Payout account');
    const { role } = await ctx.services.partnerOrgs.viewable(ctx.principal, account.partnerOrgId);
    if (!partnerOrgPolicy.canManagePayouts(role))
      return {
        url: null,
        userErrors: [{ code: MoneyErrorCode.NOT_ALLOWED, message: 'Only partner org owners manage payouts.', field: null }],
      };
    await gateway.completeOnboarding(accountId);
    return { url: `${ctx.platform.config.publicUrl}/partner/payouts?onboarding=return`, userErrors: [] };
  }
}
