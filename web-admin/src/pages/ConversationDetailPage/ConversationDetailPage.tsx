import { useMutation, useQuery } from '@apollo/client/react';
import { ConfirmModal, EmptyPanel, formatDateTime, notifyFailure, notifySuccess, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Alert, Anchor, Badge, Button, Group, Menu, Paper, SimpleGrid, Stack, Table, Text, Title, Tooltip } from '@mantine/core';
import { IconArrowLeft, IconChevronDown, IconPlayerPlay, IconPlayerPause, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { actionErrorMessage } from '../../components/Conversations/apiErrors';
import { DeliveryStatus, ThreadStatusBadge } from '../../components/Conversations/ConversationBadges';
import { directionLabel } from '../../components/Conversations/conversationWords';
import { ReasonModal } from '../../components/Conversations/ReasonModal';
import { Fact } from '../../components/Supply/Fact';
import { formatBytes } from '../../components/Supply/supplyWords';
import {
  AdminEndUserForgetDocument,
  AdminMessageBodyReadDocument,
  AdminProviderSuspendDocument,
  AdminThreadDocument,
  AdminThreadResumeDocument,
  AdminThreadSuspendDocument,
  AdminUserSuspendDocument,
  ConversationProviderDocument,
  type AdminThreadFieldsFragment,
} from '../../gql/graphql';
import { urls } from '../../urls';
import { MessageBodyModal } from './MessageBodyModal';

type Message = AdminThreadFieldsFragment['messages'][number];

type Action = 'suspendThread' | 'resumeThread' | 'suspendProvider' | 'resumeProvider' | 'suspendUser' | 'resumeUser' | 'forget' | null;

function Bounce({ message }: { message: Message }) {
  if (!message.bounceClass && !message.bounceStatus && !message.bounceReason) return <>—</>;
  return (
    <Stack gap={2}>
      <Group gap={4}>
        {message.bounceClass && (
          <Badge size="xs" color="red" variant="light">
            {message.bounceClass}
          </Badge>
        )}
        {message.bounceStatus && <Text size="xs">{message.bounceStatus}</Text>}
        {message.bounceAction && (
          <Text size="xs" c="dimmed">
            {message.bounceAction}
          </Text>
        )}
      </Group>
      {message.bounceReason && (
        <Text size="xs" maw={260} style={{ overflowWrap: 'anywhere' }}>
          {message.bounceReason}
        </Text>
      )}
    </Stack>
  );
}

function Times({ message }: { message: Message }) {
  return (
    <Stack gap={0}>
      <Text size="xs">Sent {formatDateTime(message.sentAt)}</Text>
      <Text size="xs">Delivered {formatDateTime(message.deliveredAt)}</Text>
      <Text size="xs">Read {formatDateTime(message.readAt)}</Text>
    </Stack>
  );
}

/**
 * One relay thread for an admin: delivery diagnostics per message (bounce class and reason, holds,
 * errors), audited body reads, the relay's events, and the enforcement actions (suspend the thread,
 * the provider or the end user; forget the end user).
 */
export function ConversationDetailPage() {
  const { threadId = '' } = useParams();
  const { data, error, refetch } = useQuery(AdminThreadDocument, { variables: { id: threadId } });
  const thread = data?.adminThread;
  const { data: providerData, refetch: refetchProvider } = useQuery(ConversationProviderDocument, {
    variables: { id: thread?.providerWorkspaceId ?? '' },
    skip: !thread,
  });
  const providerSuspended = providerData?.workspace?.status === 'SUSPENDED';
  const [action, setAction] = useState<Action>(null);
  const [bodyOpen, setBodyOpen] = useState(false);
  const [readBody, bodyRead] = useMutation(AdminMessageBodyReadDocument, { fetchPolicy: 'no-cache' });
  const [suspendThread] = useMutation(AdminThreadSuspendDocument);
  const [resumeThread, { loading: resuming }] = useMutation(AdminThreadResumeDocument);
  const [suspendProvider] = useMutation(AdminProviderSuspendDocument);
  const [suspendUser] = useMutation(AdminUserSuspendDocument);
  const [forget] = useMutation(AdminEndUserForgetDocument, {
    refetchQueries: [{ query: AdminThreadDocument, variables: { id: threadId } }],
    awaitRefetchQueries: true,
  });

  const back = (
    <Button component={Link} to={urls.conversations()} variant="subtle" leftSection={<IconArrowLeft size={16} />} w="fit-content">
      Back to conversations
    </Button>
  );
  if (!data) return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  if (!thread) {
    return (
      <Stack>
        {back}
        <EmptyPanel title="Conversation not found" />
      </Stack>
    );
  }

  const read = (messageId: string) => {
    // The read runs on the click (never from an effect, which development mode runs twice): one click, one audit entry.
    setBodyOpen(true);
    void readBody({ variables: { messageId } }).catch(() => undefined);
  };
  const close = () => setAction(null);
  const endUserId = thread.endUserId;

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>
            {thread.providerName} ↔ {thread.endUserName}
          </Title>
          <Text c="dimmed" size="sm">
            {thread.niche.name} · started {formatDateTime(thread.createdAt)}
          </Text>
        </div>
        <Group gap="xs">
          {thread.status === 'SUSPENDED' ? (
            <Button variant="light" leftSection={<IconPlayerPlay size={16} />} onClick={() => setAction('resumeThread')}>
              Resume thread
            </Button>
          ) : (
            thread.status === 'OPEN' && (
              <Button variant="light" color="red" leftSection={<IconPlayerPause size={16} />} onClick={() => setAction('suspendThread')}>
                Suspend thread
              </Button>
            )
          )}
          <Button
            variant="default"
            onClick={() => setAction(providerSuspended ? 'resumeProvider' : 'suspendProvider')}
            disabled={!providerData}
          >
            {providerSuspended ? 'Lift provider suspension' : 'Suspend provider'}
          </Button>
          {endUserId && (
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" rightSection={<IconChevronDown size={14} />}>
                  End user
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => setAction('suspendUser')}>Suspend end user</Menu.Item>
                <Menu.Item onClick={() => setAction('resumeUser')}>Lift end-user suspension</Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<IconTrash size={14} />} onClick={() => setAction('forget')}>
                  Forget end user
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
      </Group>

      <Paper>
        <SimpleGrid cols={{ base: 2, sm: 5 }}>
          <Fact label="Status">
            <ThreadStatusBadge status={thread.status} />
          </Fact>
          <Fact label="Provider">
            {thread.providerName}
            {providerSuspended && (
              <Badge ml={6} size="xs" color="red" variant="light">
                Suspended
              </Badge>
            )}
          </Fact>
          <Fact label="End user">{thread.endUserName}</Fact>
          <Fact label="Messages">{thread.messageCount}</Fact>
          <Fact label="Last message">{formatDateTime(thread.lastMessageAt)}</Fact>
        </SimpleGrid>
        {thread.status === 'SUSPENDED' && thread.suspendedReason && (
          <Alert color="red" mt="sm" title="Suspended">
            {thread.suspendedReason}
          </Alert>
        )}
        {thread.closedBy && (
          <Text size="sm" mt="sm" c="dimmed">
            Closed by {thread.closedBy}.
          </Text>
        )}
      </Paper>

      <Title order={3}>Messages</Title>
      {thread.messages.length === 0 ? (
        <EmptyPanel title="No messages yet" />
      ) : (
        <Table.ScrollContainer minWidth={1100}>
          <Table aria-label="Message diagnostics" striped verticalSpacing="sm">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>Direction</Table.Th>
                <Table.Th>Subject</Table.Th>
                <Table.Th>Size</Table.Th>
                <Table.Th>Status</Table.Th>
                <Table.Th>Times</Table.Th>
                <Table.Th>Bounce</Table.Th>
                <Table.Th>Held / error</Table.Th>
                <Table.Th>Attachments</Table.Th>
                <Table.Th>Body</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {thread.messages.map((m) => (
                <Table.Tr key={m.id}>
                  <Table.Td>
                    <Text size="sm">{directionLabel(m.direction)}</Text>
                    <Text size="xs" c="dimmed">
                      {m.source}
                      {m.automated ? ' · automated' : ''}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{m.subject || '(no subject)'}</Text>
                    {m.redactions > 0 && (
                      <Text size="xs" c="dimmed">
                        {m.redactions} redacted
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>{formatBytes(m.sizeBytes)}</Table.Td>
                  <Table.Td>
                    <DeliveryStatus status={m.status} deliveredAt={m.deliveredAt} readAt={m.readAt} />
                  </Table.Td>
                  <Table.Td>
                    <Times message={m} />
                  </Table.Td>
                  <Table.Td>
                    <Bounce message={m} />
                  </Table.Td>
                  <Table.Td>
                    <Stack gap={2} maw={220}>
                      {m.heldReason && <Text size="xs">Held: {m.heldReason}</Text>}
                      {m.lastError && (
                        <Text size="xs" c="red" style={{ overflowWrap: 'anywhere' }}>
                          {m.lastError}
                        </Text>
                      )}
                      {!m.heldReason && !m.lastError && '—'}
                    </Stack>
                  </Table.Td>
                  <Table.Td>
                    {m.attachments.length === 0
                      ? '—'
                      : m.attachments.map((a) => (
                          <Tooltip key={a.id} label={`${a.contentType}, ${formatBytes(a.sizeBytes)}`}>
                            <Anchor href={a.downloadUrl} size="xs" display="block">
                              {a.filename}
                            </Anchor>
                          </Tooltip>
                        ))}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="light" onClick={() => read(m.id)}>
                      Read body
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}

      <Title order={3}>Relay events</Title>
      {thread.events.length === 0 ? (
        <Text size="sm" c="dimmed">
          No relay events for this thread.
        </Text>
      ) : (
        <Table aria-label="Relay events" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>Time</Table.Th>
              <Table.Th>Kind</Table.Th>
              <Table.Th>Reason</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {thread.events.map((e) => (
              <Table.Tr key={e.id}>
                <Table.Td>{formatDateTime(e.at)}</Table.Td>
                <Table.Td>
                  <Badge variant="light" color="gray">
                    {e.kind}
                  </Badge>
                </Table.Td>
                <Table.Td>{e.reason}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}

      <MessageBodyModal
        opened={bodyOpen}
        onClose={() => setBodyOpen(false)}
        loading={bodyRead.loading}
        error={bodyRead.error}
        body={bodyRead.data?.adminMessageBodyRead}
      />
      <ReasonModal
        opened={action === 'suspendThread'}
        title="Suspend this thread"
        label="Reason (kept in the audit log)"
        confirmLabel="Suspend thread"
        color="red"
        onClose={close}
        onSubmit={async (reason) => {
          await suspendThread({ variables: { id: thread.id, reason } });
          notifySuccess('Mail to this thread is refused until it is resumed.', 'Thread suspended');
        }}
      >
        Neither party can write in a suspended thread; mail to its relay addresses is refused.
      </ReasonModal>
      <ConfirmModal
        opened={action === 'resumeThread'}
        title="Resume this thread?"
        confirmLabel="Resume thread"
        loading={resuming}
        onClose={close}
        onConfirm={() => {
          resumeThread({ variables: { id: thread.id } })
            .then(() => {
              notifySuccess('Both parties can write again.', 'Thread resumed');
              close();
            })
            .catch((e: unknown) => notifyFailure(actionErrorMessage(e), 'Thread not resumed'));
        }}
      >
        Both parties can write again and mail to its relay addresses is accepted.
      </ConfirmModal>
      <ReasonModal
        opened={action === 'suspendProvider' || action === 'resumeProvider'}
        title={action === 'resumeProvider' ? `Lift the suspension of ${thread.providerName}` : `Suspend ${thread.providerName}`}
        label="Reason (kept in the audit log)"
        confirmLabel={action === 'resumeProvider' ? 'Lift suspension' : 'Suspend provider'}
        color={action === 'resumeProvider' ? undefined : 'red'}
        onClose={close}
        onSubmit={async (reason) => {
          const suspended = action !== 'resumeProvider';
          await suspendProvider({ variables: { workspaceId: thread.providerWorkspaceId, suspended, reason } });
          await refetchProvider().catch(() => undefined);
          notifySuccess(suspended ? 'Routing skips this provider and its threads refuse mail.' : 'The provider receives leads again.');
        }}
      >
        {action === 'resumeProvider'
          ? 'Routing includes the workspace again and its threads accept mail.'
          : 'Routing skips the workspace and every one of its threads refuses mail until the suspension is lifted.'}
      </ReasonModal>
      <ReasonModal
        opened={action === 'suspendUser' || action === 'resumeUser'}
        title={action === 'resumeUser' ? `Lift the suspension of ${thread.endUserName}` : `Suspend ${thread.endUserName}`}
        label="Reason (kept in the audit log)"
        confirmLabel={action === 'resumeUser' ? 'Lift suspension' : 'Suspend end user'}
        color={action === 'resumeUser' ? undefined : 'red'}
        onClose={close}
        onSubmit={async (reason) => {
          if (!endUserId) return;
          const suspended = action !== 'resumeUser';
          await suspendUser({ variables: { userId: endUserId, suspended, reason } });
          notifySuccess(suspended ? 'Their sessions are revoked and their relay mail is refused.' : 'They can sign in and write again.');
        }}
      >
        {action === 'resumeUser'
          ? 'They can sign in again and their relay mail is accepted.'
          : 'Their sessions end, sign-in is refused and mail from them to any relay address is refused.'}
      </ReasonModal>
      <ReasonModal
        opened={action === 'forget'}
        title={`Forget ${thread.endUserName}`}
        label="Reason (e.g. the deletion request's reference)"
        confirmLabel="Forget end user"
        color="red"
        acknowledge="I understand this cannot be undone"
        onClose={close}
        onSubmit={async (reason) => {
          if (!endUserId) return;
          await forget({ variables: { userId: endUserId, reason } });
          notifySuccess('The account is deleted and the conversations anonymized.', 'End user forgotten');
        }}
      >
        This cannot be undone. The account and profile are deleted and their requests and conversations anonymized everywhere; message
        bodies are kept as business records and providers see &quot;Anonymized user&quot;.
      </ReasonModal>
    </Stack>
  );
}
