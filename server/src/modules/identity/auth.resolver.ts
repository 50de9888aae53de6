import { Arg, Ctx, FieldResolver, Mutation, Query, Resolver, Root, Subscription } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId, toGlobalId } from '../../platform/graphql/ids.js';
import { viewer } from '../../platform/graphql/viewer.js';
import { Topic, type TopicPayloads } from '../../platform/pubsub/pubsub.js';
import { PartnerMembership } from '../partners/partnerOrg.type.js';
import {
  AccountSignupInput,
  EmailVerifyInput,
  PasswordResetInput,
  PasswordResetRequestInput,
  SessionLoginInput,
  SessionRevokeInput,
} from './identity.inputs.js';
import { IdentityErrorCode } from './identity.errors.js';
import { ErrorsOnlyPayload, SessionRevokePayload, UserPayload } from './identity.payloads.js';
import { Session, SessionRevokedEvent, User } from './user.type.js';
import { WorkspaceMembership } from './workspace.type.js';

/** The person's profile; `afterChange` skips the copy read with the session, which a mutation made stale. */
async function loadUser(ctx: Context, userId: string, afterChange = false): Promise<User | null> {
  if (afterChange) ctx.loaders.userProfileById.clear(userId);
  const row = await ctx.loaders.userProfileById.load(userId);
  return row ? User.from(row) : null;
}

@Resolver(() => User)
export class AuthResolver {
  @Allow(Access.PUBLIC)
  @Query(() => User, { nullable: true, description: 'The signed-in person; null when signed out.' })
  async me(@Ctx() ctx: Context): Promise<User | null> {
    if (ctx.principal.kind !== 'user') return null;
    return loadUser(ctx, ctx.principal.userId);
  }

  @FieldResolver(() => [WorkspaceMembership])
  async workspaceMemberships(@Root() user: User, @Ctx() ctx: Context): Promise<WorkspaceMembership[]> {
    const rows = await ctx.loaders.workspaceMembershipsByUserId.load(user.rawId);
    return rows.map((r) => WorkspaceMembership.from(r));
  }

  @FieldResolver(() => [PartnerMembership])
  async partnerMemberships(@Root() user: User, @Ctx() ctx: Context): Promise<PartnerMembership[]> {
    const rows = await ctx.loaders.partnerMembershipsByUserId.load(user.rawId);
    return rows.map((r) => PartnerMembership.from(r));
  }

  @FieldResolver(() => [Session], { description: 'Active sessions of this account.' })
  async sessions(@Root() user: User, @Ctx() ctx: Context): Promise<Session[]> {
    const me = viewer(ctx);
    if (me.userId !== user.rawId) return [];
    const rows = await ctx.services.sessions.listActive(user.rawId);
    return rows.map((r) => Session.from(r, me.sessionId));
  }

  @FieldResolver(() => Session, { nullable: true, description: 'The session making this request.' })
  async currentSession(@Root() user: User, @Ctx() ctx: Context): Promise<Session | null> {
    if (ctx.principal.kind !== 'user' || ctx.principal.userId !== user.rawId) return null;
    const sessionId = ctx.principal.sessionId;
    const row = await ctx.platform.prisma.session.findUnique({
      where: { id: sessionId },
      select: { id: true, createdAt: true, lastSeenAt: true, expiresAt: true, userAgent: true, ipAddress: true },
    });
    return row ? Session.from(row, sessionId) : null;
  }

  @Allow(Access.PUBLIC)
  @Mutation(() => UserPayload, { description: 'Create an account and sign in. A confirmation email is sent.' })
  async accountSignup(@Arg('input', () => AccountSignupInput) input: AccountSignupInput, @Ctx() ctx: Context): Promise<UserPayload> {
    const result = await ctx.services.auth.signup(input, { ...ctx.request, requestId: ctx.requestId });
    if (!result.ok) return { user: null, userErrors: result.errors };
    ctx.sessionCookie.set(result.value.session.token, result.value.session.expiresAt);
    return { user: await loadUser(ctx, result.value.userId, true), userErrors: [] };
  }

  @Allow(Access.PUBLIC)
  @Mutation(() => UserPayload, { description: 'Sign in with email and password.' })
  async sessionLogin(@Arg('input', () => SessionLoginInput) input: SessionLoginInput, @Ctx() ctx: Context): Promise<UserPayload> {
    const result = await ctx.services.auth.login(input, { ...ctx.request, requestId: ctx.requestId });
    if (!result.ok) return { user: null, userErrors: result.errors };
    ctx.sessionCookie.set(result.value.session.token, result.value.session.expiresAt);
    return { user: await loadUser(ctx, result.value.userId, true), userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => ErrorsOnlyPayload, { description: 'Sign out of this session.' })
  async sessionLogout(@Ctx() ctx: Context): Promise<ErrorsOnlyPayload> {
    await ctx.services.auth.logout(viewer(ctx));
    ctx.sessionCookie.clear();
    return { userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => SessionRevokePayload, { description: 'Sign out one of your sessions (e.g. a lost device).' })
  async sessionRevoke(
    @Arg('input', () => SessionRevokeInput) input: SessionRevokeInput,
    @Ctx() ctx: Context,
  ): Promise<SessionRevokePayload> {
    const me = viewer(ctx);
    const sessionId = fromGlobalId(input.sessionId, 'Session', 'sessionId');
    const revoked = await ctx.services.sessions.revoke(me.userId, sessionId, 'revoked');
    if (!revoked) {
      return {
        session: null,
        userErrors: [{ code: IdentityErrorCode.NOT_FOUND, message: 'No active session with this id.', field: ['input', 'sessionId'] }],
      };
    }
    if (sessionId === me.sessionId) ctx.sessionCookie.clear();
    return { session: null, userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => ErrorsOnlyPayload, { description: 'Send a new email-confirmation link.' })
  async emailVerificationSend(@Ctx() ctx: Context): Promise<ErrorsOnlyPayload> {
    const result = await ctx.services.auth.resendVerification(viewer(ctx));
    return { userErrors: result.ok ? [] : result.errors };
  }

  @Allow(Access.PUBLIC)
  @Mutation(() => UserPayload, { description: 'Confirm an email address with the token from the email.' })
  async emailVerify(@Arg('input', () => EmailVerifyInput) input: EmailVerifyInput, @Ctx() ctx: Context): Promise<UserPayload> {
    const result = await ctx.services.auth.verifyEmail(input);
    if (!result.ok) return { user: null, userErrors: result.errors };
    const mine = ctx.principal.kind === 'user' && ctx.principal.userId === result.value.userId;
    return { user: mine ? await loadUser(ctx, result.value.userId, true) : null, userErrors: [] };
  }

  @Allow(Access.PUBLIC)
  @Mutation(() => ErrorsOnlyPayload, { description: 'Email a password-reset link, if the address has an account.' })
  async passwordResetRequest(
    @Arg('input', () => PasswordResetRequestInput) input: PasswordResetRequestInput,
    @Ctx() ctx: Context,
  ): Promise<ErrorsOnlyPayload> {
    const result = await ctx.services.auth.requestPasswordReset(input, { ...ctx.request, requestId: ctx.requestId });
    return { userErrors: result.ok ? [] : result.errors };
  }

  @Allow(Access.PUBLIC)
  @Mutation(() => UserPayload, { description: 'Set a new password with a reset token; signs out every other session.' })
  async passwordReset(@Arg('input', () => PasswordResetInput) input: PasswordResetInput, @Ctx() ctx: Context): Promise<UserPayload> {
    const result = await ctx.services.auth.resetPassword(input, { ...ctx.request, requestId: ctx.requestId });
    if (!result.ok) return { user: null, userErrors: result.errors };
    ctx.sessionCookie.set(result.value.session.token, result.value.session.expiresAt);
    return { user: await loadUser(ctx, result.value.userId, true), userErrors: [] };
  }

  @Allow(Access.USER)
  @Subscription(() => SessionRevokedEvent, {
    topics: Topic.SESSION_REVOKED,
    filter: ({ payload, context }: { payload: TopicPayloads['SESSION_REVOKED'][0]; context: Context }) =>
      context.principal.kind === 'user' && payload.userId === context.principal.userId,
    description: "One of the viewer's sessions was revoked; the SPA signs out when it is the current one.",
  })
  sessionRevoked(@Root() payload: TopicPayloads['SESSION_REVOKED'][0]): SessionRevokedEvent {
    return { sessionId: toGlobalId('Session', payload.sessionId), reason: payload.reason };
  }
}
