import { NoAccessPage, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Navigate } from 'react-router';
import { useConsoleAccess } from '../../layouts/useConsoleAccess';
import { urls } from '../../urls';

/** Landing: admins start at Users, provider members at their lead inbox, anyone else is told no. */
export function HomePage() {
  const { access, error, refetch } = useConsoleAccess();
  if (!access) return error ? <QueryErrorAlert error={error} onRetry={refetch} /> : <PageSkeleton />;
  if (access.isPlatformAdmin) return <Navigate to={urls.users()} replace />;
  const [provider] = access.providerWorkspaces;
  if (provider) return <Navigate to={urls.providerInbox(provider.id)} replace />;
  return (
    <NoAccessPage description="This console is for platform administrators and provider teams. Ask your workspace owner for an invitation." />
  );
}
