// Role ladders: a higher rank includes everything a lower one may do.

export const WORKSPACE_ROLES = ['OWNER', 'ADMIN', 'MEMBER'] as const;
export type WorkspaceRole = (typeof WORKSPACE_ROLES)[number];

export const PARTNER_ROLES = ['OWNER', 'MEMBER'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

const WORKSPACE_RANK: Record<WorkspaceRole, number> = { OWNER: 3, ADMIN: 2, MEMBER: 1 };
const PARTNER_RANK: Record<PartnerRole, number> = { OWNER: 2, MEMBER: 1 };

export function workspaceRoleAtLeast(role: WorkspaceRole | null | undefined, needed: WorkspaceRole): boolean {
  return role != null && WORKSPACE_RANK[role] >= WORKSPACE_RANK[needed];
}

export function partnerRoleAtLeast(role: PartnerRole | null | undefined, needed: PartnerRole): boolean {
  return role != null && PARTNER_RANK[role] >= PARTNER_RANK[needed];
}

/** In provider workspaces OWNER and ADMIN act as managers, MEMBER as sales users. */
export function providerFunction(role: WorkspaceRole): 'MANAGER' | 'SALES_USER' {
  return role === 'MEMBER' ? 'SALES_USER' : 'MANAGER';
}

/** Owners and admins manage a workspace's invitations and API keys. */
export function isWorkspaceManager(role: WorkspaceRole | null | undefined): boolean {
  return workspaceRoleAtLeast(role, 'ADMIN');
}

/** Roles a member may grant in an invitation: owners any, admins members only, members none. */
export function invitableWorkspaceRoles(role: WorkspaceRole | null | undefined): readonly WorkspaceRole[] {
  if (role === 'OWNER') return ['MEMBER', 'ADMIN', 'OWNER'];
  if (role === 'ADMIN') return ['MEMBER'];
  return [];
}
