// The parties' side of conversations: the provider console (inbox, thread, team view) and the end
// user's threads. Isolation lives here, not in the resolvers: a provider member reaches only the
// assignments and threads of their own workspace, an end user only their own threads. Anything
// else answers "not found", so ids of other tenants reveal nothing.
import type { WorkspaceRole } from '@hotlead/domain';
import { isWorkspaceManager } from '@hotlead/domain';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { COUNT_CAP, decodeCursor } from '../../platform/graphql/connection.js';
import { badInput, forbidden, notFound } from '../../platform/graphql/errors.js';
import type { Platform } from '../../platform/platform.js';
import type { ConversationEventKind } from '../../platform/pubsub/pubsub.js';
import type { SessionService } from '../identity/session.service.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import { publishConversationEvent } from '../relay/relay.events.js';
import type { RelayServiceImpl } from '../relay/relay.service.js';
import type { RequestsServices } from '../requests/requests.module.js';
import { FieldErrors } from '../requests/requests.errors.js';
import { FIRST_RESPONSE_SLA_SECONDS } from '../requests/requests.constants.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import { relayCall } from './conversations.errors.js';
import { MESSAGE_SELECT, type MessageRow, type Side, THREAD_SELECT, type ThreadRow } from './conversations.views.js';

export interface ConversationsDeps {
  workspaces: WorkspaceService;
  webhooks: WebhooksService;
  sessions: SessionService;
  /** The relay module's services (createRelayServices). */
  relay: { relay: RelayServiceImpl };
  /** The requests module's services (createRequestsServices). */
  requests: Pick<RequestsServices, 'requests'>;
}

export type InboxStatus = 'OPEN' | 'CLOSED' | 'DECLINED' | 'REFUNDED' | 'ALL';

export interface InboxFilter {
  status?: InboxStatus | null;
  slaBreached?: boolean | null;
  unread?: boolean | null;
}

/** Longest console message and subject; the relay enforces its byte limit on top. */
export const MAX_MESSAGE_CHARS = 100_000;
export const MAX_SUBJECT_CHARS = 200;
export const MAX_ATTACHMENTS = 10;
/** Upload tokens are signed JSON (relay.tokens.ts); anything longer is not one. */
const MAX_TOKEN_CHARS = 2000;
/** The team view looks back this many days by default, at most MAX_STATS_DAYS. */
export const DEFAULT_STATS_DAYS = 30;
export const MAX_STATS_DAYS = 365;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface TeamRow {
  user_id: string;
  name: string;
  email: string;
  threads: number;
  median_seconds: number | null;
  sla_met: number;
  responded: number;
  sent: number;
  delivered: number;
  read: number;
  settled: number;
}

const ratio = (part: number, whole: number): number | null => (whole > 0 ? part / whole : null);

export class ConversationsService {
  constructor(
    private readonly platform: Platform,
    private readonly deps: ConversationsDeps,
  ) {}

  private get prisma() {
    return this.platform.prisma;
  }

  private get pool() {
    return this.platform.database.pool;
  }

  private get relay(): RelayServiceImpl {
    return this.deps.relay.relay;
  }

  /** The viewer's role in a provider workspace; NOT_FOUND when they are not a member (admins neither: they have oversight). */
  async requireMember(principal: UserPrincipal, workspaceId: string): Promise<WorkspaceRole> {
    const role = await this.deps.workspaces.roleOf(principal.userId, workspaceId);
    if (!role) throw notFound('Workspace');
    return role;
  }

  /** Which side of a thread the viewer is on, or null when they are neither party. */
  async sideOf(principal: UserPrincipal, thread: { workspaceId: string; userId: string | null }): Promise<Side | null> {
    if (await this.deps.workspaces.roleOf(principal.userId, thread.workspaceId)) return 'provider';
    if (thread.userId !== null && thread.userId === principal.userId) return 'user';
    return null;
  }

  /**
   * A page of the workspace's assignments, newest delivery first (keyset on delivered_at, id), with
   * the inbox filters; the ids in order, for the requests module to map.
   */
  async inbox(
    principal: UserPrincipal,
    workspaceId: string,
    filter: InboxFilter,
    page: { first: number; after: string | null | undefined },
  ): Promise<{ rows: { id: string; deliveredAt: Date }[]; total: number }> {
    await this.requireMember(principal, workspaceId);
    const params: unknown[] = [workspaceId];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where = ['a.workspace_id = $1'];
    switch (filter.status ?? 'ALL') {
      case 'OPEN':
        where.push(`a.status = 'ACTIVE' AND t.status = 'OPEN'`);
        break;
      case 'CLOSED':
        where.push(`a.status NOT IN ('DECLINED', 'REFUNDED') AND (a.status = 'CLOSED' OR t.status = 'CLOSED')`);
        break;
      case 'DECLINED':
        where.push(`a.status = 'DECLINED'`);
        break;
      case 'REFUNDED':
        where.push(`a.status = 'REFUNDED'`);
        break;
      case 'ALL':
        break;
    }
    if (filter.slaBreached != null) {
      const sla = `make_interval(secs => ${param(FIRST_RESPONSE_SLA_SECONDS)})`;
      // Never NULL, so NOT works: no answer yet and the SLA has run out, or an answer after it.
      const breached = `(CASE WHEN a.first_response_at IS NULL THEN a.delivered_at < now() - ${sla}
                              ELSE a.first_response_at > a.delivered_at + ${sla} END)`;
      where.push(filter.slaBreached ? breached : `NOT ${breached}`);
    }
    if (filter.unread != null) where.push(filter.unread ? 't.unread_for_provider > 0' : 'coalesce(t.unread_for_provider, 0) = 0');
    const from = `request_assignments a LEFT JOIN relay_threads t ON t.assignment_id = a.id WHERE ${where.join(' AND ')}`;
    const countParams = [...params];
    const cursor = decodeCursor(page.after, 2);
    let keyset = '';
    if (cursor) {
      const [at, id] = cursor;
      const date = new Date(String(at));
      if (Number.isNaN(date.getTime()) || !UUID.test(String(id))) throw badInput('"after" is not a valid cursor.');
      keyset = ` AND (a.delivered_at, a.id) < (${param(date)}::timestamptz, ${param(String(id))}::uuid)`;
    }
    const [rows, count] = await Promise.all([
      this.pool.query<{ id: string; delivered_at: Date }>(
        `SELECT a.id, a.delivered_at FROM ${from}${keyset} ORDER BY a.delivered_at DESC, a.id DESC LIMIT ${param(page.first + 1)}`,
        params,
      ),
      this.pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM (SELECT 1 FROM ${from} LIMIT ${COUNT_CAP + 1}) x`, countParams),
    ]);
    return { rows: rows.rows.map((r) => ({ id: r.id, deliveredAt: r.delivered_at })), total: count.rows[0]?.n ?? 0 };
  }

  /**
   * Opens an assignment in the console: the viewer must be a member of its workspace (else null,
   * like an unknown id). Marks the end user's messages read for the provider.
   */
  async openAssignment(principal: UserPrincipal, assignmentId: string): Promise<string | null> {
    const assignment = await this.prisma.requestAssignment.findUnique({ where: { id: assignmentId }, select: { workspaceId: true } });
    if (!assignment) return null;
    if (!(await this.deps.workspaces.roleOf(principal.userId, assignment.workspaceId))) return null;
    const thread = await this.prisma.relayThread.findUnique({ where: { assignmentId }, select: { id: true } });
    if (thread) await this.markRead('provider', thread.id);
    return assignmentId;
  }

  /** The end user's own thread, opened: null for anyone else's. Marks the provider's messages read for the user. */
  async openMyThread(principal: UserPrincipal, threadId: string): Promise<ThreadRow | null> {
    const owner = await this.prisma.relayThread.findUnique({ where: { id: threadId }, select: { userId: true } });
    if (!owner || owner.userId === null || owner.userId !== principal.userId) return null;
    await this.markRead('user', threadId);
    return (await this.prisma.relayThread.findUnique({ where: { id: threadId }, select: THREAD_SELECT })) as ThreadRow | null;
  }

  /**
   * The viewer's side opened the thread: the relay marks what the other side wrote to them READ
   * (with its webhooks and events) and zeroes their unread count; the parties hear THREAD_UPDATED
   * when the count moved.
   */
  async markRead(side: Side, threadId: string): Promise<void> {
    const before = await this.prisma.relayThread.findUnique({
      where: { id: threadId },
      select: { unreadForProvider: true, unreadForUser: true },
    });
    if (!before) return;
    const read = await this.relay.markThreadRead(threadId, side === 'provider' ? 'PROVIDER' : 'USER');
    const unread = side === 'provider' ? before.unreadForProvider : before.unreadForUser;
    if (unread === 0 && read === 0) return;
    const parties = await this.partiesOf(threadId);
    if (parties) this.publish(parties, 'THREAD_UPDATED', null);
  }

  private async partiesOf(threadId: string) {
    return this.prisma.relayThread.findUnique({
      where: { id: threadId },
      select: { id: true, requestId: true, assignmentId: true, workspaceId: true, userId: true },
    });
  }

  private publish(
    parties: { id: string; requestId: string; assignmentId: string; workspaceId: string; userId: string | null },
    kind: ConversationEventKind,
    messageId: string | null,
  ): void {
    publishConversationEvent(
      this.platform.pubsub,
      { workspaceId: parties.workspaceId, userId: parties.userId },
      { kind, requestId: parties.requestId, assignmentId: parties.assignmentId, threadId: parties.id, messageId },
    );
  }

  /**
   * Writes a message from the console (provider member) or the end-user area (the thread's end user)
   * through the relay, which enforces the thread's rules (open, provider first, limits, attachments).
   */
  async sendMessage(
    principal: UserPrincipal,
    input: { threadId: string; subject?: string | null; text: string; attachmentTokens?: string[] | null },
  ): Promise<{ side: Side; message: MessageRow }> {
    const thread = await this.prisma.relayThread.findUnique({
      where: { id: input.threadId },
      select: { workspaceId: true, userId: true, nicheId: true },
    });
    const side = thread ? await this.sideOf(principal, thread) : null;
    if (!thread || !side) throw notFound('Thread');
    const errors = new FieldErrors();
    const text = input.text.replace(/\r\n?/g, '\n');
    if (!text.trim()) errors.add(['input', 'text'], 'Write a message.');
    else if (text.length > MAX_MESSAGE_CHARS) errors.add(['input', 'text'], `A message has at most ${MAX_MESSAGE_CHARS} characters.`);
    // eslint-disable-next-line no-control-regex -- a subject is one line: control characters would fold it into headers
    const subjectInput = input.subject?.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim() ?? '';
    if (subjectInput.length > MAX_SUBJECT_CHARS) errors.add(['input', 'subject'], `A subject has at most ${MAX_SUBJECT_CHARS} characters.`);
    const tokens = input.attachmentTokens ?? [];
    if (tokens.length > MAX_ATTACHMENTS) errors.add(['input', 'attachmentTokens'], `At most ${MAX_ATTACHMENTS} attachments per message.`);
    if (tokens.some((t) => typeof t !== 'string' || t.length === 0 || t.length > MAX_TOKEN_CHARS)) {
      errors.add(['input', 'attachmentTokens'], 'An attachment token is not valid; upload the file again.');
    }
    errors.throwIfAny();
    const subject = subjectInput || (await this.defaultSubject(thread.nicheId));
    const { messageId } = await relayCall(() =>
      this.relay.postMessage({
        threadId: input.threadId,
        direction: side === 'provider' ? 'PROVIDER_TO_USER' : 'USER_TO_PROVIDER',
        source: 'CONSOLE',
        senderUserId: principal.userId,
        subject,
        text,
        html: null,
        attachmentTokens: tokens,
      }),
    );
    const message = (await this.prisma.relayMessage.findUniqueOrThrow({ where: { id: messageId }, select: MESSAGE_SELECT })) as MessageRow;
    return { side, message };
  }

  private async defaultSubject(nicheId: string): Promise<string> {
    const niche = await this.prisma.niche.findUnique({ where: { id: nicheId }, select: { name: true } });
    return `Re: ${niche?.name ?? 'your'} request`;
  }

  /** A party closes the thread: a provider member their workspace's, the end user their own. */
  async closeThread(principal: UserPrincipal, threadId: string): Promise<void> {
    const thread = await this.prisma.relayThread.findUnique({ where: { id: threadId }, select: { workspaceId: true, userId: true } });
    const side = thread ? await this.sideOf(principal, thread) : null;
    if (!thread || !side) throw notFound('Thread');
    await relayCall(() => this.relay.closeThread(threadId, side === 'provider' ? 'PROVIDER' : 'USER'));
  }

  /**
   * The team view (managers): per member who handled threads in the period, threads, median first
   * response, SLA adherence, messages sent and their delivery / read rates; and the workspace's
   * totals. Aggregated in SQL over the assignments delivered in the last `days` days.
   *
   * Rates are over messages whose fate is known: delivered = (DELIVERED + READ) / (DELIVERED + READ +
   * NOT_DELIVERED); read = READ / (DELIVERED + READ); bounce = NOT_DELIVERED / the same settled set.
   * SLA adherence counts assignments that answered within the SLA among those that answered or whose
   * SLA has run out (declined ones excluded).
   */
  async teamStats(principal: UserPrincipal, workspaceId: string, days: number | null | undefined) {
    const role = await this.requireMember(principal, workspaceId);
    if (!isWorkspaceManager(role)) throw forbidden('Only workspace owners and admins see the team view.');
    const period = days ?? DEFAULT_STATS_DAYS;
    if (!Number.isInteger(period) || period < 1 || period > MAX_STATS_DAYS) {
      throw badInput(`"days" must be between 1 and ${MAX_STATS_DAYS}.`);
    }
    const base = `
      WITH a AS (
        SELECT id, handled_by_user_id, status, delivered_at, first_response_at,
               first_response_at <= delivered_at + make_interval(secs => $3) AS within_sla
          FROM request_assignments
         WHERE workspace_id = $1 AND delivered_at >= now() - make_interval(days => $2)
      ), m AS (
        SELECT msg.sender_user_id, coalesce(d.status::text, 'QUEUED') AS status
          FROM a JOIN relay_threads t ON t.assignment_id = a.id
          JOIN relay_messages msg ON msg.thread_id = t.id AND msg.direction = 'PROVIDER_TO_USER'
          LEFT JOIN relay_deliveries d ON d.message_id = msg.id
      )`;
    const params = [workspaceId, period, FIRST_RESPONSE_SLA_SECONDS];
    const [members, totals] = await Promise.all([
      this.pool.query<TeamRow>(
        `${base},
         per_a AS (
           SELECT handled_by_user_id AS user_id, count(*)::int AS threads,
                  percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - delivered_at)) AS median_seconds,
                  count(*) FILTER (WHERE within_sla)::int AS sla_met,
                  count(*) FILTER (WHERE first_response_at IS NOT NULL)::int AS responded
             FROM a WHERE handled_by_user_id IS NOT NULL GROUP BY 1
         ), per_m AS (
           SELECT sender_user_id AS user_id, count(*)::int AS sent,
                  count(*) FILTER (WHERE status IN ('DELIVERED', 'READ'))::int AS delivered,
                  count(*) FILTER (WHERE status = 'READ')::int AS read,
                  count(*) FILTER (WHERE status IN ('DELIVERED', 'READ', 'NOT_DELIVERED'))::int AS settled
             FROM m WHERE sender_user_id IS NOT NULL GROUP BY 1
         ), people AS (
           SELECT user_id FROM workspace_memberships WHERE workspace_id = $1
           UNION SELECT user_id FROM per_a UNION SELECT user_id FROM per_m
         )
         SELECT u.id AS user_id, u.name, u.email::text AS email,
                coalesce(pa.threads, 0) AS threads, pa.median_seconds, coalesce(pa.sla_met, 0) AS sla_met,
                coalesce(pa.responded, 0) AS responded, coalesce(pm.sent, 0) AS sent, coalesce(pm.delivered, 0) AS delivered,
                coalesce(pm.read, 0) AS read, coalesce(pm.settled, 0) AS settled
           FROM people p JOIN users u ON u.id = p.user_id
           LEFT JOIN per_a pa ON pa.user_id = p.user_id
           LEFT JOIN per_m pm ON pm.user_id = p.user_id
          ORDER BY coalesce(pa.threads, 0) DESC, u.name, u.id`,
        params,
      ),
      this.pool.query<{
        assignments: number;
        sla_met: number;
        sla_due: number;
        delivered: number;
        read: number;
        bounced: number;
        settled: number;
      }>(
        `${base}
         SELECT (SELECT count(*)::int FROM a) AS assignments,
                (SELECT count(*)::int FROM a WHERE status <> 'DECLINED' AND within_sla) AS sla_met,
                (SELECT count(*)::int FROM a WHERE status <> 'DECLINED'
                    AND (first_response_at IS NOT NULL OR delivered_at < now() - make_interval(secs => $3))) AS sla_due,
                count(*) FILTER (WHERE status IN ('DELIVERED', 'READ'))::int AS delivered,
                count(*) FILTER (WHERE status = 'READ')::int AS read,
                count(*) FILTER (WHERE status = 'NOT_DELIVERED')::int AS bounced,
                count(*) FILTER (WHERE status IN ('DELIVERED', 'READ', 'NOT_DELIVERED'))::int AS settled
           FROM m`,
        params,
      ),
    ]);
    const t = totals.rows[0]!;
    return {
      assignments: t.assignments,
      slaAdherence: ratio(t.sla_met, t.sla_due),
      deliveredRate: ratio(t.delivered, t.settled),
      readRate: ratio(t.read, t.delivered),
      bounceRate: ratio(t.bounced, t.settled),
      members: members.rows.map((r) => ({
        userId: r.user_id,
        name: r.name,
        email: r.email,
        threads: r.threads,
        medianFirstResponseSeconds: r.median_seconds === null ? null : Math.round(Number(r.median_seconds)),
        slaAdherence: ratio(r.sla_met, r.responded),
        messagesSent: r.sent,
        deliveredRate: ratio(r.delivered, r.settled),
        readRate: ratio(r.read, r.delivered),
      })),
    };
  }
}
