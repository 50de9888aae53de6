import { AuthCard } from '@hotlead/ui';
import { Button, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import { urls } from '../../urls';

/** Where a deleted end-user account lands (public: the session is gone). */
export function GoodbyePage() {
  return (
    <AuthCard title="Your account is deleted">
      <Stack>
        <Text size="sm">
          Thank you for using Hotlead. Your account and profile are gone, and providers can no longer reach you through us.
        </Text>
        <Text size="sm" c="dimmed">
          If you need help again, you can send a new request any time.
        </Text>
        <Button component={Link} to={urls.requestNiches()} variant="light">
          Request a service
        </Button>
      </Stack>
    </AuthCard>
  );
}
