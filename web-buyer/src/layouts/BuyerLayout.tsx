import { useQuery } from '@apollo/client/react';
import { AppShellLayout, type NavItem } from '@hotlead/ui';
import { IconBuildingStore, IconPlus, IconUserCircle } from '@tabler/icons-react';
import { BuyerViewerDocument } from '../gql/graphql';
import { urls } from '../urls';
import { buyerMemberships } from './buyerMemberships';

/** The buyer console shell: one nav entry per buyer workspace, then "New workspace" and Account. */
export function BuyerLayout() {
  const { data } = useQuery(BuyerViewerDocument);
  const memberships = buyerMemberships(data?.me ?? null);

  const navItems: NavItem[] = [
    ...memberships.map((m) => ({
      label: m.workspace.name,
      to: urls.workspace(m.workspace.id),
      icon: <IconBuildingStore size={16} />,
      group: 'Workspaces',
    })),
    { label: 'New workspace', to: urls.workspaceNew(), icon: <IconPlus size={16} />, group: 'Workspaces', end: true },
    { label: 'Account', to: urls.account(), icon: <IconUserCircle size={16} /> },
  ];

  return <AppShellLayout appName="Hotlead Buyer" navItems={navItems} accountPath={urls.account()} />;
}
