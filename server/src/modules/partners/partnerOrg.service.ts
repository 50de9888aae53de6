// Partner orgs and their members. The partner program (uploads, commissions, certification) builds on
// these rows in later modules.
import { orgNameSchema, websiteSchema, type PartnerRole } from '@hotlead/domain';
import { z } from 'zod';
import { isPlatformAdmin, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import { notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import { zodToUserErrors } from '../identity/identity.errors.js';
import { changeMemberRole, removeMember, type MembershipStore, type Outcome } from '../identity/membership.js';
import { partnerOrgPolicy } from '../identity/tenancy.policy.js';
import { uniqueSlug } from '../identity/workspace.service.js';
import { PARTNER_ORG_SELECT } from './partnerOrg.type.js';

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

  async create(
    principal: UserPrincipal,
    input: { name: string; website?: string | null },
    requestId?: string,
  ): Promise<Outcome<{ id: string }>> {
    const parsed = z.object({ name: orgNameSchema, website: websiteSchema.nullish() }).safeParse(input);
    if (!parsed.success) return { ok: false, errors: zodToUserErrors(parsed.error.issues) };
    const slug = await uniqueSlug(parsed.data.name, async (s) => (await this.prisma.partnerOrg.count({ where: { slug: s } })) > 0);
    const org = await this.prisma.$transaction(async (tx) => {
      const created = await tx.partnerOrg.create({
        data: { name: parsed.data.name, website: parsed.data.website ?? null, slug },
        select: { id: true },
      });
      await tx.partnerMembership.create({ data: { partnerOrgId: created.id, userId: principal.userId, role: 'OWNER' } });
      await recordAudit(
        tx,
        principal,
        { action: 'partner_org.created', targetType: 'PartnerOrg', targetId: created.id, partnerOrgId: created.id },
        requestId,
      );
      return created;
    });
    return { ok: true, value: org };
  }

  /** How partner memberships are stored, for the shared member rules. */
  private readonly members: MembershipStore<PartnerRole> = {
    noun: 'partner org',
    auditPrefix: 'partner_org',
    tenantAudit: (partnerOrgId) => ({ partnerOrgId }),
    find: async (id) => {
      const m = await this.prisma.partnerMembership.findUnique({
        where: { id },
        select: { id: true, partnerOrgId: true, userId: true, role: true },
      });
      return m && { id: m.id, tenantId: m.partnerOrgId, userId: m.userId, role: m.role };
    },
    roleOf: (userId, partnerOrgId) => this.roleOf(userId, partnerOrgId),
    canManage: (role) => partnerOrgPolicy.canManageMembers(role),
    lockTenant: async (tx, partnerOrgId) => {
      await tx.$queryRaw`SELECT id FROM partner_orgs WHERE id = ${partnerOrgId}::uuid FOR UPDATE`;
    },
    ownerCount: (tx, partnerOrgId) => tx.partnerMembership.count({ where: { partnerOrgId, role: 'OWNER' } }),
    setRole: async (tx, id, role) => {
      await tx.partnerMembership.update({ where: { id }, data: { role } });
    },
    remove: async (tx, id) => {
      await tx.partnerMembership.delete({ where: { id } });
    },
  };

  changeRole(principal: UserPrincipal, membershipId: string, role: PartnerRole, requestId?: string): Promise<Outcome<{ id: string }>> {
    return changeMemberRole(this.prisma, this.members, principal, membershipId, role, requestId);
  }

  removeMember(principal: UserPrincipal, membershipId: string, requestId?: string): Promise<Outcome<{ id: string }>> {
    return removeMember(this.prisma, this.members, principal, membershipId, requestId);
  }
}
