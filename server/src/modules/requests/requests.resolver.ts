// GraphQL operations of requests and routing (docs/relay-contract.graphql, parts marked [requests]).
// Access is declared per operation; row rules (own request, own workspace) live in the services.
import { Arg, Ctx, ID, Int, Mutation, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId, parseGlobalId } from '../../platform/graphql/ids.js';
import { viewer } from '../../platform/graphql/viewer.js';
import { notFound } from '../../platform/graphql/errors.js';
import {
  AdminDisputeConnection,
  AdminServiceRequest,
  AdminServiceRequestConnection,
  AssignmentDispute,
  AssignmentOutcomeEnum,
  DisputeReasonEnum,
  DisputeStatusEnum,
  Niche,
  ProviderProfile,
  ProviderProfileInput,
  RequestAssignment,
  RequestConsent,
  ServiceRequest,
  ServiceRequestConfirmPayload,
  ServiceRequestFeedbackEnum,
  ServiceRequestInput,
  ServiceRequestStatusEnum,
  ServiceRequestSubmitPayload,
} from './requests.types.js';

const facts = (ctx: Context) => ({ ...ctx.request, requestId: ctx.requestId });

@Resolver()
export class ServiceRequestsResolver {
  @Allow(Access.PUBLIC)
  @Query(() => [Niche], { description: 'Public: active niches for the request form' })
  niches(@Ctx() ctx: Context): Promise<Niche[]> {
    return ctx.services.requests.niches();
  }

  @Allow(Access.PUBLIC)
  @Query(() => Niche, { nullable: true, description: 'Public' })
  niche(@Arg('slug', () => String) slug: string, @Ctx() ctx: Context): Promise<Niche | null> {
    return ctx.services.requests.niche(slug);
  }

  @Allow(Access.PUBLIC)
  @Query(() => RequestConsent, { description: 'Public' })
  requestConsent(@Ctx() ctx: Context): RequestConsent {
    return ctx.services.requests.consent();
  }

  @Allow(Access.USER)
  @Query(() => [ServiceRequest], { description: 'Signed-in end user: their requests, newest first' })
  myServiceRequests(@Ctx() ctx: Context): Promise<ServiceRequest[]> {
    return ctx.services.requests.myRequests(viewer(ctx));
  }

  @Allow(Access.USER)
  @Query(() => ServiceRequest, { nullable: true })
  async myServiceRequest(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<ServiceRequest | null> {
    const parsed = parseGlobalId(id);
    if (parsed?.type !== 'ServiceRequest') return null;
    return ctx.services.requests.myRequest(viewer(ctx), parsed.id);
  }

  @Allow(Access.PUBLIC)
  @Mutation(() => ServiceRequestSubmitPayload, { description: 'Public, 5 per IP per hour. Sends the confirmation email.' })
  serviceRequestSubmit(
    @Arg('input', () => ServiceRequestInput) input: ServiceRequestInput,
    @Ctx() ctx: Context,
  ): Promise<ServiceRequestSubmitPayload> {
    return ctx.services.requests.submit(ctx.principal, input, facts(ctx));
  }

  @Allow(Access.PUBLIC)
  @Mutation(() => ServiceRequestConfirmPayload, {
    description:
      'Public: the token from the confirmation email. Verifies the address, creates the account (hideEmail), routes the request.',
  })
  async serviceRequestConfirm(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<ServiceRequestConfirmPayload> {
    const result = await ctx.services.requests.confirm(token, facts(ctx));
    if (result.session) ctx.sessionCookie.set(result.session.token, result.session.expiresAt);
    return { request: result.request, needsPassword: result.needsPassword, signedIn: result.session !== null };
  }

  @Allow(Access.USER)
  @Mutation(() => Boolean, { description: 'Signed-in end user whose account has no password yet (just confirmed).' })
  setInitialPassword(@Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<boolean> {
    return ctx.services.requests.setInitialPassword(viewer(ctx), password, ctx.requestId);
  }

  @Allow(Access.USER)
  @Mutation(() => ServiceRequest, { description: 'End user closes the whole request: every thread closed, optional feedback.' })
  serviceRequestClose(
    @Arg('id', () => ID) id: string,
    @Arg('feedback', () => ServiceRequestFeedbackEnum, { nullable: true }) feedback: ServiceRequestFeedbackEnum | null,
    @Arg('note', () => String, { nullable: true }) note: string | null,
    @Ctx() ctx: Context,
  ): Promise<ServiceRequest> {
    return ctx.services.requests.close(viewer(ctx), fromGlobalId(id, 'ServiceRequest'), feedback, note, ctx.requestId);
  }

  @Allow(Access.USER)
  @Mutation(() => Boolean, {
    description: 'End user: delete my account (right to be forgotten). Anonymizes requests and conversations, keeps bodies.',
  })
  async endUserAccountDelete(@Arg('password', () => String) password: string, @Ctx() ctx: Context): Promise<boolean> {
    await ctx.services.requests.deleteOwnAccount(viewer(ctx), password, ctx.requestId);
    ctx.sessionCookie.clear();
    return true;
  }
}

@Resolver()
export class ProviderRoutingResolver {
  @Allow(Access.USER)
  @Query(() => ProviderProfile, { description: 'Provider member' })
  providerProfile(@Arg('workspaceId', () => ID) workspaceId: string, @Ctx() ctx: Context): Promise<ProviderProfile> {
    return ctx.services.providerProfiles.get(ctx.principal, fromGlobalId(workspaceId, 'Workspace', 'workspaceId'));
  }

  @Allow(Access.USER)
  @Mutation(() => ProviderProfile, { description: 'Provider manager' })
  providerProfileUpdate(
    @Arg('workspaceId', () => ID) workspaceId: string,
    @Arg('input', () => ProviderProfileInput) input: ProviderProfileInput,
    @Ctx() ctx: Context,
  ): Promise<ProviderProfile> {
    return ctx.services.providerProfiles.update(viewer(ctx), fromGlobalId(workspaceId, 'Workspace', 'workspaceId'), input, ctx.requestId);
  }

  @Allow(Access.USER)
  @Mutation(() => RequestAssignment, { description: 'Any provider member, within 1 hour of delivery: credits back' })
  assignmentDecline(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => String) reason: string,
    @Ctx() ctx: Context,
  ): Promise<RequestAssignment> {
    return ctx.services.routing.decline(viewer(ctx), fromGlobalId(id, 'RequestAssignment'), reason);
  }

  @Allow(Access.USER)
  @Mutation(() => RequestAssignment, { description: 'Any provider member; BAD_LEAD needs a reason' })
  assignmentOutcomeReport(
    @Arg('id', () => ID) id: string,
    @Arg('outcome', () => AssignmentOutcomeEnum) outcome: AssignmentOutcomeEnum,
    @Arg('reason', () => String, { nullable: true }) reason: string | null,
    @Ctx() ctx: Context,
  ): Promise<RequestAssignment> {
    return ctx.services.routing.reportOutcome(viewer(ctx), fromGlobalId(id, 'RequestAssignment'), outcome, reason);
  }

  @Allow(Access.USER)
  @Mutation(() => RequestAssignment, { description: 'Any provider member, within 14 days' })
  assignmentDispute(
    @Arg('id', () => ID) id: string,
    @Arg('reason', () => DisputeReasonEnum) reason: DisputeReasonEnum,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ): Promise<RequestAssignment> {
    return ctx.services.routing.dispute(viewer(ctx), fromGlobalId(id, 'RequestAssignment'), reason, note);
  }
}

@Resolver()
export class RoutingAdminResolver {
  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminServiceRequestConnection, { description: 'Admin: status filter; UNROUTABLE lists the ones retries gave up on' })
  adminServiceRequests(
    @Arg('status', () => ServiceRequestStatusEnum, { nullable: true }) status: ServiceRequestStatusEnum | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.requests.adminRequests(status, first, after);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Query(() => AdminDisputeConnection)
  adminDisputes(
    @Arg('status', () => DisputeStatusEnum, { nullable: true }) status: DisputeStatusEnum | null,
    @Arg('first', () => Int, { nullable: true }) first: number | null,
    @Arg('after', () => String, { nullable: true }) after: string | null,
    @Ctx() ctx: Context,
  ) {
    return ctx.services.routing.adminDisputes(status, first, after);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => AssignmentDispute, { description: 'Admin: uphold (refund) or reject' })
  assignmentDisputeResolve(
    @Arg('id', () => ID) id: string,
    @Arg('uphold', () => Boolean) uphold: boolean,
    @Arg('note', () => String) note: string,
    @Ctx() ctx: Context,
  ): Promise<AssignmentDispute> {
    return ctx.services.routing.resolveDispute(viewer(ctx), fromGlobalId(id, 'AssignmentDispute'), uphold, note);
  }

  @Allow(Access.PLATFORM_ADMIN)
  @Mutation(() => AdminServiceRequest, { description: 'Admin: route an UNROUTABLE (or ROUTING) request again now' })
  async serviceRequestRetryRouting(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<AdminServiceRequest> {
    const requestId = fromGlobalId(id, 'ServiceRequest');
    await ctx.services.routing.adminRetry(viewer(ctx), requestId);
    const view = await ctx.services.requests.adminRequest(requestId);
    if (!view) throw notFound('Service request');
    return view;
  }
}
