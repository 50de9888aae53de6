// Subscription events. In memory for one instance; over Redis when REDIS_URL is set, so an event
// published by one API instance reaches subscribers connected to any other.
import { createPubSub } from '@graphql-yoga/subscription';
import { createRedisEventTarget } from '@graphql-yoga/redis-event-target';
import type { Redis } from 'ioredis';

/** Every topic and the payload it carries. Payloads hold ids, never another tenant's data. */
export type TopicPayloads = {
  /** A session was revoked (logout elsewhere, password reset, admin action). */
  SESSION_REVOKED: [{ userId: string; sessionId: string; reason: string }];
  /** A workspace's credit balance moved; published per workspace id. */
  CREDIT_BALANCE_CHANGED: [workspaceId: string, payload: { workspaceId: string; balance: string }];
  /** A lead upload's import moved (counts, status); published per upload id. */
  LEAD_UPLOAD_PROGRESS: [uploadId: string, payload: { uploadId: string }];
  /** A workspace completed a lead purchase; published per workspace id. */
  LEAD_PURCHASE_COMPLETED: [workspaceId: string, payload: { purchaseId: string }];
  /** Something happened in a routed request or its conversation; published once per party, under
   * `workspace:<provider workspace id>` and `user:<end user id>` (server/src/modules/relay/relay.events.ts). */
  CONVERSATION_EVENT: [party: string, payload: ConversationEventPayload];
};

export type ConversationEventKind = 'ASSIGNMENT_CREATED' | 'ASSIGNMENT_UPDATED' | 'MESSAGE_CREATED' | 'MESSAGE_STATUS' | 'THREAD_UPDATED';

export interface ConversationEventPayload {
  kind: ConversationEventKind;
  requestId: string;
  assignmentId: string;
  threadId: string | null;
  messageId: string | null;
}

export const Topic = {
  SESSION_REVOKED: 'SESSION_REVOKED',
  CREDIT_BALANCE_CHANGED: 'CREDIT_BALANCE_CHANGED',
  LEAD_UPLOAD_PROGRESS: 'LEAD_UPLOAD_PROGRESS',
  LEAD_PURCHASE_COMPLETED: 'LEAD_PURCHASE_COMPLETED',
  CONVERSATION_EVENT: 'CONVERSATION_EVENT',
} as const satisfies Record<keyof TopicPayloads, keyof TopicPayloads>;

export type PubSub = ReturnType<typeof createPubSub<TopicPayloads>>;

export function createMemoryPubSub(): PubSub {
  return createPubSub<TopicPayloads>();
}

export function createRedisPubSub(publishClient: Redis, subscribeClient: Redis): PubSub {
  return createPubSub<TopicPayloads>({
    eventTarget: createRedisEventTarget({ publishClient, subscribeClient }),
  });
}
