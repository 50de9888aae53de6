import { formatDateTime } from '@hotlead/ui';
import { Badge, Button, Group, Paper, Stack, Table, Text, VisuallyHidden } from '@mantine/core';
import { IconArrowMerge, IconCopy } from '@tabler/icons-react';
import { FlagStatusBadge } from '../../components/Supply/SupplyBadges';
import type { DuplicateFlagFieldsFragment } from '../../gql/graphql';
import { compareLeads, similarityPercent } from './comparison';

export interface DuplicateComparisonCardProps {
  flag: DuplicateFlagFieldsFragment;
  /** The action under way on this flag, if any. */
  busy: 'DISMISS' | 'MERGE' | null;
  onKeepBoth: () => void;
  onMerge: () => void;
}

export function leadName(lead: { firstName: string; lastName: string }): string {
  return `${lead.firstName} ${lead.lastName}`.trim();
}

/** The flagged (newer) lead beside the one it resembles, differing values highlighted, with the two ways to settle it. */
export function DuplicateComparisonCard({ flag, busy, onKeepBoth, onMerge }: DuplicateComparisonCardProps) {
  const rows = compareLeads(flag.lead, flag.matchedLead);
  const differing = rows.filter((r) => r.differs).length;
  const title = `${leadName(flag.lead)} and ${leadName(flag.matchedLead)}`;

  return (
    <Paper withBorder p="md" component="article" aria-label={title}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <div>
            <Group gap="xs">
              <Text fw={600}>{title}</Text>
              <Badge variant="light" color="grape" aria-label={`Similarity ${similarityPercent(flag.similarity)}`}>
                {similarityPercent(flag.similarity)} similar
              </Badge>
              {flag.status !== 'OPEN' && <FlagStatusBadge status={flag.status} />}
            </Group>
            <Text size="xs" c="dimmed">
              Flagged {formatDateTime(flag.createdAt)}
              {flag.resolvedAt ? ` · settled ${formatDateTime(flag.resolvedAt)}` : ''} ·{' '}
              {differing === 0 ? 'no field differs' : `${differing} ${differing === 1 ? 'field differs' : 'fields differ'}`}
            </Text>
          </div>
          {flag.status === 'OPEN' && (
            <Group gap="xs">
              <Button
                variant="default"
                leftSection={<IconCopy size={16} />}
                loading={busy === 'DISMISS'}
                disabled={busy === 'MERGE'}
                onClick={onKeepBoth}
              >
                Keep both
              </Button>
              <Button leftSection={<IconArrowMerge size={16} />} loading={busy === 'MERGE'} disabled={busy === 'DISMISS'} onClick={onMerge}>
                Merge into the older lead
              </Button>
            </Group>
          )}
        </Group>
        <Table.ScrollContainer minWidth={560}>
          <Table aria-label={`Comparison of ${title}`} withColumnBorders>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={140}>Field</Table.Th>
                <Table.Th>Flagged lead (newer){flag.lead.uploadRow != null ? ` · row ${flag.lead.uploadRow}` : ''}</Table.Th>
                <Table.Th>Matched lead (older)</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((row) => (
                <Table.Tr
                  key={row.label}
                  data-differs={row.differs || undefined}
                  bg={row.differs ? 'var(--mantine-color-yellow-light)' : undefined}
                >
                  <Table.Th scope="row" fw={500}>
                    {row.label}
                    {row.differs && <VisuallyHidden> (differs)</VisuallyHidden>}
                  </Table.Th>
                  <Table.Td fw={row.differs ? 600 : undefined}>{row.flagged}</Table.Td>
                  <Table.Td fw={row.differs ? 600 : undefined}>{row.matched}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Stack>
    </Paper>
  );
}
