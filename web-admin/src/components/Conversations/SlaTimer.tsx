import { Group, Text, Tooltip } from '@mantine/core';
import { IconAlarm, IconCircleCheck } from '@tabler/icons-react';
import { formatClock, formatDurationShort } from './conversationWords';

export interface SlaTimerProps {
  deliveredAt: string;
  firstResponseAt: string | null | undefined;
  slaBreached: boolean;
  /** The page's clock (ms), so every timer on it ticks together. */
  now: number;
}

function secondsBetween(from: string, to: number): number {
  return Math.max(0, (to - new Date(from).getTime()) / 1000);
}

/**
 * The first-response SLA of one lead: a clock running from delivery until the first message, red
 * once the SLA is missed; "Responded in 12 min" after the first message.
 */
export function SlaTimer({ deliveredAt, firstResponseAt, slaBreached, now }: SlaTimerProps) {
  const color = slaBreached ? 'red' : undefined;
  if (firstResponseAt) {
    const took = secondsBetween(deliveredAt, new Date(firstResponseAt).getTime());
    return (
      <Group gap={4} wrap="nowrap" c={color ?? 'teal'} data-sla={slaBreached ? 'breached' : 'met'}>
        <IconCircleCheck size={14} />
        <Text size="sm" c={color} span>
          Responded in {formatDurationShort(took)}
        </Text>
      </Group>
    );
  }
  return (
    <Tooltip
      label={slaBreached ? 'First-response SLA missed: answer as soon as you can.' : 'Time since delivery, waiting for your first message.'}
    >
      <Group gap={4} wrap="nowrap" c={color} data-sla={slaBreached ? 'breached' : 'running'}>
        <IconAlarm size={14} />
        <Text size="sm" c={color} fw={slaBreached ? 600 : undefined} ff="monospace" span>
          {formatClock(secondsBetween(deliveredAt, now))}
        </Text>
        {slaBreached && (
          <Text size="xs" c="red" span>
            SLA missed
          </Text>
        )}
      </Group>
    </Tooltip>
  );
}
