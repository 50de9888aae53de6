import { formatDateTime } from '@hotlead/ui';
import { Anchor, Box, Group, Paper, Stack, Text } from '@mantine/core';
import { IconPaperclip } from '@tabler/icons-react';
import type { ThreadMessageFieldsFragment } from '../../gql/graphql';
import { MESSAGE_STATUS } from '../../requests/labels';
import { formatBytes, messageText } from './messageText';

/** Only same-origin paths and http(s) URLs become links (never `javascript:` or `data:`). */
function safeHref(url: string): string | null {
  return (url.startsWith('/') && !url.startsWith('//')) || /^https?:\/\//i.test(url) ? url : null;
}

/** One message: the person's own on the right with its delivery status, the provider's on the left. */
export function MessageBubble({ message, providerName }: { message: ThreadMessageFieldsFragment; providerName: string }) {
  const mine = message.mine;
  const sender = mine ? 'You' : providerName;

  return (
    <Group justify={mine ? 'flex-end' : 'flex-start'} component="li" style={{ listStyle: 'none' }}>
      <Paper
        maw="80%"
        p="sm"
        radius="lg"
        bg={mine ? 'var(--mantine-color-orange-0)' : 'var(--mantine-color-gray-1)'}
        aria-label={`Message from ${sender}`}
        role="article"
      >
        <Stack gap={6}>
          <Group gap="xs" justify="space-between">
            <Text size="xs" fw={600}>
              {sender}
            </Text>
            <Text size="xs" c="dimmed">
              {formatDateTime(message.createdAt)}
            </Text>
          </Group>
          {/* Text only, as React text: line breaks kept, nothing interpreted as markup. */}
          <Text size="sm" style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}>
            {messageText(message)}
          </Text>
          {message.attachments.length > 0 && (
            <Stack gap={2}>
              {message.attachments.map((attachment) => {
                const href = safeHref(attachment.downloadUrl);
                return (
                  <Group key={attachment.id} gap={4} wrap="nowrap">
                    <IconPaperclip size={14} aria-hidden />
                    {href ? (
                      <Anchor href={href} size="sm" download={attachment.filename}>
                        {attachment.filename}
                      </Anchor>
                    ) : (
                      <Text size="sm">{attachment.filename}</Text>
                    )}
                    <Text size="xs" c="dimmed">
                      {formatBytes(attachment.sizeBytes)}
                    </Text>
                  </Group>
                );
              })}
            </Stack>
          )}
          {message.redactions > 0 && (
            <Text size="xs" c="dimmed">
              {mine
                ? 'Phone numbers and email addresses in this message were hidden from the provider.'
                : 'Hotlead removed contact details from this message.'}
            </Text>
          )}
          {mine && (
            <Box ta="right">
              <Text size="xs" c={message.status === 'NOT_DELIVERED' ? 'red' : 'dimmed'} data-testid="message-status">
                {MESSAGE_STATUS[message.status]}
              </Text>
            </Box>
          )}
        </Stack>
      </Paper>
    </Group>
  );
}
