import { Alert, Anchor, Badge, Code, CopyButton, Group, Paper, Stack, Text, Title, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconMailOff } from '@tabler/icons-react';
import { Fact } from '../../components/Supply/Fact';
import { formatLocation } from '../../components/Conversations/conversationWords';
import type { ProviderAssignmentFieldsFragment } from '../../gql/graphql';

function RelayAddress({ address }: { address: string }) {
  return (
    <CopyButton value={address}>
      {({ copied, copy }) => (
        <Tooltip label={copied ? 'Copied' : 'Copy the address'}>
          <Code style={{ cursor: 'pointer', wordBreak: 'break-all' }} onClick={copy}>
            {address}
          </Code>
        </Tooltip>
      )}
    </CopyButton>
  );
}

/** The routed request, read-only: who, what, where, and how to reach them (through the relay when the email is hidden). */
export function LeadPanel({ assignment }: { assignment: ProviderAssignmentFieldsFragment }) {
  const { lead, thread } = assignment;
  return (
    <Paper aria-label="Lead" component="section">
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Title order={4}>Lead</Title>
          {lead.flaggedBadAddress && (
            <Tooltip label="Mail to this person's address bounced as invalid: this may be a bad lead." multiline w={260}>
              <Badge color="orange" variant="light" leftSection={<IconAlertTriangle size={12} />}>
                Possibly a bad lead
              </Badge>
            </Tooltip>
          )}
        </Group>
        <Fact label="Name">{lead.name}</Fact>
        <Fact label="Service">{lead.niche.name}</Fact>
        <Fact label="Location">{formatLocation(lead)}</Fact>
        <Fact label="Details">
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {lead.details || '—'}
          </Text>
        </Fact>
        <Fact label="Contact">
          {lead.hideEmail ? (
            <Group gap={6} wrap="nowrap">
              <IconMailOff size={16} />
              <Text size="sm">Email hidden — communicate through Hotlead</Text>
            </Group>
          ) : (
            <Stack gap={2}>
              {lead.email ? <Anchor href={`mailto:${lead.email}`}>{lead.email}</Anchor> : <Text size="sm">No email</Text>}
            </Stack>
          )}
          {lead.phone && (
            <Text size="sm" mt={2}>
              Phone: {lead.phone}
            </Text>
          )}
        </Fact>
        {lead.requestClosed && (
          <Alert color="gray" title="Request closed">
            The person closed this request: no new messages go through.
          </Alert>
        )}
        {thread && (
          <Stack gap={4}>
            <Text size="xs" c="dimmed">
              You can also reply by email to <RelayAddress address={thread.endUserRelayAddress} />, from your account&apos;s email address.
            </Text>
            <Text size="xs" c="dimmed">
              The person sees your messages from <RelayAddress address={thread.relayAddress} />.
            </Text>
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
