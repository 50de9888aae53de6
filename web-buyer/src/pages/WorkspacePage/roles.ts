import type { WorkspaceRole } from '../../gql/graphql';

export const WORKSPACE_ROLES: readonly WorkspaceRole[] = ['OWNER', 'ADMIN', 'MEMBER'];

/** Owners and admins manage invitations and API keys. */
export function isWorkspaceManager(role: WorkspaceRole | null | undefined): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

/** Roles a viewer may hand out in an invitation: admins cannot create owners. */
export function invitableRoles(role: WorkspaceRole | null | undefined): readonly WorkspaceRole[] {
  return role === 'OWNER' ? ['MEMBER', 'ADMIN', 'OWNER'] : ['MEMBER', 'ADMIN'];
}
