// GraphQL types of conversations (issue 6; names fixed by docs/relay-contract.graphql): threads and
// messages as each party sees them, the team view, conversation events, and admin oversight. Plain
// values filled by the services; `messages` on the threads is resolved lazily (batched).
import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../platform/graphql/connection.js';
import { Node } from '../../platform/graphql/ids.js';
import { DateTimeScalar } from '../../platform/graphql/scalars.js';
import { Niche } from '../requests/requests.types.js';

export enum RelayThreadStatusEnum {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  SUSPENDED = 'SUSPENDED',
}
registerEnumType(RelayThreadStatusEnum, {
  name: 'RelayThreadStatus',
  valuesConfig: { SUSPENDED: { description: 'Suspended by an admin: no mail either way until resumed.' } },
});

export enum RelayDirectionEnum {
  PROVIDER_TO_USER = 'PROVIDER_TO_USER',
  USER_TO_PROVIDER = 'USER_TO_PROVIDER',
}
registerEnumType(RelayDirectionEnum, { name: 'RelayDirection' });

export enum RelayDeliveryStatusEnum {
  QUEUED = 'QUEUED',
  SENDING = 'SENDING',
  DELIVERED = 'DELIVERED',
  READ = 'READ',
  NOT_DELIVERED = 'NOT_DELIVERED',
  HELD = 'HELD',
}
registerEnumType(RelayDeliveryStatusEnum, {
  name: 'RelayDeliveryStatus',
  valuesConfig: {
    SENDING: { description: 'Handed to the SMTP server and not confirmed yet.' },
    DELIVERED: { description: 'Accepted by the next hop.' },
    READ: { description: 'Opened: the read pixel loaded, or the recipient opened the thread on the platform.' },
    NOT_DELIVERED: { description: 'Bounced (see the admin diagnostics for the reason and class).' },
    HELD: { description: 'Not relayed: the thread was closed or suspended meanwhile, or a loop was stopped.' },
  },
});

export enum InboxFilterStatusEnum {
  OPEN = 'OPEN',
  CLOSED = 'CLOSED',
  DECLINED = 'DECLINED',
  REFUNDED = 'REFUNDED',
  ALL = 'ALL',
}
registerEnumType(InboxFilterStatusEnum, {
  name: 'InboxFilterStatus',
  valuesConfig: {
    OPEN: { description: 'Active assignments whose thread is open.' },
    CLOSED: { description: 'Closed assignments or threads (declined and refunded ones excluded).' },
  },
});

export enum ConversationEventKindEnum {
  ASSIGNMENT_CREATED = 'ASSIGNMENT_CREATED',
  ASSIGNMENT_UPDATED = 'ASSIGNMENT_UPDATED',
  MESSAGE_CREATED = 'MESSAGE_CREATED',
  MESSAGE_STATUS = 'MESSAGE_STATUS',
  THREAD_UPDATED = 'THREAD_UPDATED',
}
registerEnumType(ConversationEventKindEnum, { name: 'ConversationEventKind' });

@ObjectType({ description: 'An attachment that passed the scanner.' })
export class RelayAttachment {
  @Field(() => ID)
  id!: string;

  @Field(() => String)
  filename!: string;

  @Field(() => String)
  contentType!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => String, { description: 'GET with the session cookie; parties and admins only' })
  downloadUrl!: string;
}

@ObjectType({ description: 'One message of a thread as one party sees it.' })
export class ThreadMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => RelayDirectionEnum)
  direction!: RelayDirectionEnum;

  @Field(() => Boolean, { description: "True when the viewer's side wrote it" })
  mine!: boolean;

  @Field(() => String)
  subject!: string;

  @Field(() => String, { nullable: true, description: 'The sender sees what they wrote; the recipient sees the redacted text' })
  text!: string | null;

  @Field(() => String, { nullable: true, description: 'Sanitized HTML (no scripts), same rule' })
  html!: string | null;

  @Field(() => Int)
  redactions!: number;

  @Field(() => [RelayAttachment])
  attachments!: RelayAttachment[];

  @Field(() => RelayDeliveryStatusEnum)
  status!: RelayDeliveryStatusEnum;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  readAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType({ description: "A thread as the provider's members see it." })
export class ProviderThread {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => RelayThreadStatusEnum)
  status!: RelayThreadStatusEnum;

  @Field(() => String, { nullable: true })
  closedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { description: "p-<token>@relay.<domain>: the provider's relay address (mail to the end user goes from it)" })
  relayAddress!: string;

  @Field(() => String, { description: 'u-<token>@relay.<domain>: write to this to reach the end user by email' })
  endUserRelayAddress!: string;

  @Field(() => Int)
  unread!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastMessageAt!: Date | null;
}

@ObjectType({ description: 'A thread as the end user sees it.' })
export class EndUserThread {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => RelayThreadStatusEnum)
  status!: RelayThreadStatusEnum;

  @Field(() => String, { nullable: true })
  closedBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt!: Date | null;

  @Field(() => String, { description: 'p-<token>@relay.<domain>: reply to this to reach the provider' })
  providerRelayAddress!: string;

  @Field(() => Boolean, { description: 'False until the provider wrote first' })
  canReply!: boolean;

  @Field(() => Int)
  unread!: number;
}

@InputType()
export class ThreadMessageInput {
  @Field(() => ID)
  threadId!: string;

  @Field(() => String, { nullable: true })
  subject?: string | null;

  @Field(() => String)
  text!: string;

  @Field(() => [String], {
    nullable: true,
    description: 'Tokens from POST /relay/uploads (raw body, Content-Type, ?filename=; session cookie): each scanned at upload',
  })
  attachmentTokens?: string[] | null;
}

@InputType()
export class ProviderInboxFilter {
  @Field(() => InboxFilterStatusEnum, { nullable: true })
  status?: InboxFilterStatusEnum | null;

  @Field(() => Boolean, { nullable: true })
  slaBreached?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  unread?: boolean | null;
}

@ObjectType({ description: "One member's part of the team view." })
export class ProviderTeamMember {
  @Field(() => ID)
  userId!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => Int)
  threads!: number;

  @Field(() => Int, { nullable: true, description: 'Median seconds from delivery to the first response' })
  medianFirstResponseSeconds!: number | null;

  @Field(() => Float, { nullable: true })
  slaAdherence!: number | null;

  @Field(() => Int)
  messagesSent!: number;

  @Field(() => Float, { nullable: true })
  deliveredRate!: number | null;

  @Field(() => Float, { nullable: true })
  readRate!: number | null;
}

@ObjectType({ description: "A provider workspace's response times and delivery over a period (managers)." })
export class ProviderTeamStats {
  @Field(() => Int)
  assignments!: number;

  @Field(() => Float, { nullable: true })
  slaAdherence!: number | null;

  @Field(() => Float, { nullable: true })
  deliveredRate!: number | null;

  @Field(() => Float, { nullable: true })
  readRate!: number | null;

  @Field(() => Float, { nullable: true })
  bounceRate!: number | null;

  @Field(() => [ProviderTeamMember])
  members!: ProviderTeamMember[];
}

@ObjectType({ description: 'Something happened in a routed request or its conversation (ids only).' })
export class ConversationEvent {
  @Field(() => ConversationEventKindEnum)
  kind!: ConversationEventKindEnum;

  @Field(() => ID)
  requestId!: string;

  @Field(() => ID)
  assignmentId!: string;

  @Field(() => ID, { nullable: true })
  threadId!: string | null;

  @Field(() => ID, { nullable: true })
  messageId!: string | null;
}

@ObjectType({ description: 'One message with its delivery diagnostics, without its body (admins).' })
export class AdminMessage {
  @Field(() => ID)
  id!: string;

  @Field(() => RelayDirectionEnum)
  direction!: RelayDirectionEnum;

  @Field(() => String)
  source!: string;

  @Field(() => String)
  subject!: string;

  @Field(() => Int)
  sizeBytes!: number;

  @Field(() => Int)
  redactions!: number;

  @Field(() => Boolean)
  automated!: boolean;

  @Field(() => [RelayAttachment])
  attachments!: RelayAttachment[];

  @Field(() => RelayDeliveryStatusEnum)
  status!: RelayDeliveryStatusEnum;

  @Field(() => DateTimeScalar, { nullable: true })
  sentAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  deliveredAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  readAt!: Date | null;

  @Field(() => String, { nullable: true })
  bounceAction!: string | null;

  @Field(() => String, { nullable: true })
  bounceStatus!: string | null;

  @Field(() => String, { nullable: true })
  bounceClass!: string | null;

  @Field(() => String, { nullable: true })
  bounceReason!: string | null;

  @Field(() => String, { nullable: true })
  lastError!: string | null;

  @Field(() => String, { nullable: true })
  heldReason!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType({ description: "An admin's read of one message: audited (message.body_read)." })
export class AdminMessageBody {
  @Field(() => ID)
  messageId!: string;

  @Field(() => String, { nullable: true })
  originalText!: string | null;

  @Field(() => String, { nullable: true })
  originalHtml!: string | null;

  @Field(() => String, { nullable: true })
  relayedText!: string | null;

  @Field(() => String, { nullable: true })
  relayedHtml!: string | null;

  @Field(() => String)
  rawMime!: string;
}

@ObjectType({ description: 'What the relay refused, stripped, quarantined or throttled, with the reason.' })
export class RelayEvent {
  @Field(() => ID)
  id!: string;

  @Field(() => DateTimeScalar)
  at!: Date;

  @Field(() => String)
  kind!: string;

  @Field(() => String)
  reason!: string;

  @Field(() => ID, { nullable: true })
  threadId!: string | null;

  @Field(() => ID, { nullable: true })
  messageId!: string | null;
}

@ObjectType({ implements: Node, description: 'A conversation as platform admins see it: metadata and diagnostics, no bodies.' })
export class AdminThread implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => RelayThreadStatusEnum)
  status!: RelayThreadStatusEnum;

  @Field(() => String, { nullable: true })
  suspendedReason!: string | null;

  @Field(() => String, { nullable: true })
  closedBy!: string | null;

  @Field(() => String)
  providerName!: string;

  @Field(() => ID)
  providerWorkspaceId!: string;

  @Field(() => String)
  endUserName!: string;

  @Field(() => ID, { nullable: true })
  endUserId!: string | null;

  @Field(() => Niche)
  niche!: Niche;

  @Field(() => ID)
  requestId!: string;

  @Field(() => Int)
  messageCount!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  lastMessageAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

@ObjectType({ description: "The relay's limits and retention." })
export class RelaySettings {
  @Field(() => Int)
  maxMessageBytes!: number;

  @Field(() => Int)
  maxAttachmentBytes!: number;

  @Field(() => Int)
  messagesPerThreadPerHour!: number;

  @Field(() => Int)
  messagesPerUserPerHour!: number;

  @Field(() => Int)
  retentionDays!: number;

  @Field(() => Int)
  maxProvidersPerRequest!: number;

  @Field(() => DateTimeScalar)
  updatedAt!: Date;
}

@InputType()
export class RelaySettingsInput {
  @Field(() => Int)
  maxMessageBytes!: number;

  @Field(() => Int)
  maxAttachmentBytes!: number;

  @Field(() => Int)
  messagesPerThreadPerHour!: number;

  @Field(() => Int)
  messagesPerUserPerHour!: number;

  @Field(() => Int)
  retentionDays!: number;

  @Field(() => Int)
  maxProvidersPerRequest!: number;
}

@InputType()
export class AdminThreadFilter {
  @Field(() => RelayThreadStatusEnum, { nullable: true })
  status?: RelayThreadStatusEnum | null;

  @Field(() => Boolean, { nullable: true, description: 'Only threads with a NOT_DELIVERED message' })
  bounced?: boolean | null;

  @Field(() => ID, { nullable: true })
  workspaceId?: string | null;
}

export const AdminThreadConnection = connectionType('AdminThread', AdminThread);
export const RelayEventConnection = connectionType('RelayEvent', RelayEvent);
