// Who may do what inside a workspace or partner org. Pure functions over the viewer's role, so the
// services, the resolvers' field rules and the tests share one definition.
import {
  invitableWorkspaceRoles,
  isWorkspaceManager,
  partnerRoleAtLeast,
  workspaceRoleAtLeast,
  type PartnerRole,
  type WorkspaceRole,
} from '@hotlead/domain';

export const workspacePolicy = {
  /** Members see their workspace; platform admins see every workspace, read-only. */
  canView: (role: WorkspaceRole | null, isPlatformAdmin: boolean) => role !== null || isPlatformAdmin,
  /** Only owners change roles or remove other members. */
  canManageMembers: (role: WorkspaceRole | null) => workspaceRoleAtLeast(role, 'OWNER'),
  /** Owners invite with any role; admins invite members. */
  /** Owners invite with any role; admins invite members (the same rule the apps offer in their forms). */
  canInvite: (role: WorkspaceRole | null, invitedRole: WorkspaceRole) => invitableWorkspaceRoles(role).includes(invitedRole),
  canSeeInvitations: (role: WorkspaceRole | null) => isWorkspaceManager(role),
  canManageApiKeys: (role: WorkspaceRole | null) => isWorkspaceManager(role),
  /** Owners and admins buy credits and set auto-reload; every member sees the balance and history. */
  canBuyCredits: (role: WorkspaceRole | null) => isWorkspaceManager(role),
};

export const partnerOrgPolicy = {
  canView: (role: PartnerRole | null, isPlatformAdmin: boolean) => role !== null || isPlatformAdmin,
  canManageMembers: (role: PartnerRole | null) => partnerRoleAtLeast(role, 'OWNER'),
  canInvite: (role: PartnerRole | null) => partnerRoleAtLeast(role, 'OWNER'),
  canSeeInvitations: (role: PartnerRole | null) => partnerRoleAtLeast(role, 'OWNER'),
  /** Owners connect the payout account and request payouts; members see earnings and statements. */
  canManagePayouts: (role: PartnerRole | null) => partnerRoleAtLeast(role, 'OWNER'),
  /** Every member uploads leads and follows imports; only admins review them. */
  canUploadLeads: (role: PartnerRole | null) => role !== null,
};
