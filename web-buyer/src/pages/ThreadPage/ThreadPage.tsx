import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmModal, EmptyPanel, notifyError, notifySuccess, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Alert, Anchor, Badge, Button, Code, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconInfoCircle, IconLock, IconMessageOff, IconPlayerPause } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { MyThreadDocument, ThreadCloseDocument, type MyThreadQuery } from '../../gql/graphql';
import { THREAD_STATUS } from '../../requests/labels';
import { useMyRequestEvents } from '../../requests/useMyRequestEvents';
import { urls } from '../../urls';
import { Composer } from './Composer';
import { MessageBubble } from './MessageBubble';

export const PROVIDER_WRITES_FIRST = "The provider writes first; you'll get their message by email and here.";
export const CLOSED_NOTICE = 'Closed — this provider can no longer message you';

/** The provider and request a thread belongs to, found through the person's requests. */
function threadContext(data: MyThreadQuery, threadId: string): { providerName: string; nicheName: string | null } {
  for (const request of data.myServiceRequests) {
    const match = request.matches.find((m) => m.thread?.id === threadId);
    if (match) return { providerName: match.providerName, nicheName: request.niche.name };
  }
  return { providerName: 'The provider', nicheName: null };
}

/** `/me/threads/:threadId`: one conversation with a matched provider; live. */
export function ThreadPage() {
  const { threadId = '' } = useParams();
  const { data, error, refetch } = useQuery(MyThreadDocument, {
    variables: { id: threadId },
    // Fresh on every visit (messages may have come while away), then from the cache.
    fetchPolicy: 'cache-and-network',
    nextFetchPolicy: 'cache-first',
  });
  const [threadClose, { loading: closing }] = useMutation(ThreadCloseDocument);
  const [confirmingClose, setConfirmingClose] = useState(false);

  useMyRequestEvents((event) => {
    if (event.threadId === threadId) void refetch();
  });

  if (!data) return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;

  const thread = data.myThread;
  if (!thread) {
    return (
      <Paper>
        <EmptyPanel
          title="Conversation not found"
          description="It may belong to another account, or the link is wrong."
          icon={<IconMessageOff size={28} />}
          action={
            <Button component={Link} to={urls.endUserHome()} variant="light">
              Back to my requests
            </Button>
          }
        />
      </Paper>
    );
  }

  const { providerName, nicheName } = threadContext(data, thread.id);
  const messages = [...thread.messages].sort((a, b) => Date.parse(a.createdAt) - Date.parse(b.createdAt));
  const status = THREAD_STATUS[thread.status];

  const close = async () => {
    try {
      await threadClose({ variables: { id: thread.id } });
      notifySuccess(`${providerName} can no longer message you. The conversation stays here.`, 'Conversation closed');
      setConfirmingClose(false);
      await refetch();
    } catch (closeError) {
      notifyError(closeError, 'Could not close the conversation');
    }
  };

  return (
    <Stack gap="lg">
      <Stack gap={4}>
        <Anchor component={Link} to={urls.endUserHome()} size="sm">
          ← My requests
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Title order={2}>{providerName}</Title>
            {nicheName && (
              <Text size="sm" c="dimmed">
                About your {nicheName} request
              </Text>
            )}
          </Stack>
          <Group gap="sm">
            <Badge color={status.color} variant="light">
              {status.label}
            </Badge>
            {thread.status === 'OPEN' && (
              <Button variant="subtle" color="red" onClick={() => setConfirmingClose(true)}>
                Close this conversation
              </Button>
            )}
          </Group>
        </Group>
      </Stack>

      {thread.status === 'CLOSED' && (
        <Alert color="gray" icon={<IconLock size={18} />} role="status">
          {CLOSED_NOTICE}. You can still read the conversation.
        </Alert>
      )}
      {thread.status === 'SUSPENDED' && (
        <Alert color="orange" icon={<IconPlayerPause size={18} />} role="status">
          Hotlead has paused this conversation while we look into it. No messages go through in either direction for now.
        </Alert>
      )}

      <Paper withBorder>
        {messages.length === 0 ? (
          <Text size="sm" c="dimmed" ta="center" py="md">
            No messages yet.
          </Text>
        ) : (
          <Stack gap="sm" component="ol" p={0} m={0} aria-label="Messages">
            {messages.map((message) => (
              <MessageBubble key={message.id} message={message} providerName={providerName} />
            ))}
          </Stack>
        )}
      </Paper>

      {thread.status === 'OPEN' && (
        <Paper withBorder>
          <Stack gap="sm">
            {!thread.canReply && (
              <Alert color="blue" icon={<IconInfoCircle size={18} />} role="note">
                {PROVIDER_WRITES_FIRST}
              </Alert>
            )}
            <Composer threadId={thread.id} disabled={!thread.canReply} onSent={() => void refetch()} />
            <Text size="sm" c="dimmed">
              You can also reply from your email app: your replies go through <Code>{thread.providerRelayAddress}</Code> and your address
              stays hidden.
            </Text>
          </Stack>
        </Paper>
      )}

      <ConfirmModal
        opened={confirmingClose}
        title="Close this conversation?"
        confirmLabel="Close conversation"
        loading={closing}
        onConfirm={() => void close()}
        onClose={() => setConfirmingClose(false)}
      >
        {providerName} will no longer be able to message you, and you will not be able to write to them. The conversation stays readable
        here. Your request stays open for other providers.
      </ConfirmModal>
    </Stack>
  );
}
