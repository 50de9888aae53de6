import { Badge, Group, Text, Tooltip } from '@mantine/core';
import { IconAlertTriangle, IconCheck, IconChecks, IconClock, IconEye, IconHandStop } from '@tabler/icons-react';
import { formatDateTime } from '@hotlead/ui';
import type { AssignmentStatus, DisputeStatus, RelayDeliveryStatus, RelayThreadStatus, ServiceRequestStatus } from '../../gql/graphql';
import { LookBadge } from '../Marketplace/MarketplaceBadges';
import {
  assignmentStatusLook,
  deliveryStatusExplanation,
  deliveryStatusLook,
  disputeStatusLook,
  serviceRequestStatusLook,
  threadStatusLook,
} from './conversationWords';

export function AssignmentStatusBadge({ status }: { status: AssignmentStatus }) {
  return <LookBadge look={assignmentStatusLook(status)} />;
}

export function ThreadStatusBadge({ status }: { status: RelayThreadStatus }) {
  return <LookBadge look={threadStatusLook(status)} />;
}

export function DisputeStatusBadge({ status }: { status: DisputeStatus }) {
  return <LookBadge look={disputeStatusLook(status)} />;
}

export function ServiceRequestStatusBadge({ status }: { status: ServiceRequestStatus }) {
  return <LookBadge look={serviceRequestStatusLook(status)} />;
}

/** Unread messages from the end user, as a count badge; nothing when all are read. */
export function UnreadBadge({ count }: { count: number }) {
  if (count <= 0) return null;
  return (
    <Badge size="sm" color="red" variant="filled" aria-label={`${count} unread`}>
      {count} unread
    </Badge>
  );
}

function DeliveryIcon({ status }: { status: RelayDeliveryStatus }) {
  switch (status) {
    case 'DELIVERED':
      return <IconChecks size={14} />;
    case 'READ':
      return <IconEye size={14} />;
    case 'NOT_DELIVERED':
      return <IconAlertTriangle size={14} />;
    case 'HELD':
      return <IconHandStop size={14} />;
    case 'QUEUED':
      return <IconClock size={14} />;
    default:
      return <IconCheck size={14} />;
  }
}

/**
 * Sent / Delivered / Read / Not delivered for a message we sent: an icon and a word, with what it
 * means (and when) in the tooltip.
 */
export function DeliveryStatus({
  status,
  deliveredAt,
  readAt,
  size = 'xs',
}: {
  status: RelayDeliveryStatus;
  deliveredAt?: string | null;
  readAt?: string | null;
  size?: 'xs' | 'sm';
}) {
  const look = deliveryStatusLook(status);
  const when =
    status === 'READ' && readAt
      ? ` Read ${formatDateTime(readAt)}.`
      : status === 'DELIVERED' && deliveredAt
        ? ` Delivered ${formatDateTime(deliveredAt)}.`
        : '';
  return (
    <Tooltip label={`${deliveryStatusExplanation(status)}${when}`} multiline w={280}>
      <Group gap={4} wrap="nowrap" c={look.color} data-delivery-status={status} component="span" display="inline-flex">
        <DeliveryIcon status={status} />
        <Text size={size} c={look.color} span>
          {look.label}
        </Text>
      </Group>
    </Tooltip>
  );
}
