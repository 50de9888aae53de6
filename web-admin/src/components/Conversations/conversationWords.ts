import { humanizeEnum } from '@hotlead/ui';
import type {
  AssignmentOutcome,
  AssignmentStatus,
  DisputeReason,
  DisputeStatus,
  InboxFilterStatus,
  RelayDeliveryStatus,
  RelayDirection,
  RelayThreadStatus,
  ServiceRequestStatus,
} from '../../gql/graphql';
import type { StatusLook } from '../Supply/supplyWords';

function lookOf<T extends string>(table: Record<T, StatusLook>) {
  return (value: T): StatusLook => table[value] ?? { label: humanizeEnum(value), color: 'gray' };
}

export const assignmentStatusLook = lookOf<AssignmentStatus>({
  ACTIVE: { label: 'Active', color: 'blue' },
  DECLINED: { label: 'Declined', color: 'gray' },
  REFUNDED: { label: 'Refunded', color: 'orange' },
  CLOSED: { label: 'Closed', color: 'gray' },
});

export const threadStatusLook = lookOf<RelayThreadStatus>({
  OPEN: { label: 'Open', color: 'teal' },
  CLOSED: { label: 'Closed', color: 'gray' },
  SUSPENDED: { label: 'Suspended', color: 'red' },
});

export const disputeStatusLook = lookOf<DisputeStatus>({
  OPEN: { label: 'Under review', color: 'orange' },
  UPHELD: { label: 'Upheld: credits back', color: 'teal' },
  REJECTED: { label: 'Rejected', color: 'gray' },
});

export const serviceRequestStatusLook = lookOf<ServiceRequestStatus>({
  PENDING_CONFIRMATION: { label: 'Awaiting confirmation', color: 'gray' },
  ROUTING: { label: 'Routing', color: 'blue' },
  ROUTED: { label: 'Routed', color: 'teal' },
  UNROUTABLE: { label: 'Unroutable', color: 'red' },
  CLOSED: { label: 'Closed', color: 'gray' },
});

/** The delivery state of one relayed message, as its sender reads it. */
export const deliveryStatusLook = lookOf<RelayDeliveryStatus>({
  QUEUED: { label: 'Sent', color: 'gray' },
  SENDING: { label: 'Sent', color: 'gray' },
  DELIVERED: { label: 'Delivered', color: 'blue' },
  READ: { label: 'Read', color: 'teal' },
  NOT_DELIVERED: { label: 'Not delivered', color: 'red' },
  HELD: { label: 'Held', color: 'orange' },
});

/** What each delivery state means, for its tooltip. */
export function deliveryStatusExplanation(status: RelayDeliveryStatus): string {
  switch (status) {
    case 'QUEUED':
    case 'SENDING':
      return 'Sent: on its way to the recipient’s mail server.';
    case 'DELIVERED':
      return 'Delivered: the recipient’s mail server accepted it.';
    case 'READ':
      return 'Read: the recipient opened it (their mail app loaded the images).';
    case 'NOT_DELIVERED':
      return 'Not delivered: the recipient’s mail server refused it.';
    case 'HELD':
      return 'Held by the relay (a limit or an attachment check); it was not relayed.';
    default:
      return humanizeEnum(status);
  }
}

const OUTCOMES: Record<AssignmentOutcome, string> = {
  CONVERTED: 'Converted',
  NOT_A_FIT: 'Not a fit',
  DUPLICATE: 'Duplicate',
  BAD_LEAD: 'Bad lead',
  NO_RESPONSE: 'No response',
};

export const ASSIGNMENT_OUTCOMES = Object.keys(OUTCOMES) as AssignmentOutcome[];

export function outcomeLabel(outcome: AssignmentOutcome): string {
  return OUTCOMES[outcome] ?? humanizeEnum(outcome);
}

const DISPUTE_REASONS: Record<DisputeReason, string> = {
  DUPLICATE: 'Duplicate request',
  UNREACHABLE: 'Contact unreachable',
  OUT_OF_AREA: 'Out of our area',
  FAKE: 'Fake request',
};

export const DISPUTE_REASONS_LIST = Object.keys(DISPUTE_REASONS) as DisputeReason[];

export function disputeReasonLabel(reason: DisputeReason): string {
  return DISPUTE_REASONS[reason] ?? humanizeEnum(reason);
}

export const INBOX_STATUS_LABELS: Record<InboxFilterStatus, string> = {
  OPEN: 'Open',
  CLOSED: 'Closed',
  DECLINED: 'Declined',
  REFUNDED: 'Refunded',
  ALL: 'All',
};

export function directionLabel(direction: RelayDirection): string {
  return direction === 'PROVIDER_TO_USER' ? 'Provider → end user' : 'End user → provider';
}

/** "San Francisco, CA 94103, US": the parts of a location that are known. */
export function formatLocation(lead: {
  city?: string | null;
  region?: string | null;
  postalCode?: string | null;
  country?: string | null;
}): string {
  const regionAndPostal = [lead.region, lead.postalCode].filter(Boolean).join(' ');
  return [lead.city, regionAndPostal, lead.country].filter(Boolean).join(', ') || '—';
}

/** "45 s", "12 min", "3 h 05 min", "2 d 4 h": a duration in seconds, coarse enough to read at a glance. */
export function formatDurationShort(seconds: number | null | undefined): string {
  if (seconds == null || !Number.isFinite(seconds) || seconds < 0) return '—';
  const s = Math.round(seconds);
  if (s < 60) return `${s} s`;
  const minutes = Math.floor(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ${String(minutes % 60).padStart(2, '0')} min`;
  return `${Math.floor(hours / 24)} d ${hours % 24} h`;
}

/** "0:12:05", "27:03:09": a running clock for a timer that ticks every second. */
export function formatClock(seconds: number): string {
  const s = Math.max(0, Math.floor(seconds));
  const hours = Math.floor(s / 3600);
  const minutes = Math.floor((s % 3600) / 60);
  return `${hours}:${String(minutes).padStart(2, '0')}:${String(s % 60).padStart(2, '0')}`;
}

/** "92.5%" for 0.925 (rates arrive as fractions of 1); an em dash when there is nothing to measure. */
export function formatRate(rate: number | null | undefined): string {
  if (rate == null || !Number.isFinite(rate)) return '—';
  return `${Math.round(rate * 1000) / 10}%`;
}

const MIB = 1024 * 1024;

/** Bytes as megabytes for a form field ("10" for 10 MiB, "2.5" for 2.5 MiB). */
export function bytesToMegabytes(bytes: number): number {
  return Math.round((bytes / MIB) * 100) / 100;
}

export function megabytesToBytes(megabytes: number): number {
  return Math.round(megabytes * MIB);
}
