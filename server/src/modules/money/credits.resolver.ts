// Buyer-side money: packages, the wallet, purchases, auto-reload, history and its CSV, the live
// balance, and the sandbox checkout page's operations.
import type { SubscribeResolverData } from 'type-graphql';
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs, decodeCursor, pageSize, toConnection, type Connection } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { notFound } from '../../platform/graphql/errors.js';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { viewer } from '../../platform/graphql/viewer.js';
import { Topic, type TopicPayloads } from '../../platform/pubsub/pubsub.js';
import { Workspace } from '../identity/workspace.type.js';
import { MoneyErrorCode } from './money.errors.js';
import {
  CreditAutoReloadInput,
  CreditBalanceEvent,
  CreditPackage,
  CreditPurchase,
  CreditPurchaseStartInput,
  CreditPurchaseStartPayload,
  type CreditTransaction,
  CreditTransactionConnection,
  CreditWallet,
  CreditWalletPayload,
  FileDownload,
  type LedgerEntryKindEnum,
  RedirectPayload,
  SandboxCheckoutCompleteInput,
  SandboxCheckoutSession,
  SandboxOutcome,
} from './money.types.js';
import { PaymentDeclinedError } from './payments/gateway.js';
import { SandboxGateway } from './payments/sandbox.gateway.js';

export async function loadWallet(ctx: Context, workspaceId: string): Promise<CreditWallet> {
  const [balance, profile] = await Promise.all([
    ctx.services.credits.balance(workspaceId),
    ctx.services.credits.billingProfile(workspaceId),
  ]);
  const pkg = profile?.autoReloadPackageId
    ? await ctx.platform.prisma.creditPackage.findUnique({ where: { id: profile.autoReloadPackageId } })
    : null;
  return {
    workspaceId: toGlobalId('Workspace', workspaceId),
    balance,
    autoReload: {
      enabled: profile?.autoReloadEnabled ?? false,
      thresholdCredits: profile?.autoReloadThreshold ?? 0,
      package: pkg ? CreditPackage.from(pkg) : null,
    },
    savedCard: profile?.cardLast4 ? { brand: profile.cardBrand ?? 'card', last4: profile.cardLast4 } : null,
  };
}

async function viewableWorkspace(ctx: Context, id: string): Promise<string> {
  const workspaceId = fromGlobalId(id, 'Workspace', 'workspaceId');
  await ctx.services.credits.viewable(ctx.principal, workspaceId);
  return workspaceId;
}

@Resolver(() => Workspace)
export class WorkspaceCreditsResolver {
  @FieldResolver(() => CreditWallet, { description: "The workspace's credits (members, its API keys and platform admins)." })
  async credits(@Root() workspace: Workspace, @Ctx() ctx: Context): Promise<CreditWallet> {
    // Checked again here, wherever the workspace was reached from: the wallet is the workspace's own.
    await ctx.services.credits.viewable(ctx.principal, workspace.rawId);
    return loadWallet(ctx, workspace.rawId);
  }
}

@Resolver()
export class CreditsResolver {
  @Allow(Access.PUBLIC)
  @Query(() => [CreditPackage], { description: 'Credit packages on sale.' })
  async creditPackages(@Ctx() ctx: Context): Promise<CreditPackage[]> {
    return (await ctx.services.credits.packages()).map((p) => CreditPackage.from(p));
  }

  @Allow(Access.USER, Access.API_KEY)
  @Query(() => CreditTransactionConnection, { description: "A workspace's credit movements, newest first." })
  async creditTransactions(
    @Arg('workspaceId', () => ID) id: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<CreditTransaction>> {
    const workspaceId = await viewableWorkspace(ctx, id);
    const first = pageSize(args.first);
    const cursor = decodeCursor(args.after, 1);
    const rows = await ctx.services.credits.history(workspaceId, { first: first + 1, before: cursor ? String(cursor[0]) : null });
    const counted = await ctx.services.credits.historyCount(workspaceId);
    return toConnection(
      rows,
      first,
      Boolean(cursor),
      (r) => [r.postingId],
      (r) => ({
        id: toGlobalId('CreditTransaction', r.postingId),
        kind: r.kind as LedgerEntryKindEnum,
        description: r.description,
        credits: r.amount,
        occurredAt: r.createdAt,
      }),
      counted,
    );
  }

  @Allow(Access.USER, Access.API_KEY)
  @Query(() => FileDownload, { description: 'Every credit movement of a workspace as CSV.' })
  async creditTransactionsCsv(@Arg('workspaceId', () => ID) id: string, @Ctx() ctx: Context): Promise<FileDownload> {
    const workspaceId = await viewableWorkspace(ctx, id);
    return {
      filename: `hotlead-credit-transactions-${new Date().toISOString().slice(0, 10)}.csv`,
      contentType: 'text/csv',
      content: await ctx.services.credits.historyCsv(workspaceId),
    };
  }

  @Allow(Access.USER)
  @Query(() => [CreditPurchase], { description: "A workspace's credit purchases, newest first." })
  async creditPurchases(@Arg('workspaceId', () => ID) id: string, @Ctx() ctx: Context): Promise<CreditPurchase[]> {
    const workspaceId = await viewableWorkspace(ctx, id);
    return (await ctx.services.credits.purchases(workspaceId)).map((p) => CreditPurchase.from(p));
  }

  @Allow(Access.USER)
  @Query(() => CreditPurchase, { nullable: true })
  async creditPurchase(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<CreditPurchase> {
    const purchase = await ctx.services.credits.purchase(fromGlobalId(id, 'CreditPurchase'));
    if (!purchase) throw notFound('Credit purchase');
    await ctx.services.credits.viewable(ctx.principal, purchase.workspaceId).catch(() => {
      throw notFound('Credit purchase');
    });
    return CreditPurchase.from(purchase);
  }

  @Allow(Access.USER)
  @Mutation(() => CreditPurchaseStartPayload, { description: 'Start buying a credit package; returns the checkout page to open.' })
  async creditPurchaseStart(
    @Arg('input', () => CreditPurchaseStartInput) input: CreditPurchaseStartInput,
    @Ctx() ctx: Context,
  ): Promise<CreditPurchaseStartPayload> {
    const result = await ctx.services.credits.startPurchase(
      viewer(ctx),
      {
        workspaceId: fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId'),
        packageId: fromGlobalId(input.packageId, 'CreditPackage', 'packageId'),
      },
      ctx.requestId,
    );
    if (!result.ok) return { purchase: null, checkoutUrl: null, userErrors: result.errors };
    return { purchase: CreditPurchase.from(result.value.purchase), checkoutUrl: result.value.checkoutUrl, userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => CreditWalletPayload, { description: 'Turn auto-reload on or off (owners and admins).' })
  async creditAutoReloadUpdate(
    @Arg('input', () => CreditAutoReloadInput) input: CreditAutoReloadInput,
    @Ctx() ctx: Context,
  ): Promise<CreditWalletPayload> {
    const workspaceId = fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId');
    const result = await ctx.services.credits.setAutoReload(
      viewer(ctx),
      {
        workspaceId,
        enabled: input.enabled,
        thresholdCredits: input.thresholdCredits,
        packageId: input.packageId ? fromGlobalId(input.packageId, 'CreditPackage', 'packageId') : null,
      },
      ctx.requestId,
    );
    if (!result.ok) return { wallet: null, userErrors: result.errors };
    return { wallet: await loadWallet(ctx, workspaceId), userErrors: [] };
  }

  @Allow(Access.USER, Access.API_KEY)
  @Subscription(() => CreditBalanceEvent, {
    description: "A workspace's credit balance, whenever it moves.",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { workspaceId: string }, Context>) => {
      const workspaceId = fromGlobalId(args.workspaceId, 'Workspace', 'workspaceId');
      await context.services.credits.viewable(context.principal, workspaceId);
      return context.platform.pubsub.subscribe(Topic.CREDIT_BALANCE_CHANGED, workspaceId);
    },
  })
  creditBalanceChanged(
    @Arg('workspaceId', () => ID) _workspaceId: string,
    @Root() payload: TopicPayloads['CREDIT_BALANCE_CHANGED'][1],
  ): CreditBalanceEvent {
    return { workspaceId: toGlobalId('Workspace', payload.workspaceId), balance: payload.balance };
  }

  // ───────────── the sandbox checkout page ─────────────

  @Allow(Access.USER)
  @Query(() => SandboxCheckoutSession, { nullable: true, description: 'Local sandbox only: the checkout page.' })
  async sandboxCheckoutSession(@Arg('id', () => String) id: string, @Ctx() ctx: Context): Promise<SandboxCheckoutSession | null> {
    const gateway = ctx.services.gateway;
    if (!(gateway instanceof SandboxGateway)) return null;
    const session = await gateway.checkoutSession(id);
    if (!session?.metadata['workspaceId']) return null;
    await ctx.services.credits.viewable(ctx.principal, session.metadata['workspaceId']);
    return {
      id: session.id,
      status: session.status,
      amountCents: session.amountCents,
      productName: session.productName,
      cancelUrl: session.cancelUrl,
    };
  }

  @Allow(Access.USER)
  @Mutation(() => RedirectPayload, { description: 'Local sandbox only: pay, or decline the card, on the checkout page.' })
  async sandboxCheckoutComplete(
    @Arg('input', () => SandboxCheckoutCompleteInput) input: SandboxCheckoutCompleteInput,
    @Ctx() ctx: Context,
  ): Promise<RedirectPayload> {
    const gateway = ctx.services.gateway;
    if (!(gateway instanceof SandboxGateway)) {
      return { url: null, userErrors: [{ code: MoneyErrorCode.SANDBOX_ONLY, message: 'Payments go through Stripe here.', field: null }] };
    }
    const session = await gateway.checkoutSession(input.sessionId);
    if (!session?.metadata['workspaceId']) throw notFound('Checkout session');
    await ctx.services.credits.viewable(ctx.principal, session.metadata['workspaceId']);
    try {
      const url = await gateway.completeCheckout(input.sessionId, input.outcome === SandboxOutcome.SUCCEED);
      return { url, userErrors: [] };
    } catch (error) {
      if (!(error instanceof PaymentDeclinedError)) throw error;
      return { url: null, userErrors: [{ code: MoneyErrorCode.PAYMENT_FAILED, message: error.message, field: null }] };
    }
  }
}
