// Rows → GraphQL objects. One SQL shape loads everything an assignment shows (lead, niche, thread id,
// dispute, who handled it), so lists load in one query; the derived fields (deadlines, SLA) are
// computed here from the stored times, so they are the same wherever an assignment is shown.
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Sql } from '../../platform/db/sql.js';
import { redactContacts } from '../relay/relay.redact.js';
import { DECLINE_WINDOW_MS, DISPUTE_WINDOW_MS, FIRST_RESPONSE_SLA_SECONDS } from './requests.constants.js';
import {
  AssignmentDispute,
  type AssignmentOutcomeEnum,
  AssignmentStatusEnum,
  type DisputeReasonEnum,
  type DisputeStatusEnum,
  MatchedProvider,
  Niche,
  RequestAssignment,
  ServiceRequest,
  type ServiceRequestFeedbackEnum,
  ServiceRequestStatusEnum,
  AdminServiceRequest,
} from './requests.types.js';

export interface NicheRow {
  id: string;
  slug: string;
  name: string;
  description: string;
  defaultPrice: string;
  active: boolean;
}

export const NICHE_COLUMNS = `n.id, n.slug, n.name, n.description, n.default_price::text AS "defaultPrice", n.active`;

export function toNiche(row: NicheRow): Niche {
  return Object.assign(new Niche(), {
    id: toGlobalId('Niche', row.id),
    rawId: row.id,
    slug: row.slug,
    name: row.name,
    description: row.description,
    defaultPrice: row.defaultPrice,
    active: row.active,
  });
}

export interface AssignmentRow {
  id: string;
  requestId: string;
  workspaceId: string;
  rank: number;
  price: string;
  status: AssignmentStatusEnum;
  deliveredAt: Date;
  firstResponseAt: Date | null;
  declineReason: string | null;
  refundedAt: Date | null;
  refundReason: string | null;
  refundEntryId: string | null;
  outcome: AssignmentOutcomeEnum | null;
  outcomeReason: string | null;
  outcomeAt: Date | null;
  providerName: string;
  handledByName: string | null;
  leadName: string;
  leadEmail: string;
  leadPhone: string | null;
  country: string;
  region: string | null;
  city: string | null;
  postalCode: string | null;
  details: string;
  hideEmail: boolean;
  badAddressAt: Date | null;
  requestStatus: ServiceRequestStatusEnum;
  endUserId: string | null;
  niche: NicheRow;
  threadId: string | null;
  dispute: {
    id: string;
    reason: DisputeReasonEnum;
    note: string;
    status: DisputeStatusEnum;
    resolutionNote: string | null;
    createdAt: string;
    resolvedAt: string | null;
  } | null;
}

/** Everything an assignment shows; append WHERE / ORDER BY. */
export const ASSIGNMENT_SQL = `
  SELECT a.id, a.request_id AS "requestId", a.workspace_id AS "workspaceId", a.rank, a.price::text AS price,
         a.status::text AS status, a.delivered_at AS "deliveredAt", a.first_response_at AS "firstResponseAt",
         a.decline_reason AS "declineReason", a.refunded_at AS "refundedAt", a.refund_reason AS "refundReason",
         a.refund_entry_id AS "refundEntryId", a.outcome::text AS outcome, a.outcome_reason AS "outcomeReason",
         a.outcome_at AS "outcomeAt",
         w.name AS "providerName", hu.name AS "handledByName",
         r.name AS "leadName", r.email::text AS "leadEmail", r.phone AS "leadPhone", r.country, r.region, r.city,
         r.postal_code AS "postalCode", r.details, r.hide_email AS "hideEmail", r.bad_address_at AS "badAddressAt",
         r.status::text AS "requestStatus", r.user_id AS "endUserId",
         json_build_object('id', n.id, 'slug', n.slug, 'name', n.name, 'description', n.description,
                           'defaultPrice', n.default_price::text, 'active', n.active) AS niche,
         t.id AS "threadId",
         CASE WHEN d.id IS NULL THEN NULL ELSE json_build_object('id', d.id, 'reason', d.reason, 'note', d.note,
              'status', d.status, 'resolutionNote', d.resolution_note, 'createdAt', d.created_at, 'resolvedAt', d.resolved_at) END AS dispute
    FROM request_assignments a
    JOIN workspaces w ON w.id = a.workspace_id
    JOIN service_requests r ON r.id = a.request_id
    JOIN niches n ON n.id = a.niche_id
    LEFT JOIN relay_threads t ON t.assignment_id = a.id
    LEFT JOIN assignment_disputes d ON d.assignment_id = a.id
    LEFT JOIN users hu ON hu.id = a.handled_by_user_id`;

/** Assignments by id, in the order asked (unknown ids are left out). */
export async function loadAssignments(sql: Sql, ids: readonly string[]): Promise<AssignmentRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<AssignmentRow>(`${ASSIGNMENT_SQL} WHERE a.id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is AssignmentRow => r !== undefined);
}

export function toDispute(row: NonNullable<AssignmentRow['dispute']>): AssignmentDispute {
  return Object.assign(new AssignmentDispute(), {
    id: toGlobalId('AssignmentDispute', row.id),
    rawId: row.id,
    reason: row.reason,
    note: row.note,
    status: row.status,
    resolutionNote: row.resolutionNote,
    createdAt: new Date(row.createdAt),
    resolvedAt: row.resolvedAt ? new Date(row.resolvedAt) : null,
  });
}

export function declinableUntil(row: Pick<AssignmentRow, 'status' | 'deliveredAt'>, now: Date): Date | null {
  const until = new Date(row.deliveredAt.getTime() + DECLINE_WINDOW_MS);
  return row.status === AssignmentStatusEnum.ACTIVE && now < until ? until : null;
}

export function disputableUntil(row: Pick<AssignmentRow, 'status' | 'deliveredAt' | 'dispute'>, now: Date): Date | null {
  const until = new Date(row.deliveredAt.getTime() + DISPUTE_WINDOW_MS);
  return row.status !== AssignmentStatusEnum.DECLINED && !row.dispute && now < until ? until : null;
}

export function toRequestAssignment(row: AssignmentRow, now = new Date()): RequestAssignment {
  const elapsed = Math.max(0, Math.floor(((row.firstResponseAt ?? now).getTime() - row.deliveredAt.getTime()) / 1000));
  // A lead declined before anyone answered never had a response clock worth judging.
  const judged = row.firstResponseAt !== null || row.status !== AssignmentStatusEnum.DECLINED;
  const niche = toNiche(row.niche);
  return Object.assign(new RequestAssignment(), {
    id: toGlobalId('RequestAssignment', row.id),
    rawId: row.id,
    workspaceRawId: row.workspaceId,
    requestId: row.requestId,
    threadId: row.threadId,
    endUserId: row.endUserId,
    workspaceId: toGlobalId('Workspace', row.workspaceId),
    providerName: row.providerName,
    lead: {
      requestId: toGlobalId('ServiceRequest', row.requestId),
      name: row.leadName,
      niche,
      // The opt-in hides direct contact, also the phone numbers and addresses typed into the details.
      details: row.hideEmail ? redactContacts(row.details).text : row.details,
      country: row.country,
      region: row.region,
      city: row.city,
      postalCode: row.postalCode,
      hideEmail: row.hideEmail,
      // The opt-in hides every direct contact; without it the provider may call or write directly.
      email: row.hideEmail ? null : row.leadEmail,
      phone: row.hideEmail ? null : row.leadPhone,
      flaggedBadAddress: row.badAddressAt !== null,
      requestClosed: row.requestStatus === ServiceRequestStatusEnum.CLOSED,
    },
    status: row.status,
    rank: row.rank,
    price: row.price,
    deliveredAt: row.deliveredAt,
    declinableUntil: declinableUntil(row, now),
    declineReason: row.declineReason,
    refundedAt: row.refundedAt,
    refundReason: row.refundReason,
    outcome: row.outcome,
    outcomeReason: row.outcomeReason,
    outcomeAt: row.outcomeAt,
    disputableUntil: disputableUntil(row, now),
    dispute: row.dispute ? toDispute(row.dispute) : null,
    handledBy: row.handledByName,
    firstResponseAt: row.firstResponseAt,
    slaElapsedSeconds: elapsed,
    slaBreached: judged && elapsed > FIRST_RESPONSE_SLA_SECONDS,
  });
}

export interface RequestRow {
  id: string;
  userId: string | null;
  nicheId: string;
  name: string;
  email: string;
  country: string;
  region: string | null;
  city: string | null;
  postalCode: string | null;
  details: string;
  hideEmail: boolean;
  consentAt: Date;
  consentWording: string;
  consentVersion: string;
  status: ServiceRequestStatusEnum;
  routingAttempts: number;
  nextRoutingAt: Date | null;
  unroutableAt: Date | null;
  badAddressAt: Date | null;
  confirmedAt: Date | null;
  closedAt: Date | null;
  feedback: ServiceRequestFeedbackEnum | null;
  feedbackNote: string | null;
  createdAt: Date;
  niche: NicheRow;
}

/** A request with its niche; append WHERE / ORDER BY. */
export const REQUEST_SQL = `
  SELECT r.id, r.user_id AS "userId", r.niche_id AS "nicheId", r.name, r.email::text AS email, r.country, r.region, r.city,
         r.postal_code AS "postalCode", r.details, r.hide_email AS "hideEmail", r.consent_at AS "consentAt",
         r.consent_wording AS "consentWording", r.consent_version AS "consentVersion", r.status::text AS status,
         r.routing_attempts AS "routingAttempts", r.next_routing_at AS "nextRoutingAt", r.unroutable_at AS "unroutableAt",
         r.bad_address_at AS "badAddressAt", r.confirmed_at AS "confirmedAt", r.closed_at AS "closedAt",
         r.feedback::text AS feedback, r.feedback_note AS "feedbackNote", r.created_at AS "createdAt",
         json_build_object('id', n.id, 'slug', n.slug, 'name', n.name, 'description', n.description,
                           'defaultPrice', n.default_price::text, 'active', n.active) AS niche
    FROM service_requests r JOIN niches n ON n.id = r.niche_id`;

export async function loadRequests(sql: Sql, ids: readonly string[]): Promise<RequestRow[]> {
  if (ids.length === 0) return [];
  const { rows } = await sql.query<RequestRow>(`${REQUEST_SQL} WHERE r.id = ANY($1::uuid[])`, [ids]);
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id)).filter((r): r is RequestRow => r !== undefined);
}

/** The end user's view: the providers it went to (declined ones never reached the person). */
export function toServiceRequest(row: RequestRow, assignments: AssignmentRow[]): ServiceRequest {
  return Object.assign(new ServiceRequest(), {
    id: toGlobalId('ServiceRequest', row.id),
    rawId: row.id,
    userId: row.userId,
    niche: toNiche(row.niche),
    status: row.status,
    details: row.details,
    country: row.country,
    region: row.region,
    city: row.city,
    postalCode: row.postalCode,
    hideEmail: row.hideEmail,
    createdAt: row.createdAt,
    closedAt: row.closedAt,
    feedback: row.feedback,
    feedbackNote: row.feedbackNote,
    matches: assignments
      .filter((a) => a.requestId === row.id && a.status !== AssignmentStatusEnum.DECLINED)
      .sort((a, b) => a.rank - b.rank || a.deliveredAt.getTime() - b.deliveredAt.getTime())
      .map((a) =>
        Object.assign(new MatchedProvider(), {
          assignmentId: toGlobalId('RequestAssignment', a.id),
          rawAssignmentId: a.id,
          threadId: a.threadId,
          providerName: a.providerName,
          status: a.status,
          deliveredAt: a.deliveredAt,
        }),
      ),
  });
}

export function toAdminServiceRequest(row: RequestRow, assignments: AssignmentRow[], now = new Date()): AdminServiceRequest {
  return Object.assign(new AdminServiceRequest(), {
    id: toGlobalId('ServiceRequest', row.id),
    rawId: row.id,
    niche: toNiche(row.niche),
    status: row.status,
    name: row.name,
    email: row.email,
    country: row.country,
    region: row.region,
    city: row.city,
    postalCode: row.postalCode,
    hideEmail: row.hideEmail,
    consentAt: row.consentAt,
    consentWording: row.consentWording,
    consentVersion: row.consentVersion,
    routingAttempts: row.routingAttempts,
    nextRoutingAt: row.nextRoutingAt,
    unroutableAt: row.unroutableAt,
    badAddressAt: row.badAddressAt,
    createdAt: row.createdAt,
    assignments: assignments.filter((a) => a.requestId === row.id).map((a) => toRequestAssignment(a, now)),
  });
}
