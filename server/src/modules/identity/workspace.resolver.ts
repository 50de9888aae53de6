import { Arg, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { Access, Allow } from '../../platform/graphql/access.js';
import type { Context } from '../../platform/graphql/context.js';
import { fromGlobalId } from '../../platform/graphql/ids.js';
import { viewer } from '../../platform/graphql/viewer.js';
import type { WorkspaceRole } from '@hotlead/domain';
import { WorkspaceRoleEnum } from './identity.enums.js';
import {
  ApiKeyCreateInput,
  ApiKeyRevokeInput,
  MemberRemoveInput,
  WorkspaceCreateInput,
  WorkspaceMemberRoleChangeInput,
} from './identity.inputs.js';
import { ApiKeyPayload, MemberRemovePayload, WorkspaceMembershipPayload, WorkspacePayload } from './identity.payloads.js';
import { workspacePolicy } from './tenancy.policy.js';
import { MemberUser } from './user.type.js';
import { API_KEY_SELECT, ApiKey, Invitation, Workspace, WorkspaceMembership } from './workspace.type.js';

/** The viewer's role in a workspace, memoised per request through the memberships loader. */
async function viewerRole(ctx: Context, workspaceId: string): Promise<WorkspaceRole | null> {
  if (ctx.principal.kind !== 'user') return null;
  const memberships = await ctx.loaders.workspaceMembershipsByUserId.load(ctx.principal.userId);
  return memberships.find((m) => m.workspaceId === workspaceId)?.role ?? null;
}

async function loadWorkspace(ctx: Context, id: string): Promise<Workspace | null> {
  const row = await ctx.loaders.workspaceById.load(id);
  return row ? Workspace.from(row) : null;
}

@Resolver(() => Workspace)
export class WorkspaceResolver {
  @Allow(Access.USER, Access.API_KEY)
  @Query(() => Workspace, { nullable: true, description: 'A workspace the viewer belongs to (admins: any).' })
  async workspace(@Arg('id', () => ID) id: string, @Ctx() ctx: Context): Promise<Workspace> {
    const { workspace } = await ctx.services.workspaces.viewable(ctx.principal, fromGlobalId(id, 'Workspace'));
    return Workspace.from(workspace);
  }

  @FieldResolver(() => WorkspaceRoleEnum, { nullable: true, description: "The viewer's role; null for admins viewing." })
  async viewerRole(@Root() workspace: Workspace, @Ctx() ctx: Context): Promise<WorkspaceRole | null> {
    return viewerRole(ctx, workspace.rawId);
  }

  @FieldResolver(() => [WorkspaceMembership])
  async members(@Root() workspace: Workspace, @Ctx() ctx: Context): Promise<WorkspaceMembership[]> {
    const rows = await ctx.loaders.workspaceMembershipsByWorkspaceId.load(workspace.rawId);
    return rows.map((r) => WorkspaceMembership.from(r));
  }

  @FieldResolver(() => [Invitation], { description: 'Pending invitations (owners and admins).' })
  async invitations(@Root() workspace: Workspace, @Ctx() ctx: Context): Promise<Invitation[]> {
    if (!workspacePolicy.canSeeInvitations(await viewerRole(ctx, workspace.rawId))) return [];
    const rows = await ctx.services.invitations.list({ workspaceId: workspace.rawId });
    return rows.map((r) => Invitation.from(r));
  }

  @FieldResolver(() => [ApiKey], { description: 'API keys (owners and admins).' })
  async apiKeys(@Root() workspace: Workspace, @Ctx() ctx: Context): Promise<ApiKey[]> {
    if (!workspacePolicy.canManageApiKeys(await viewerRole(ctx, workspace.rawId))) return [];
    const rows = await ctx.services.workspaces.listApiKeys(workspace.rawId);
    return rows.map((r) => ApiKey.from(r));
  }

  @Allow(Access.USER)
  @Mutation(() => WorkspacePayload, { description: 'Create a buyer or provider workspace; you become its owner.' })
  async workspaceCreate(
    @Arg('input', () => WorkspaceCreateInput) input: WorkspaceCreateInput,
    @Ctx() ctx: Context,
  ): Promise<WorkspacePayload> {
    const result = await ctx.services.workspaces.create(viewer(ctx), input, ctx.requestId);
    if (!result.ok) return { workspace: null, userErrors: result.errors };
    return { workspace: await loadWorkspace(ctx, result.value.id), userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => WorkspaceMembershipPayload, { description: "Change a member's role (owners only)." })
  async workspaceMemberRoleChange(
    @Arg('input', () => WorkspaceMemberRoleChangeInput) input: WorkspaceMemberRoleChangeInput,
    @Ctx() ctx: Context,
  ): Promise<WorkspaceMembershipPayload> {
    const id = fromGlobalId(input.membershipId, 'WorkspaceMembership', 'membershipId');
    const result = await ctx.services.workspaces.changeRole(viewer(ctx), id, input.role, ctx.requestId);
    if (!result.ok) return { membership: null, userErrors: result.errors };
    const row = await ctx.platform.prisma.workspaceMembership.findUniqueOrThrow({
      where: { id },
      select: { id: true, userId: true, workspaceId: true, role: true, createdAt: true },
    });
    return { membership: WorkspaceMembership.from(row), userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => MemberRemovePayload, { description: 'Remove a member (owners), or leave (yourself).' })
  async workspaceMemberRemove(
    @Arg('input', () => MemberRemoveInput) input: MemberRemoveInput,
    @Ctx() ctx: Context,
  ): Promise<MemberRemovePayload> {
    const id = fromGlobalId(input.membershipId, 'WorkspaceMembership', 'membershipId');
    const result = await ctx.services.workspaces.removeMember(viewer(ctx), id, ctx.requestId);
    if (!result.ok) return { removedMembershipId: null, userErrors: result.errors };
    return { removedMembershipId: input.membershipId, userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => ApiKeyPayload, { description: 'Create an API key (owners and admins). The secret is returned once.' })
  async apiKeyCreate(@Arg('input', () => ApiKeyCreateInput) input: ApiKeyCreateInput, @Ctx() ctx: Context): Promise<ApiKeyPayload> {
    const workspaceId = fromGlobalId(input.workspaceId, 'Workspace', 'workspaceId');
    const result = await ctx.services.workspaces.createApiKey(viewer(ctx), { ...input, workspaceId }, ctx.requestId);
    if (!result.ok) return { apiKey: null, secret: null, userErrors: result.errors };
    const row = await ctx.platform.prisma.apiKey.findUniqueOrThrow({ where: { id: result.value.id }, select: API_KEY_SELECT });
    return { apiKey: ApiKey.from(row), secret: result.value.secret, userErrors: [] };
  }

  @Allow(Access.USER)
  @Mutation(() => ApiKeyPayload, { description: 'Revoke an API key (owners and admins); it stops working at once.' })
  async apiKeyRevoke(@Arg('input', () => ApiKeyRevokeInput) input: ApiKeyRevokeInput, @Ctx() ctx: Context): Promise<ApiKeyPayload> {
    const id = fromGlobalId(input.apiKeyId, 'ApiKey', 'apiKeyId');
    const result = await ctx.services.workspaces.revokeApiKey(viewer(ctx), id, ctx.requestId);
    if (!result.ok) return { apiKey: null, secret: null, userErrors: result.errors };
    const row = await ctx.platform.prisma.apiKey.findUniqueOrThrow({ where: { id }, select: API_KEY_SELECT });
    return { apiKey: ApiKey.from(row), secret: null, userErrors: [] };
  }
}

@Resolver(() => WorkspaceMembership)
export class WorkspaceMembershipResolver {
  @FieldResolver(() => MemberUser)
  async user(@Root() membership: WorkspaceMembership, @Ctx() ctx: Context): Promise<MemberUser> {
    const row = await ctx.loaders.userById.load(membership.userRawId);
    if (!row) throw new Error('membership without user');
    return MemberUser.from(row);
  }

  @FieldResolver(() => Workspace)
  async workspace(@Root() membership: WorkspaceMembership, @Ctx() ctx: Context): Promise<Workspace> {
    const workspace = await loadWorkspace(ctx, membership.workspaceRawId);
    if (!workspace) throw new Error('membership without workspace');
    return workspace;
  }
}

@Resolver(() => Invitation)
export class InvitationFieldsResolver {
  @FieldResolver(() => MemberUser, { nullable: true })
  async invitedBy(@Root() invitation: Invitation, @Ctx() ctx: Context): Promise<MemberUser | null> {
    const row = await ctx.loaders.userById.load(invitation.invitedByRawId);
    return row ? MemberUser.from(row) : null;
  }
}
