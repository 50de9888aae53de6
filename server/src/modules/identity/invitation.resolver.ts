import { Arg, Ctx, Mutation, Query, Resolver } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import type { Context } from '../../platform/graphql/context.js';
import { badInput } from '../../platform/graphql/errors.js';
import { fromGlobalId } from '../../platform/graphql/ids.js';
import { viewer } from '../../platform/graphql/viewer.js';
import { PartnerOrg, PARTNER_ORG_SELECT } from '../partners/partnerOrg.type.js';
import { InvitationAcceptInput, InvitationCreateInput, InvitationRevokeInput } from './identity.inputs.js';
import { InvitationAcceptPayload, InvitationPayload } from './identity.payloads.js';
import type { InvitationTarget } from './invitation.service.js';
import { INVITATION_SELECT, Invitation, InvitationPreview, Workspace, WORKSPACE_SELECT } from './workspace.type.js';

@Resolver()
export class InvitationResolver {
  @Allow(Access.PUBLIC)
  @Query(() => InvitationPreview, { nullable: true, description: 'What an invitation link is for; null when the token is unknown.' })
  async invitationPreview(@Arg('token', () => String) token: string, @Ctx() ctx: Context): Promise<InvitationPreview | null> {
    return ctx.services.invitations.preview(token);
  }

  @Allow(Access.USER)
  @Mutation(() => InvitationPayload, { description: 'Invite a person by email into a workspace or partner org.' })
  async invitationCreate(
    @Arg('input', () => InvitationCreateInput) input: InvitationCreateInput,
    @Ctx() ctx: Context,
  ): Promise<InvitationPayload> {
    if (!input.workspaceId === !input.partnerOrgId) throw badInput('Give exactly one of workspaceId or partnerOrgId.');
    const target: InvitationTarget = input.workspaceId
      ? { workspaceId: fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId') }
      : { partnerOrgId: fromGlobalId(input.partnerOrgId!, 'PartnerOrg', 'partnerOrgId') };
    const result = await ctx.services.invitations.create(viewer(ctx), { target, email: input.email, role: input.role }, ctx.requestId);
    if (!result.ok) return { invitation: null, userErrors: result.errors };
    const row = await ctx.platform.prisma.invitation.findUniqueOrThrow({ where: { id: result.value.id }, select: INVITATION_SELECT });
    return { invitation: Invitation.from(row), userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => InvitationAcceptPayload, { description: 'Join the workspace or partner org of an invitation sent to your email.' })
  async invitationAccept(
    @Arg('input', () => InvitationAcceptInput) input: InvitationAcceptInput,
    @Ctx() ctx: Context,
  ): Promise<InvitationAcceptPayload> {
    const result = await ctx.services.invitations.accept(viewer(ctx), input.token, ctx.requestId);
    if (!result.ok) return { workspace: null, partnerOrg: null, userErrors: result.errors };
    const { workspaceId, partnerOrgId } = result.value;
    const prisma = ctx.platform.prisma;
    return {
      workspace: workspaceId
        ? Workspace.from(await prisma.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: WORKSPACE_SELECT }))
        : null,
      partnerOrg: partnerOrgId
        ? PartnerOrg.from(await prisma.partnerOrg.findUniqueOrThrow({ where: { id: partnerOrgId }, select: PARTNER_ORG_SELECT }))
        : null,
      userErrors: [],
    };
  }

  @Allow(Access.USER)
  @Mutation(() => InvitationPayload, { description: 'Withdraw a pending invitation.' })
  async invitationRevoke(
    @Arg('input', () => InvitationRevokeInput) input: InvitationRevokeInput,
    @Ctx() ctx: Context,
  ): Promise<InvitationPayload> {
    const id = fromGlobalId(input.invitationId, 'Invitation', 'invitationId');
    const result = await ctx.services.invitations.revoke(viewer(ctx), id, ctx.requestId);
    if (!result.ok) return { invitation: null, userErrors: result.errors };
    const row = await ctx.platform.prisma.invitation.findUniqueOrThrow({ where: { id }, select: INVITATION_SELECT });
    return { invitation: Invitation.from(row), userErrors: [] };
  }
}
