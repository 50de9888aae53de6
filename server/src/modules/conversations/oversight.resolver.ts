// Admin oversight of conversations over GraphQL (platform admins only, declared per operation).
import { Arg, Args, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs, pageSize } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId } from '../../platform/graphql/ids.js';
import { viewer } from '../../platform/graphql/viewer.js';
import { conversationLoaders } from './conversations.loaders.js';
import {
  AdminMessage,
  AdminMessageBody,
  AdminThread,
  AdminThreadConnection,
  AdminThreadFilter,
  RelayEvent,
  RelayEventConnection,
  RelaySettings,
  RelaySettingsInput,
} from './conversations.types.js';
import { adminMessageOf } from './conversations.views.js';

@Resolver()
export class OversightResolver {
  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminThreadConnection, { description: 'Admin: every conversation, newest first, with the filters.' })
  adminThreads(
    @Arg('filter', () => AdminThreadFilter, { nullable: true }) filter: AdminThreadFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.oversight.threads(
      {
        status: filter?.status ?? null,
        bounced: filter?.bounced ?? null,
        workspaceId: filter?.workspaceId ? fromGlobalId(filter.workspaceId, 'Workspace', 'filter.workspaceId') : null,
      },
      { first: pageSize(args.first), after: args.after },
    );
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminThread, { nullable: true, description: 'Admin: one conversation with its delivery diagnostics, without bodies.' })
  adminThread(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.oversight.thread(fromGlobalId(id, 'RelayThread', 'id'));
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => RelayEventConnection, { description: "Admin: the relay's refusals, strips and throttles, newest first." })
  relayEvents(
    @Arg('kind', () => String, { nullable: true }) kind: string | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.oversight.events(kind, { first: pageSize(args.first), after: args.after });
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => RelaySettings, { description: "Admin: the relay's limits and retention." })
  relaySettings(@Ctx() ctx: Context) {
    return ctx.services.oversight.settings();
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => AdminMessageBody, { description: 'Admin: the message as written and as relayed; audited' })
  adminMessageBodyRead(@Arg('messageId', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.oversight.readBody(viewer(ctx), fromGlobalId(id, 'RelayMessage', 'messageId'), ctx.requestId);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => AdminThread, { description: 'Admin: no mail either way until resumed; audited, the parties told.' })
  async adminThreadSuspend(@Arg('id', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    return ctx.services.oversight.setThreadSuspended(viewer(ctx), fromGlobalId(id, 'RelayThread', 'id'), true, reason, ctx.requestId);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => AdminThread, { description: 'Admin: a suspended thread takes mail again; audited.' })
  async adminThreadResume(@Arg('id', () => ID) id: string, @Ctx() ctx: Context) {
    return ctx.services.oversight.setThreadSuspended(viewer(ctx), fromGlobalId(id, 'RelayThread', 'id'), false, null, ctx.requestId);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => Boolean, { description: 'Admin: suspends (or resumes) a provider workspace: routing skips it, its threads refuse mail' })
  adminProviderSuspend(
    @Arg('workspaceId', () => ID) id: string,
    @Arg('suspended', () => Boolean) suspended: boolean,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.oversight.setProviderSuspended(
      viewer(ctx),
      fromGlobalId(id, 'Workspace', 'workspaceId'),
      suspended,
      reason,
      ctx.requestId,
    );
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => Boolean, {
    description: 'Admin: suspends (or resumes) a user: sessions revoked, sign-in refused, their relay mail refused',
  })
  adminUserSuspend(
    @Arg('userId', () => ID) id: string,
    @Arg('suspended', () => Boolean) suspended: boolean,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.oversight.setUserSuspended(viewer(ctx), fromGlobalId(id, 'User', 'userId'), suspended, reason, ctx.requestId);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => RelaySettings, { description: 'Admin: every value within its range; audited with before and after.' })
  relaySettingsUpdate(@Arg('input', () => RelaySettingsInput) input: RelaySettingsInput, @Ctx() ctx: Context) {
    return ctx.services.oversight.updateSettings(viewer(ctx), input, ctx.requestId);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => Boolean, { description: 'Admin: right to be forgotten for an end user' })
  adminEndUserForget(@Arg('userId', () => ID) id: string, @Arg('reason', () => String) reason: string, @Ctx() ctx: Context) {
    return ctx.services.oversight.forgetEndUser(viewer(ctx), fromGlobalId(id, 'User', 'userId'), reason, ctx.requestId);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => Boolean, {
    description: 'Admin, local mode: reply to a dev-mailbox message as its recipient, over SMTP to the inbound server',
  })
  devMailboxReply(@Arg('messageId', () => ID) id: string, @Arg('text', () => String) text: string, @Ctx() ctx: Context) {
    return ctx.services.oversight.devMailboxReply(viewer(ctx), fromGlobalId(id, 'DevMailboxMessage', 'messageId'), text, ctx.requestId);
  }
}

@Resolver(() => AdminThread)
export class AdminThreadResolver {
  @FieldResolver(() => [AdminMessage], { description: 'Oldest first; diagnostics only (bodies: adminMessageBodyRead, audited).' })
  async messages(@Root() thread: AdminThread, @Ctx() ctx: Context): Promise<AdminMessage[]> {
    const rows = await conversationLoaders(ctx).adminMessagesByThreadId.load(thread.rawId);
    return rows.map((row) => adminMessageOf(ctx.platform.config, row));
  }

  @FieldResolver(() => [RelayEvent], { description: "The thread's relay events, newest first (the latest 200)." })
  events(@Root() thread: AdminThread, @Ctx() ctx: Context): Promise<RelayEvent[]> {
    return conversationLoaders(ctx).eventsByThreadId.load(thread.rawId);
  }
}
