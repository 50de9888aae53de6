import type {
  AssignmentStatus,
  RelayDeliveryStatus,
  RelayThreadStatus,
  ServiceRequestFeedback,
  ServiceRequestStatus,
} from '../gql/graphql';

/** A request's status in the consumer's words, with its badge colour. */
export const REQUEST_STATUS: Record<ServiceRequestStatus, { label: string; color: string }> = {
  PENDING_CONFIRMATION: { label: 'Waiting for confirmation', color: 'yellow' },
  ROUTING: { label: 'Finding providers', color: 'blue' },
  ROUTED: { label: 'Matched', color: 'teal' },
  UNROUTABLE: { label: 'No providers found yet', color: 'orange' },
  CLOSED: { label: 'Closed', color: 'gray' },
};

/** Why the person closed the request (the optional feedback of "Close request"). */
export const FEEDBACK_LABELS: Record<ServiceRequestFeedback, string> = {
  OFFER_NOT_COMPETITIVE: 'The offer was not competitive',
  NO_LONGER_INTERESTED: 'I am no longer interested',
  CHOSE_PROVIDER_ON_PLATFORM: 'I chose a provider on Hotlead',
  CHOSE_PROVIDER_OFF_PLATFORM: 'I chose a provider elsewhere',
};

/**
 * A match from the consumer's side. A refund is the provider's business with Hotlead; to the person
 * it only means the provider is no longer on the request.
 */
export const MATCH_STATUS: Record<AssignmentStatus, { label: string; color: string }> = {
  ACTIVE: { label: 'Active', color: 'teal' },
  DECLINED: { label: 'Declined your request', color: 'gray' },
  REFUNDED: { label: 'No longer on your request', color: 'gray' },
  CLOSED: { label: 'Closed', color: 'gray' },
};

export const THREAD_STATUS: Record<RelayThreadStatus, { label: string; color: string }> = {
  OPEN: { label: 'Open', color: 'teal' },
  CLOSED: { label: 'Closed', color: 'gray' },
  SUSPENDED: { label: 'Paused by Hotlead', color: 'orange' },
};

/** The delivery state of a message the person sent. */
export const MESSAGE_STATUS: Record<RelayDeliveryStatus, string> = {
  QUEUED: 'Sending',
  SENDING: 'Sending',
  DELIVERED: 'Delivered',
  READ: 'Read',
  NOT_DELIVERED: 'Not delivered',
  HELD: 'Held for review',
};
