import { AppShellLayout } from '@hotlead/ui';
import { urls } from '../urls';
import { navItemsFor } from './navItems';
import { useConsoleAccess } from './useConsoleAccess';

/** The admin / provider console shell; the navigation follows the viewer's roles. */
export function AdminLayout() {
  const { access } = useConsoleAccess();
  return <AppShellLayout appName="Hotlead Console" navItems={navItemsFor(access)} accountPath={urls.account()} />;
}
