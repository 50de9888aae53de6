// The parties' conversation operations over GraphQL: the provider console, the end user's threads,
// and their live events. Thin: ids in, the conversations service (which decides who sees what), the
// views out. The `thread` fields hang off the requests module's types.
import {
  Arg,
  Args,
  Ctx,
  FieldResolver,
  ID,
  Int,
  Mutation,
  Query,
  Resolver,
  Root,
  Subscription,
  type SubscribeResolverData,
} from 'type-graphql';
import { filter, pipe } from '@graphql-yoga/subscription';
import { Access, Allow } from '../../platform/graphql/access.js';
import { ConnectionArgs, pageSize, toConnection, type Connection } from '../../platform/graphql/connection.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId, parseGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { viewer } from '../../platform/graphql/viewer.js';
import { type ConversationEventPayload, Topic } from '../../platform/pubsub/pubsub.js';
import { userParty, workspaceParty } from '../relay/relay.events.js';
import { loadAssignments, toRequestAssignment } from '../requests/requests.views.js';
import { MatchedProvider, RequestAssignment, RequestAssignmentConnection } from '../requests/requests.types.js';
import { conversationLoaders } from './conversations.loaders.js';
import {
  ConversationEvent,
  type ConversationEventKindEnum,
  EndUserThread,
  ProviderInboxFilter,
  ProviderTeamStats,
  ProviderThread,
  ThreadMessage,
  ThreadMessageInput,
} from './conversations.types.js';
import { endUserThreadOf, providerThreadOf, threadMessageFor } from './conversations.views.js';

/** How long a subscription trusts its last membership check. */
export const MEMBERSHIP_RECHECK_MS = 30_000;

/**
 * A check whose answer is kept for `ttlMs` (one subscription's events share it). A failing check
 * answers false: an event is dropped rather than sent to someone who may no longer see it.
 */
export function recheckedEvery(ttlMs: number, check: () => Promise<boolean>, now: () => number = () => Date.now()): () => Promise<boolean> {
  let cached: { value: boolean; at: number } | null = null;
  return async () => {
    if (cached && now() - cached.at < ttlMs) return cached.value;
    const value = await check().catch(() => false);
    cached = { value, at: now() };
    return value;
  };
}

/** Assignments by raw id, in order, as the requests module shows them. */
async function assignmentsByIds(ctx: Context, ids: readonly string[]): Promise<RequestAssignment[]> {
  const now = new Date();
  return (await loadAssignments(ctx.platform.database.pool, ids)).map((row) => toRequestAssignment(row, now));
}

/** True when the viewer is a member of the workspace (batched over a page through the identity loader). */
async function isMember(ctx: Context, workspaceId: string): Promise<boolean> {
  if (ctx.principal.kind !== 'user') return false;
  const memberships = await ctx.loaders.workspaceMembershipsByUserId.load(ctx.principal.userId);
  return memberships.some((m) => m.workspaceId === workspaceId);
}

function conversationEventOf(payload: ConversationEventPayload): ConversationEvent {
  return Object.assign(new ConversationEvent(), {
    kind: payload.kind as ConversationEventKindEnum,
    requestId: toGlobalId('ServiceRequest', payload.requestId),
    assignmentId: toGlobalId('RequestAssignment', payload.assignmentId),
    threadId: payload.threadId ? toGlobalId('RelayThread', payload.threadId) : null,
    messageId: payload.messageId ? toGlobalId('RelayMessage', payload.messageId) : null,
  });
}

@Resolver()
export class ConversationsResolver {
  @Allow(Access.USER)
  @Query(() => RequestAssignmentConnection, { description: "Provider member: the workspace's routed requests, newest first" })
  async providerInbox(
    @Arg('workspaceId', () => ID) id: string,
    @Arg('filter', () => ProviderInboxFilter, { nullable: true }) filter: ProviderInboxFilter | null,
    @Args(() => ConnectionArgs) args: ConnectionArgs,
    @Ctx() ctx: Context,
  ): Promise<Connection<RequestAssignment>> {
    const workspaceId = fromGlobalId(id, 'Workspace', 'workspaceId');
    const first = pageSize(args.first);
    const { rows, total } = await ctx.services.conversations.inbox(viewer(ctx), workspaceId, filter ?? {}, { first, after: args.after });
    // Assignments are never deleted (the store refers to them), so every id of the page maps.
    const nodes = new Map(
      (
        await assignmentsByIds(
          ctx,
          rows.slice(0, first).map((r) => r.id),
        )
      ).map((a) => [a.rawId, a]),
    );
    return toConnection(
      rows,
      first,
      Boolean(args.after),
      (r) => [r.deliveredAt.toISOString(), r.id],
      (r) => nodes.get(r.id)!,
      total,
    );
  }

  @Allow(Access.USER)
  @Query(() => RequestAssignment, {
    nullable: true,
    description: "Provider member; opening it marks the end user's messages read for the provider",
  })
  async providerAssignment(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<RequestAssignment | null> {
    const assignmentId = fromGlobalId(id, 'RequestAssignment', 'id');
    const opened = await ctx.services.conversations.openAssignment(viewer(ctx), assignmentId);
    if (!opened) return null;
    return (await assignmentsByIds(ctx, [opened]))[0] ?? null;
  }

  @Allow(Access.USER)
  @Query(() => ProviderTeamStats, { description: 'Provider manager' })
  providerTeamStats(
    @Arg('workspaceId', () => ID) id: string,
    @Arg('days', () => Int, { nullable: true, description: 'The period, counted back from now (1–365, default 30)' }) days: number | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.conversations
      .teamStats(viewer(ctx), fromGlobalId(id, 'Workspace', 'workspaceId'), days)
      .then((stats) => ({ ...stats, members: stats.members.map((m) => ({ ...m, userId: toGlobalId('User', m.userId) })) }));
  }

  @Allow(Access.USER)
  @Query(() => EndUserThread, { nullable: true, description: 'Signed-in end user' })
  async myThread(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<EndUserThread | null> {
    const row = await ctx.services.conversations.openMyThread(viewer(ctx), fromGlobalId(id, 'RelayThread', 'id'));
    return row ? endUserThreadOf(ctx.platform.config, row) : null;
  }

  @Allow(Access.USER)
  @Mutation(() => ThreadMessage, {
    description: "Provider member (the first one to write handles the thread) or the end user (after the provider's first message)",
  })
  async threadMessageSend(@Arg('input', () => ThreadMessageInput) input: ThreadMessageInput, @Ctx() ctx: Context): Promise<ThreadMessage> {
    const { side, message } = await ctx.services.conversations.sendMessage(viewer(ctx), {
      threadId: fromGlobalId(input.threadId, 'RelayThread', 'threadId'),
      subject: input.subject,
      text: input.text,
      attachmentTokens: input.attachmentTokens,
    });
    return threadMessageFor(ctx.platform.config, side, message);
  }

  @Allow(Access.USER)
  @Mutation(() => ID, { description: "A party closes the thread (provider: its own thread; end user: one provider's)" })
  async threadClose(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<string> {
    await ctx.services.conversations.closeThread(viewer(ctx), fromGlobalId(id, 'RelayThread', 'id'));
    return id;
  }

  @Allow(Access.USER)
  @Subscription(() => ConversationEvent, {
    description: "Provider member: events of the workspace's assignments",
    subscribe: async ({ args, context }: SubscribeResolverData<unknown, { workspaceId: string }, Context>) => {
      const workspaceId = fromGlobalId(args.workspaceId, 'Workspace', 'workspaceId');
      const principal = viewer(context);
      // Members only: checked when the client subscribes, and again for the events that follow (at most
      // every MEMBERSHIP_RECHECK_MS), so a member removed from the team stops hearing of its leads.
      await context.services.conversations.requireMember(principal, workspaceId);
      const stillMember = recheckedEvery(MEMBERSHIP_RECHECK_MS, async () =>
        Boolean(await context.services.workspaces.roleOf(principal.userId, workspaceId)),
      );
      return pipe(
        context.platform.pubsub.subscribe(Topic.CONVERSATION_EVENT, workspaceParty(workspaceId)),
        filter(() => stillMember()),
      );
    },
  })
  providerInboxEvents(@Arg('workspaceId', () => ID) _workspaceId: string, @Root() payload: ConversationEventPayload): ConversationEvent {
    return conversationEventOf(payload);
  }

  @Allow(Access.USER)
  @Subscription(() => ConversationEvent, {
    description: 'Signed-in end user: events of their own requests',
    subscribe: ({ context }: SubscribeResolverData<unknown, object, Context>) =>
      context.platform.pubsub.subscribe(Topic.CONVERSATION_EVENT, userParty(viewer(context).userId)),
  })
  myRequestEvents(@Root() payload: ConversationEventPayload): ConversationEvent {
    return conversationEventOf(payload);
  }
}

@Resolver(() => RequestAssignment)
export class AssignmentThreadResolver {
  @FieldResolver(() => ProviderThread, { nullable: true, description: "The conversation with the end user (the workspace's members only)" })
  async thread(@Root() assignment: RequestAssignment, @Ctx() ctx: Context): Promise<ProviderThread | null> {
    if (!assignment.threadId) return null;
    // Wherever the assignment was reached from (an admin's request view too), the thread and its
    // bodies are the workspace's: admins read bodies through the audited adminMessageBodyRead.
    const workspaceId = parseGlobalId(assignment.workspaceId)?.id;
    if (!workspaceId || !(await isMember(ctx, workspaceId))) return null;
    const row = await conversationLoaders(ctx).threadById.load(assignment.threadId);
    return row && row.workspaceId === workspaceId ? providerThreadOf(ctx.platform.config, row) : null;
  }
}

@Resolver(() => MatchedProvider)
export class MatchedProviderThreadResolver {
  @FieldResolver(() => EndUserThread, { nullable: true, description: 'The conversation with this provider (the end user only)' })
  async thread(@Root() match: MatchedProvider, @Ctx() ctx: Context): Promise<EndUserThread | null> {
    if (!match.threadId || ctx.principal.kind !== 'user') return null;
    const row = await conversationLoaders(ctx).threadById.load(match.threadId);
    return row && row.userId !== null && row.userId === ctx.principal.userId ? endUserThreadOf(ctx.platform.config, row) : null;
  }
}

@Resolver(() => ProviderThread)
export class ProviderThreadResolver {
  @FieldResolver(() => [ThreadMessage], { description: 'Oldest first' })
  async messages(@Root() thread: ProviderThread, @Ctx() ctx: Context): Promise<ThreadMessage[]> {
    const rows = await conversationLoaders(ctx).messagesByThreadId.load(thread.rawId);
    return rows.map((row) => threadMessageFor(ctx.platform.config, 'provider', row));
  }
}

@Resolver(() => EndUserThread)
export class EndUserThreadResolver {
  @FieldResolver(() => [ThreadMessage], { description: 'Oldest first' })
  async messages(@Root() thread: EndUserThread, @Ctx() ctx: Context): Promise<ThreadMessage[]> {
    const rows = await conversationLoaders(ctx).messagesByThreadId.load(thread.rawId);
    return rows.map((row) => threadMessageFor(ctx.platform.config, 'user', row));
  }
}
