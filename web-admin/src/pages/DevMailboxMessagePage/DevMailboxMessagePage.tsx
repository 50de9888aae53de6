import { useQuery } from '@apollo/client/react';
import { EmptyPanel, formatDateTime, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Anchor, Box, Button, Code, List, Paper, Stack, Table, Tabs, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { DevMailboxMessageDocument } from '../../gql/graphql';
import { urls } from '../../urls';
import { isFromRelay, ReplyAsRecipient } from './ReplyAsRecipient';
import { EMAIL_IFRAME_SANDBOX, linksIn, sandboxedHtml } from './sandboxedHtml';

/** One caught email: headers, the links it carries, and its HTML (sandboxed) and text bodies. */
export function DevMailboxMessagePage() {
  const { messageId = '' } = useParams();
  const { data, error, refetch } = useQuery(DevMailboxMessageDocument, { variables: { id: messageId } });

  const back = (
    <Button component={Link} to={urls.devMailbox()} variant="subtle" leftSection={<IconArrowLeft size={16} />} w="fit-content">
      Back to mailbox
    </Button>
  );

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  const message = data.devMailboxMessage;
  if (!message) {
    return (
      <Stack>
        {back}
        <EmptyPanel title="Message not found" description="The mailbox may have been cleared." />
      </Stack>
    );
  }
  const links = linksIn(message.textBody);

  return (
    <Stack gap="md" maw={1000}>
      {back}
      <Title order={2}>{message.subject || '(no subject)'}</Title>
      <Paper>
        <Table variant="vertical" withRowBorders={false} aria-label="Message headers">
          <Table.Tbody>
            <Table.Tr>
              <Table.Th w={120}>From</Table.Th>
              <Table.Td>{message.from}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>To</Table.Th>
              <Table.Td>{message.to.join(', ')}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Received</Table.Th>
              <Table.Td>{formatDateTime(message.receivedAt)}</Table.Td>
            </Table.Tr>
            <Table.Tr>
              <Table.Th>Message-ID</Table.Th>
              <Table.Td>
                <Code>{message.messageId}</Code>
              </Table.Td>
            </Table.Tr>
          </Table.Tbody>
        </Table>
      </Paper>

      {isFromRelay(message.from) && <ReplyAsRecipient messageId={message.id} recipients={message.to} />}

      {links.length > 0 && (
        <Paper>
          <Text fw={600} mb="xs">
            Links in this message
          </Text>
          <List size="sm">
            {links.map((href) => (
              <List.Item key={href}>
                <Anchor href={href} target="_blank" rel="noopener noreferrer" style={{ wordBreak: 'break-all' }}>
                  {href}
                </Anchor>
              </List.Item>
            ))}
          </List>
        </Paper>
      )}

      <Tabs defaultValue={message.htmlBody ? 'html' : 'text'} keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="html" disabled={!message.htmlBody}>
            HTML
          </Tabs.Tab>
          <Tabs.Tab value="text" disabled={!message.textBody}>
            Text
          </Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="html" pt="sm">
          {message.htmlBody && (
            <Box
              component="iframe"
              title="Email HTML body"
              sandbox={EMAIL_IFRAME_SANDBOX}
              referrerPolicy="no-referrer"
              srcDoc={sandboxedHtml(message.htmlBody)}
              w="100%"
              h={600}
              bd="1px solid var(--mantine-color-gray-3)"
              bg="white"
              style={{ borderRadius: 'var(--mantine-radius-md)' }}
            />
          )}
        </Tabs.Panel>
        <Tabs.Panel value="text" pt="sm">
          <Paper>
            <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', margin: 0 }}>
              {message.textBody}
            </Text>
          </Paper>
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
