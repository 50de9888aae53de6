// The buyer's cart and purchases over GraphQL. Thin: ids in, the checkout service, types out.
import type { GraphQLResolveInfo } from 'graphql';
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Info,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import type { Prisma } from '@hotlead/prisma';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs, decodeCursor, encodeCursor, pageSize, toConnection, type Connection } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { createdAtKey, decodeCreatedAtCursor } from '../../platform/db/keyset.js';
import { DecimalScalar } from '../../platform/graphql/scalars.js';
import { WorkspaceMembership } from '../identity/workspace.type.js';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { Topic, type TopicPayloads } from '../../platform/pubsub/pubsub.js';
import { PURCHASE_SELECT } from './checkout.service.js';
import { cartView, marketplaceLeads, rawFilter } from './leadView.js';
import {
  Cart,
  CartAddInput,
  CartPayload,
  CartRemoveInput,
  LeadPurchase,
  LeadPurchaseConnection,
  LeadSearchFilterInput,
  LeadSearchResult,
  LeadSearchSortEnum,
  LeadsPurchaseInput,
  LeadsPurchasePayload,
  WorkspaceMemberCreditLimitPayload,
  WorkspaceMemberCreditLimitSetInput,
} from './marketplace.types.js';

const leadIdsOf = (ids: readonly string[]) => ids.map((id) => fromGlobalId(id, 'MarketplaceLead', 'leadIds'));

@Resolver()
export class MarketplaceResolver {
  @Allow(Access.USER)
  @Query(() => Cart, { description: "The signed-in person's cart in a buyer workspace, priced now." })
  async cart(@Arg('workspaceId', () => ID) id: string, @Ctx() ctx: Context): Promise<Cart> {
    const workspaceId = fromGlobalId(id, 'Workspace', 'workspaceId');
    return cartView(ctx, workspaceId, await ctx.services.checkout.cart(ctx.principal, workspaceId));
  }

  @Allow(Access.USER)
  @Mutation(() => CartPayload, { description: 'Adds leads to the cart (up to 10,000), optionally to buy exclusively.' })
  async cartAdd(@Arg('input', () => CartAddInput) input: CartAddInput, @Ctx() ctx: Context): Promise<CartPayload> {
    const workspaceId = fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId');
    const outcome = await ctx.services.checkout.cartAdd(ctx.principal, workspaceId, leadIdsOf(input.leadIds), input.exclusive);
    return outcome.ok
      ? { cart: await cartView(ctx, workspaceId, outcome.value), userErrors: [] }
      : { cart: null, userErrors: outcome.errors };
  }

  @Allow(Access.USER)
  @Mutation(() => CartPayload, { description: 'Removes leads from the cart, or empties it.' })
  async cartRemove(@Arg('input', () => CartRemoveInput) input: CartRemoveInput, @Ctx() ctx: Context): Promise<CartPayload> {
    const workspaceId = fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId');
    const cart = await ctx.services.checkout.cartRemove(ctx.principal, workspaceId, input.leadIds ? leadIdsOf(input.leadIds) : null);
    return { cart: await cartView(ctx, workspaceId, cart), userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => LeadsPurchasePayload, {
    description: "Buys the cart's available leads with the workspace's credits; the same idempotency key returns the same purchase.",
  })
  async leadsPurchase(
    @Arg('input', () => LeadsPurchaseInput) input: LeadsPurchaseInput,
    @Ctx() ctx: Context,
  ): Promise<LeadsPurchasePayload> {
    const outcome = await ctx.services.checkout.purchase(ctx.principal, {
      workspaceId: fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId'),
      idempotencyKey: input.idempotencyKey,
      exportMode: input.exportMode,
      filters: (input.filters ?? null) as Prisma.InputJsonValue | null,
      payShortfallByCard: input.payShortfallByCard,
    });
    return outcome.ok
      ? { purchase: LeadPurchase.from(outcome.value.purchase), checkoutUrl: outcome.value.checkoutUrl, userErrors: [] }
      : { purchase: null, checkoutUrl: null, userErrors: outcome.errors };
  }

  @Allow(Access.USER)
  @Mutation(() => LeadsPurchasePayload, {
    description: 'Cancels a purchase waiting for its card payment; the held credits return to the wallet.',
  })
  async leadsPurchaseCancel(@Arg('purchaseId', () => ID) id: string, @Ctx() ctx: Context): Promise<LeadsPurchasePayload> {
    const outcome = await ctx.services.checkout.cancelByBuyer(ctx.principal, fromGlobalId(id, 'LeadPurchase', 'purchaseId'));
    return outcome.ok
      ? { purchase: LeadPurchase.from(outcome.value), checkoutUrl: null, userErrors: [] }
      : { purchase: null, checkoutUrl: null, userErrors: outcome.errors };
  }

  @Allow(Access.USER, Access.API_KEY)
  @Query(() => LeadPurchase, { description: 'One purchase of a workspace the viewer belongs to.' })
  async leadPurchase(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<LeadPurchase> {
    return LeadPurchase.from(await ctx.services.checkout.viewablePurchase(ctx.principal, fromGlobalId(id, 'LeadPurchase', 'id')));
  }

  @Allow(Access.USER)
  @Subscription(() => LeadPurchase, {
    description: "A workspace's purchases as they complete (members of the workspace).",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { workspaceId: string }, Context>) => {
      const workspaceId = fromGlobalId(args.workspaceId, 'Workspace', 'workspaceId');
      await context.services.workspaces.viewable(context.principal, workspaceId);
      return context.platform.pubsub.subscribe(Topic.LEAD_PURCHASE_COMPLETED, workspaceId);
    },
  })
  async purchaseCompleted(
    @Arg('workspaceId', () => ID) _workspaceId: string,
    @Root() payload: TopicPayloads['LEAD_PURCHASE_COMPLETED'][1],
    @Ctx() ctx: Context,
  ): Promise<LeadPurchase> {
    const row = await ctx.platform.prisma.leadPurchase.findUniqueOrThrow({ where: { id: payload.purchaseId }, select: PURCHASE_SELECT });
    return LeadPurchase.from(row);
  }

  @Allow(Access.USER)
  @Query(() => LeadPurchaseConnection, { description: "A workspace's purchases, newest first." })
  async leadPurchases(
    @Arg('workspaceId', () => ID) id: string,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<LeadPurchase>> {
    const workspaceId = fromGlobalId(id, 'Workspace', 'workspaceId');
    const first = pageSize(args.first);
    const after = decodeCreatedAtCursor(args.after);
    const { rows, total } = await ctx.services.checkout.purchases(ctx.principal, workspaceId, { first: first + 1, after });
    return toConnection(rows, first, Boolean(after), createdAtKey, (r) => LeadPurchase.from(r), total);
  }
}

/** Facets cost most of a search: count them only when the query asks for them (fragments: assume it does). */
function selectsFacets(info: GraphQLResolveInfo): boolean {
  return (info.fieldNodes[0]?.selectionSet?.selections ?? []).some((s) => s.kind !== 'Field' || s.name.value === 'facets');
}

@Resolver()
export class LeadSearchResolver {
  @Allow(Access.USER, Access.API_KEY)
  @Query(() => LeadSearchResult, {
    description:
      'Listed leads matching the filters, sorted, a keyset page at a time, with facet counts. Contact details are masked until bought.',
  })
  async leadSearch(
    @Arg('workspaceId', () => ID) id: string,
    @Arg('filter', () => LeadSearchFilterInput, { nullable: true }) filter: LeadSearchFilterInput | null,
    @Arg('sort', () => LeadSearchSortEnum, { defaultValue: LeadSearchSortEnum.INTENT_DESC }) sort: LeadSearchSortEnum,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
    @Info() info: GraphQLResolveInfo,
  ): Promise<LeadSearchResult> {
    const workspaceId = fromGlobalId(id, 'Workspace', 'workspaceId');
    const first = pageSize(args.first);
    const after = args.after ? decodeCursor(args.after, 3) : null;
    // The access check and the search run side by side: the search reads only the public inventory,
    // and nothing from it is returned unless the check passes.
    const searching = ctx.services.search.search(rawFilter(filter), sort, { first, after: after ?? null }, { facets: selectsFacets(info) });
    searching.catch(() => {});
    await ctx.services.workspaces.viewable(ctx.principal, workspaceId);
    const result = await searching;
    // The page's leads and the industry facet's labels (a page without facets looks none up), together.
    const industryIds = result.facets.find((f) => f.name === 'industry')?.buckets.map((b) => b.value) ?? [];
    const [leads, industries] = await Promise.all([
      marketplaceLeads(ctx.platform.database.pool, workspaceId, result.leadIds),
      industryIds.length === 0
        ? []
        : ctx.platform.prisma.industry.findMany({ where: { id: { in: industryIds } }, select: { id: true, name: true } }),
    ]);
    const industryNames = new Map(industries.map((i) => [i.id, i.name]));
    const edges = leads.map((node, i) => ({ cursor: encodeCursor(result.cursorKeys[i]!), node }));
    return {
      leads: {
        edges,
        nodes: leads,
        pageInfo: {
          hasNextPage: result.hasNextPage,
          hasPreviousPage: Boolean(after),
          startCursor: edges[0]?.cursor ?? null,
          endCursor: edges.at(-1)?.cursor ?? null,
        },
        totalCount: result.totalCount,
        totalCountIsEstimate: result.totalCountIsEstimate,
      },
      facets: result.facets.map((f) => ({
        ...f,
        buckets:
          f.name === 'industry'
            ? f.buckets.map((b) => ({ ...b, value: toGlobalId('Industry', b.value), label: industryNames.get(b.value) ?? b.value }))
            : f.buckets,
      })),
    };
  }
}

@Resolver(() => WorkspaceMembership)
export class MembershipCreditLimitResolver {
  @FieldResolver(() => DecimalScalar, { nullable: true, description: 'Credits this member may spend on leads per month; null: no limit.' })
  async monthlyCreditLimit(@Root() membership: WorkspaceMembership, @Ctx() ctx: Context): Promise<string | null> {
    const row = await ctx.platform.prisma.workspaceMembership.findUnique({
      where: { id: membership.rawId },
      select: { monthlyCreditLimit: true },
    });
    return row?.monthlyCreditLimit?.toString() ?? null;
  }

  @Allow(Access.USER)
  @Mutation(() => WorkspaceMemberCreditLimitPayload, {
    description: "Owners set or remove a member's monthly credit limit, enforced at checkout.",
  })
  async workspaceMemberCreditLimitSet(
    @Arg('input', () => WorkspaceMemberCreditLimitSetInput) input: WorkspaceMemberCreditLimitSetInput,
    @Ctx() ctx: Context,
  ): Promise<WorkspaceMemberCreditLimitPayload> {
    const outcome = await ctx.services.checkout.setMemberLimit(
      ctx.principal,
      fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId'),
      fromGlobalId(input.userId, 'User', 'userId'),
      input.monthlyCreditLimit ?? null,
    );
    return outcome.ok
      ? { monthlyCreditLimit: outcome.value.limit, userErrors: [] }
      : { monthlyCreditLimit: null, userErrors: outcome.errors };
  }
}
