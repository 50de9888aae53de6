import { useQuery } from '@apollo/client/react';
import { EmptyPanel, humanizeEnum, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Button, Group, Stack, Text, Title } from '@mantine/core';
import { IconCash } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { PartnerOrgPageDocument } from '../../gql/graphql';
import { urls } from '../../urls';
import { InvitationsSection } from './InvitationsSection';
import { MembersSection } from './MembersSection';
import { ProfileCard } from './ProfileCard';

/** The partner organization: profile, members, and for owners the invitations. */
export function PartnerOrgPage() {
  const { partnerOrgId = '' } = useParams();
  const { data, error, refetch } = useQuery(PartnerOrgPageDocument, { variables: { id: partnerOrgId } });

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const partnerOrg = data.partnerOrg;
  if (!partnerOrg) {
    return <EmptyPanel title="Organization not found" description="It may have been removed, or you are no longer a member." />;
  }

  return (
    <Stack gap="lg" maw={1000}>
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{partnerOrg.name}</Title>
          {partnerOrg.viewerRole && (
            <Text c="dimmed" size="sm">
              You are {humanizeEnum(partnerOrg.viewerRole).toLowerCase()}
            </Text>
          )}
        </div>
        <Button component={Link} to={urls.partnerOrgPayouts(partnerOrg.id)} variant="light" leftSection={<IconCash size={16} />}>
          Earnings & payouts
        </Button>
      </Group>
      <ProfileCard partnerOrg={partnerOrg} />
      <MembersSection partnerOrg={partnerOrg} />
      {partnerOrg.viewerRole === 'OWNER' && <InvitationsSection partnerOrgId={partnerOrg.id} />}
    </Stack>
  );
}
