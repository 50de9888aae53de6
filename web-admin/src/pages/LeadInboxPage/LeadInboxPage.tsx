import { EmptyPanel } from '@hotlead/ui';
import { Paper, Stack, Text, Title } from '@mantine/core';
import { IconInbox } from '@tabler/icons-react';
import { useParams } from 'react-router';
import { useConsoleAccess } from '../../layouts/useConsoleAccess';

/** The provider's lead inbox. Routing of consumer requests is not built yet: an empty state for now. */
export function LeadInboxPage() {
  const { workspaceId } = useParams();
  const { access } = useConsoleAccess();
  const workspace = access?.providerWorkspaces.find((w) => w.id === workspaceId);

  return (
    <Stack gap="lg" maw={1000}>
      <div>
        <Title order={2}>Lead inbox</Title>
        {workspace && <Text c="dimmed">{workspace.name}</Text>}
      </div>
      <Paper>
        <EmptyPanel
          title="No leads yet"
          description="Consumer requests routed to your team will appear here, with their SLA and conversation."
          icon={<IconInbox size={28} />}
        />
      </Paper>
    </Stack>
  );
}
