// Partner orgs and their members. The partner program (uploads, commissions, certification) builds on
// these rows in later modules.
import { orgNameSchema, websiteSchema, type PartnerRole } from '@hotlead/domain';
import { z } from 'zod';
import { isPlatformAdmin, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import { IdentityErrorCode, zodToUserErrors, type IdentityError } from '../identity/identity.errors.js';
import { partnerOrgPolicy } from '../identity/tenancy.policy.js';
import { uniqueSlug } from '../identity/workspace.service.js';
import { PARTNER_ORG_SELECT } from './partnerOrg.type.js';

type Outcome<T> = { ok: true; value: T } | { ok: false; errors: IdentityError[] };
const notAllowed = (message: string): Outcome<never> => ({ ok: false, errors: [{ code: IdentityErrorCode.NOT_ALLOWED, message, field: null }] });
const lastOwner = (message: string): Outcome<never> => ({ ok: false, errors: [{ code: IdentityErrorCode.LAST_OWNER, message, field: null }] });

export class PartnerOrgService {
  constructor(private readonly platform: Platform) {}

  private get prisma() {
    return this.platform.prisma;
  }

  async roleOf(userId: string, partnerOrgId: string): Promise<PartnerRole | null> {
    const m = await this.prisma.partnerMembership.findUnique({
      where: { partnerOrgId_userId: { partnerOrgId, userId } },
      select: { role: true },
    });
    return m?.role ?? null;
  }

  async viewable(principal: Principal, partnerOrgId: string) {
    const partnerOrg = await this.prisma.partnerOrg.findUnique({ where: { id: partnerOrgId }, select: PARTNER_ORG_SELECT });
    if (!partnerOrg) throw notFound('Partner org');
    const role = principal.kind === 'user' ? await this.roleOf(principal.userId, partnerOrgId) : null;
    if (!partnerOrgPolicy.canView(role, isPlatformAdmin(principal))) throw notFound('Partner org');
    return { partnerOrg, role };
  }

  async create(principal: UserPrincipal, input: { name: string; website?: string | null }, requestId?: string): Promise<Outcome<{ id: string }>> {
    const parsed = z.object({ name: orgNameSchema, website: websiteSchema.nullish() }).safeParse(input);
    if (!parsed.success) return { ok: false, errors: zodToUserErrors(parsed.error.issues) };
    const slug = await uniqueSlug(parsed.data.name, async (s) => (await this.prisma.partnerOrg.count({ where: { slug: s } })) > 0);
    const org = await this.prisma.$transaction(async (tx) => {
      const created = await tx.partnerOrg.create({ data: { name: parsed.data.name, website: parsed.data.website ?? null, slug }, select: { id: true } });
      await tx.partnerMembership.create({ data: { partnerOrgId: created.id, userId: principal.userId, role: 'OWNER' } });
      await recordAudit(tx, principal, { action: 'partner_org.created', targetType: 'PartnerOrg', targetId: created.id, partnerOrgId: created.id }, requestId);
      return created;
    });
    return { ok: true, value: org };
  }

  async changeRole(principal: UserPrincipal, membershipId: string, role: PartnerRole, requestId?: string): Promise<Outcome<{ id: string }>> {
    const membership = await this.prisma.partnerMembership.findUnique({ where: { id: membershipId }, select: { id: true, partnerOrgId: true, userId: true, role: true } });
    if (!membership) throw notFound('Membership');
    const viewerRole = await this.roleOf(principal.userId, membership.partnerOrgId);
    if (viewerRole === null) throw notFound('Membership');
    if (!partnerOrgPolicy.canManageMembers(viewerRole)) return notAllowed('Only owners can change roles.');
    if (membership.role === role) return { ok: true, value: { id: membership.id } };
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM partner_orgs WHERE id = ${membership.partnerOrgId}::uuid FOR UPDATE`;
      const owners = await tx.partnerMembership.count({ where: { partnerOrgId: membership.partnerOrgId, role: 'OWNER' } });
      if (membership.role === 'OWNER' && owners <= 1) return lastOwner('A partner org needs at least one owner. Make someone else an owner first.');
      await tx.partnerMembership.update({ where: { id: membership.id }, data: { role } });
      await recordAudit(tx, principal, {
        action: 'partner_org.member_role_changed',
        targetType: 'User',
        targetId: membership.userId,
        partnerOrgId: membership.partnerOrgId,
        details: { from: membership.role, to: role },
      }, requestId);
      return { ok: true as const, value: { id: membership.id } };
    });
  }

  async removeMember(principal: UserPrincipal, membershipId: string, requestId?: string): Promise<Outcome<{ id: string }>> {
    const membership = await this.prisma.partnerMembership.findUnique({ where: { id: membershipId }, select: { id: true, partnerOrgId: true, userId: true, role: true } });
    if (!membership) throw notFound('Membership');
    const viewerRole = await this.roleOf(principal.userId, membership.partnerOrgId);
    if (viewerRole === null) throw notFound('Membership');
    const leaving = membership.userId === principal.userId;
    if (!leaving && !partnerOrgPolicy.canManageMembers(viewerRole)) return notAllowed('Only owners can remove members.');
    return this.prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT id FROM partner_orgs WHERE id = ${membership.partnerOrgId}::uuid FOR UPDATE`;
      const owners = await tx.partnerMembership.count({ where: { partnerOrgId: membership.partnerOrgId, role: 'OWNER' } });
      if (membership.role === 'OWNER' && owners <= 1) return lastOwner('The last owner cannot leave. Make someone else an owner first.');
      await tx.partnerMembership.delete({ where: { id: membership.id } });
      await recordAudit(tx, principal, {
        action: leaving ? 'partner_org.member_left' : 'partner_org.member_removed',
        targetType: 'User',
        targetId: membership.userId,
        partnerOrgId: membership.partnerOrgId,
        details: { role: membership.role },
      }, requestId);
      return { ok: true as const, value: { id: membership.id } };
    });
  }
}
