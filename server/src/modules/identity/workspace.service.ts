// Workspaces, their members and their API keys. Row access is decided here through the tenancy
// policy, so resolvers, jobs and tests get the same answers.
import { orgNameSchema, slugify, type WorkspaceRole } from '@hotlead/domain';
import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { isPlatformAdmin, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import { IdentityErrorCode, zodToUserErrors } from './identity.errors.js';
import { changeMemberRole, failure, removeMember, type MembershipStore, type Outcome } from './membership.js';
import { newToken, sha256, TOKEN_PREFIX } from './secrets.js';
import { workspacePolicy } from './tenancy.policy.js';
import { API_KEY_SELECT, WORKSPACE_SELECT } from './workspace.type.js';

export const API_KEY_SCOPES = ['marketplace:read', 'packs:read', 'packs:query'] as const;

const notAllowed = (message: string) => failure(IdentityErrorCode.NOT_ALLOWED, message);

/** A unique slug for a new row: the name's slug, with a short random suffix when it is taken. */
export async function uniqueSlug(name: string, taken: (slug: string) => Promise<boolean>): Promise<string> {
  const base = slugify(name);
  if (!(await taken(base))) return base;
  for (;;) {
    const candidate = `${base}-${randomBytes(3).toString('hex')}`;
    if (!(await taken(candidate))) return candidate;
  }
}

export class WorkspaceService {
  constructor(private readonly platform: Platform) {}

  private get prisma() {
    return this.platform.prisma;
  }

  async roleOf(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
    const m = await this.prisma.workspaceMembership.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
      select: { role: true },
    });
    return m?.role ?? null;
  }

  /** The workspace when the principal may see it; NOT_FOUND otherwise (existence is not revealed). */
  async viewable(principal: Principal, workspaceId: string) {
    const workspace = await this.prisma.workspace.findUnique({ where: { id: workspaceId }, select: WORKSPACE_SELECT });
    if (!workspace) throw notFound('Workspace');
    const role = principal.kind === 'user' ? await this.roleOf(principal.userId, workspaceId) : null;
    const apiKeyOwn = principal.kind === 'apiKey' && principal.workspaceId === workspaceId;
    if (!apiKeyOwn && !workspacePolicy.canView(role, isPlatformAdmin(principal))) throw notFound('Workspace');
    return { workspace, role };
  }

  async create(
    principal: UserPrincipal,
    input: { name: string; kind: 'BUYER' | 'PROVIDER' },
    requestId?: string,
  ): Promise<Outcome<{ id: string }>> {
    const parsed = z.object({ name: orgNameSchema, kind: z.enum(['BUYER', 'PROVIDER']) }).safeParse(input);
    if (!parsed.success) return { ok: false, errors: zodToUserErrors(parsed.error.issues) };
    const slug = await uniqueSlug(parsed.data.name, async (s) => (await this.prisma.workspace.count({ where: { slug: s } })) > 0);
    const workspace = await this.prisma.$transaction(async (tx) => {
      const created = await tx.workspace.create({ data: { name: parsed.data.name, kind: parsed.data.kind, slug }, select: { id: true } });
      await tx.workspaceMembership.create({ data: { workspaceId: created.id, userId: principal.userId, role: 'OWNER' } });
      await recordAudit(
        tx,
        principal,
        { action: 'workspace.created', targetType: 'Workspace', targetId: created.id, workspaceId: created.id },
        requestId,
      );
      return created;
    });
    return { ok: true, value: workspace };
  }

  /** How workspace memberships are stored, for the shared member rules. */
  private readonly members: MembershipStore<WorkspaceRole> = {
    noun: 'workspace',
    auditPrefix: 'workspace',
    tenantAudit: (workspaceId) => ({ workspaceId }),
    find: async (id) => {
      const m = await this.prisma.workspaceMembership.findUnique({
        where: { id },
        select: { id: true, workspaceId: true, userId: true, role: true },
      });
      return m && { id: m.id, tenantId: m.workspaceId, userId: m.userId, role: m.role };
    },
    roleOf: (userId, workspaceId) => this.roleOf(userId, workspaceId),
    canManage: (role) => workspacePolicy.canManageMembers(role),
    lockTenant: async (tx, workspaceId) => {
      await tx.$queryRaw`SELECT id FROM workspaces WHERE id = ${workspaceId}::uuid FOR UPDATE`;
    },
    ownerCount: (tx, workspaceId) => tx.workspaceMembership.count({ where: { workspaceId, role: 'OWNER' } }),
    setRole: async (tx, id, role) => {
      await tx.workspaceMembership.update({ where: { id }, data: { role } });
    },
    remove: async (tx, id) => {
      await tx.workspaceMembership.delete({ where: { id } });
    },
  };

  /** Owners change roles; the last owner cannot be demoted. */
  changeRole(principal: UserPrincipal, membershipId: string, role: WorkspaceRole, requestId?: string): Promise<Outcome<{ id: string }>> {
    return changeMemberRole(this.prisma, this.members, principal, membershipId, role, requestId);
  }

  /** Owners remove members; anyone may leave; the last owner may do neither. */
  removeMember(principal: UserPrincipal, membershipId: string, requestId?: string): Promise<Outcome<{ id: string }>> {
    return removeMember(this.prisma, this.members, principal, membershipId, requestId);
  }

  async listApiKeys(workspaceId: string) {
    return this.prisma.apiKey.findMany({ where: { workspaceId }, select: API_KEY_SELECT, orderBy: { createdAt: 'desc' }, take: 100 });
  }

  /** Creates a key and returns its secret, which is never retrievable again. */
  async createApiKey(
    principal: UserPrincipal,
    input: { workspaceId: string; name: string; scopes?: string[] | null },
    requestId?: string,
  ): Promise<Outcome<{ id: string; secret: string }>> {
    const parsed = z
      .object({
        name: z.string().trim().min(1, 'Name the key').max(100),
        scopes: z.array(z.enum(API_KEY_SCOPES)).max(10).default(['packs:read']),
      })
      .safeParse({ name: input.name, scopes: input.scopes ?? undefined });
    if (!parsed.success) return { ok: false, errors: zodToUserErrors(parsed.error.issues) };
    const { role } = await this.viewable(principal, input.workspaceId);
    if (!workspacePolicy.canManageApiKeys(role)) return notAllowed('Only owners and admins can create API keys.');
    const secret = newToken(TOKEN_PREFIX.apiKey, 24);
    const key = await this.prisma.$transaction(async (tx) => {
      const created = await tx.apiKey.create({
        data: {
          workspaceId: input.workspaceId,
          name: parsed.data.name,
          prefix: secret.slice(0, TOKEN_PREFIX.apiKey.length + 6),
          keyHash: sha256(secret),
          scopes: [...new Set(parsed.data.scopes)],
          createdById: principal.userId,
        },
        select: { id: true },
      });
      await recordAudit(
        tx,
        principal,
        {
          action: 'api_key.created',
          targetType: 'ApiKey',
          targetId: created.id,
          workspaceId: input.workspaceId,
          details: { scopes: parsed.data.scopes },
        },
        requestId,
      );
      return created;
    });
    return { ok: true, value: { id: key.id, secret } };
  }

  async revokeApiKey(principal: UserPrincipal, apiKeyId: string, requestId?: string): Promise<Outcome<{ id: string }>> {
    const key = await this.prisma.apiKey.findUnique({ where: { id: apiKeyId }, select: { id: true, workspaceId: true, revokedAt: true } });
    if (!key) throw notFound('API key');
    const role = await this.roleOf(principal.userId, key.workspaceId);
    if (role === null) throw notFound('API key');
    if (!workspacePolicy.canManageApiKeys(role)) return notAllowed('Only owners and admins can revoke API keys.');
    if (!key.revokedAt) {
      await this.prisma.$transaction(async (tx) => {
        await tx.apiKey.update({ where: { id: key.id }, data: { revokedAt: new Date() } });
        await recordAudit(
          tx,
          principal,
          { action: 'api_key.revoked', targetType: 'ApiKey', targetId: key.id, workspaceId: key.workspaceId },
          requestId,
        );
      });
    }
    return { ok: true, value: { id: key.id } };
  }
}
