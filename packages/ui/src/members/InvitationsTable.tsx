import { Button, Table, Text } from '@mantine/core';
import { formatDate } from '../format/date';
import { humanizeEnum } from '../format/roles';

export interface InvitationRow {
  id: string;
  email: string;
  role: string;
  expiresAt: string;
  invitedBy?: { name: string } | null;
}

export interface InvitationsTableProps {
  invitations: readonly InvitationRow[];
  canManage: boolean;
  onRevoke: (invitation: InvitationRow) => Promise<unknown>;
}

/** Pending invitations; managers can withdraw them. */
export function InvitationsTable({ invitations, canManage, onRevoke }: InvitationsTableProps) {
  if (invitations.length === 0) {
    return (
      <Text size="sm" c="dimmed">
        No pending invitations.
      </Text>
    );
  }
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table aria-label="Pending invitations">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Email</Table.Th>
            <Table.Th>Role</Table.Th>
            <Table.Th>Invited by</Table.Th>
            <Table.Th>Expires</Table.Th>
            {canManage && <Table.Th />}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {invitations.map((invitation) => (
            <Table.Tr key={invitation.id}>
              <Table.Td>{invitation.email}</Table.Td>
              <Table.Td>{humanizeEnum(invitation.role)}</Table.Td>
              <Table.Td>{invitation.invitedBy?.name ?? '—'}</Table.Td>
              <Table.Td>{formatDate(invitation.expiresAt)}</Table.Td>
              {canManage && (
                <Table.Td ta="right">
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => void onRevoke(invitation)}
                    aria-label={`Revoke invitation for ${invitation.email}`}
                  >
                    Revoke
                  </Button>
                </Table.Td>
              )}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
