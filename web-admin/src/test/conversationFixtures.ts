import type { WithTypename } from '@hotlead/ui/test-utils';
import type {
  AdminThreadFieldsFragment,
  InboxAssignmentFieldsFragment,
  ProviderAssignmentFieldsFragment,
  ThreadMessageFieldsFragment,
} from '../gql/graphql';

const MINUTE = 60_000;

/** An ISO time `minutes` ago (negative: in the future). */
export function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * MINUTE).toISOString();
}

export type InboxAssignmentFixture = WithTypename<InboxAssignmentFieldsFragment>;

/** A lead in the inbox: delivered 10 minutes ago, not answered yet, its thread open and empty. */
export function buildInboxAssignment(id: string, overrides: Partial<InboxAssignmentFixture> = {}): InboxAssignmentFixture {
  return {
    __typename: 'RequestAssignment',
    id,
    status: 'ACTIVE',
    deliveredAt: minutesAgo(10),
    firstResponseAt: null,
    slaElapsedSeconds: 600,
    slaBreached: false,
    outcome: null,
    handledBy: null,
    lead: {
      __typename: 'ProviderLead',
      requestId: `req-${id}`,
      name: 'Jane Doe',
      niche: { __typename: 'Niche', id: 'niche-plumbing', name: 'Plumbing' },
      country: 'US',
      region: 'CA',
      city: 'San Francisco',
      postalCode: '94103',
      flaggedBadAddress: false,
    },
    thread: {
      __typename: 'ProviderThread',
      id: `thread-${id}`,
      status: 'OPEN',
      unread: 0,
      lastMessageAt: null,
      messages: [],
    },
    ...overrides,
  };
}

export type ThreadMessageFixture = WithTypename<ThreadMessageFieldsFragment>;

export function buildMessage(id: string, overrides: Partial<ThreadMessageFixture> = {}): ThreadMessageFixture {
  return {
    __typename: 'ThreadMessage',
    id,
    direction: 'PROVIDER_TO_USER',
    mine: true,
    subject: 'Your plumbing request',
    text: 'Hello Jane,\nwe can come by on Tuesday.',
    html: null,
    redactions: 0,
    attachments: [],
    status: 'DELIVERED',
    deliveredAt: minutesAgo(30),
    readAt: null,
    createdAt: minutesAgo(31),
    ...overrides,
  };
}

export type ProviderAssignmentFixture = WithTypename<ProviderAssignmentFieldsFragment>;

/** A lead as its thread page reads it: delivered 10 minutes ago (still declinable), email hidden, thread open and empty. */
export function buildProviderAssignment(overrides: Partial<ProviderAssignmentFixture> = {}): ProviderAssignmentFixture {
  return {
    __typename: 'RequestAssignment',
    id: 'as-1',
    workspaceId: 'ws-prov',
    status: 'ACTIVE',
    price: '25.0000',
    deliveredAt: minutesAgo(10),
    declinableUntil: minutesAgo(-50),
    declineReason: null,
    refundedAt: null,
    refundReason: null,
    outcome: null,
    outcomeReason: null,
    outcomeAt: null,
    disputableUntil: minutesAgo(-14 * 24 * 60 + 10),
    handledBy: null,
    firstResponseAt: null,
    slaElapsedSeconds: 600,
    slaBreached: false,
    dispute: null,
    lead: {
      __typename: 'ProviderLead',
      requestId: 'req-1',
      name: 'Jane Doe',
      niche: { __typename: 'Niche', id: 'niche-plumbing', name: 'Plumbing' },
      details: 'Leaking pipe under the kitchen sink.\nAvailable after 5 pm.',
      country: 'US',
      region: 'CA',
      city: 'San Francisco',
      postalCode: '94103',
      hideEmail: true,
      email: null,
      phone: null,
      flaggedBadAddress: false,
      requestClosed: false,
    },
    thread: {
      __typename: 'ProviderThread',
      id: 'thread-1',
      status: 'OPEN',
      closedBy: null,
      closedAt: null,
      relayAddress: 'p-abcdefghijklmnopqrstuvwxyz234567@relay.hotlead.test',
      endUserRelayAddress: 'u-abcdefghijklmnopqrstuvwxyz234567@relay.hotlead.test',
      unread: 0,
      lastMessageAt: null,
      messages: [],
    },
    ...overrides,
  };
}

export type AdminThreadFixture = WithTypename<AdminThreadFieldsFragment>;

export function buildAdminThread(overrides: Partial<AdminThreadFixture> = {}): AdminThreadFixture {
  return {
    __typename: 'AdminThread',
    id: 'at-1',
    status: 'OPEN',
    suspendedReason: null,
    closedBy: null,
    providerName: 'Fast Plumbers',
    providerWorkspaceId: 'ws-prov',
    endUserName: 'Jane Doe',
    endUserId: 'user-jane',
    niche: { __typename: 'Niche', id: 'niche-plumbing', name: 'Plumbing' },
    requestId: 'req-1',
    messageCount: 2,
    lastMessageAt: '2026-03-02T10:05:00.000Z',
    createdAt: '2026-03-02T09:00:00.000Z',
    messages: [
      {
        __typename: 'AdminMessage',
        id: 'am-1',
        direction: 'PROVIDER_TO_USER',
        source: 'console',
        subject: 'Your plumbing request',
        sizeBytes: 2048,
        redactions: 1,
        automated: false,
        attachments: [
          {
            __typename: 'RelayAttachment',
            id: 'att-1',
            filename: 'quote.pdf',
            contentType: 'application/pdf',
            sizeBytes: 52_000,
            downloadUrl: '/relay/attachments/att-1',
          },
        ],
        status: 'READ',
        sentAt: '2026-03-02T10:00:00.000Z',
        deliveredAt: '2026-03-02T10:00:02.000Z',
        readAt: '2026-03-02T10:03:00.000Z',
        bounceAction: null,
        bounceStatus: null,
        bounceClass: null,
        bounceReason: null,
        lastError: null,
        heldReason: null,
        createdAt: '2026-03-02T10:00:00.000Z',
      },
      {
        __typename: 'AdminMessage',
        id: 'am-2',
        direction: 'PROVIDER_TO_USER',
        source: 'email',
        subject: 'Following up',
        sizeBytes: 1024,
        redactions: 0,
        automated: false,
        attachments: [],
        status: 'NOT_DELIVERED',
        sentAt: '2026-03-02T10:05:00.000Z',
        deliveredAt: null,
        readAt: null,
        bounceAction: 'failed',
        bounceStatus: '5.1.1',
        bounceClass: 'INVALID_ADDRESS',
        bounceReason: '550 5.1.1 User unknown',
        lastError: null,
        heldReason: null,
        createdAt: '2026-03-02T10:05:00.000Z',
      },
    ],
    events: [
      {
        __typename: 'RelayEvent',
        id: 'ev-1',
        at: '2026-03-02T10:05:03.000Z',
        kind: 'bounce',
        reason: 'Invalid address (5.1.1)',
        threadId: 'at-1',
        messageId: 'am-2',
      },
    ],
    ...overrides,
  };
}
