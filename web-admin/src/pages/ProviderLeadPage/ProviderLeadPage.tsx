import { useQuery, useSubscription } from '@apollo/client/react';
import { EmptyPanel, formatCredits, formatDateTime, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Button, Grid, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconArrowLeft } from '@tabler/icons-react';
import { Link, useParams } from 'react-router';
import { AssignmentStatusBadge, ThreadStatusBadge } from '../../components/Conversations/ConversationBadges';
import { SlaTimer } from '../../components/Conversations/SlaTimer';
import { useNow } from '../../components/Conversations/useNow';
import { ProviderAssignmentDocument, ProviderInboxEventsDocument, type ProviderAssignmentFieldsFragment } from '../../gql/graphql';
import { urls } from '../../urls';
import { Composer } from './Composer';
import { LeadActions } from './LeadActions';
import { LeadPanel } from './LeadPanel';
import { MessageList } from './MessageList';

/** Why the composer is off, or null when the provider may write. */
export function composerDisabledReason(assignment: ProviderAssignmentFieldsFragment): string | null {
  const thread = assignment.thread;
  if (!thread) return 'The conversation has not been opened for this lead.';
  if (thread.status === 'SUSPENDED') return 'An administrator suspended this thread: no messages can be sent in it.';
  if (thread.status === 'CLOSED') {
    return `This thread was closed${thread.closedAt ? ` on ${formatDateTime(thread.closedAt)}` : ''}: no new messages can be sent. It stays readable here.`;
  }
  if (assignment.status === 'DECLINED') return 'You declined this lead: the conversation is over.';
  if (assignment.status === 'REFUNDED') return 'This lead was refunded: the conversation is over.';
  if (assignment.lead.requestClosed) return 'The person closed their request: no new messages go through.';
  return null;
}

/**
 * One routed lead for its provider: the request (read-only, no hidden email), the masked thread
 * with delivery and read states, a composer with attachments, and the lead's actions. Live through
 * the workspace's conversation events.
 */
export function ProviderLeadPage() {
  const { workspaceId = '', assignmentId = '' } = useParams();
  const { data, error, refetch } = useQuery(ProviderAssignmentDocument, { variables: { id: assignmentId } });
  const assignment = data?.providerAssignment;
  const now = useNow(1000, !!assignment);

  useSubscription(ProviderInboxEventsDocument, {
    variables: { workspaceId },
    skip: !workspaceId,
    ignoreResults: true,
    onData: ({ data: event }) => {
      if (event.data?.providerInboxEvents.assignmentId === assignmentId) void refetch().catch(() => undefined);
    },
  });

  const back = (
    <Button
      component={Link}
      to={urls.providerInbox(workspaceId)}
      variant="subtle"
      leftSection={<IconArrowLeft size={16} />}
      w="fit-content"
    >
      Back to inbox
    </Button>
  );

  if (!data) {
    return error ? <QueryErrorAlert error={error} onRetry={() => void refetch()} /> : <PageSkeleton />;
  }
  if (!assignment) {
    return (
      <Stack>
        {back}
        <EmptyPanel title="Lead not found" description="It may belong to another workspace." />
      </Stack>
    );
  }
  const thread = assignment.thread;

  return (
    <Stack gap="md">
      {back}
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={2}>{assignment.lead.name}</Title>
          <Text c="dimmed" size="sm">
            {assignment.lead.niche.name} · delivered {formatDateTime(assignment.deliveredAt)} · {formatCredits(assignment.price)} credits
          </Text>
        </div>
        <Group gap="sm">
          {assignment.status !== 'DECLINED' && assignment.status !== 'REFUNDED' && (
            <SlaTimer
              deliveredAt={assignment.deliveredAt}
              firstResponseAt={assignment.firstResponseAt}
              slaBreached={assignment.slaBreached}
              now={now}
            />
          )}
          <AssignmentStatusBadge status={assignment.status} />
          {thread && <ThreadStatusBadge status={thread.status} />}
        </Group>
      </Group>
      <Grid gap="md">
        <Grid.Col span={{ base: 12, md: 8 }}>
          <Stack gap="md">
            <Paper component="section" aria-label="Conversation">
              <MessageList messages={thread?.messages ?? []} theirName={assignment.lead.name} />
            </Paper>
            {thread ? (
              <Composer
                key={thread.id}
                assignmentId={assignment.id}
                threadId={thread.id}
                disabledReason={composerDisabledReason(assignment)}
                firstMessage={thread.messages.length === 0}
              />
            ) : (
              <Text size="sm" c="dimmed">
                {composerDisabledReason(assignment)}
              </Text>
            )}
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 4 }}>
          <Stack gap="md">
            <LeadPanel assignment={assignment} />
            <LeadActions assignment={assignment} now={now} />
          </Stack>
        </Grid.Col>
      </Grid>
    </Stack>
  );
}
