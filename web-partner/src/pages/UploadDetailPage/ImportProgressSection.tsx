import { Group, Paper, Progress, SimpleGrid, Stack, Text, Title, Tooltip } from '@mantine/core';
import type { UploadImportStateFragment } from '../../gql/graphql';
import { formatCount, isImportActive } from '../../supply/labels';

function StatCard({ label, value, hint, color }: { label: string; value: number; hint: string; color?: string }) {
  return (
    <Paper withBorder p="sm" role="group" aria-label={label}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text size="xl" fw={700} c={color}>
        {formatCount(value)}
      </Text>
      <Text size="xs" c="dimmed">
        {hint}
      </Text>
    </Paper>
  );
}

function share(part: number, whole: number): number {
  return whole > 0 ? (part / whole) * 100 : 0;
}

/**
 * How far the import got: rows read, split into accepted, rejected and duplicates. The total is
 * unknown until the file has been read to its end, so while it runs the bar is animated, not a fraction.
 */
export function ImportProgressSection({ upload, soldLeads }: { upload: UploadImportStateFragment; soldLeads: number | null }) {
  const active = isImportActive(upload.status);
  const { rowsRead, accepted, rejected, duplicates } = upload;

  return (
    <Paper component="section" aria-label="Import progress">
      <Stack gap="md">
        <Group justify="space-between" align="baseline">
          <Title order={3} size="h4">
            {active ? 'Importing' : 'Import'}
          </Title>
          <Text size="sm" c="dimmed" aria-live="polite">
            {upload.status === 'QUEUED' && rowsRead === 0
              ? 'Waiting for an import worker…'
              : `${formatCount(rowsRead)} ${rowsRead === 1 ? 'row' : 'rows'} read${active ? ' so far' : ''}`}
          </Text>
        </Group>
        {active && (
          <Progress.Root size="xl" aria-label="Import progress">
            {rowsRead === 0 ? (
              <Progress.Section value={100} color="blue" animated />
            ) : (
              <>
                <Tooltip label={`${formatCount(accepted)} accepted`}>
                  <Progress.Section value={share(accepted, rowsRead)} color="teal" animated />
                </Tooltip>
                <Tooltip label={`${formatCount(rejected)} rejected`}>
                  <Progress.Section value={share(rejected, rowsRead)} color="red" animated />
                </Tooltip>
                <Tooltip label={`${formatCount(duplicates)} duplicates`}>
                  <Progress.Section value={share(duplicates, rowsRead)} color="orange" animated />
                </Tooltip>
              </>
            )}
          </Progress.Root>
        )}
        <SimpleGrid cols={{ base: 2, sm: 3, lg: soldLeads === null ? 6 : 7 }}>
          <StatCard label="Rows read" value={rowsRead} hint="Data rows read from the file" />
          <StatCard label="Accepted" value={accepted} hint="Rows that became leads" color="teal" />
          <StatCard label="Rejected" value={rejected} hint="Invalid rows (see the CSV)" color={rejected > 0 ? 'red' : undefined} />
          <StatCard
            label="Duplicates"
            value={duplicates}
            hint="Already in the file or the inventory"
            color={duplicates > 0 ? 'orange' : undefined}
          />
          <StatCard label="Verified" value={upload.verified} hint="Accepted leads with a checked email" />
          <StatCard label="Probable duplicates" value={upload.probableDuplicates} hint="Flagged for an admin to compare" />
          {soldLeads !== null && <StatCard label="Sold" value={soldLeads} hint="Leads sold at least once" />}
        </SimpleGrid>
      </Stack>
    </Paper>
  );
}
