import { useQuery } from '@apollo/client/react';
import { EmptyPanel, QueryErrorAlert, TableSkeleton } from '@hotlead/ui';
import { Paper, SegmentedControl, SimpleGrid, Stack, Table, Text, Title } from '@mantine/core';
import { useParams } from 'react-router';
import { formatDurationShort, formatRate } from '../../components/Conversations/conversationWords';
import { useSearchParam } from '../../components/SearchField/useSearchParam';
import { formatCount } from '../../components/Supply/supplyWords';
import { ProviderTeamStatsDocument } from '../../gql/graphql';
import { useConsoleAccess } from '../../layouts/useConsoleAccess';
import { DEFAULT_TEAM_PERIOD, parseTeamPeriod, TEAM_PERIODS } from '../../urls';
import { FRESH_ON_OPEN } from '../fetchPolicies';

function Figure({ label, value, hint }: { label: string; value: string; hint?: string }) {
  return (
    <Paper role="group" aria-label={label}>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="xl" fw={600}>
        {value}
      </Text>
      {hint && (
        <Text size="xs" c="dimmed">
          {hint}
        </Text>
      )}
    </Paper>
  );
}

/** The manager's view of the team: SLA adherence, delivery and read rates, and each member's response times. */
export function ProviderTeamPage() {
  const { workspaceId = '' } = useParams();
  const { access } = useConsoleAccess();
  const workspace = access?.providerWorkspaces.find((w) => w.id === workspaceId);
  const [daysParam, setDays] = useSearchParam('days');
  const days = parseTeamPeriod(daysParam) ?? DEFAULT_TEAM_PERIOD;
  const { data, error, refetch } = useQuery(ProviderTeamStatsDocument, { variables: { workspaceId, days }, ...FRESH_ON_OPEN });
  const stats = data?.providerTeamStats;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Team</Title>
        <Text c="dimmed" size="sm">
          {workspace ? `${workspace.name} · ` : ''}How fast the team answers new leads and how its messages are delivered and read.
        </Text>
      </div>
      <SegmentedControl
        aria-label="Period"
        w="fit-content"
        value={String(days)}
        onChange={(value) => setDays(Number(value) === DEFAULT_TEAM_PERIOD ? '' : value)}
        data={TEAM_PERIODS.map((d) => ({ value: String(d), label: `${d} days` }))}
      />
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : !stats ? (
        <TableSkeleton rows={5} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, sm: 5 }}>
            <Figure label="Leads" value={formatCount(stats.assignments)} hint={`last ${days} days`} />
            <Figure label="SLA adherence" value={formatRate(stats.slaAdherence)} hint="first response in time" />
            <Figure label="Delivered" value={formatRate(stats.deliveredRate)} hint="of messages sent" />
            <Figure label="Read" value={formatRate(stats.readRate)} hint="where the mail app reports it" />
            <Figure label="Bounced" value={formatRate(stats.bounceRate)} hint="not delivered" />
          </SimpleGrid>
          {stats.members.length === 0 ? (
            <EmptyPanel title="No activity in this period" description="Members appear here once they handle a lead." />
          ) : (
            <Table.ScrollContainer minWidth={800}>
              <Table aria-label="Team members" striped>
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>Member</Table.Th>
                    <Table.Th>Threads</Table.Th>
                    <Table.Th>Median first response</Table.Th>
                    <Table.Th>SLA</Table.Th>
                    <Table.Th>Messages sent</Table.Th>
                    <Table.Th>Delivered</Table.Th>
                    <Table.Th>Read</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {stats.members.map((m) => (
                    <Table.Tr key={m.userId}>
                      <Table.Td>
                        <Text size="sm" fw={500}>
                          {m.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {m.email}
                        </Text>
                      </Table.Td>
                      <Table.Td>{formatCount(m.threads)}</Table.Td>
                      <Table.Td>{formatDurationShort(m.medianFirstResponseSeconds)}</Table.Td>
                      <Table.Td>{formatRate(m.slaAdherence)}</Table.Td>
                      <Table.Td>{formatCount(m.messagesSent)}</Table.Td>
                      <Table.Td>{formatRate(m.deliveredRate)}</Table.Td>
                      <Table.Td>{formatRate(m.readRate)}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          )}
        </>
      )}
    </Stack>
  );
}
