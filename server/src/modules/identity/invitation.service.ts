// Invitations into a workspace or partner org: sent by email with a single-use token, accepted by a
// signed-in person whose account email matches the invited address.
import { emailSchema, PARTNER_ROLES, WORKSPACE_ROLES, type PartnerRole, type WorkspaceRole } from '@hotlead/domain';
import { Prisma } from '@hotlead/prisma';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import { IdentityErrorCode } from './identity.errors.js';
import { failure, type Outcome } from './membership.js';
import { newToken, sha256, TOKEN_PREFIX } from './secrets.js';
import { partnerOrgPolicy, workspacePolicy } from './tenancy.policy.js';
import { INVITATION_SELECT, invitationStatus } from './workspace.type.js';
import type { WorkspaceService } from './workspace.service.js';
import type { PartnerOrgService } from '../partners/partnerOrg.service.js';

const INVITATION_TTL_MS = 7 * 24 * 60 * 60_000;

export type InvitationTarget = { workspaceId: string } | { partnerOrgId: string };

export class InvitationService {
  constructor(
    private readonly platform: Platform,
    private readonly workspaces: WorkspaceService,
    private readonly partnerOrgs: PartnerOrgService,
  ) {}

  private get prisma() {
    return this.platform.prisma;
  }

  async create(
    principal: UserPrincipal,
    input: { target: InvitationTarget; email: string; role: string },
    requestId?: string,
  ): Promise<Outcome<{ id: string }>> {
    const email = emailSchema.safeParse(input.email);
    if (!email.success)
      return failure(IdentityErrorCode.INVALID_INPUT, email.error.issues[0]?.message ?? 'Enter a valid email address', ['input', 'email']);

    let targetName: string;
    if ('workspaceId' in input.target) {
      if (!(WORKSPACE_ROLES as readonly string[]).includes(input.role))
        return failure(IdentityErrorCode.INVALID_INPUT, 'Choose OWNER, ADMIN or MEMBER.', ['input', 'role']);
      const { workspace, role } = await this.workspaces.viewable(principal, input.target.workspaceId);
      if (!workspacePolicy.canInvite(role, input.role as WorkspaceRole))
        return failure(IdentityErrorCode.NOT_ALLOWED, 'You cannot invite people with this role.', ['input', 'role']);
      const already = await this.prisma.workspaceMembership.count({ where: { workspaceId: workspace.id, user: { email: email.data } } });
      if (already) return failure(IdentityErrorCode.ALREADY_MEMBER, 'This person is already a member.', ['input', 'email']);
      targetName = workspace.name;
    } else {
      if (!(PARTNER_ROLES as readonly string[]).includes(input.role))
        return failure(IdentityErrorCode.INVALID_INPUT, 'Choose OWNER or MEMBER.', ['input', 'role']);
      const { partnerOrg, role } = await this.partnerOrgs.viewable(principal, input.target.partnerOrgId);
      if (!partnerOrgPolicy.canInvite(role))
        return failure(IdentityErrorCode.NOT_ALLOWED, 'Only owners can invite people.', ['input', 'role']);
      const already = await this.prisma.partnerMembership.count({ where: { partnerOrgId: partnerOrg.id, user: { email: email.data } } });
      if (already) return failure(IdentityErrorCode.ALREADY_MEMBER, 'This person is already a member.', ['input', 'email']);
      targetName = partnerOrg.name;
    }

    const token = newToken(TOKEN_PREFIX.invitation);
    let invitation: { id: string };
    try {
      invitation = await this.prisma.$transaction(async (tx) => {
        // A pending invitation that has expired no longer blocks a new one.
        await tx.invitation.updateMany({
          where: { ...input.target, email: email.data, acceptedAt: null, revokedAt: null, expiresAt: { lte: new Date() } },
          data: { revokedAt: new Date() },
        });
        const created = await tx.invitation.create({
          data: {
            ...input.target,
            email: email.data,
            role: input.role,
            tokenHash: sha256(token),
            invitedById: principal.userId,
            expiresAt: new Date(Date.now() + INVITATION_TTL_MS),
          },
          select: { id: true },
        });
        await recordAudit(
          tx,
          principal,
          {
            action: 'invitation.created',
            targetType: 'Invitation',
            targetId: created.id,
            ...('workspaceId' in input.target ? { workspaceId: input.target.workspaceId } : { partnerOrgId: input.target.partnerOrgId }),
            details: { role: input.role },
          },
          requestId,
        );
        return created;
      });
    } catch (error) {
      if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002') {
        return failure(IdentityErrorCode.INVITATION_PENDING, 'An invitation to this address is already pending.', ['input', 'email']);
      }
      throw error;
    }
    const inviter = await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { name: true } });
    await this.platform.mail.send({
      idempotencyKey: `invitation:${invitation.id}`,
      to: email.data,
      template: 'invitation',
      data: {
        inviterName: inviter.name,
        targetName,
        role: input.role,
        url: `${this.platform.config.publicUrl}/buyer/invite/${encodeURIComponent(token)}`,
      },
    });
    return { ok: true, value: invitation };
  }

  async preview(token: string) {
    if (token.length > 200) return null;
    const row = await this.prisma.invitation.findUnique({ where: { tokenHash: sha256(token) }, select: INVITATION_SELECT });
    if (!row) return null;
    return {
      email: row.email,
      role: row.role,
      targetName: row.workspace?.name ?? row.partnerOrg?.name ?? '',
      targetKind: row.workspace ? 'WORKSPACE' : 'PARTNER_ORG',
      status: invitationStatus(row),
    };
  }

  async accept(
    principal: UserPrincipal,
    token: string,
    requestId?: string,
  ): Promise<Outcome<{ workspaceId: string | null; partnerOrgId: string | null }>> {
    const row =
      token.length <= 200
        ? await this.prisma.invitation.findUnique({
            where: { tokenHash: sha256(token) },
            select: {
              id: true,
              email: true,
              role: true,
              workspaceId: true,
              partnerOrgId: true,
              acceptedAt: true,
              revokedAt: true,
              expiresAt: true,
            },
          })
        : null;
    if (!row) return failure(IdentityErrorCode.TOKEN_INVALID, 'This invitation link is not valid.', ['input', 'token']);
    const status = invitationStatus(row);
    if (status === 'ACCEPTED') return failure(IdentityErrorCode.TOKEN_USED, 'This invitation was already accepted.', ['input', 'token']);
    if (status === 'REVOKED') return failure(IdentityErrorCode.TOKEN_INVALID, 'This invitation was withdrawn.', ['input', 'token']);
    if (status === 'EXPIRED')
      return failure(IdentityErrorCode.TOKEN_EXPIRED, 'This invitation has expired. Ask for a new one.', ['input', 'token']);
    const user = await this.prisma.user.findUniqueOrThrow({ where: { id: principal.userId }, select: { email: true } });
    if (user.email !== row.email) {
      return failure(IdentityErrorCode.EMAIL_MISMATCH, `This invitation is for ${row.email}. Sign in with that address to accept it.`, [
        'input',
        'token',
      ]);
    }
    const accepted = await this.prisma.$transaction(async (tx) => {
      const claimed = await tx.invitation.updateMany({
        where: { id: row.id, acceptedAt: null, revokedAt: null },
        data: { acceptedAt: new Date() },
      });
      if (claimed.count === 0) return false;
      if (row.workspaceId) {
        await tx.workspaceMembership.createMany({
          data: [{ workspaceId: row.workspaceId, userId: principal.userId, role: row.role as WorkspaceRole }],
          skipDuplicates: true,
        });
      } else if (row.partnerOrgId) {
        await tx.partnerMembership.createMany({
          data: [{ partnerOrgId: row.partnerOrgId, userId: principal.userId, role: row.role as PartnerRole }],
          skipDuplicates: true,
        });
      }
      // The link reached this mailbox, which confirms the address.
      await tx.user.updateMany({ where: { id: principal.userId, emailVerifiedAt: null }, data: { emailVerifiedAt: new Date() } });
      await recordAudit(
        tx,
        principal,
        {
          action: 'invitation.accepted',
          targetType: 'Invitation',
          targetId: row.id,
          workspaceId: row.workspaceId,
          partnerOrgId: row.partnerOrgId,
          details: { role: row.role },
        },
        requestId,
      );
      return true;
    });
    if (!accepted) return failure(IdentityErrorCode.TOKEN_USED, 'This invitation was already accepted.', ['input', 'token']);
    return { ok: true, value: { workspaceId: row.workspaceId, partnerOrgId: row.partnerOrgId } };
  }

  async revoke(principal: UserPrincipal, invitationId: string, requestId?: string): Promise<Outcome<{ id: string }>> {
    const row = await this.prisma.invitation.findUnique({
      where: { id: invitationId },
      select: { id: true, workspaceId: true, partnerOrgId: true, acceptedAt: true, revokedAt: true },
    });
    if (!row) throw notFound('Invitation');
    const allowed = row.workspaceId
      ? workspacePolicy.canSeeInvitations(await this.workspaces.roleOf(principal.userId, row.workspaceId))
      : partnerOrgPolicy.canSeeInvitations(await this.partnerOrgs.roleOf(principal.userId, row.partnerOrgId!));
    if (!allowed) throw notFound('Invitation');
    if (row.acceptedAt) return failure(IdentityErrorCode.TOKEN_USED, 'This invitation was already accepted.');
    if (!row.revokedAt) {
      await this.prisma.$transaction(async (tx) => {
        await tx.invitation.update({ where: { id: row.id }, data: { revokedAt: new Date() } });
        await recordAudit(
          tx,
          principal,
          {
            action: 'invitation.revoked',
            targetType: 'Invitation',
            targetId: row.id,
            workspaceId: row.workspaceId,
            partnerOrgId: row.partnerOrgId,
          },
          requestId,
        );
      });
    }
    return { ok: true, value: { id: row.id } };
  }

  /** Pending and recent invitations of a target, newest first. */
  list(target: InvitationTarget) {
    return this.prisma.invitation.findMany({
      where: { ...target, acceptedAt: null, revokedAt: null },
      select: INVITATION_SELECT,
      orderBy: { createdAt: 'desc' },
      take: 100,
    });
  }
}
