import { isWorkspaceManager } from '@hotlead/domain';
import type { NavItem } from '@hotlead/ui';
import {
  IconBook2,
  IconBuilding,
  IconBuildingStore,
  IconCash,
  IconChartBar,
  IconClipboardCheck,
  IconCoins,
  IconCopy,
  IconDatabase,
  IconFileUpload,
  IconAdjustmentsHorizontal,
  IconChartDots,
  IconFlag,
  IconGavel,
  IconInbox,
  IconMessages,
  IconRoute,
  IconSettings,
  IconMail,
  IconPackage,
  IconReceipt,
  IconShieldOff,
  IconUserCircle,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { urls } from '../urls';
import type { ConsoleAccess } from './access';

/** Navigation for what the viewer may do: the admin console, each provider console, their account. */
export function navItemsFor(access: ConsoleAccess | undefined): NavItem[] {
  if (!access) return [];
  const items: NavItem[] = [];
  if (access.isPlatformAdmin) {
    const group = 'Platform admin';
    items.push(
      { label: 'Users', to: urls.users(), icon: <IconUsers size={16} />, group },
      { label: 'Workspaces', to: urls.workspaces(), icon: <IconBuildingStore size={16} />, group },
      { label: 'Partner orgs', to: urls.partnerOrgs(), icon: <IconBuilding size={16} />, group },
      { label: 'Dev mailbox', to: urls.devMailbox(), icon: <IconMail size={16} />, group },
    );
    const finance = 'Finance';
    items.push(
      { label: 'Finance dashboard', to: urls.finance(), icon: <IconChartBar size={16} />, group: finance, end: true },
      { label: 'Credit packages', to: urls.financePackages(), icon: <IconPackage size={16} />, group: finance },
      { label: 'Credit adjustments', to: urls.financeAdjust(), icon: <IconCoins size={16} />, group: finance },
      { label: 'Payout runs', to: urls.financePayouts(), icon: <IconCash size={16} />, group: finance },
      { label: 'Ledger', to: urls.financeLedger(), icon: <IconBook2 size={16} />, group: finance },
    );
    const supply = 'Supply';
    items.push(
      { label: 'Review queue', to: urls.supplyReview(), icon: <IconClipboardCheck size={16} />, group: supply },
      { label: 'Uploads', to: urls.supplyUploads(), icon: <IconFileUpload size={16} />, group: supply },
      { label: 'Duplicates', to: urls.supplyDuplicates(), icon: <IconCopy size={16} />, group: supply },
      { label: 'Inventory', to: urls.supplyInventory(), icon: <IconDatabase size={16} />, group: supply },
    );
    const marketplace = 'Marketplace';
    items.push(
      { label: 'Purchases', to: urls.marketplacePurchases(), icon: <IconReceipt size={16} />, group: marketplace },
      { label: 'Bad-lead reports', to: urls.marketplaceReports(), icon: <IconFlag size={16} />, group: marketplace },
      { label: 'Suppression list', to: urls.marketplaceSuppression(), icon: <IconShieldOff size={16} />, group: marketplace },
    );
    const conversations = 'Conversations';
    items.push(
      // Exact match: the requests, disputes and settings pages live under /conversations/ too.
      { label: 'Conversations', to: urls.conversations(), icon: <IconMessages size={16} />, group: conversations, end: true },
      { label: 'Requests', to: urls.conversationRequests(), icon: <IconRoute size={16} />, group: conversations },
      { label: 'Disputes', to: urls.conversationDisputes(), icon: <IconGavel size={16} />, group: conversations },
      { label: 'Relay settings', to: urls.conversationSettings(), icon: <IconSettings size={16} />, group: conversations },
    );
  }
  const single = access.providerWorkspaces.length === 1;
  for (const workspace of access.providerWorkspaces) {
    const group = single ? 'Provider console' : `Provider console · ${workspace.name}`;
    items.push({ label: 'Lead inbox', to: urls.providerInbox(workspace.id), icon: <IconInbox size={16} />, group });
    // Sales users work their leads; the team's figures and the routing settings are for managers.
    if (isWorkspaceManager(workspace.role)) {
      items.push(
        { label: 'Team', to: urls.providerTeam(workspace.id), icon: <IconChartDots size={16} />, group },
        { label: 'Routing settings', to: urls.providerSettings(workspace.id), icon: <IconAdjustmentsHorizontal size={16} />, group },
      );
    }
    items.push({ label: 'Members', to: urls.providerMembers(workspace.id), icon: <IconUsersGroup size={16} />, group });
  }
  items.push({ label: 'Account', to: urls.account(), icon: <IconUserCircle size={16} /> });
  return items;
}
