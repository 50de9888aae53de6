import type { WorkspaceRole } from '../../gql/graphql';

/** In provider workspaces owners and admins are managers; members are sales users. */
export const PROVIDER_ROLES: readonly WorkspaceRole[] = ['OWNER', 'ADMIN', 'MEMBER'];

export function isProviderManager(role: WorkspaceRole | null | undefined): boolean {
  return role === 'OWNER' || role === 'ADMIN';
}

export function invitableProviderRoles(role: WorkspaceRole | null | undefined): readonly WorkspaceRole[] {
  return role === 'OWNER' ? ['MEMBER', 'ADMIN', 'OWNER'] : ['MEMBER', 'ADMIN'];
}
