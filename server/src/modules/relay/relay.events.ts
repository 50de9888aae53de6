// Conversation events reach exactly the two parties of a request: the provider workspace and the end
// user. One place publishes them, so no caller can address a third party by mistake.
import type { ConversationEventPayload, PubSub } from '../../platform/pubsub/pubsub.js';
import { Topic } from '../../platform/pubsub/pubsub.js';

export const workspaceParty = (workspaceId: string) => `workspace:${workspaceId}`;
export const userParty = (userId: string) => `user:${userId}`;

/** Publishes one event to the provider workspace and (when the request has an account) the end user. */
export function publishConversationEvent(
  pubsub: PubSub,
  parties: { workspaceId: string; userId: string | null },
  event: ConversationEventPayload,
): void {
  pubsub.publish(Topic.CONVERSATION_EVENT, workspaceParty(parties.workspaceId), event);
  if (parties.userId) pubsub.publish(Topic.CONVERSATION_EVENT, userParty(parties.userId), event);
}
