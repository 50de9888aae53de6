import { NoAccessPage, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Outlet, useParams } from 'react-router';
import { isProviderManager, type ConsoleAccess } from './access';
import { useConsoleAccess } from './useConsoleAccess';

function Guard({ allow }: { allow: (access: ConsoleAccess) => boolean }) {
  const { access, error, refetch } = useConsoleAccess();
  if (!access) return error ? <QueryErrorAlert error={error} onRetry={refetch} /> : <PageSkeleton />;
  return allow(access) ? <Outlet /> : <NoAccessPage />;
}

/** Platform admins only. */
export function RequirePlatformAdmin() {
  return <Guard allow={(access) => access.isPlatformAdmin} />;
}

/** Members of the provider workspace in the URL only. */
export function RequireProviderMembership() {
  const { workspaceId } = useParams();
  return <Guard allow={(access) => access.providerWorkspaces.some((w) => w.id === workspaceId)} />;
}

/** Managers (owners and admins) of the provider workspace in the URL only; sales users are told no. */
export function RequireProviderManager() {
  const { workspaceId } = useParams();
  return <Guard allow={(access) => isProviderManager(access, workspaceId)} />;
}
