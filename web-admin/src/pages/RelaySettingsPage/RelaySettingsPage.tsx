import { useMutation, useQuery } from '@apollo/client/react';
import { applyUserErrors, formatDateTime, FormErrorAlert, notifySuccess, PageSkeleton, QueryErrorAlert } from '@hotlead/ui';
import { Badge, Button, Group, NumberInput, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useForm } from '@mantine/form';
import { useState } from 'react';
import { ConnectionTable, type Column } from '../../components/ConnectionTable/ConnectionTable';
import { inputErrorsOf } from '../../components/Conversations/apiErrors';
import { bytesToMegabytes, megabytesToBytes } from '../../components/Conversations/conversationWords';
import { SearchField } from '../../components/SearchField/SearchField';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import {
  RelayEventsDocument,
  RelaySettingsDocument,
  RelaySettingsUpdateDocument,
  type RelayEventsQuery,
  type RelaySettingsFieldsFragment,
} from '../../gql/graphql';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { PAGE_SIZE } from '../pageSize';

/** Bounds the form checks before sending (the server checks its own). */
export const MAX_MESSAGE_MB = 100;
export const MAX_PROVIDERS = 10;

interface Values {
  maxMessageMb: number | string;
  maxAttachmentMb: number | string;
  messagesPerThreadPerHour: number | string;
  messagesPerUserPerHour: number | string;
  retentionDays: number | string;
  maxProvidersPerRequest: number | string;
}

function initialValues(s: RelaySettingsFieldsFragment): Values {
  return {
    maxMessageMb: bytesToMegabytes(s.maxMessageBytes),
    maxAttachmentMb: bytesToMegabytes(s.maxAttachmentBytes),
    messagesPerThreadPerHour: s.messagesPerThreadPerHour,
    messagesPerUserPerHour: s.messagesPerUserPerHour,
    retentionDays: s.retentionDays,
    maxProvidersPerRequest: s.maxProvidersPerRequest,
  };
}

const isNumber = (v: number | string): v is number => typeof v === 'number' && Number.isFinite(v);
const wholeAtLeast = (min: number, message: string) => (v: number | string) =>
  isNumber(v) && Number.isInteger(v) && v >= min ? null : message;

/** Server field names (bytes) to this form's fields (megabytes). */
const FIELD_ALIASES: Record<string, string> = { maxMessageBytes: 'maxMessageMb', maxAttachmentBytes: 'maxAttachmentMb' };

function SettingsForm({ settings }: { settings: RelaySettingsFieldsFragment }) {
  const [save, { loading }] = useMutation(RelaySettingsUpdateDocument);
  const [formErrors, setFormErrors] = useState<string[]>([]);
  const form = useForm<Values>({
    initialValues: initialValues(settings),
    validate: {
      maxMessageMb: (v) => (isNumber(v) && v > 0 && v <= MAX_MESSAGE_MB ? null : `Between 0 and ${MAX_MESSAGE_MB} MB`),
      maxAttachmentMb: (v, values) => {
        if (!(isNumber(v) && v > 0)) return 'Above 0 MB';
        return isNumber(values.maxMessageMb) && v > values.maxMessageMb ? 'No larger than the message limit' : null;
      },
      messagesPerThreadPerHour: wholeAtLeast(1, 'A whole number, at least 1'),
      messagesPerUserPerHour: wholeAtLeast(1, 'A whole number, at least 1'),
      retentionDays: wholeAtLeast(0, 'A whole number of days (0 keeps messages forever)'),
      maxProvidersPerRequest: (v) =>
        isNumber(v) && Number.isInteger(v) && v >= 1 && v <= MAX_PROVIDERS ? null : `A whole number from 1 to ${MAX_PROVIDERS}`,
    },
  });

  const submit = form.onSubmit(async (values) => {
    if (loading) return;
    setFormErrors([]);
    try {
      await save({
        variables: {
          input: {
            maxMessageBytes: megabytesToBytes(Number(values.maxMessageMb)),
            maxAttachmentBytes: megabytesToBytes(Number(values.maxAttachmentMb)),
            messagesPerThreadPerHour: Number(values.messagesPerThreadPerHour),
            messagesPerUserPerHour: Number(values.messagesPerUserPerHour),
            retentionDays: Number(values.retentionDays),
            maxProvidersPerRequest: Number(values.maxProvidersPerRequest),
          },
        },
      });
      notifySuccess('The relay uses the new limits from now on.', 'Relay settings saved');
    } catch (error) {
      const errors = inputErrorsOf(error).map((e) => {
        const last = e.field?.at(-1);
        return last && FIELD_ALIASES[last] ? { ...e, field: [FIELD_ALIASES[last]] } : e;
      });
      setFormErrors(applyUserErrors(form, errors));
    }
  });

  const retention = Number(form.values.retentionDays);
  return (
    <form onSubmit={submit} noValidate aria-label="Relay settings">
      <Paper>
        <Stack gap="sm">
          <FormErrorAlert messages={formErrors} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label="Largest message (MB)"
              description="The whole email, attachments included."
              min={0}
              decimalScale={2}
              {...form.getInputProps('maxMessageMb')}
            />
            <NumberInput
              label="Largest attachment (MB)"
              description="Each file; larger ones are refused, never passed unscanned."
              min={0}
              decimalScale={2}
              {...form.getInputProps('maxAttachmentMb')}
            />
            <NumberInput
              label="Messages per thread per hour"
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('messagesPerThreadPerHour')}
            />
            <NumberInput
              label="Messages per user per hour"
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('messagesPerUserPerHour')}
            />
            <NumberInput
              label="Retention (days)"
              description={retention === 0 ? '0: messages are kept forever.' : 'Message bodies are deleted after this many days.'}
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('retentionDays')}
            />
            <NumberInput
              label="Providers per request"
              description="How many providers one request is routed to."
              allowDecimal={false}
              allowNegative={false}
              {...form.getInputProps('maxProvidersPerRequest')}
            />
          </SimpleGrid>
          <Group justify="space-between">
            <Text size="xs" c="dimmed">
              Last changed {formatDateTime(settings.updatedAt)}. Every change is recorded in the audit log.
            </Text>
            <Button type="submit" loading={loading}>
              Save settings
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

type RelayEvent = RelayEventsQuery['relayEvents']['edges'][number]['node'];

const eventColumns: Column<RelayEvent>[] = [
  { header: 'Time', cell: (e) => formatDateTime(e.at) },
  {
    header: 'Kind',
    cell: (e) => (
      <Badge variant="light" color="gray">
        {e.kind}
      </Badge>
    ),
  },
  { header: 'Reason', cell: (e) => e.reason },
];

/** The relay's limits and retention (admins), and its event log: refusals, quarantines, bursts, stripped recipients. */
export function RelaySettingsPage() {
  const { data, error, refetch } = useQuery(RelaySettingsDocument);
  const [kind, setKind] = useSearchParam('kind');
  const events = useQuery(RelayEventsDocument, { variables: { kind: kind || null, first: PAGE_SIZE }, ...FRESH_ON_OPEN });
  const connection = events.data?.relayEvents;

  return (
    <Stack gap="md" maw={1100}>
      <div>
        <Title order={2}>Relay settings</Title>
        <Text c="dimmed" size="sm">
          Limits of the masked email relay, and what it refused or held.
        </Text>
      </div>
      {!data ? (
        error ? (
          <QueryErrorAlert error={error} onRetry={() => void refetch()} />
        ) : (
          <PageSkeleton />
        )
      ) : (
        <SettingsForm settings={data.relaySettings} />
      )}
      <Title order={3}>Relay events</Title>
      <SearchField label="Event kind" placeholder="Filter by kind, e.g. rate_limited" value={kind} onSearch={setKind} />
      {events.error && !events.data ? (
        <QueryErrorAlert error={events.error} onRetry={() => void events.refetch()} />
      ) : (
        <ConnectionTable
          label="Relay events"
          columns={eventColumns}
          nodes={connection?.edges.map((e) => e.node)}
          totalCount={connection?.totalCount}
          totalCountIsEstimate={connection?.totalCountIsEstimate}
          hasNextPage={connection?.pageInfo.hasNextPage ?? false}
          onLoadMore={() => events.fetchMore({ variables: { after: connection?.pageInfo.endCursor ?? null } })}
          emptyTitle={kind ? 'No events of this kind' : 'No relay events yet'}
        />
      )}
    </Stack>
  );
}
