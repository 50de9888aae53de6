import { useQuery } from '@apollo/client/react';
import { AppShellLayout, type NavItem } from '@hotlead/ui';
import { IconBuilding, IconCash, IconPlus, IconUserCircle } from '@tabler/icons-react';
import { PartnerViewerDocument } from '../gql/graphql';
import { urls } from '../urls';

/** The partner portal shell: the viewer's organization(s) and their payouts, or "Create partner organization". */
export function PartnerLayout() {
  const { data } = useQuery(PartnerViewerDocument);
  const memberships = data?.me?.partnerMemberships ?? [];

  const navItems: NavItem[] = [
    ...memberships.flatMap((m) => [
      {
        label: m.partnerOrg.name,
        to: urls.partnerOrg(m.partnerOrg.id),
        icon: <IconBuilding size={16} />,
        group: 'Organization',
        end: true,
      },
      {
        label: memberships.length > 1 ? `Payouts · ${m.partnerOrg.name}` : 'Earnings & payouts',
        to: urls.partnerOrgPayouts(m.partnerOrg.id),
        icon: <IconCash size={16} />,
        group: 'Organization',
      },
    ]),
    ...(data && memberships.length === 0
      ? [{ label: 'Create partner organization', to: urls.partnerOrgNew(), icon: <IconPlus size={16} />, end: true }]
      : []),
    { label: 'Account', to: urls.account(), icon: <IconUserCircle size={16} /> },
  ];

  return <AppShellLayout appName="Hotlead Partners" navItems={navItems} accountPath={urls.account()} />;
}
