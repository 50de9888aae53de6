import { EmptyPanel } from '@hotlead/ui';
import { Paper, Stack, Title } from '@mantine/core';
import { IconMessages } from '@tabler/icons-react';

/** An end user's service requests. The API has no request list yet, so this is the empty state. */
export function MyRequestsPage() {
  return (
    <Stack gap="lg">
      <Title order={2}>My requests</Title>
      <Paper>
        <EmptyPanel title="No requests yet" description="Your service requests will appear here" icon={<IconMessages size={28} />} />
      </Paper>
    </Stack>
  );
}
