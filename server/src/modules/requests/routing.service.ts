// Routing (docs/routing.md): a confirmed request goes to up to N matching provider workspaces, ranked
// by fit, response time and dispute rate, each charged its price in credits on delivery through the
// ledger. Each delivery is one transaction (assignment, charge, relay thread, webhook, audit) taken
// under the request's and the provider profile's row locks, so neither the request's provider count
// nor a provider's caps can be exceeded by concurrent routings. Then the fair-charging rules: free
// decline within the hour, refund when the first message stays unread for 48 hours, disputes.
import { randomUUID } from 'node:crypto';
import type pg from 'pg';
import { isPlatformAdmin, type Principal, type UserPrincipal } from '../../platform/auth/principal.js';
import { recordAuditSql } from '../../platform/audit.js';
import { withTransaction, type Sql } from '../../platform/db/sql.js';
import { pageSize, toConnection, COUNT_CAP, type Connection } from '../../platform/graphql/connection.js';
import { forbidden, notFound } from '../../platform/graphql/errors.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import type { ConversationEventKind } from '../../platform/pubsub/pubsub.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import type { CreditsService } from '../money/credits.service.js';
import { InsufficientFundsError } from '../money/ledger.service.js';
import { newRelayToken } from '../relay/relay.addresses.js';
import { publishConversationEvent } from '../relay/relay.events.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import { capWindows, judge, rank, type CandidateFacts, type ScoreDetails } from './ranking.js';
import {
  DECLINE_WINDOW_MS,
  DEFAULT_MAX_PROVIDERS,
  DISPUTE_WINDOW_MS,
  RANKING_WINDOW_DAYS,
  ROUTE_JOB,
  ROUTING_RETRY_MS,
  UNREAD_REFUND_AFTER_MS,
  UNROUTABLE_AFTER_MS,
} from './requests.constants.js';
import { decodeTimeIdCursor } from './cursor.js';
import { FieldErrors, refused } from './requests.errors.js';
import {
  AdminDispute,
  AssignmentOutcomeEnum,
  DisputeReasonEnum,
  type DisputeStatusEnum,
  type AssignmentDispute,
  type RequestAssignment,
} from './requests.types.js';
import { loadAssignments, toDispute, toRequestAssignment, type AssignmentRow } from './requests.views.js';
import type { RequestThreads } from './threads.js';

export type RoutingTrigger = 'CONFIRMED' | 'RETRY' | 'REPLACEMENT' | 'ADMIN' | 'SEED';

export interface RouteResult {
  status: 'ROUTED' | 'ROUTING' | 'UNROUTABLE' | 'SKIPPED';
  delivered: string[];
}

/** One candidate's fate in a routing attempt, as audited (ids and numbers only, no PII). */
interface Decision {
  workspaceId: string;
  price: string;
  score: number | null;
  details: ScoreDetails | null;
  outcome: 'delivered' | 'skipped';
  reason: string | null;
}

export interface RoutableRequest {
  id: string;
  nicheId: string;
  nicheName: string;
  nicheSicCodes: string[];
  userId: string | null;
  status: string;
  country: string;
  region: string | null;
  postalCode: string | null;
  confirmedAt: Date | null;
}

export interface Delivered {
  assignmentId: string;
  threadId: string;
  workspaceId: string;
  requestId: string;
  userId: string | null;
  webhookDeliveries: string[];
}

/**
 * "Unread" needs more than a missing read pixel: mail clients block it and plain-text mail has none.
 * A reply written by the end user (not an auto-reply) proves the provider's message was read.
 */
const NO_HUMAN_REPLY = `NOT EXISTS (SELECT 1 FROM relay_messages m
                                 WHERE m.thread_id = t.id AND m.direction = 'USER_TO_PROVIDER' AND NOT m.automated)`;

/** Thrown inside a delivery transaction to roll it back and skip the candidate. */
class SkipCandidate extends Error {}

export class RoutingService {
  constructor(
    private readonly platform: Platform,
    private readonly workspaces: WorkspaceService,
    private readonly webhooks: WebhooksService,
    private readonly credits: CreditsService,
    private readonly threads: RequestThreads,
  ) {}

  private get pool(): pg.Pool {
    return this.platform.database.pool;
  }

  async maxProvidersPerRequest(sql: Sql = this.pool): Promise<number> {
    const { rows } = await sql.query<{ n: number }>('SELECT max_providers_per_request AS n FROM relay_settings WHERE id = 1');
    return rows[0]?.n ?? DEFAULT_MAX_PROVIDERS;
  }

  /** Queues routing of a request (after the commit that made it routable). */
  async queueRoute(requestId: string, trigger: RoutingTrigger, key = `${requestId}:${trigger}`): Promise<void> {
    await this.platform.jobs.send(ROUTE_JOB, { requestId, trigger }, { singletonKey: key });
  }

  // ───────────── routing ─────────────

  /**
   * One routing attempt: ranks the candidates, delivers to the best until the request has its
   * providers (REPLACEMENT: one more), audits the decision, and when nobody could be reached schedules
   * the next attempt — or gives up 72 hours after the confirmation (UNROUTABLE).
   */
  async route(requestId: string, trigger: RoutingTrigger, now = new Date()): Promise<RouteResult> {
    const request = await this.routable(requestId);
    if (!request || (request.status !== 'ROUTING' && request.status !== 'ROUTED')) return { status: 'SKIPPED', delivered: [] };
    // A suspended or deleted end user's request is offered to nobody: a provider would pay for a lead
    // that cannot answer. Resuming the user schedules it again (oversight.service.ts).
    if (request.userStatus !== null && request.userStatus !== 'ACTIVE') return { status: 'SKIPPED', delivered: [] };
    // The cron's retry of a ROUTED request is the backstop for a decline whose replacement job was
    // lost (the decline marks the request due in its own transaction): one replacement, and only
    // while it is still owed — a delivery or a finished attempt clears the mark.
    const backstop = trigger === 'RETRY' && request.status === 'ROUTED';
    if (backstop && (request.nextRoutingAt === null || request.nextRoutingAt > now)) return { status: 'SKIPPED', delivered: [] };
    const max = await this.maxProvidersPerRequest();
    const { rows: existing } = await this.pool.query<{ workspaceId: string; status: string }>(
      `SELECT workspace_id AS "workspaceId", status::text AS status FROM request_assignments WHERE request_id = $1`,
      [requestId],
    );
    const holding = existing.filter((a) => a.status !== 'DECLINED').length;
    const want = trigger === 'REPLACEMENT' || backstop ? Math.min(1, max - holding) : max - holding;
    // What this attempt may bring the request to, checked again under the request's lock at each
    // delivery: two attempts that started from the same count (a replacement job and the backstop)
    // deliver `want` between them, not each.
    const limit = Math.min(max, holding + Math.max(want, 0));

    const decisions: Decision[] = [];
    const delivered: Delivered[] = [];
    if (want > 0) {
      const assigned = new Set(existing.map((a) => a.workspaceId));
      const candidates = await this.candidates(request, assigned, now);
      const eligible: { facts: CandidateFacts; details: ScoreDetails }[] = [];
      for (const facts of candidates) {
        const judged = judge(request, facts);
        if (judged.eligible) eligible.push({ facts, details: judged.details });
        else
          decisions.push({
            workspaceId: facts.workspaceId,
            price: facts.price,
            score: null,
            details: null,
            outcome: 'skipped',
            reason: judged.reason,
          });
      }
      const ranked = rank(eligible);
      for (const candidate of ranked) {
        const decision: Decision = {
          workspaceId: candidate.facts.workspaceId,
          price: candidate.facts.price,
          score: candidate.details.score,
          details: candidate.details,
          outcome: 'skipped',
          reason: null,
        };
        decisions.push(decision);
        if (delivered.length >= want) {
          decision.reason = 'enough providers already';
          continue;
        }
        const result = await this.deliver(request, candidate.facts, candidate.details, limit, now, backstop);
        if ('skipped' in result) {
          decision.reason = result.skipped;
          if (result.skipped === 'request no longer routable') break;
          continue;
        }
        decision.outcome = 'delivered';
        delivered.push(result);
      }
    }

    const status = await this.finishAttempt(request, trigger, want, max, decisions, now);
    for (const d of delivered) await this.afterDelivery(d);
    return { status, delivered: delivered.map((d) => d.assignmentId) };
  }

  private async routable(requestId: string): Promise<(RoutableRequest & { userStatus: string | null; nextRoutingAt: Date | null }) | null> {
    const { rows } = await this.pool.query<RoutableRequest & { userStatus: string | null; nextRoutingAt: Date | null }>(
      `SELECT r.id, r.niche_id AS "nicheId", n.name AS "nicheName", COALESCE(n.sic_codes, '{}') AS "nicheSicCodes", r.user_id AS "userId",
              r.status::text AS status, r.country, r.region, r.postal_code AS "postalCode", r.confirmed_at AS "confirmedAt",
              u.status::text AS "userStatus", r.next_routing_at AS "nextRoutingAt"
         FROM service_requests r JOIN niches n ON n.id = r.niche_id LEFT JOIN users u ON u.id = r.user_id WHERE r.id = $1`,
      [requestId],
    );
    return rows[0] ?? null;
  }

  /** Active provider profiles targeting the niche (directly or by SIC code), with the facts ranking needs. */
  private async candidates(request: RoutableRequest, assigned: Set<string>, now: Date): Promise<CandidateFacts[]> {
    const windows = capWindows(now);
    const since = new Date(now.getTime() - RANKING_WINDOW_DAYS * 86_400_000);
    const { rows } = await this.pool.query<Omit<CandidateFacts, 'balance' | 'alreadyAssigned'> & { medianResponseSeconds: number | null }>(
      `SELECT p.workspace_id AS "workspaceId", COALESCE($1::uuid = ANY(p.niche_ids), false) AS "exactNiche",
              COALESCE(p.countries, '{}') AS countries, COALESCE(p.regions, '{}') AS regions,
              COALESCE(p.postal_prefixes, '{}') AS "postalPrefixes", p.cap_per_day AS "capPerDay", p.cap_per_week AS "capPerWeek",
              p.cap_per_month AS "capPerMonth", COALESCE(pp.price, n.default_price)::text AS price,
              s.today AS "deliveredToday", s.week AS "deliveredThisWeek", s.month AS "deliveredThisMonth",
              s.recent AS deliveries, s.median AS "medianResponseSeconds",
              (SELECT count(*) FROM assignment_disputes d JOIN request_assignments a ON a.id = d.assignment_id
                WHERE d.workspace_id = p.workspace_id AND d.status = 'UPHELD' AND a.delivered_at >= $5)::int AS "upheldDisputes"
         FROM provider_profiles p
         JOIN workspaces w ON w.id = p.workspace_id AND w.kind = 'PROVIDER' AND w.status = 'ACTIVE'
         JOIN niches n ON n.id = $1
         LEFT JOIN provider_niche_prices pp ON pp.workspace_id = p.workspace_id AND pp.niche_id = n.id
         CROSS JOIN LATERAL (
           SELECT count(*) FILTER (WHERE a.delivered_at >= $2)::int AS today,
                  count(*) FILTER (WHERE a.delivered_at >= $3)::int AS week,
                  count(*) FILTER (WHERE a.delivered_at >= $4)::int AS month,
                  count(*) FILTER (WHERE a.delivered_at >= $5)::int AS recent,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM a.first_response_at - a.delivered_at))
                    FILTER (WHERE a.delivered_at >= $5 AND a.first_response_at IS NOT NULL) AS median
             FROM request_assignments a
            WHERE a.workspace_id = p.workspace_id AND a.status <> 'DECLINED' AND a.delivered_at >= LEAST($4, $5)
         ) s
        WHERE p.active AND ($1::uuid = ANY(p.niche_ids) OR p.sic_codes && n.sic_codes)
        ORDER BY p.workspace_id`,
      [request.nicheId, windows.day, windows.week, windows.month, since],
    );
    const facts: CandidateFacts[] = [];
    for (const row of rows) {
      facts.push({
        ...row,
        medianResponseSeconds: row.medianResponseSeconds === null ? null : Number(row.medianResponseSeconds),
        balance: await this.credits.balance(row.workspaceId),
        alreadyAssigned: assigned.has(row.workspaceId),
      });
    }
    return facts;
  }

  private deliver(
    request: RoutableRequest,
    facts: Pick<CandidateFacts, 'workspaceId' | 'price'>,
    details: ScoreDetails,
    max: number,
    now: Date,
    onlyWhileOwed: boolean,
  ): Promise<Delivered | { skipped: string }> {
    return deliverRequest(
      this.pool,
      { request, workspaceId: facts.workspaceId, price: facts.price, details, max, now, onlyWhileOwed },
      {
        spend: this.credits.spend.bind(this.credits),
        enqueueWebhook: this.webhooks.enqueue.bind(this.webhooks),
      },
    );
  }

  /** Records the attempt: counts it, audits every candidate's fate, schedules the next or gives up. */
  private async finishAttempt(
    request: RoutableRequest,
    trigger: RoutingTrigger,
    want: number,
    max: number,
    decisions: Decision[],
    now: Date,
  ): Promise<RouteResult['status']> {
    return withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ status: string; holding: number }>(
        `SELECT r.status::text AS status,
                (SELECT count(*) FROM request_assignments a WHERE a.request_id = r.id AND a.status <> 'DECLINED')::int AS holding
           FROM service_requests r WHERE r.id = $1 FOR NO KEY UPDATE OF r`,
        [request.id],
      );
      const current = rows[0]!;
      let status: RouteResult['status'] = current.status === 'ROUTED' || current.status === 'ROUTING' ? 'ROUTED' : 'SKIPPED';
      if (status === 'ROUTED' && current.holding === 0) {
        const confirmedAt = request.confirmedAt ?? now;
        const giveUp = now.getTime() >= confirmedAt.getTime() + UNROUTABLE_AFTER_MS;
        status = giveUp ? 'UNROUTABLE' : 'ROUTING';
        await tx.query(
          `UPDATE service_requests SET status = $2::"ServiceRequestStatus", routing_attempts = routing_attempts + 1,
                  next_routing_at = $3, unroutable_at = $4, updated_at = now() WHERE id = $1`,
          [request.id, status, giveUp ? null : new Date(now.getTime() + ROUTING_RETRY_MS), giveUp ? now : null],
        );
      } else {
        // The attempt happened: a replacement owed by a decline (next_routing_at) is no longer owed.
        await tx.query(
          `UPDATE service_requests SET routing_attempts = routing_attempts + 1,
                  next_routing_at = CASE WHEN status = 'ROUTED' THEN NULL ELSE next_routing_at END, updated_at = now()
            WHERE id = $1`,
          [request.id],
        );
      }
      await recordAuditSql(tx, 'SYSTEM', {
        action: 'routing.decided',
        targetType: 'ServiceRequest',
        targetId: request.id,
        details: {
          trigger,
          nicheId: request.nicheId,
          wanted: want,
          maxProviders: max,
          result: status,
          chosen: decisions.filter((d) => d.outcome === 'delivered').map((d) => d.workspaceId),
          candidates: decisions.map((d) => ({
            workspaceId: d.workspaceId,
            outcome: d.outcome,
            reason: d.reason,
            price: d.price,
            score: d.score,
            fit: d.details?.fit ?? null,
            responseFactor: d.details?.responseFactor ?? null,
            disputeFactor: d.details?.disputeFactor ?? null,
          })),
        },
      });
      return status;
    });
  }

  /** After a delivery committed: live event, webhooks, balance, and the "New lead" email to the team. */
  private async afterDelivery(d: Delivered): Promise<void> {
    this.publish('ASSIGNMENT_CREATED', d);
    await this.webhooks.sendAll(d.webhookDeliveries);
    this.credits.walletChanged(d.workspaceId);
    await this.notifyNewLead(d.assignmentId).catch((error: Error) =>
      this.platform.log.warn({ assignmentId: d.assignmentId, err: { message: error.message } }, 'new-lead email not queued'),
    );
  }

  async notifyNewLead(assignmentId: string): Promise<void> {
    const [row] = await loadAssignments(this.pool, [assignmentId]);
    if (!row) return;
    const { rows: members } = await this.pool.query<{ id: string; email: string; name: string }>(
      `SELECT u.id, u.email::text AS email, u.name FROM workspace_memberships m JOIN users u ON u.id = m.user_id
        WHERE m.workspace_id = $1 AND u.status = 'ACTIVE' ORDER BY m.created_at`,
      [row.workspaceId],
    );
    const location = [row.region, row.country].filter(Boolean).join(', ');
    const url = `${this.platform.config.publicUrl}/admin/provider/${toGlobalId('Workspace', row.workspaceId)}/leads/${toGlobalId('RequestAssignment', row.id)}`;
    for (const member of members) {
      await this.platform.mail.send({
        idempotencyKey: `routing:new-lead:${row.id}:${member.id}`,
        to: member.email,
        template: 'newLead',
        data: { name: member.name, providerName: row.providerName, nicheName: row.niche.name, location, url },
      });
    }
  }

  private publish(
    kind: ConversationEventKind,
    a: { assignmentId: string; requestId: string; workspaceId: string; userId: string | null; threadId: string | null },
  ) {
    publishConversationEvent(
      this.platform.pubsub,
      { workspaceId: a.workspaceId, userId: a.userId },
      { kind, requestId: a.requestId, assignmentId: a.assignmentId, threadId: a.threadId, messageId: null },
    );
  }

  /**
   * The cron: every request whose next attempt is due — waiting ones (ROUTING) and routed ones still
   * owed a replacement for a decline (ROUTED with next_routing_at set) — except those of a suspended
   * or deleted end user. One failing request does not stop the others; it is tried again next run.
   */
  async retryDue(now = new Date()): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT r.id FROM service_requests r
        WHERE r.status IN ('ROUTING', 'ROUTED') AND r.next_routing_at <= $1
          AND NOT EXISTS (SELECT 1 FROM users u WHERE u.id = r.user_id AND u.status <> 'ACTIVE')
        ORDER BY r.next_routing_at LIMIT 200`,
      [now],
    );
    for (const { id } of rows) {
      try {
        await this.route(id, 'RETRY', now);
      } catch (error) {
        this.platform.log.warn(
          { requestId: id, err: { message: (error as Error).message } },
          'routing retry failed; the next run tries again',
        );
      }
    }
    return rows.length;
  }

  // ───────────── provider access ─────────────

  /** The assignment's workspace when the person is a member of it (admins read every one). */
  private async access(principal: Principal, assignmentId: string, write: boolean): Promise<{ workspaceId: string }> {
    const { rows } = await this.pool.query<{ workspaceId: string }>(
      'SELECT workspace_id AS "workspaceId" FROM request_assignments WHERE id = $1',
      [assignmentId],
    );
    const row = rows[0];
    if (!row || principal.kind !== 'user') throw notFound('Assignment');
    const role = await this.workspaces.roleOf(principal.userId, row.workspaceId);
    if (role) return row;
    if (isPlatformAdmin(principal)) {
      if (write) throw forbidden("Only the provider's team acts on its leads.");
      return row;
    }
    throw notFound('Assignment');
  }

  /** One assignment as the provider sees it; null when the viewer may not see it. */
  async assignmentForViewer(principal: Principal, assignmentId: string): Promise<RequestAssignment | null> {
    try {
      await this.access(principal, assignmentId, false);
    } catch {
      return null;
    }
    return this.view(assignmentId);
  }

  /** Assignments as GraphQL objects, in the order given (for lists built elsewhere, e.g. the inbox). */
  async assignmentViews(ids: readonly string[]): Promise<RequestAssignment[]> {
    const now = new Date();
    return (await loadAssignments(this.pool, ids)).map((row) => toRequestAssignment(row, now));
  }

  private async view(assignmentId: string): Promise<RequestAssignment> {
    const [view] = await this.assignmentViews([assignmentId]);
    if (!view) throw notFound('Assignment');
    return view;
  }

  private async lockAssignment(tx: Sql, assignmentId: string): Promise<AssignmentLock> {
    const { rows } = await tx.query<AssignmentLock>(
      `SELECT a.id, a.request_id AS "requestId", a.workspace_id AS "workspaceId", a.status::text AS status, a.price::text AS price,
              a.delivered_at AS "deliveredAt", a.charge_entry_id AS "chargeEntryId", a.refund_entry_id AS "refundEntryId",
              t.id AS "threadId", r.user_id AS "userId"
         FROM request_assignments a JOIN service_requests r ON r.id = a.request_id
         LEFT JOIN relay_threads t ON t.assignment_id = a.id
        WHERE a.id = $1 FOR UPDATE OF a`,
      [assignmentId],
    );
    if (!rows[0]) throw notFound('Assignment');
    return rows[0];
  }

  /** Gives the charge back once (the ledger key and the locked refund_entry_id both guard it). */
  private async refundCharge(tx: Sql, a: AssignmentLock, key: string, description: string): Promise<string | null> {
    if (!a.chargeEntryId || a.refundEntryId) return null;
    const refund = await this.credits.refund(
      {
        workspaceId: a.workspaceId,
        credits: a.price,
        idempotencyKey: key,
        description,
        details: { assignmentId: a.id, requestId: a.requestId },
      },
      tx,
    );
    return refund.entryId;
  }

  private async assignmentUpdated(tx: Sql, a: AssignmentLock, change: string, data: Record<string, unknown> = {}): Promise<string[]> {
    return this.webhooks.enqueue(tx, {
      workspaceIds: [a.workspaceId],
      event: 'assignment.updated',
      eventId: `evt_assignment_updated_${a.id}_${randomUUID()}`,
      data: { assignmentId: toGlobalId('RequestAssignment', a.id), requestId: toGlobalId('ServiceRequest', a.requestId), change, ...data },
    });
  }

  private async afterUpdate(a: AssignmentLock, deliveries: string[]): Promise<void> {
    this.publish('ASSIGNMENT_UPDATED', {
      assignmentId: a.id,
      requestId: a.requestId,
      workspaceId: a.workspaceId,
      userId: a.userId,
      threadId: a.threadId,
    });
    await this.webhooks.sendAll(deliveries);
  }

  // ───────────── decline ─────────────

  /**
   * Free decline within the hour: credits back, thread closed and the request marked as owed a
   * replacement, all in one transaction; then the replacement job (retryDue is its backstop).
   */
  async decline(principal: UserPrincipal, assignmentId: string, reasonInput: string, now = new Date()): Promise<RequestAssignment> {
    await this.access(principal, assignmentId, true);
    const reason = reasonInput.trim();
    const errors = new FieldErrors();
    if (reason.length < 1 || reason.length > 500) errors.add(['reason'], 'Say why you decline (up to 500 characters).');
    errors.throwIfAny();
    const { a, deliveries, threads } = await withTransaction(this.pool, async (tx) => {
      // Locks in the order closing a request takes them (request, thread, assignment), and the relay
      // takes a thread before its assignment: concurrent closes and first messages cannot deadlock.
      await tx.query(
        `SELECT 1 FROM service_requests r JOIN request_assignments a ON a.request_id = r.id WHERE a.id = $1 FOR NO KEY UPDATE OF r`,
        [assignmentId],
      );
      await tx.query('SELECT 1 FROM relay_threads WHERE assignment_id = $1 FOR UPDATE', [assignmentId]);
      const a = await this.lockAssignment(tx, assignmentId);
      if (a.status !== 'ACTIVE') throw refused('NOT_ACTIVE', `This lead is ${a.status.toLowerCase()}; only active leads can be declined.`);
      const deadline = new Date(a.deliveredAt.getTime() + DECLINE_WINDOW_MS);
      if (now >= deadline) {
        throw refused(
          'DECLINE_WINDOW_CLOSED',
          `The free decline window closed at ${deadline.toISOString()} (1 hour after delivery). Open a dispute instead if the lead is not genuine.`,
          { deadline: deadline.toISOString() },
        );
      }
      const refundEntryId = await this.refundCharge(tx, a, `routing:decline:${a.id}`, 'Lead declined within the free hour');
      await tx.query(
        `UPDATE request_assignments SET status = 'DECLINED', declined_at = $2, decline_reason = $3,
                refund_entry_id = COALESCE($4, refund_entry_id), refunded_at = CASE WHEN $4::uuid IS NULL THEN refunded_at ELSE $2 END,
                refund_reason = CASE WHEN $4::uuid IS NULL THEN refund_reason ELSE 'Declined within the free hour' END, updated_at = now()
          WHERE id = $1`,
        [a.id, now, reason, refundEntryId],
      );
      const threads = await this.threads.closeInTx(tx, { assignmentId: a.id }, 'PROVIDER');
      // The replacement is owed from now on: if the job queued after the commit is lost, the cron's
      // retry (retryDue) finds the request due and routes the replacement.
      await tx.query(
        `UPDATE service_requests SET next_routing_at = now(), updated_at = now() WHERE id = $1 AND status IN ('ROUTING', 'ROUTED')`,
        [a.requestId],
      );
      await recordAuditSql(tx, principal, {
        action: 'routing.declined',
        targetType: 'RequestAssignment',
        targetId: a.id,
        workspaceId: a.workspaceId,
        details: { requestId: a.requestId, refunded: refundEntryId !== null, refundEntryId, price: a.price },
      });
      return { a, threads, deliveries: await this.assignmentUpdated(tx, a, 'declined', { status: 'DECLINED' }) };
    });
    await this.threads.announce(threads);
    await this.afterUpdate(a, deliveries);
    this.credits.walletChanged(a.workspaceId);
    await this.queueRoute(a.requestId, 'REPLACEMENT', `${a.requestId}:replacement:${a.id}`);
    return this.view(a.id);
  }

  // ───────────── unread refunds ─────────────

  /** The hourly job: ACTIVE assignments whose first message is still unread, and unanswered, 48 hours after it was sent. */
  async refundUnread(now = new Date()): Promise<number> {
    const { rows } = await this.pool.query<{ id: string }>(
      `SELECT a.id FROM request_assignments a JOIN relay_threads t ON t.assignment_id = a.id
        WHERE a.status = 'ACTIVE' AND t.provider_first_message_at < $1 AND t.provider_first_message_read_at IS NULL
          AND ${NO_HUMAN_REPLY}
        ORDER BY t.provider_first_message_at LIMIT 500`,
      [new Date(now.getTime() - UNREAD_REFUND_AFTER_MS)],
    );
    let refunded = 0;
    for (const { id } of rows) if (await this.refundUnreadOne(id, now)) refunded += 1;
    return refunded;
  }

  private async refundUnreadOne(assignmentId: string, now: Date): Promise<boolean> {
    const done = await withTransaction(this.pool, async (tx) => {
      const a = await this.lockAssignment(tx, assignmentId);
      // Re-checked under the row lock: a concurrent run, a read or a decline may have come first.
      const { rows } = await tx.query(
        `SELECT 1 FROM relay_threads t
          WHERE t.assignment_id = $1 AND t.provider_first_message_at < $2 AND t.provider_first_message_read_at IS NULL
            AND ${NO_HUMAN_REPLY}`,
        [assignmentId, new Date(now.getTime() - UNREAD_REFUND_AFTER_MS)],
      );
      if (a.status !== 'ACTIVE' || rows.length === 0) return null;
      const refundEntryId = await this.refundCharge(tx, a, `routing:unread:${a.id}`, 'Lead refunded: first message unread after 48 hours');
      await tx.query(
        `UPDATE request_assignments SET status = 'REFUNDED', refunded_at = $2, refund_entry_id = COALESCE($3, refund_entry_id),
                refund_reason = 'The first message was not read within 48 hours', updated_at = now() WHERE id = $1`,
        [a.id, now, refundEntryId],
      );
      await recordAuditSql(tx, 'SYSTEM', {
        action: 'routing.refunded_unread',
        targetType: 'RequestAssignment',
        targetId: a.id,
        workspaceId: a.workspaceId,
        details: { requestId: a.requestId, refundEntryId, price: a.price },
      });
      return { a, deliveries: await this.assignmentUpdated(tx, a, 'refunded', { status: 'REFUNDED', why: 'unread' }) };
    });
    if (!done) return false;
    await this.afterUpdate(done.a, done.deliveries);
    this.credits.walletChanged(done.a.workspaceId);
    return true;
  }

  // ───────────── outcomes ─────────────

  async reportOutcome(
    principal: UserPrincipal,
    assignmentId: string,
    outcome: AssignmentOutcomeEnum,
    reasonInput: string | null | undefined,
    now = new Date(),
  ): Promise<RequestAssignment> {
    await this.access(principal, assignmentId, true);
    const reason = reasonInput?.trim() || null;
    const errors = new FieldErrors();
    if (outcome === AssignmentOutcomeEnum.BAD_LEAD && (!reason || reason.length < 3)) {
      errors.add(['reason'], 'Say what was wrong with the lead (at least 3 characters).');
    }
    if (reason && reason.length > 500) errors.add(['reason'], 'Use at most 500 characters.');
    errors.throwIfAny();
    const { a, deliveries } = await withTransaction(this.pool, async (tx) => {
      const a = await this.lockAssignment(tx, assignmentId);
      if (a.status === 'DECLINED') throw refused('NOT_ACTIVE', 'This lead was declined; there is no outcome to report.');
      await tx.query(
        `UPDATE request_assignments SET outcome = $2::"AssignmentOutcome", outcome_reason = $3, outcome_at = $4, updated_at = now() WHERE id = $1`,
        [a.id, outcome, reason, now],
      );
      await recordAuditSql(tx, principal, {
        action: 'routing.outcome_reported',
        targetType: 'RequestAssignment',
        targetId: a.id,
        workspaceId: a.workspaceId,
        details: { requestId: a.requestId, outcome, withReason: reason !== null },
      });
      return { a, deliveries: await this.assignmentUpdated(tx, a, 'outcome', { outcome }) };
    });
    await this.afterUpdate(a, deliveries);
    return this.view(a.id);
  }

  // ───────────── disputes ─────────────

  async dispute(
    principal: UserPrincipal,
    assignmentId: string,
    reason: DisputeReasonEnum,
    noteInput: string,
    now = new Date(),
  ): Promise<RequestAssignment> {
    await this.access(principal, assignmentId, true);
    const note = noteInput.trim();
    const errors = new FieldErrors();
    if (!Object.values(DisputeReasonEnum).includes(reason)) errors.add(['reason'], 'Choose a dispute reason.');
    if (note.length < 5 || note.length > 2000) errors.add(['note'], 'Describe the problem in 5 to 2,000 characters.');
    errors.throwIfAny();
    const { a, deliveries } = await withTransaction(this.pool, async (tx) => {
      const a = await this.lockAssignment(tx, assignmentId);
      if (a.status === 'DECLINED')
        throw refused('NOT_ACTIVE', 'This lead was declined and its credits returned; there is nothing to dispute.');
      const deadline = new Date(a.deliveredAt.getTime() + DISPUTE_WINDOW_MS);
      if (now >= deadline) {
        throw refused('DISPUTE_WINDOW_CLOSED', `Disputes were accepted until ${deadline.toISOString()} (14 days after delivery).`, {
          deadline: deadline.toISOString(),
        });
      }
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO assignment_disputes (assignment_id, workspace_id, reason, note, created_by_user_id, created_at)
         VALUES ($1, $2, $3::"DisputeReason", $4, $5, $6) ON CONFLICT (assignment_id) DO NOTHING RETURNING id`,
        [a.id, a.workspaceId, reason, note, principal.userId, now],
      );
      if (!rows[0]) throw refused('ALREADY_DISPUTED', 'This lead is already disputed; an admin will review it.');
      await recordAuditSql(tx, principal, {
        action: 'routing.disputed',
        targetType: 'AssignmentDispute',
        targetId: rows[0].id,
        workspaceId: a.workspaceId,
        details: { assignmentId: a.id, requestId: a.requestId, reason },
      });
      return { a, deliveries: await this.assignmentUpdated(tx, a, 'disputed', { dispute: reason }) };
    });
    await this.afterUpdate(a, deliveries);
    return this.view(a.id);
  }

  /** Admin review: uphold gives the credits back (unless already refunded), reject changes nothing else. */
  async resolveDispute(
    admin: UserPrincipal,
    disputeId: string,
    uphold: boolean,
    noteInput: string,
    now = new Date(),
  ): Promise<AssignmentDispute> {
    const note = noteInput.trim();
    const errors = new FieldErrors();
    if (note.length < 3 || note.length > 2000) errors.add(['note'], 'Explain the decision in 3 to 2,000 characters.');
    errors.throwIfAny();
    const { a, deliveries } = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ assignmentId: string; status: string; reason: string }>(
        `SELECT assignment_id AS "assignmentId", status::text AS status, reason::text AS reason FROM assignment_disputes WHERE id = $1 FOR UPDATE`,
        [disputeId],
      );
      const dispute = rows[0];
      if (!dispute) throw notFound('Dispute');
      if (dispute.status !== 'OPEN') throw refused('ALREADY_RESOLVED', `This dispute was already ${dispute.status.toLowerCase()}.`);
      const a = await this.lockAssignment(tx, dispute.assignmentId);
      let refundEntryId: string | null = null;
      if (uphold) {
        refundEntryId = await this.refundCharge(tx, a, `routing:dispute:${disputeId}`, `Lead refunded: dispute upheld (${dispute.reason})`);
        if (refundEntryId) {
          await tx.query(
            `UPDATE request_assignments SET status = 'REFUNDED', refunded_at = $2, refund_entry_id = $3, refund_reason = $4, updated_at = now()
              WHERE id = $1`,
            [a.id, now, refundEntryId, `Dispute upheld (${dispute.reason})`],
          );
        }
      }
      await tx.query(
        `UPDATE assignment_disputes SET status = $2::"DisputeStatus", resolution_note = $3, resolved_by_user_id = $4, resolved_at = $5 WHERE id = $1`,
        [disputeId, uphold ? 'UPHELD' : 'REJECTED', note, admin.userId, now],
      );
      await recordAuditSql(tx, admin, {
        action: uphold ? 'routing.dispute_upheld' : 'routing.dispute_rejected',
        targetType: 'AssignmentDispute',
        targetId: disputeId,
        workspaceId: a.workspaceId,
        details: { assignmentId: a.id, requestId: a.requestId, refunded: refundEntryId !== null, refundEntryId },
      });
      return {
        a,
        deliveries: await this.assignmentUpdated(tx, a, uphold ? 'dispute_upheld' : 'dispute_rejected', {
          refunded: refundEntryId !== null,
        }),
      };
    });
    await this.afterUpdate(a, deliveries);
    this.credits.walletChanged(a.workspaceId);
    const [row] = await loadAssignments(this.pool, [a.id]);
    return toDispute(row!.dispute!);
  }

  async adminDisputes(
    status: DisputeStatusEnum | null | undefined,
    first: number | null | undefined,
    after: string | null | undefined,
  ): Promise<Connection<AdminDispute>> {
    const size = pageSize(first);
    const cursor = decodeTimeIdCursor(after);
    const where = ['($1::"DisputeStatus" IS NULL OR d.status = $1::"DisputeStatus")'];
    const params: unknown[] = [status ?? null];
    const counted = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM assignment_disputes d WHERE ${where[0]} LIMIT ${COUNT_CAP + 1}) x`,
      params,
    );
    if (cursor) {
      params.push(cursor.at, cursor.id);
      where.push(`(d.created_at, d.id) < ($2::timestamptz, $3::uuid)`);
    }
    params.push(size + 1);
    // created_at has millisecond precision, so its ISO form is an exact cursor.
    const { rows } = await this.pool.query<{ id: string; assignmentId: string; createdAt: Date }>(
      `SELECT d.id, d.assignment_id AS "assignmentId", d.created_at AS "createdAt"
         FROM assignment_disputes d WHERE ${where.join(' AND ')} ORDER BY d.created_at DESC, d.id DESC LIMIT $${params.length}`,
      params,
    );
    const assignments = new Map(
      (
        await loadAssignments(
          this.pool,
          rows.map((r) => r.assignmentId),
        )
      ).map((a) => [a.id, a]),
    );
    const now = new Date();
    return toConnection(
      rows,
      size,
      Boolean(cursor),
      (r) => [r.createdAt.toISOString(), r.id],
      (r) => {
        const a = assignments.get(r.assignmentId)!;
        const dispute = toDispute(a.dispute!);
        return Object.assign(new AdminDispute(), {
          id: dispute.id,
          rawId: dispute.rawId,
          assignment: toRequestAssignment(a, now),
          providerName: a.providerName,
          reason: dispute.reason,
          note: dispute.note,
          status: dispute.status,
          resolutionNote: dispute.resolutionNote,
          createdAt: dispute.createdAt,
        });
      },
      counted.rows[0]!.n,
    );
  }

  /** Admin: route an UNROUTABLE or waiting request again now (one attempt). */
  async adminRetry(admin: UserPrincipal, requestId: string, now = new Date()): Promise<RouteResult> {
    const { rows } = await this.pool.query<{ status: string }>(
      `UPDATE service_requests SET status = 'ROUTING', unroutable_at = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('UNROUTABLE', 'ROUTING') RETURNING status::text AS status`,
      [requestId],
    );
    if (!rows[0]) {
      const exists = await this.pool.query('SELECT status::text AS status FROM service_requests WHERE id = $1', [requestId]);
      if (!exists.rows[0]) throw notFound('Service request');
      throw refused('NOT_ACTIVE', 'Only requests waiting for a provider (routing or unroutable) can be routed again.');
    }
    await recordAuditSql(this.pool, admin, { action: 'routing.admin_retry', targetType: 'ServiceRequest', targetId: requestId });
    return this.route(requestId, 'ADMIN', now);
  }
}

/** What a delivery needs besides the database: the credit charge and the webhook outbox. */
export interface DeliveryDeps {
  spend: CreditsService['spend'];
  enqueueWebhook: WebhooksService['enqueue'];
}

export interface DeliveryInput {
  request: RoutableRequest;
  workspaceId: string;
  price: string;
  details: ScoreDetails;
  /** The most providers the request may hold after this delivery (at most relay_settings.max_providers_per_request). */
  max: number;
  now: Date;
  actor?: 'SYSTEM' | Principal;
  /** The backstop replacement: deliver to a ROUTED request only while a decline's replacement is owed (next_routing_at set). */
  onlyWhileOwed?: boolean;
}

/**
 * One delivery, in one transaction: the request's row lock serializes its deliveries (so it never
 * holds more than `max` providers), the profile's row lock serializes the provider's (so its caps
 * hold), and a provider that cannot pay is rolled back and skipped. Exported for the demo seed, which
 * routes its demo request through this same path.
 */
export async function deliverRequest(pool: pg.Pool, input: DeliveryInput, deps: DeliveryDeps): Promise<Delivered | { skipped: string }> {
  const { request, workspaceId, price, details, max, now } = input;
  try {
    return await withTransaction(pool, async (tx) => {
      const { rows: locked } = await tx.query<{
        status: string;
        userId: string | null;
        nextRoutingAt: Date | null;
        holding: number;
        nextRank: number;
      }>(
        `SELECT r.status::text AS status, r.user_id AS "userId", r.next_routing_at AS "nextRoutingAt",
                (SELECT count(*) FROM request_assignments a WHERE a.request_id = r.id AND a.status <> 'DECLINED')::int AS holding,
                (SELECT COALESCE(max(rank), 0) + 1 FROM request_assignments a WHERE a.request_id = r.id)::int AS "nextRank"
           FROM service_requests r WHERE r.id = $1 FOR NO KEY UPDATE OF r`,
        [request.id],
      );
      const current = locked[0];
      if (!current || (current.status !== 'ROUTING' && current.status !== 'ROUTED')) throw new SkipCandidate('request no longer routable');
      if (current.userId) {
        // Read after the lock, in a statement of its own (a fresh snapshot): a suspension that committed
        // while we waited is seen. Nobody pays for the request of a suspended or deleted end user.
        const { rows: user } = await tx.query<{ status: string }>('SELECT status::text AS status FROM users WHERE id = $1', [
          current.userId,
        ]);
        if (user[0] && user[0].status !== 'ACTIVE') throw new SkipCandidate('request no longer routable');
      }
      if (input.onlyWhileOwed && current.status === 'ROUTED' && current.nextRoutingAt === null) {
        throw new SkipCandidate('request no longer routable');
      }
      if (current.holding >= max) throw new SkipCandidate('enough providers already');

      const windows = capWindows(now);
      const { rows: profile } = await tx.query<{
        capPerDay: number | null;
        capPerWeek: number | null;
        capPerMonth: number | null;
        usable: boolean;
      }>(
        `SELECT p.cap_per_day AS "capPerDay", p.cap_per_week AS "capPerWeek", p.cap_per_month AS "capPerMonth",
                (p.active AND w.status = 'ACTIVE') AS usable
           FROM provider_profiles p JOIN workspaces w ON w.id = p.workspace_id
          WHERE p.workspace_id = $1 FOR UPDATE OF p`,
        [workspaceId],
      );
      const caps = profile[0];
      if (!caps?.usable) throw new SkipCandidate('profile paused or workspace suspended');
      // Counted under the profile's lock: a concurrent delivery to this provider waits for our commit.
      const { rows: counts } = await tx.query<{ today: number; week: number; month: number }>(
        `SELECT count(*) FILTER (WHERE delivered_at >= $2)::int AS today, count(*) FILTER (WHERE delivered_at >= $3)::int AS week,
                count(*) FILTER (WHERE delivered_at >= $4)::int AS month
           FROM request_assignments WHERE workspace_id = $1 AND status <> 'DECLINED' AND delivered_at >= LEAST($3, $4)`,
        [workspaceId, windows.day, windows.week, windows.month],
      );
      const c = counts[0]!;
      if (caps.capPerDay !== null && c.today >= caps.capPerDay) throw new SkipCandidate('daily cap reached');
      if (caps.capPerWeek !== null && c.week >= caps.capPerWeek) throw new SkipCandidate('weekly cap reached');
      if (caps.capPerMonth !== null && c.month >= caps.capPerMonth) throw new SkipCandidate('monthly cap reached');

      const { rows: inserted } = await tx.query<{ id: string }>(
        `INSERT INTO request_assignments (request_id, workspace_id, niche_id, rank, score, score_details, price, delivered_at)
         VALUES ($1, $2, $3, $4, $5, $6::jsonb, $7, $8)
         ON CONFLICT (request_id, workspace_id) DO NOTHING RETURNING id`,
        [request.id, workspaceId, request.nicheId, current.nextRank, details.score, JSON.stringify(details), price, now],
      );
      const assignmentId = inserted[0]?.id;
      if (!assignmentId) throw new SkipCandidate('already assigned this request');

      let chargeEntryId: string;
      try {
        const charged = await deps.spend(
          {
            workspaceId,
            credits: price,
            idempotencyKey: `routing:charge:${assignmentId}`,
            description: `Lead: ${request.nicheName}`,
            details: { assignmentId, requestId: request.id },
          },
          tx,
        );
        chargeEntryId = charged.entryId;
      } catch (error) {
        if (error instanceof InsufficientFundsError) throw new SkipCandidate('insufficient credits');
        throw error;
      }
      await tx.query('UPDATE request_assignments SET charge_entry_id = $2 WHERE id = $1', [assignmentId, chargeEntryId]);
      const { rows: thread } = await tx.query<{ id: string }>(
        `INSERT INTO relay_threads (assignment_id, request_id, workspace_id, user_id, niche_id, user_token, provider_token, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
        [assignmentId, request.id, workspaceId, current.userId, request.nicheId, newRelayToken(), newRelayToken(), now],
      );
      await tx.query(
        `UPDATE service_requests SET status = 'ROUTED', next_routing_at = NULL, unroutable_at = NULL, updated_at = now() WHERE id = $1`,
        [request.id],
      );
      const webhookDeliveries = await deps.enqueueWebhook(tx, {
        workspaceIds: [workspaceId],
        event: 'assignment.created',
        eventId: `evt_assignment_created_${assignmentId}`,
        // Metadata only: the lead itself is read in the console.
        data: {
          assignmentId: toGlobalId('RequestAssignment', assignmentId),
          requestId: toGlobalId('ServiceRequest', request.id),
          niche: request.nicheName,
          status: 'ACTIVE',
          rank: current.nextRank,
          price,
          deliveredAt: now.toISOString(),
          declinableUntil: new Date(now.getTime() + DECLINE_WINDOW_MS).toISOString(),
        },
      });
      await recordAuditSql(tx, input.actor ?? 'SYSTEM', {
        action: 'routing.delivered',
        targetType: 'RequestAssignment',
        targetId: assignmentId,
        workspaceId,
        details: { requestId: request.id, nicheId: request.nicheId, rank: current.nextRank, score: details.score, price, chargeEntryId },
      });
      return { assignmentId, threadId: thread[0]!.id, workspaceId, requestId: request.id, userId: current.userId, webhookDeliveries };
    });
  } catch (error) {
    if (error instanceof SkipCandidate) return { skipped: error.message };
    throw error;
  }
}

interface AssignmentLock {
  id: string;
  requestId: string;
  workspaceId: string;
  status: string;
  price: string;
  deliveredAt: Date;
  chargeEntryId: string | null;
  refundEntryId: string | null;
  threadId: string | null;
  userId: string | null;
}

export type { AssignmentRow };
