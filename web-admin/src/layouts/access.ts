import { isWorkspaceManager } from '@hotlead/domain';
import type { AdminViewerQuery, WorkspaceRole } from '../gql/graphql';

export interface ProviderWorkspace {
  id: string;
  name: string;
  role: WorkspaceRole;
}

export interface ConsoleAccess {
  isPlatformAdmin: boolean;
  providerWorkspaces: ProviderWorkspace[];
}

/** Who may use which part of this console: platform admins, and members of provider workspaces. */
export function consoleAccess(me: AdminViewerQuery['me']): ConsoleAccess {
  return {
    isPlatformAdmin: me?.platformRole === 'ADMIN',
    providerWorkspaces: (me?.workspaceMemberships ?? [])
      .filter((m) => m.workspace.kind === 'PROVIDER')
      .map((m) => ({ id: m.workspace.id, name: m.workspace.name, role: m.role })),
  };
}

export function hasAnyAccess(access: ConsoleAccess): boolean {
  return access.isPlatformAdmin || access.providerWorkspaces.length > 0;
}

/** Whether the viewer manages (owner or admin) the provider workspace: team view and routing settings. */
export function isProviderManager(access: ConsoleAccess, workspaceId: string | undefined): boolean {
  return access.providerWorkspaces.some((w) => w.id === workspaceId && isWorkspaceManager(w.role));
}
