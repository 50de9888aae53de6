import { Button, Center } from '@mantine/core';
import { IconMapOff } from '@tabler/icons-react';
import { Link } from 'react-router';
import { EmptyPanel } from '../feedback/EmptyPanel';

/** Any URL the app does not know. */
export function NotFoundPage() {
  return (
    <Center mih="60vh">
      <EmptyPanel
        title="Page not found"
        description="The link may be old or mistyped."
        icon={<IconMapOff size={28} />}
        action={
          <Button component={Link} to="/">
            Go to the start page
          </Button>
        }
      />
    </Center>
  );
}
