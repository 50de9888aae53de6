import type { PartnerRole } from '@hotlead/domain';
import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId } from '../../platform/graphql/ids.js';
import { viewer } from '../../platform/graphql/viewer.js';
import { PartnerRoleEnum } from '../identity/identity.enums.js';
import { MemberRemoveInput, PartnerMemberRoleChangeInput } from '../identity/identity.inputs.js';
import { MemberRemovePayload, PartnerMembershipPayload, PartnerOrgPayload } from '../identity/identity.payloads.js';
import { partnerOrgPolicy } from '../identity/tenancy.policy.js';
import { MemberUser } from '../identity/user.type.js';
import { Invitation } from '../identity/workspace.type.js';
import { PartnerOrgCreateInput } from './partnerOrg.inputs.js';
import { PartnerMembership, PartnerOrg } from './partnerOrg.type.js';

async function viewerRole(ctx: Context, partnerOrgId: string): Promise<PartnerRole | null> {
  if (ctx.principal.kind !== 'user') return null;
  const memberships = await ctx.loaders.partnerMembershipsByUserId.load(ctx.principal.userId);
  return memberships.find((m) => m.partnerOrgId === partnerOrgId)?.role ?? null;
}

async function loadPartnerOrg(ctx: Context, id: string): Promise<PartnerOrg | null> {
  const row = await ctx.loaders.partnerOrgById.load(id);
  return row ? PartnerOrg.from(row) : null;
}

@Resolver(() => PartnerOrg)
export class PartnerOrgResolver {
  @Allow(Access.USER)
  @Query(() => PartnerOrg, { nullable: true, description: 'A partner org the viewer belongs to (admins: any).' })
  async partnerOrg(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<PartnerOrg> {
    const { partnerOrg } = await ctx.services.partnerOrgs.viewable(ctx.principal, fromGlobalId(id, 'PartnerOrg'));
    return PartnerOrg.from(partnerOrg);
  }

  @FieldResolver(() => PartnerRoleEnum, { nullable: true })
  async viewerRole(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<PartnerRole | null> {
    return viewerRole(ctx, org.rawId);
  }

  @FieldResolver(() => [PartnerMembership])
  async members(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<PartnerMembership[]> {
    const rows = await ctx.loaders.partnerMembershipsByOrgId.load(org.rawId);
    return rows.map((r) => PartnerMembership.from(r));
  }

  @FieldResolver(() => [Invitation], { description: 'Pending invitations (owners).' })
  async invitations(@Root() org: PartnerOrg, @Ctx() ctx: Context): Promise<Invitation[]> {
    if (!partnerOrgPolicy.canSeeInvitations(await viewerRole(ctx, org.rawId))) return [];
    const rows = await ctx.services.invitations.list({ partnerOrgId: org.rawId });
    return rows.map((r) => Invitation.from(r));
  }

  @Allow(Access.USER)
  @Mutation(() => PartnerOrgPayload, { description: 'Create a partner org; you become its owner.' })
  async partnerOrgCreate(
    @Arg('input', () => PartnerOrgCreateInput) input: PartnerOrgCreateInput,
    @Ctx() ctx: Context,
  ): Promise<PartnerOrgPayload> {
    const result = await ctx.services.partnerOrgs.create(viewer(ctx), input, ctx.requestId);
    if (!result.ok) return { partnerOrg: null, userErrors: result.errors };
    return { partnerOrg: await loadPartnerOrg(ctx, result.value.id), userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => PartnerMembershipPayload, { description: "Change a partner member's role (owners only)." })
  async partnerMemberRoleChange(
    @Arg('input', () => PartnerMemberRoleChangeInput) input: PartnerMemberRoleChangeInput,
    @Ctx() ctx: Context,
  ): Promise<PartnerMembershipPayload> {
    const id = fromGlobalId(input.membershipId, 'PartnerMembership', 'membershipId');
    const result = await ctx.services.partnerOrgs.changeRole(viewer(ctx), id, input.role, ctx.requestId);
    if (!result.ok) return { membership: null, userErrors: result.errors };
    const row = await ctx.platform.prisma.partnerMembership.findUniqueOrThrow({
      where: { id },
      select: { id: true, userId: true, partnerOrgId: true, role: true, createdAt: true },
    });
    return { membership: PartnerMembership.from(row), userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => MemberRemovePayload, { description: 'Remove a partner member (owners), or leave (yourself).' })
  async partnerMemberRemove(
    @Arg('input', () => MemberRemoveInput) input: MemberRemoveInput,
    @Ctx() ctx: Context,
  ): Promise<MemberRemovePayload> {
    const id = fromGlobalId(input.membershipId, 'PartnerMembership', 'membershipId');
    const result = await ctx.services.partnerOrgs.removeMember(viewer(ctx), id, ctx.requestId);
    if (!result.ok) return { removedMembershipId: null, userErrors: result.errors };
    return { removedMembershipId: input.membershipId, userErrors: [] };
  }
}

@Resolver(() => PartnerMembership)
export class PartnerMembershipResolver {
  @FieldResolver(() => MemberUser)
  async user(@Root() membership: PartnerMembership, @Ctx() ctx: Context): Promise<MemberUser> {
    const row = await ctx.loaders.userById.load(membership.userRawId);
    if (!row) throw new Error('membership without user');
    return MemberUser.from(row);
  }

  @FieldResolver(() => PartnerOrg)
  async partnerOrg(@Root() membership: PartnerMembership, @Ctx() ctx: Context): Promise<PartnerOrg> {
    const org = await loadPartnerOrg(ctx, membership.partnerOrgRawId);
    if (!org) throw new Error('membership without partner org');
    return org;
  }
}
