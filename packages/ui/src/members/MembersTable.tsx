import { Badge, Button, Group, Modal, Select, Stack, Table, Text } from '@mantine/core';
import { useState } from 'react';
import { humanizeEnum } from '../format/roles';

export interface MemberRow<R extends string> {
  id: string;
  role: R;
  user: { id: string; name: string; email: string };
}

export interface MembersTableProps<R extends string> {
  members: readonly MemberRow<R>[];
  roles: readonly R[];
  /** Owners manage: role changes and removals. */
  canManage: boolean;
  /** The signed-in user, matched by id or email (a member's id may be a different global id). */
  viewer: { id: string; email: string };
  onRoleChange: (member: MemberRow<R>, role: R) => Promise<unknown>;
  onRemove: (member: MemberRow<R>) => Promise<unknown>;
}

/** Members with their roles; managers change roles inline and remove after confirming. */
export function MembersTable<R extends string>({ members, roles, canManage, viewer, onRoleChange, onRemove }: MembersTableProps<R>) {
  const [removing, setRemoving] = useState<MemberRow<R> | null>(null);
  const [busy, setBusy] = useState(false);
  const roleOptions = roles.map((r) => ({ value: r, label: humanizeEnum(r) }));

  const confirmRemove = async () => {
    if (!removing) return;
    setBusy(true);
    try {
      await onRemove(removing);
    } finally {
      setBusy(false);
      setRemoving(null);
    }
  };

  return (
    <>
      <Table.ScrollContainer minWidth={520}>
        <Table aria-label="Members">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Name</Table.Th>
              <Table.Th>Email</Table.Th>
              <Table.Th>Role</Table.Th>
              {canManage && <Table.Th />}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {members.map((member) => {
              const isViewer = member.user.id === viewer.id || member.user.email.toLowerCase() === viewer.email.toLowerCase();
              return (
                <Table.Tr key={member.id}>
                  <Table.Td>
                    {member.user.name}{' '}
                    {isViewer && (
                      <Badge size="xs" variant="light">
                        You
                      </Badge>
                    )}
                  </Table.Td>
                  <Table.Td>{member.user.email}</Table.Td>
                  <Table.Td>
                    {canManage && !isViewer ? (
                      <Select
                        aria-label={`Role of ${member.user.name}`}
                        data={roleOptions}
                        value={member.role}
                        allowDeselect={false}
                        size="xs"
                        w={140}
                        onChange={(value) => {
                          const role = roles.find((r) => r === value);
                          if (role && role !== member.role) void onRoleChange(member, role);
                        }}
                      />
                    ) : (
                      <Badge variant="light" color={member.role === 'OWNER' ? 'orange' : 'gray'}>
                        {humanizeEnum(member.role)}
                      </Badge>
                    )}
                  </Table.Td>
                  {canManage && (
                    <Table.Td ta="right">
                      {!isViewer && (
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red"
                          onClick={() => setRemoving(member)}
                          aria-label={`Remove ${member.user.name}`}
                        >
                          Remove
                        </Button>
                      )}
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Modal opened={removing !== null} onClose={() => setRemoving(null)} title="Remove member">
        <Stack>
          <Text size="sm">
            Remove {removing?.user.name} ({removing?.user.email})? They lose access immediately.
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={() => setRemoving(null)}>
              Cancel
            </Button>
            <Button color="red" loading={busy} onClick={() => void confirmRemove()}>
              Remove member
            </Button>
          </Group>
        </Stack>
      </Modal>
    </>
  );
}
