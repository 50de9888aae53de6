import { formatDateTime } from '@hotlead/ui';
import { Anchor, Box, Group, Paper, Stack, Text, Tooltip } from '@mantine/core';
import { IconPaperclip, IconShieldLock } from '@tabler/icons-react';
import { DeliveryStatus } from '../../components/Conversations/ConversationBadges';
import { messageText } from '../../components/Conversations/plainText';
import { formatBytes } from '../../components/Supply/supplyWords';
import type { ThreadMessageFieldsFragment } from '../../gql/graphql';

function redactionText(count: number): string {
  return `${count} contact ${count === 1 ? 'detail' : 'details'} removed`;
}

function MessageBubble({ message, theirName }: { message: ThreadMessageFieldsFragment; theirName: string }) {
  const text = messageText(message);
  const author = message.mine ? 'Your team' : theirName;
  return (
    <Box
      component="li"
      aria-label={`Message from ${message.mine ? 'your team' : theirName}`}
      style={{ listStyle: 'none', display: 'flex', justifyContent: message.mine ? 'flex-end' : 'flex-start' }}
    >
      <Paper
        p="sm"
        maw="80%"
        bg={message.mine ? 'var(--mantine-color-blue-light)' : 'var(--mantine-color-gray-light)'}
        style={{ borderRadius: 'var(--mantine-radius-lg)' }}
        withBorder={false}
        shadow="none"
      >
        <Stack gap={6}>
          <Group gap="xs" justify="space-between" wrap="nowrap">
            <Text size="xs" fw={600}>
              {author}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(message.createdAt)}
            </Text>
          </Group>
          {message.subject && (
            <Text size="xs" c="dimmed">
              {message.subject}
            </Text>
          )}
          {/* Plain text only: line breaks kept, nothing interpreted as HTML. */}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {text || <em>(no text)</em>}
          </Text>
          {message.attachments.length > 0 && (
            <Stack gap={2}>
              {message.attachments.map((attachment) => (
                <Group key={attachment.id} gap={4} wrap="nowrap">
                  <IconPaperclip size={14} />
                  <Anchor href={attachment.downloadUrl} size="sm" download={attachment.filename}>
                    {attachment.filename}
                  </Anchor>
                  <Text size="xs" c="dimmed">
                    {formatBytes(attachment.sizeBytes)}
                  </Text>
                </Group>
              ))}
            </Stack>
          )}
          {(message.redactions > 0 || message.mine) && (
            <Group gap="sm" justify="space-between">
              {message.redactions > 0 ? (
                <Tooltip
                  label={
                    message.mine
                      ? 'Phone numbers and email addresses are removed before the message is relayed.'
                      : 'The relay removed phone numbers and email addresses from this message.'
                  }
                  multiline
                  w={260}
                >
                  <Group gap={4} c="dimmed" component="span" display="inline-flex">
                    <IconShieldLock size={14} />
                    <Text size="xs" span>
                      {redactionText(message.redactions)}
                    </Text>
                  </Group>
                </Tooltip>
              ) : (
                <span />
              )}
              {message.mine && <DeliveryStatus status={message.status} deliveredAt={message.deliveredAt} readAt={message.readAt} />}
            </Group>
          )}
        </Stack>
      </Paper>
    </Box>
  );
}

/** The thread's messages oldest first: ours on the right with their delivery state, theirs on the left. */
export function MessageList({ messages, theirName }: { messages: readonly ThreadMessageFieldsFragment[]; theirName: string }) {
  if (messages.length === 0) {
    return (
      <Text size="sm" c="dimmed" ta="center" py="lg">
        No messages yet. You write first: the person can answer once your first message reaches them.
      </Text>
    );
  }
  const ordered = [...messages].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
  return (
    <Stack component="ol" aria-label="Messages" gap="sm" p={0} m={0}>
      {ordered.map((message) => (
        <MessageBubble key={message.id} message={message} theirName={theirName} />
      ))}
    </Stack>
  );
}
