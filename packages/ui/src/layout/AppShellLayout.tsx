import { AppShell, Burger, Group, NavLink, ScrollArea, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import type { ReactNode } from 'react';
import { Link, Outlet, useLocation } from 'react-router';
import { groupNavItems, isNavItemActive, type NavItem } from './navigation';
import { UserMenu } from './UserMenu';

export interface AppShellLayoutProps {
  appName: string;
  /** Role-aware entries, computed by the app from what the viewer may do. */
  navItems: readonly NavItem[];
  accountPath?: string;
  /** Shown in the header before the user menu (e.g. the buyer's live credit balance). */
  headerActions?: ReactNode;
  /** Page content; defaults to the router outlet. */
  children?: ReactNode;
}

/** Header with the app name and user menu, a navbar of the given items, the page in the middle. */
export function AppShellLayout({ appName, navItems, accountPath, headerActions, children }: AppShellLayoutProps) {
  const [opened, { toggle, close }] = useDisclosure(false);
  const { pathname } = useLocation();
  const hasNav = navItems.length > 0;

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={hasNav ? { width: 240, breakpoint: 'sm', collapsed: { mobile: !opened } } : undefined}
      padding="lg"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            {hasNav && <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label="Toggle navigation" />}
            <Title order={3} size="h4">
              {appName}
            </Title>
          </Group>
          <Group gap="md" wrap="nowrap">
            {headerActions}
            <UserMenu accountPath={accountPath} />
          </Group>
        </Group>
      </AppShell.Header>

      {hasNav && (
        <AppShell.Navbar p="sm" aria-label="Main navigation" component="nav">
          <ScrollArea>
            {groupNavItems(navItems).map(({ group, items }) => (
              <div key={group ?? '_'}>
                {group && (
                  <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt="md" pb={4}>
                    {group}
                  </Text>
                )}
                {items.map((item) => (
                  <NavLink
                    key={item.to}
                    component={Link}
                    to={item.to}
                    label={item.label}
                    leftSection={item.icon}
                    active={isNavItemActive(pathname, item)}
                    onClick={close}
                  />
                ))}
              </div>
            ))}
          </ScrollArea>
        </AppShell.Navbar>
      )}

      <AppShell.Main>{children ?? <Outlet />}</AppShell.Main>
    </AppShell>
  );
}
