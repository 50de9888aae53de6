import { Anchor, AppShell, Container, Group } from '@mantine/core';
import { Link, Outlet } from 'react-router';
import { urls } from '../urls';

/**
 * The public request pages' frame (no sign-in): the brand and a way into "My requests" for people
 * who already have an account. The link goes through sign-in when needed.
 */
export function PublicLayout() {
  return (
    <AppShell header={{ height: 56 }} padding="lg">
      <AppShell.Header>
        <Container size="md" h="100%">
          <Group h="100%" justify="space-between" wrap="nowrap">
            <Anchor component={Link} to={urls.requestNiches()} underline="never" fw={800} c="orange" size="lg">
              Hotlead
            </Anchor>
            <Anchor component={Link} to={urls.endUserHome()} size="sm">
              My requests
            </Anchor>
          </Group>
        </Container>
      </AppShell.Header>
      <AppShell.Main bg="var(--mantine-color-gray-0)">
        <Container size="md" py="md">
          <Outlet />
        </Container>
      </AppShell.Main>
    </AppShell>
  );
}
