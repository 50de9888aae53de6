// Changing and removing members, shared by workspaces and partner orgs so the rules live in one place:
// only managers change roles or remove others, anyone may leave, and the last owner can do neither.
// The tenant row is locked while owners are counted, so two owners demoting each other at the same
// moment cannot both succeed.
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit } from '../../platform/audit.js';
import type { Db } from '../../platform/db/client.js';
import { notFound } from '../../platform/graphql/errors.js';
import { IdentityErrorCode, type IdentityError } from './identity.errors.js';

export type Tx = Parameters<Parameters<Db['$transaction']>[0]>[0];
export type Outcome<T> = { ok: true; value: T } | { ok: false; errors: IdentityError[] };

export const failure = (code: IdentityErrorCode, message: string, field: string[] | null = null): Outcome<never> => ({
  ok: false,
  errors: [{ code, message, field }],
});

export interface MembershipRow<Role extends string> {
  id: string;
  tenantId: string;
  userId: string;
  role: Role;
}

/** How one kind of tenant stores its memberships. */
export interface MembershipStore<Role extends string> {
  /** "workspace" or "partner org", for messages. */
  noun: string;
  /** Audit action prefix: "workspace" or "partner_org". */
  auditPrefix: string;
  tenantAudit(tenantId: string): { workspaceId?: string; partnerOrgId?: string };
  find(id: string): Promise<MembershipRow<Role> | null>;
  roleOf(userId: string, tenantId: string): Promise<Role | null>;
  canManage(role: Role | null): boolean;
  lockTenant(tx: Tx, tenantId: string): Promise<void>;
  ownerCount(tx: Tx, tenantId: string): Promise<number>;
  setRole(tx: Tx, id: string, role: Role): Promise<void>;
  remove(tx: Tx, id: string): Promise<void>;
}

async function loadForViewer<Role extends string>(store: MembershipStore<Role>, principal: UserPrincipal, membershipId: string) {
  const membership = await store.find(membershipId);
  if (!membership) throw notFound('Membership');
  const viewerRole = await store.roleOf(principal.userId, membership.tenantId);
  if (viewerRole === null) throw notFound('Membership');
  return { membership, viewerRole };
}

export async function changeMemberRole<Role extends string>(
  prisma: Db,
  store: MembershipStore<Role>,
  principal: UserPrincipal,
  membershipId: string,
  role: Role,
  requestId?: string,
): Promise<Outcome<{ id: string }>> {
  const { membership, viewerRole } = await loadForViewer(store, principal, membershipId);
  if (!store.canManage(viewerRole)) return failure(IdentityErrorCode.NOT_ALLOWED, 'Only owners can change roles.');
  if (membership.role === role) return { ok: true, value: { id: membership.id } };
  return prisma.$transaction(async (tx) => {
    await store.lockTenant(tx, membership.tenantId);
    if (membership.role === 'OWNER' && role !== 'OWNER' && (await store.ownerCount(tx, membership.tenantId)) <= 1) {
      return failure(IdentityErrorCode.LAST_OWNER, `A ${store.noun} needs at least one owner. Make someone else an owner first.`, [
        'input',
        'role',
      ]);
    }
    await store.setRole(tx, membership.id, role);
    await recordAudit(
      tx,
      principal,
      {
        action: `${store.auditPrefix}.member_role_changed`,
        targetType: 'User',
        targetId: membership.userId,
        ...store.tenantAudit(membership.tenantId),
        details: { from: membership.role, to: role },
      },
      requestId,
    );
    return { ok: true as const, value: { id: membership.id } };
  });
}

export async function removeMember<Role extends string>(
  prisma: Db,
  store: MembershipStore<Role>,
  principal: UserPrincipal,
  membershipId: string,
  requestId?: string,
): Promise<Outcome<{ id: string }>> {
  const { membership, viewerRole } = await loadForViewer(store, principal, membershipId);
  const leaving = membership.userId === principal.userId;
  if (!leaving && !store.canManage(viewerRole)) return failure(IdentityErrorCode.NOT_ALLOWED, 'Only owners can remove members.');
  return prisma.$transaction(async (tx) => {
    await store.lockTenant(tx, membership.tenantId);
    if (membership.role === 'OWNER' && (await store.ownerCount(tx, membership.tenantId)) <= 1) {
      return failure(IdentityErrorCode.LAST_OWNER, 'The last owner cannot leave. Make someone else an owner first.');
    }
    await store.remove(tx, membership.id);
    await recordAudit(
      tx,
      principal,
      {
        action: leaving ? `${store.auditPrefix}.member_left` : `${store.auditPrefix}.member_removed`,
        targetType: 'User',
        targetId: membership.userId,
        ...store.tenantAudit(membership.tenantId),
        details: { role: membership.role },
      },
      requestId,
    );
    return { ok: true as const, value: { id: membership.id } };
  });
}
