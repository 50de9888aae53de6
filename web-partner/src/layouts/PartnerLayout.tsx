import { useQuery } from '@apollo/client/react';
import { AppShellLayout, type NavItem } from '@hotlead/ui';
import { IconBuilding, IconCash, IconChartBar, IconHistory, IconPlus, IconUpload, IconUserCircle } from '@tabler/icons-react';
import { useLocation } from 'react-router';
import { PartnerViewerDocument } from '../gql/graphql';
import { urls } from '../urls';

/** The partner portal shell: the viewer's organization(s), their supply and payouts, or "Create partner organization". */
export function PartnerLayout() {
  const { data } = useQuery(PartnerViewerDocument);
  const { pathname } = useLocation();
  const memberships = data?.me?.partnerMemberships ?? [];
  const several = memberships.length > 1;

  const navItems: NavItem[] = [
    ...memberships.flatMap(({ partnerOrg }): NavItem[] => {
      const suffix = several ? ` · ${partnerOrg.name}` : '';
      const uploadNew = urls.uploadNew(partnerOrg.id);
      return [
        { label: partnerOrg.name, to: urls.partnerOrg(partnerOrg.id), icon: <IconBuilding size={16} />, group: 'Organization', end: true },
        { label: `Dashboard${suffix}`, to: urls.supply(partnerOrg.id), icon: <IconChartBar size={16} />, group: 'Supply' },
        { label: `Upload leads${suffix}`, to: uploadNew, icon: <IconUpload size={16} />, group: 'Supply', end: true },
        {
          label: `Upload history${suffix}`,
          to: urls.uploads(partnerOrg.id),
          icon: <IconHistory size={16} />,
          group: 'Supply',
          // An upload's page belongs to the history; the wizard (also under /uploads/) does not.
          end: pathname === uploadNew,
        },
        {
          label: several ? `Payouts · ${partnerOrg.name}` : 'Earnings & payouts',
          to: urls.partnerOrgPayouts(partnerOrg.id),
          icon: <IconCash size={16} />,
          group: 'Organization',
        },
      ];
    }),
    ...(data && memberships.length === 0
      ? [{ label: 'Create partner organization', to: urls.partnerOrgNew(), icon: <IconPlus size={16} />, end: true }]
      : []),
    { label: 'Account', to: urls.account(), icon: <IconUserCircle size={16} /> },
  ];

  return <AppShellLayout appName="Hotlead Partners" navItems={navItems} accountPath={urls.account()} />;
}
