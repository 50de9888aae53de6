// Webhook endpoints over GraphQL (API only for now; the growth issue adds the settings page).
import { Arg, Ctx, Field, ID, InputType, Mutation, ObjectType, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { MarketplaceUserError, MarketplaceErrorCode, type MarketplaceError } from '../marketplace/marketplace.errors.js';
import type { WebhookEndpointRow } from './webhooks.service.js';

@ObjectType({ description: 'Where a workspace receives signed event notifications.' })
export class WebhookEndpoint {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [String], { description: 'Event types sent here, e.g. lead.suppressed.' })
  events!: string[];

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  static from(row: WebhookEndpointRow): WebhookEndpoint {
    return Object.assign(new WebhookEndpoint(), { ...row, id: toGlobalId('WebhookEndpoint', row.id) });
  }
}

@InputType()
export class WebhookEndpointCreateInput {
  @Field(() => ID)
  workspaceId!: string;

  @Field(() => String)
  url!: string;

  @Field(() => [String])
  events!: string[];
}

@ObjectType()
export class WebhookEndpointCreatePayload {
  @Field(() => WebhookEndpoint, { nullable: true })
  endpoint!: WebhookEndpoint | null;

  @Field(() => String, {
    nullable: true,
    description: 'The signing secret, shown this once: verify Hotlead-Signature (t=…,v1=HMAC-SHA256 of "t.body").',
  })
  secret!: string | null;

  @Field(() => [MarketplaceUserError])
  userErrors!: MarketplaceError[];
}

@Resolver()
export class WebhooksResolver {
  @Allow(Access.USER, Access.API_KEY)
  @Query(() => [WebhookEndpoint], { description: "A workspace's webhook endpoints (owners and admins)." })
  async webhookEndpoints(@Arg('workspaceId', () => ID) id: string, @Ctx() ctx: Context): Promise<WebhookEndpoint[]> {
    const rows = await ctx.services.outboundWebhooks.list(ctx.principal, fromGlobalId(id, 'Workspace', 'workspaceId'));
    return rows.map((r) => WebhookEndpoint.from(r));
  }

  @Allow(Access.USER, Access.API_KEY)
  @Mutation(() => WebhookEndpointCreatePayload, { description: 'Registers a webhook endpoint; returns its signing secret once.' })
  async webhookEndpointCreate(
    @Arg('input', () => WebhookEndpointCreateInput) input: WebhookEndpointCreateInput,
    @Ctx() ctx: Context,
  ): Promise<WebhookEndpointCreatePayload> {
    const made = await ctx.services.outboundWebhooks.create(ctx.principal, {
      workspaceId: fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId'),
      url: input.url,
      events: input.events,
    });
    if ('error' in made) {
      return {
        endpoint: null,
        secret: null,
        userErrors: [{ code: MarketplaceErrorCode.INVALID_INPUT, message: made.error, field: [made.field] }],
      };
    }
    return { endpoint: WebhookEndpoint.from(made.endpoint), secret: made.secret, userErrors: [] };
  }

  @Allow(Access.USER, Access.API_KEY)
  @Mutation(() => Boolean, { description: 'Removes a webhook endpoint.' })
  async webhookEndpointDelete(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.outboundWebhooks.remove(ctx.principal, fromGlobalId(id, 'WebhookEndpoint', 'id'));
    return true;
  }
}
