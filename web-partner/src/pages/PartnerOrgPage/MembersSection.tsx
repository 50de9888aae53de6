import { useMutation } from '@apollo/client/react';
import { type MemberRow, MembersTable, reportOutcome, useViewer } from '@hotlead/ui';
import { Paper, Stack, Title } from '@mantine/core';
import {
  PartnerMemberRemoveDocument,
  PartnerMemberRoleChangeDocument,
  PartnerOrgPageDocument,
  type PartnerOrgPageQuery,
  type PartnerRole,
} from '../../gql/graphql';

type PartnerOrg = NonNullable<PartnerOrgPageQuery['partnerOrg']>;

export const PARTNER_ROLES: readonly PartnerRole[] = ['OWNER', 'MEMBER'];

/** The organization's members; owners change roles and remove people. */
export function MembersSection({ partnerOrg }: { partnerOrg: PartnerOrg }) {
  const viewer = useViewer();
  const refetch = { refetchQueries: [PartnerOrgPageDocument], awaitRefetchQueries: true };
  const [roleChange] = useMutation(PartnerMemberRoleChangeDocument, refetch);
  const [remove] = useMutation(PartnerMemberRemoveDocument, refetch);

  const onRoleChange = (member: MemberRow<PartnerRole>, role: PartnerRole) =>
    reportOutcome(async () => (await roleChange({ variables: { membershipId: member.id, role } })).data?.partnerMemberRoleChange, {
      success: `${member.user.name} is now ${role.toLowerCase()}.`,
      failureTitle: 'Role not changed',
    });

  const onRemove = (member: MemberRow<PartnerRole>) =>
    reportOutcome(async () => (await remove({ variables: { membershipId: member.id } })).data?.partnerMemberRemove, {
      success: `${member.user.name} was removed from ${partnerOrg.name}.`,
      failureTitle: 'Member not removed',
    });

  return (
    <Paper>
      <Stack gap="sm">
        <Title order={3} size="h4">
          Members
        </Title>
        <MembersTable
          members={partnerOrg.members}
          roles={PARTNER_ROLES}
          canManage={partnerOrg.viewerRole === 'OWNER'}
          viewer={viewer}
          onRoleChange={onRoleChange}
          onRemove={onRemove}
        />
      </Stack>
    </Paper>
  );
}
