import { formatDate, formatDateTime } from '@hotlead/ui';
import { Anchor, Badge, Button, Card, Divider, Group, Stack, Text, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { MyRequestFieldsFragment } from '../../gql/graphql';
import { countryName } from '../../requests/countries';
import { FEEDBACK_LABELS, MATCH_STATUS, REQUEST_STATUS, THREAD_STATUS } from '../../requests/labels';
import { urls } from '../../urls';

type Match = MyRequestFieldsFragment['matches'][number];

const DETAILS_EXCERPT = 240;

/** What the person can expect while no provider is on the request yet. */
const WAITING_NOTE: Partial<Record<MyRequestFieldsFragment['status'], string>> = {
  PENDING_CONFIRMATION: 'Open the link we emailed you to confirm this request. We pass it to providers once it is confirmed.',
  ROUTING: 'We are looking for providers who match your request. You will hear from them here and by email.',
  UNROUTABLE: 'No provider matched your request yet. Our team has been told and may still find one.',
};

function excerpt(text: string): string {
  return text.length > DETAILS_EXCERPT ? `${text.slice(0, DETAILS_EXCERPT).trimEnd()}…` : text;
}

function place(request: MyRequestFieldsFragment): string {
  return [request.city, request.region, request.postalCode, countryName(request.country)].filter(Boolean).join(', ');
}

/** The newest of the match's moments: its last message, the thread's closing, or its delivery. */
function lastActivity(match: Match): string {
  const moments = [match.deliveredAt, match.thread?.closedAt, ...(match.thread?.messages.map((m) => m.createdAt) ?? [])];
  return moments.filter((m): m is string => Boolean(m)).reduce((latest, m) => (Date.parse(m) > Date.parse(latest) ? m : latest));
}

export function RequestCard({ request, onClose }: { request: MyRequestFieldsFragment; onClose: () => void }) {
  const status = REQUEST_STATUS[request.status];
  const titleId = `request-${request.id}-title`;
  const waiting = request.matches.length === 0 ? WAITING_NOTE[request.status] : undefined;

  return (
    <Card component="article" aria-labelledby={titleId} withBorder>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <Stack gap={2}>
            <Title order={3} size="h4" id={titleId}>
              {request.niche.name}
            </Title>
            <Text size="sm" c="dimmed">
              Sent {formatDate(request.createdAt)} · {place(request)}
            </Text>
          </Stack>
          <Badge color={status.color} variant="light">
            {status.label}
          </Badge>
        </Group>
        <Text size="sm" style={{ whiteSpace: 'pre-line' }}>
          {excerpt(request.details)}
        </Text>
        {waiting && (
          <Text size="sm" c="dimmed">
            {waiting}
          </Text>
        )}
        {request.matches.length > 0 && (
          <>
            <Divider label="Matched providers" labelPosition="left" />
            <Stack gap="xs" component="ul" p={0} m={0} style={{ listStyle: 'none' }} aria-label={`Providers for ${request.niche.name}`}>
              {request.matches.map((match) => (
                <MatchRow key={match.assignmentId} match={match} />
              ))}
            </Stack>
          </>
        )}
        {request.status === 'CLOSED' ? (
          <Stack gap={2}>
            <Text size="sm" c="dimmed">
              Closed {formatDate(request.closedAt)}. Providers can no longer write to you about it; the conversations stay readable.
            </Text>
            {request.feedback && <Text size="sm">Your feedback: {FEEDBACK_LABELS[request.feedback]}</Text>}
            {request.feedbackNote && (
              <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
                “{request.feedbackNote}”
              </Text>
            )}
          </Stack>
        ) : (
          <Group justify="flex-end">
            <Button variant="subtle" color="red" onClick={onClose}>
              Close request
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}

function MatchRow({ match }: { match: Match }) {
  const thread = match.thread;
  const matchStatus = MATCH_STATUS[match.status];
  const details = [
    matchStatus.label,
    thread ? THREAD_STATUS[thread.status].label : null,
    thread && !thread.canReply && thread.status === 'OPEN' ? 'Waiting for their first message' : null,
    `Last activity ${formatDateTime(lastActivity(match))}`,
  ].filter(Boolean);

  return (
    <li>
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Stack gap={0}>
          <Group gap="xs">
            {thread ? (
              <Anchor component={Link} to={urls.endUserThread(thread.id)} fw={600}>
                {match.providerName}
              </Anchor>
            ) : (
              <Text fw={600}>{match.providerName}</Text>
            )}
            {thread && thread.unread > 0 && (
              <Badge color="red" size="sm">
                {thread.unread} unread
              </Badge>
            )}
          </Group>
          <Text size="xs" c="dimmed">
            {details.join(' · ')}
          </Text>
        </Stack>
      </Group>
    </li>
  );
}
