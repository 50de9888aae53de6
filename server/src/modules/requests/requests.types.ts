// GraphQL types of requests and routing (issue 6; names fixed by docs/relay-contract.graphql). The
// objects are plain values filled by the services' mappers; `thread` on RequestAssignment and
// MatchedProvider is added by the conversations module with a field resolver, which reads the raw
// ids kept here as non-GraphQL properties:
//   RequestAssignment: rawId (assignment uuid), workspaceRawId, requestId (raw), threadId (raw | null),
//   endUserId (raw | null);
//   MatchedProvider: rawAssignmentId, threadId (raw | null). `workspaceId` fields are global ids.
// Global id types: 'Niche', 'ServiceRequest' (also AdminServiceRequest and ProviderLead.requestId),
// 'RequestAssignment' (also MatchedProvider.assignmentId), 'AssignmentDispute' (also AdminDispute),
// 'Workspace'.
import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { connectionType } from '../../platform/graphql/connection.js';
import { Node } from '../../platform/graphql/ids.js';
import { DateTimeScalar, DecimalScalar } from '../../platform/graphql/scalars.js';

export enum ServiceRequestStatusEnum {
  PENDING_CONFIRMATION = 'PENDING_CONFIRMATION',
  ROUTING = 'ROUTING',
  ROUTED = 'ROUTED',
  UNROUTABLE = 'UNROUTABLE',
  CLOSED = 'CLOSED',
}
registerEnumType(ServiceRequestStatusEnum, {
  name: 'ServiceRequestStatus',
  valuesConfig: {
    PENDING_CONFIRMATION: { description: 'Submitted; waiting for the email confirmation.' },
    ROUTING: { description: 'Confirmed; no provider found yet (retried hourly for 72 hours).' },
    UNROUTABLE: { description: 'No provider after 72 hours of retries.' },
  },
});

export enum ServiceRequestFeedbackEnum {
  OFFER_NOT_COMPETITIVE = 'OFFER_NOT_COMPETITIVE',
  NO_LONGER_INTERESTED = 'NO_LONGER_INTERESTED',
  CHOSE_PROVIDER_ON_PLATFORM = 'CHOSE_PROVIDER_ON_PLATFORM',
  CHOSE_PROVIDER_OFF_PLATFORM = 'CHOSE_PROVIDER_OFF_PLATFORM',
}
registerEnumType(ServiceRequestFeedbackEnum, { name: 'ServiceRequestFeedback' });

export enum AssignmentStatusEnum {
  ACTIVE = 'ACTIVE',
  DECLINED = 'DECLINED',
  REFUNDED = 'REFUNDED',
  CLOSED = 'CLOSED',
}
registerEnumType(AssignmentStatusEnum, {
  name: 'AssignmentStatus',
  valuesConfig: {
    ACTIVE: { description: 'Delivered and charged.' },
    DECLINED: { description: 'Declined within the free hour: credits back.' },
    REFUNDED: { description: 'Credits back: first message unread after 48 hours, or a dispute upheld.' },
    CLOSED: { description: 'Thread closed by either party or the request closed.' },
  },
});

export enum AssignmentOutcomeEnum {
  CONVERTED = 'CONVERTED',
  NOT_A_FIT = 'NOT_A_FIT',
  DUPLICATE = 'DUPLICATE',
  BAD_LEAD = 'BAD_LEAD',
  NO_RESPONSE = 'NO_RESPONSE',
}
registerEnumType(AssignmentOutcomeEnum, { name: 'AssignmentOutcome' });

export enum DisputeReasonEnum {
  DUPLICATE = 'DUPLICATE',
  UNREACHABLE = 'UNREACHABLE',
  OUT_OF_AREA = 'OUT_OF_AREA',
  FAKE = 'FAKE',
}
registerEnumType(DisputeReasonEnum, { name: 'DisputeReason' });

export enum DisputeStatusEnum {
  OPEN = 'OPEN',
  UPHELD = 'UPHELD',
  REJECTED = 'REJECTED',
}
registerEnumType(DisputeStatusEnum, { name: 'DisputeStatus' });

@ObjectType({ implements: Node, description: 'A service category consumers request; providers target niches.' })
export class Niche implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => String)
  slug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  description!: string;

  @Field(() => DecimalScalar, { description: 'Default price per lead in credits' })
  defaultPrice!: string;

  @Field(() => Boolean)
  active!: boolean;
}

@ObjectType({ description: 'The consent text shown next to the opt-in checkbox, with its version; the form sends the version back.' })
export class RequestConsent {
  @Field(() => String)
  version!: string;

  @Field(() => String)
  wording!: string;
}

@InputType()
export class ServiceRequestInput {
  @Field(() => String)
  nicheSlug!: string;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String, { nullable: true })
  phone?: string | null;

  @Field(() => String, { description: 'ISO 3166-1 alpha-2' })
  country!: string;

  @Field(() => String, { nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true })
  city?: string | null;

  @Field(() => String, { nullable: true })
  postalCode?: string | null;

  @Field(() => String)
  details!: string;

  @Field(() => Boolean, { description: 'The opt-in: hide my email and communicate through the platform' })
  hideEmail!: boolean;

  @Field(() => String, { description: 'RequestConsent.version the person saw' })
  consentVersion!: string;
}

@ObjectType()
export class ServiceRequestSubmitPayload {
  @Field(() => Boolean, {
    description: 'Always true for a well-formed request; the confirmation email tells the rest (no account enumeration)',
  })
  accepted!: boolean;

  @Field(() => String, { description: 'Where the confirmation went, masked: j***@example.com' })
  maskedEmail!: string;
}

@ObjectType({ description: 'A provider the request was routed to, as the end user sees it.' })
export class MatchedProvider {
  @Field(() => ID)
  assignmentId!: string;

  /** The raw assignment uuid (for the conversations module's `thread` field). */
  rawAssignmentId!: string;

  /** The relay thread's raw uuid, or null when none exists. */
  threadId!: string | null;

  @Field(() => String)
  providerName!: string;

  @Field(() => AssignmentStatusEnum)
  status!: AssignmentStatusEnum;

  @Field(() => DateTimeScalar)
  deliveredAt!: Date;
}

@ObjectType({ implements: Node, description: "An end user's own request (end-user area)." })
export class ServiceRequest implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  userId!: string | null;

  @Field(() => Niche)
  niche!: Niche;

  @Field(() => ServiceRequestStatusEnum)
  status!: ServiceRequestStatusEnum;

  @Field(() => String)
  details!: string;

  @Field(() => String)
  country!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => Boolean)
  hideEmail!: boolean;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  closedAt!: Date | null;

  @Field(() => ServiceRequestFeedbackEnum, { nullable: true })
  feedback!: ServiceRequestFeedbackEnum | null;

  @Field(() => String, { nullable: true })
  feedbackNote!: string | null;

  @Field(() => [MatchedProvider], { description: 'The providers it was routed to, with their thread' })
  matches!: MatchedProvider[];
}

@ObjectType()
export class ServiceRequestConfirmPayload {
  @Field(() => ServiceRequest)
  request!: ServiceRequest;

  @Field(() => Boolean, { description: 'True when the account has no password yet: the page asks for one (setInitialPassword).' })
  needsPassword!: boolean;

  @Field(() => Boolean, { description: 'Signed in by the confirmation (session cookie set) when the request hides the email' })
  signedIn!: boolean;
}

@ObjectType()
export class ProviderNichePrice {
  @Field(() => Niche)
  niche!: Niche;

  @Field(() => DecimalScalar)
  price!: string;
}

@ObjectType({ description: "A provider workspace's routing profile: what it wants and how much of it." })
export class ProviderProfile {
  @Field(() => ID)
  workspaceId!: string;

  workspaceRawId!: string;

  @Field(() => Boolean)
  active!: boolean;

  @Field(() => [Niche])
  niches!: Niche[];

  @Field(() => [String])
  sicCodes!: string[];

  @Field(() => [String])
  countries!: string[];

  @Field(() => [String])
  regions!: string[];

  @Field(() => [String])
  postalPrefixes!: string[];

  @Field(() => Int, { nullable: true })
  capPerDay!: number | null;

  @Field(() => Int, { nullable: true })
  capPerWeek!: number | null;

  @Field(() => Int, { nullable: true })
  capPerMonth!: number | null;

  @Field(() => [ProviderNichePrice])
  prices!: ProviderNichePrice[];

  @Field(() => Int, { description: 'Deliveries counted against the caps now' })
  deliveredToday!: number;

  @Field(() => Int)
  deliveredThisWeek!: number;

  @Field(() => Int)
  deliveredThisMonth!: number;
}

@InputType()
export class ProviderNichePriceInput {
  @Field(() => ID)
  nicheId!: string;

  @Field(() => DecimalScalar)
  price!: string;
}

@InputType()
export class ProviderProfileInput {
  @Field(() => Boolean)
  active!: boolean;

  @Field(() => [ID])
  nicheIds!: string[];

  @Field(() => [String])
  sicCodes!: string[];

  @Field(() => [String])
  countries!: string[];

  @Field(() => [String])
  regions!: string[];

  @Field(() => [String])
  postalPrefixes!: string[];

  @Field(() => Int, { nullable: true })
  capPerDay?: number | null;

  @Field(() => Int, { nullable: true })
  capPerWeek?: number | null;

  @Field(() => Int, { nullable: true })
  capPerMonth?: number | null;

  @Field(() => [ProviderNichePriceInput])
  prices!: ProviderNichePriceInput[];
}

@ObjectType({ description: 'A routed request as the provider sees it: no real email unless the person chose not to hide it.' })
export class ProviderLead {
  @Field(() => ID)
  requestId!: string;

  @Field(() => String, { description: "The person's name, or 'Anonymized user' after a deletion" })
  name!: string;

  @Field(() => Niche)
  niche!: Niche;

  @Field(() => String)
  details!: string;

  @Field(() => String)
  country!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => Boolean)
  hideEmail!: boolean;

  @Field(() => String, { nullable: true, description: 'Only when hideEmail is false' })
  email!: string | null;

  @Field(() => String, { nullable: true })
  phone!: string | null;

  @Field(() => Boolean, { description: 'An invalid end-user address bounced: potentially a bad lead' })
  flaggedBadAddress!: boolean;

  @Field(() => Boolean)
  requestClosed!: boolean;
}

@ObjectType()
export class AssignmentDispute {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => DisputeReasonEnum)
  reason!: DisputeReasonEnum;

  @Field(() => String)
  note!: string;

  @Field(() => DisputeStatusEnum)
  status!: DisputeStatusEnum;

  @Field(() => String, { nullable: true })
  resolutionNote!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true })
  resolvedAt!: Date | null;
}

@ObjectType({ implements: Node, description: 'A routed request delivered to one provider workspace.' })
export class RequestAssignment implements Node {
  @Field(() => ID)
  id!: string;

  /** The raw assignment uuid. */
  rawId!: string;

  /** The provider workspace's raw uuid. */
  workspaceRawId!: string;

  /** The raw request uuid. */
  requestId!: string;

  /** The relay thread's raw uuid, or null when none exists. */
  threadId!: string | null;

  /** The end user's raw uuid (null for a request without an account). */
  endUserId!: string | null;

  @Field(() => ID, { description: "The provider workspace's global id" })
  workspaceId!: string;

  @Field(() => String)
  providerName!: string;

  @Field(() => ProviderLead)
  lead!: ProviderLead;

  @Field(() => AssignmentStatusEnum)
  status!: AssignmentStatusEnum;

  @Field(() => Int)
  rank!: number;

  @Field(() => DecimalScalar)
  price!: string;

  @Field(() => DateTimeScalar)
  deliveredAt!: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Free decline until deliveredAt + 1 hour' })
  declinableUntil!: Date | null;

  @Field(() => String, { nullable: true })
  declineReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  refundedAt!: Date | null;

  @Field(() => String, { nullable: true })
  refundReason!: string | null;

  @Field(() => AssignmentOutcomeEnum, { nullable: true })
  outcome!: AssignmentOutcomeEnum | null;

  @Field(() => String, { nullable: true })
  outcomeReason!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  outcomeAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true, description: 'Disputes accepted until deliveredAt + 14 days' })
  disputableUntil!: Date | null;

  @Field(() => AssignmentDispute, { nullable: true })
  dispute!: AssignmentDispute | null;

  @Field(() => String, { nullable: true })
  handledBy!: string | null;

  @Field(() => DateTimeScalar, { nullable: true })
  firstResponseAt!: Date | null;

  @Field(() => Int, { description: 'Seconds from delivery to the first response, or until now when there is none' })
  slaElapsedSeconds!: number;

  @Field(() => Boolean, {
    description: 'The SLA (first response within 4 hours of delivery; FIRST_RESPONSE_SLA_SECONDS) was missed',
  })
  slaBreached!: boolean;
}

@ObjectType({ implements: Node, description: 'A service request as admins see it, with its routing.' })
export class AdminServiceRequest implements Node {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => Niche)
  niche!: Niche;

  @Field(() => ServiceRequestStatusEnum)
  status!: ServiceRequestStatusEnum;

  @Field(() => String)
  name!: string;

  @Field(() => String)
  email!: string;

  @Field(() => String)
  country!: string;

  @Field(() => String, { nullable: true })
  region!: string | null;

  @Field(() => String, { nullable: true })
  city!: string | null;

  @Field(() => String, { nullable: true })
  postalCode!: string | null;

  @Field(() => Boolean)
  hideEmail!: boolean;

  @Field(() => DateTimeScalar)
  consentAt!: Date;

  @Field(() => String)
  consentWording!: string;

  @Field(() => String)
  consentVersion!: string;

  @Field(() => Int)
  routingAttempts!: number;

  @Field(() => DateTimeScalar, { nullable: true })
  nextRoutingAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  unroutableAt!: Date | null;

  @Field(() => DateTimeScalar, { nullable: true })
  badAddressAt!: Date | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;

  @Field(() => [RequestAssignment])
  assignments!: RequestAssignment[];
}

@ObjectType({ description: "A provider's dispute of a charged lead, for admin review." })
export class AdminDispute {
  @Field(() => ID)
  id!: string;

  rawId!: string;

  @Field(() => RequestAssignment)
  assignment!: RequestAssignment;

  @Field(() => String)
  providerName!: string;

  @Field(() => DisputeReasonEnum)
  reason!: DisputeReasonEnum;

  @Field(() => String)
  note!: string;

  @Field(() => DisputeStatusEnum)
  status!: DisputeStatusEnum;

  @Field(() => String, { nullable: true })
  resolutionNote!: string | null;

  @Field(() => DateTimeScalar)
  createdAt!: Date;
}

export const RequestAssignmentConnection = connectionType('RequestAssignment', RequestAssignment);
export const AdminServiceRequestConnection = connectionType('AdminServiceRequest', AdminServiceRequest);
export const AdminDisputeConnection = connectionType('AdminDispute', AdminDispute);
