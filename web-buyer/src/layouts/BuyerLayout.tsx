import { useQuery } from '@apollo/client/react';
import { AppShellLayout, type NavItem } from '@hotlead/ui';
import {
  IconBookmarks,
  IconBuildingStore,
  IconCoins,
  IconPlus,
  IconReceipt,
  IconSearch,
  IconShoppingCart,
  IconUserCircle,
} from '@tabler/icons-react';
import { useParams } from 'react-router';
import { BuyerViewerDocument } from '../gql/graphql';
import { urls } from '../urls';
import { buyerMemberships } from './buyerMemberships';
import { HeaderCreditBalance } from './HeaderCreditBalance';

/**
 * The buyer console shell: one nav entry per buyer workspace, then "New workspace", the current
 * workspace's marketplace, saved segments, cart, lead purchases and credits, and Account; the header shows the current workspace's live credit balance.
 * The current workspace is the one in the URL, else the first buyer workspace.
 */
export function BuyerLayout() {
  const { data } = useQuery(BuyerViewerDocument);
  const { workspaceId } = useParams();
  const memberships = buyerMemberships(data?.me ?? null);
  const current = memberships.find((m) => m.workspace.id === workspaceId) ?? memberships[0] ?? null;

  const navItems: NavItem[] = [
    ...memberships.map((m) => ({
      label: m.workspace.name,
      to: urls.workspace(m.workspace.id),
      icon: <IconBuildingStore size={16} />,
      group: 'Workspaces',
      end: true,
    })),
    { label: 'New workspace', to: urls.workspaceNew(), icon: <IconPlus size={16} />, group: 'Workspaces', end: true },
    ...(current
      ? [
          { label: 'Marketplace', to: urls.marketplace(current.workspace.id), icon: <IconSearch size={16} /> },
          { label: 'Segments', to: urls.segments(current.workspace.id), icon: <IconBookmarks size={16} /> },
          { label: 'Cart', to: urls.cart(current.workspace.id), icon: <IconShoppingCart size={16} /> },
          { label: 'Purchases', to: urls.purchases(current.workspace.id), icon: <IconReceipt size={16} /> },
          { label: 'Credits', to: urls.workspaceCredits(current.workspace.id), icon: <IconCoins size={16} /> },
        ]
      : []),
    { label: 'Account', to: urls.account(), icon: <IconUserCircle size={16} /> },
  ];

  return (
    <AppShellLayout
      appName="Hotlead Buyer"
      navItems={navItems}
      accountPath={urls.account()}
      headerActions={current && <HeaderCreditBalance workspaceId={current.workspace.id} workspaceName={current.workspace.name} />}
    />
  );
}
