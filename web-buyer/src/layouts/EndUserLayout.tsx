import { AppShell, Container, Group, Tabs, Text } from '@mantine/core';
import { UserMenu } from '@hotlead/ui';
import { Outlet, useLocation, useNavigate } from 'react-router';
import { urls } from '../urls';

/** The tab a path of the end-user area belongs to (a thread belongs to "My requests"). */
function tabOf(pathname: string): string {
  if (pathname.startsWith(urls.endUserAccount())) return urls.endUserAccount();
  if (pathname.startsWith(urls.endUserPrivacy())) return urls.endUserPrivacy();
  return urls.endUserHome();
}

/** A consumer's own, simpler layout: their requests, their account and privacy, nothing of the buyer console. */
export function EndUserLayout() {
  const { pathname } = useLocation();
  const navigate = useNavigate();

  return (
    <AppShell header={{ height: 56 }} padding="lg">
      <AppShell.Header>
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Text fw={800} c="orange" size="lg">
              Hotlead
            </Text>
            <UserMenu accountPath={urls.endUserAccount()} />
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main>
        <Container size="md">
          <Tabs value={tabOf(pathname)} onChange={(value) => value && void navigate(value)} mb="lg">
            <Tabs.List aria-label="My area">
              <Tabs.Tab value={urls.endUserHome()}>My requests</Tabs.Tab>
              <Tabs.Tab value={urls.endUserAccount()}>Account</Tabs.Tab>
              <Tabs.Tab value={urls.endUserPrivacy()}>Privacy</Tabs.Tab>
            </Tabs.List>
          </Tabs>
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
