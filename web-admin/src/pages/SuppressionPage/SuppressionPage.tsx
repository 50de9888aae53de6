import { useQuery } from '@apollo/client/react';
import { QueryErrorAlert } from '@hotlead/ui';
import { Paper, SimpleGrid, Skeleton, Stack, Text, Title } from '@mantine/core';
import { formatCount } from '../../components/Supply/supplyWords';
import { SuppressionStatsDocument, type SuppressionStatsQuery } from '../../gql/graphql';
import { FRESH_ON_OPEN } from '../fetchPolicies';
import { SuppressionAddForm } from './SuppressionAddForm';

type Stats = SuppressionStatsQuery['suppressionStats'];

const STATS: { label: string; value: (s: Stats) => number; description: string }[] = [
  { label: 'Suppressed contacts', value: (s) => s.total, description: 'Never listed or imported again' },
  { label: 'From the opt-out page', value: (s) => s.optOutPage, description: 'People who opted out themselves' },
  { label: 'Added by admins', value: (s) => s.admin, description: "On the person's behalf" },
];

/** The suppression list: how many contacts are on it, and suppressing one on the person's behalf. */
export function SuppressionPage() {
  const { data, error, refetch } = useQuery(SuppressionStatsDocument, FRESH_ON_OPEN);
  const stats = data?.suppressionStats;

  return (
    <Stack gap="md">
      <div>
        <Title order={2}>Suppression list</Title>
        <Text c="dimmed" size="sm">
          Contacts who must never be sold, listed or imported again. The list stores only hashes of their email addresses and phone numbers,
          never the contacts themselves, so it cannot be read back or searched by name.
        </Text>
      </div>
      {error && !data ? (
        <QueryErrorAlert error={error} onRetry={() => void refetch()} />
      ) : (
        <SimpleGrid cols={{ base: 1, sm: 3 }} maw={900}>
          {STATS.map((stat) => (
            <Paper key={stat.label} withBorder p="md" role="group" aria-label={stat.label}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
                {stat.label}
              </Text>
              {stats ? (
                <Text fz="xl" fw={700} mt={4}>
                  {formatCount(stat.value(stats))}
                </Text>
              ) : (
                <Skeleton h={28} mt={4} w={80} />
              )}
              <Text size="xs" c="dimmed" mt={4}>
                {stat.description}
              </Text>
            </Paper>
          ))}
        </SimpleGrid>
      )}
      <Paper withBorder p="md" component="section" aria-labelledby="suppression-add-title" maw={900}>
        <Stack gap="sm">
          <div>
            <Title order={3} size="h4" id="suppression-add-title">
              Suppress a contact
            </Title>
            <Text size="sm" c="dimmed">
              When someone asks by email, phone or letter: their leads are taken off the market, re-imports are blocked, and past buyers are
              told by webhook.
            </Text>
          </div>
          <SuppressionAddForm />
        </Stack>
      </Paper>
    </Stack>
  );
}
