import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconLogout, IconUserCircle } from '@tabler/icons-react';
import { useNavigate } from 'react-router';
import { useLogout } from '../auth/useLogout';
import { useViewer } from '../auth/ViewerContext';

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return (
    parts
      .slice(0, 2)
      .map((p) => p.charAt(0).toUpperCase())
      .join('') || '?'
  );
}

/** Avatar menu in the header: who is signed in, "Account" and "Log out". */
export function UserMenu({ accountPath = '/account' }: { accountPath?: string }) {
  const viewer = useViewer();
  const navigate = useNavigate();
  const { logout, loggingOut } = useLogout();

  return (
    <Menu position="bottom-end" width={220} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label="User menu">
          <Group gap="xs" wrap="nowrap">
            <Avatar radius="xl" size="sm" color="orange">
              {initials(viewer.name || viewer.email)}
            </Avatar>
            <Text size="sm" fw={500} visibleFrom="sm">
              {viewer.name || viewer.email}
            </Text>
            <IconChevronDown size={14} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{viewer.email}</Menu.Label>
        <Menu.Item leftSection={<IconUserCircle size={16} />} onClick={() => void navigate(accountPath)}>
          Account
        </Menu.Item>
        <Menu.Item leftSection={<IconLogout size={16} />} color="red" disabled={loggingOut} onClick={() => void logout()}>
          Log out
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}
