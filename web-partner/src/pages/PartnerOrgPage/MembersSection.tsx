import { useMutation } from '@apollo/client/react';
import { MembersTable, notifyError, notifyFailure, notifySuccess, useViewer, type MemberRow } from '@hotlead/ui';
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

  const onRoleChange = async (member: MemberRow<PartnerRole>, role: PartnerRole) => {
    try {
      const { data } = await roleChange({ variables: { membershipId: member.id, role } });
      const firstError = data?.partnerMemberRoleChange.userErrors[0];
      if (firstError) notifyFailure(firstError.message, 'Role not changed');
      else notifySuccess(`${member.user.name} is now ${role.toLowerCase()}.`);
    } catch (error) {
      notifyError(error, 'Role not changed');
    }
  };

  const onRemove = async (member: MemberRow<PartnerRole>) => {
    try {
      const { data } = await remove({ variables: { membershipId: member.id } });
      const firstError = data?.partnerMemberRemove.userErrors[0];
      if (firstError) notifyFailure(firstError.message, 'Member not removed');
      else notifySuccess(`${member.user.name} was removed from ${partnerOrg.name}.`);
    } catch (error) {
      notifyError(error, 'Member not removed');
    }
  };

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
