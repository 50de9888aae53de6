// Platform-admin oversight of conversations: every thread with its delivery diagnostics (never the
// bodies in lists), audited body reads, the relay's settings, suspending a thread, a provider or a
// user, the right to be forgotten, and (local mode) replying to a dev-mailbox message over real SMTP.
// Every change and every body read is written to the audit log; details hold ids and reasons, never
// a body or an address.
import { randomUUID } from 'node:crypto';
import nodemailer from 'nodemailer';
import type { UserPrincipal } from '../../platform/auth/principal.js';
import { recordAudit, recordAuditSql } from '../../platform/audit.js';
import { withTransaction } from '../../platform/db/sql.js';
import { COUNT_CAP, decodeCursor, toConnection } from '../../platform/graphql/connection.js';
import { badInput, notFound } from '../../platform/graphql/errors.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import { parseRelayAddress } from '../relay/relay.addresses.js';
import { rawMimeBytes } from '../relay/relay.shared.js';
import { publishConversationEvent } from '../relay/relay.events.js';
import { UNROUTABLE_AFTER_MS } from '../requests/requests.constants.js';
import { FieldErrors } from '../requests/requests.errors.js';
import { refused } from './conversations.errors.js';
import type { ConversationsDeps } from './conversations.service.js';
import { RelaySettings } from './conversations.types.js';
import { ADMIN_THREAD_COLUMNS, ADMIN_THREAD_FROM, type AdminThreadRow, adminThreadOf, relayEventOf } from './conversations.views.js';

export const MAX_REASON_CHARS = 500;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Allowed ranges of the relay settings (the database checks only that they are positive). */
export const RELAY_SETTINGS_RANGES = {
  maxMessageBytes: { min: 64 * 1024, max: 50 * 1024 * 1024 },
  maxAttachmentBytes: { min: 1024, max: 50 * 1024 * 1024 },
  messagesPerThreadPerHour: { min: 1, max: 1000 },
  messagesPerUserPerHour: { min: 1, max: 10_000 },
  retentionDays: { min: 0, max: 3650 },
  maxProvidersPerRequest: { min: 1, max: 10 },
} as const;
/** A retention shorter than this (other than 0 = keep forever) would purge evidence for disputes (14 days) too soon. */
export const MIN_RETENTION_DAYS = 30;

export type RelaySettingsValues = { -readonly [K in keyof typeof RELAY_SETTINGS_RANGES]: number };

const SETTINGS_SELECT = {
  maxMessageBytes: true,
  maxAttachmentBytes: true,
  messagesPerThreadPerHour: true,
  messagesPerUserPerHour: true,
  retentionDays: true,
  maxProvidersPerRequest: true,
  updatedAt: true,
} as const;

/** Where the inbound relay SMTP server listens: this process's server when it runs here (its port may be picked at start), else the configured one. */
export function inboundSmtpTarget(platform: Platform, relay: { inboundPort: number | null }): { host: string; port: number } {
  const host = platform.config.RELAY_SMTP_HOST;
  return { host: host === '0.0.0.0' ? '127.0.0.1' : host, port: relay.inboundPort ?? platform.config.RELAY_SMTP_PORT };
}

/** `Name <a@b>` or `a@b` → `a@b`. */
function bareAddress(value: string): string {
  const angled = /<([^<>\s]+@[^<>\s]+)>/.exec(value);
  return (angled ? angled[1]! : value).trim();
}

/**
 * Header fields that carry a person's address: the envelope and routing trail, the address fields,
 * and the authentication results and signatures that quote the sender (smtp.mailfrom=, DKIM's i=).
 */
const ADDRESS_HEADER =
  /^(?:from|sender|reply-to|return-path|received|received-spf|to|cc|bcc|delivered-to|envelope-to|errors-to|mail-followup-to|mail-reply-to|disposition-notification-to|return-receipt-to|x-original-[^:\s]*|x-envelope-[^:\s]*|x-forwarded-to|resent-[^:\s]*|authentication-results|arc-authentication-results|dkim-signature)\s*:/i;

/**
 * The stored raw MIME of a forgotten end user's message, without the header fields that carry an
 * address (continuation lines included); the rest — other headers and the body — byte for byte, in
 * the stored form (text, or base64 when the bytes were not UTF-8).
 */
export function anonymizedRawMime(stored: string, parseNotes: unknown): string {
  // latin1 maps every byte to one character and back, so the bytes we keep are not re-encoded.
  const raw = rawMimeBytes(stored, parseNotes).toString('latin1');
  // The header section ends with the line break before the first empty line (none: no headers).
  const noHeaders = /^\r?\n/.test(raw);
  const end = noHeaders ? null : /\r?\n(?=\r?\n)/.exec(raw);
  const headerEnd = noHeaders ? 0 : end ? end.index + end[0].length : raw.length;
  const lines = raw.slice(0, headerEnd).match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let kept = '';
  let dropping = false;
  for (const line of lines) {
    // A line starting with white space continues the field above; an mbox "From " line is an envelope sender.
    if (!/^[ \t]/.test(line)) dropping = ADDRESS_HEADER.test(line) || line.startsWith('From ');
    if (!dropping) kept += line;
  }
  const bytes = Buffer.from(kept + raw.slice(headerEnd), 'latin1');
  const base64 = (parseNotes as { rawMimeEncoding?: string } | null)?.rawMimeEncoding === 'base64';
  return base64 ? bytes.toString('base64') : bytes.toString('utf8');
}

function requireReason(reason: string): string {
  const trimmed = reason.trim();
  const errors = new FieldErrors();
  if (!trimmed) errors.add(['reason'], 'Give a reason (it is kept in the audit log).');
  else if (trimmed.length > MAX_REASON_CHARS) errors.add(['reason'], `A reason has at most ${MAX_REASON_CHARS} characters.`);
  errors.throwIfAny();
  return trimmed;
}

export class OversightService {
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

  /** Every conversation, newest first, with the filters; metadata only. */
  async threads(
    filter: { status?: string | null; bounced?: boolean | null; workspaceId?: string | null },
    page: { first: number; after?: string | null },
  ) {
    const params: unknown[] = [];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const where: string[] = [];
    if (filter.status) where.push(`t.status = ${param(filter.status)}::"RelayThreadStatus"`);
    if (filter.workspaceId) where.push(`t.workspace_id = ${param(filter.workspaceId)}::uuid`);
    if (filter.bounced === true) {
      where.push(`EXISTS (SELECT 1 FROM relay_deliveries d WHERE d.thread_id = t.id AND d.status = 'NOT_DELIVERED')`);
    } else if (filter.bounced === false) {
      where.push(`NOT EXISTS (SELECT 1 FROM relay_deliveries d WHERE d.thread_id = t.id AND d.status = 'NOT_DELIVERED')`);
    }
    const countWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const countParams = [...params];
    const cursor = decodeCursor(page.after, 2);
    if (cursor) {
      const date = new Date(String(cursor[0]));
      if (Number.isNaN(date.getTime()) || !UUID.test(String(cursor[1]))) throw badInput('"after" is not a valid cursor.');
      where.push(`(t.created_at, t.id) < (${param(date)}::timestamptz, ${param(String(cursor[1]))}::uuid)`);
    }
    const pageWhere = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [rows, count] = await Promise.all([
      this.pool.query<AdminThreadRow>(
        `SELECT ${ADMIN_THREAD_COLUMNS} FROM ${ADMIN_THREAD_FROM} ${pageWhere}
          ORDER BY t.created_at DESC, t.id DESC LIMIT ${param(page.first + 1)}`,
        params,
      ),
      this.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM relay_threads t ${countWhere} LIMIT ${COUNT_CAP + 1}) x`,
        countParams,
      ),
    ]);
    return toConnection(
      rows.rows,
      page.first,
      Boolean(cursor),
      (r) => [r.created_at.toISOString(), r.id],
      adminThreadOf,
      count.rows[0]?.n ?? 0,
    );
  }

  async thread(threadId: string) {
    const { rows } = await this.pool.query<AdminThreadRow>(`SELECT ${ADMIN_THREAD_COLUMNS} FROM ${ADMIN_THREAD_FROM} WHERE t.id = $1`, [
      threadId,
    ]);
    return rows[0] ? adminThreadOf(rows[0]) : null;
  }

  /**
   * One message as written and as relayed, with its raw MIME — without the address headers once the
   * end user was forgotten (the stored row is immutable; the bodies are kept as business records).
   * Every call is audited, repeated ones too.
   */
  async readBody(admin: UserPrincipal, messageId: string, requestId?: string) {
    const message = await this.prisma.relayMessage.findUnique({
      where: { id: messageId },
      select: {
        id: true,
        threadId: true,
        requestId: true,
        workspaceId: true,
        textBody: true,
        htmlBody: true,
        redactedText: true,
        redactedHtml: true,
        rawMime: true,
        parseNotes: true,
      },
    });
    if (!message) throw notFound('Message');
    const request = await this.prisma.serviceRequest.findUnique({ where: { id: message.requestId }, select: { anonymizedAt: true } });
    // Written before the body is returned: a read that is not in the log does not happen.
    await recordAudit(
      this.prisma,
      admin,
      {
        action: 'message.body_read',
        targetType: 'RelayMessage',
        targetId: message.id,
        workspaceId: message.workspaceId,
        details: { threadId: message.threadId },
      },
      requestId,
    );
    return {
      messageId: toGlobalId('RelayMessage', message.id),
      originalText: message.textBody,
      originalHtml: message.htmlBody,
      relayedText: message.redactedText,
      relayedHtml: message.redactedHtml,
      rawMime: request?.anonymizedAt ? anonymizedRawMime(message.rawMime, message.parseNotes) : message.rawMime,
    };
  }

  /** The relay's refusals, strips and throttles, newest first (keyset on the event id). */
  async events(kind: string | null | undefined, page: { first: number; after?: string | null }) {
    const cursor = decodeCursor(page.after, 1);
    if (cursor && !/^\d{1,19}$/.test(String(cursor[0]))) throw badInput('"after" is not a valid cursor.');
    const term = kind?.trim() || null;
    const [rows, count] = await Promise.all([
      this.pool.query<{ id: string; at: Date; kind: string; reason: string; thread_id: string | null; message_id: string | null }>(
        `SELECT id::text, at, kind, reason, thread_id, message_id FROM relay_events
          WHERE ($1::text IS NULL OR kind = $1) AND ($2::bigint IS NULL OR id < $2::bigint)
          ORDER BY id DESC LIMIT $3`,
        [term, cursor ? String(cursor[0]) : null, page.first + 1],
      ),
      this.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM (SELECT 1 FROM relay_events WHERE ($1::text IS NULL OR kind = $1) LIMIT ${COUNT_CAP + 1}) x`,
        [term],
      ),
    ]);
    return toConnection(rows.rows, page.first, Boolean(cursor), (r) => [r.id], relayEventOf, count.rows[0]?.n ?? 0);
  }

  async settings(): Promise<RelaySettings> {
    // The migration inserts the one row; upsert keeps a hand-cleaned database working.
    const row = await this.prisma.relaySettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {}, select: SETTINGS_SELECT });
    return Object.assign(new RelaySettings(), row);
  }

  /** Validates every value against its range (all problems at once), then writes and audits before/after. */
  async updateSettings(admin: UserPrincipal, input: RelaySettingsValues, requestId?: string): Promise<RelaySettings> {
    const errors = new FieldErrors();
    for (const [key, range] of Object.entries(RELAY_SETTINGS_RANGES) as [keyof RelaySettingsValues, { min: number; max: number }][]) {
      const value = input[key];
      if (!Number.isInteger(value) || value < range.min || value > range.max) {
        errors.add(['input', key], `${key} must be a whole number from ${range.min} to ${range.max}.`);
      }
    }
    if (input.retentionDays > 0 && input.retentionDays < MIN_RETENTION_DAYS) {
      errors.add(['input', 'retentionDays'], `Keep messages at least ${MIN_RETENTION_DAYS} days, or 0 to keep them forever.`);
    }
    if (input.maxAttachmentBytes > input.maxMessageBytes) {
      errors.add(['input', 'maxAttachmentBytes'], 'An attachment cannot be larger than the largest message.');
    }
    errors.throwIfAny();
    const values: RelaySettingsValues = {
      maxMessageBytes: input.maxMessageBytes,
      maxAttachmentBytes: input.maxAttachmentBytes,
      messagesPerThreadPerHour: input.messagesPerThreadPerHour,
      messagesPerUserPerHour: input.messagesPerUserPerHour,
      retentionDays: input.retentionDays,
      maxProvidersPerRequest: input.maxProvidersPerRequest,
    };
    const after = await this.prisma.$transaction(async (tx) => {
      const before = await tx.relaySettings.upsert({ where: { id: 1 }, create: { id: 1 }, update: {}, select: SETTINGS_SELECT });
      await tx.$queryRaw`SELECT id FROM relay_settings WHERE id = 1 FOR UPDATE`;
      const updated = await tx.relaySettings.update({
        where: { id: 1 },
        data: { ...values, updatedByUserId: admin.userId },
        select: SETTINGS_SELECT,
      });
      const { updatedAt: _before, ...beforeValues } = before;
      void _before;
      await recordAudit(
        tx,
        admin,
        { action: 'relay_settings.updated', targetType: 'RelaySettings', targetId: '1', details: { before: beforeValues, after: values } },
        requestId,
      );
      return updated;
    });
    // This instance applies the change at once; others within the relay's settings cache time.
    this.deps.relay.relay.settings.invalidate();
    return Object.assign(new RelaySettings(), after);
  }

  /**
   * Suspends (SUSPENDED, with the reason) or resumes (OPEN) a thread: audited, the parties told
   * (THREAD_UPDATED), the provider's webhook `thread.status_changed` queued with the change.
   */
  async setThreadSuspended(admin: UserPrincipal, threadId: string, suspend: boolean, reasonInput: string | null, requestId?: string) {
    const reason = suspend ? requireReason(reasonInput ?? '') : null;
    const result = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{
        status: string;
        request_id: string;
        assignment_id: string;
        workspace_id: string;
        user_id: string | null;
      }>(`SELECT status, request_id, assignment_id, workspace_id, user_id FROM relay_threads WHERE id = $1 FOR UPDATE`, [threadId]);
      const thread = rows[0];
      if (!thread) throw notFound('Thread');
      if (suspend && thread.status === 'CLOSED')
        throw refused('THREAD_CLOSED', 'A closed thread takes no mail already; it cannot be suspended.');
      if (!suspend && thread.status !== 'SUSPENDED') throw refused('NOT_SUSPENDED', 'The thread is not suspended.');
      const status = suspend ? 'SUSPENDED' : 'OPEN';
      await tx.query(`UPDATE relay_threads SET status = $2::"RelayThreadStatus", suspended_reason = $3, updated_at = now() WHERE id = $1`, [
        threadId,
        status,
        reason,
      ]);
      await recordAuditSql(
        tx,
        admin,
        {
          action: suspend ? 'thread.suspended' : 'thread.resumed',
          targetType: 'RelayThread',
          targetId: threadId,
          workspaceId: thread.workspace_id,
          details: { from: thread.status, to: status, ...(reason ? { reason } : {}) },
        },
        requestId,
      );
      const deliveries = await this.deps.webhooks.enqueue(tx, {
        workspaceIds: [thread.workspace_id],
        event: 'thread.status_changed',
        eventId: randomUUID(),
        data: {
          threadId: toGlobalId('RelayThread', threadId),
          assignmentId: toGlobalId('RequestAssignment', thread.assignment_id),
          requestId: toGlobalId('ServiceRequest', thread.request_id),
          status,
          previousStatus: thread.status,
          by: 'ADMIN',
        },
      });
      return { thread, deliveries };
    });
    await this.deps.webhooks.sendAll(result.deliveries);
    publishConversationEvent(
      this.platform.pubsub,
      { workspaceId: result.thread.workspace_id, userId: result.thread.user_id },
      {
        kind: 'THREAD_UPDATED',
        requestId: result.thread.request_id,
        assignmentId: result.thread.assignment_id,
        threadId,
        messageId: null,
      },
    );
    return this.thread(threadId);
  }

  /** Suspends or resumes a provider workspace: routing skips it and the relay refuses its threads' mail. */
  async setProviderSuspended(admin: UserPrincipal, workspaceId: string, suspend: boolean, reasonInput: string, requestId?: string) {
    const reason = requireReason(reasonInput);
    const workspace = await this.prisma.workspace.findUnique({ where: { id: workspaceId }, select: { kind: true, status: true } });
    if (!workspace) throw notFound('Workspace');
    if (workspace.kind !== 'PROVIDER') throw refused('NOT_A_PROVIDER', 'Only provider workspaces are suspended here.');
    const status = suspend ? 'SUSPENDED' : 'ACTIVE';
    await this.prisma.$transaction(async (tx) => {
      await tx.workspace.update({ where: { id: workspaceId }, data: { status } });
      await recordAudit(
        tx,
        admin,
        {
          action: suspend ? 'provider.suspended' : 'provider.resumed',
          targetType: 'Workspace',
          targetId: workspaceId,
          workspaceId,
          details: { from: workspace.status, to: status, reason },
        },
        requestId,
      );
    });
    return true;
  }

  /**
   * Suspends or resumes a person: suspended, every session is revoked (open tabs are told), sign-in
   * is refused, the relay refuses their mail and routing stops offering their waiting requests
   * (providers would pay for leads that cannot answer). Resumed, those requests are routed again at
   * the next retry while within the 72 hours a request waits for providers; older ones become
   * UNROUTABLE (an admin can still route them). An admin cannot suspend themselves.
   */
  async setUserSuspended(admin: UserPrincipal, userId: string, suspend: boolean, reasonInput: string, requestId?: string) {
    const reason = requireReason(reasonInput);
    if (userId === admin.userId) throw refused('NOT_ALLOWED', 'You cannot suspend your own account.');
    const status = suspend ? 'SUSPENDED' : 'ACTIVE';
    await withTransaction(this.pool, async (tx) => {
      // The user row first, then their requests: the order forgetting an end user takes.
      const { rows } = await tx.query<{ status: string }>('SELECT status::text AS status FROM users WHERE id = $1 FOR UPDATE', [userId]);
      const user = rows[0];
      if (!user) throw notFound('User');
      if (user.status === 'DELETED') throw refused('USER_DELETED', 'The account was deleted.');
      await tx.query(`UPDATE users SET status = $2::"UserStatus", updated_at = now() WHERE id = $1`, [userId, status]);
      // Routing reads the user's status under each request's lock, so nothing is delivered after this commits.
      const { rowCount } = suspend
        ? await tx.query(
            `UPDATE service_requests SET next_routing_at = NULL, updated_at = now()
              WHERE user_id = $1 AND status = 'ROUTING' AND next_routing_at IS NOT NULL`,
            [userId],
          )
        : await tx.query(
            `UPDATE service_requests
                SET next_routing_at = CASE WHEN confirmed_at > now() - make_interval(secs => $2) THEN now() ELSE NULL END,
                    status = CASE WHEN confirmed_at > now() - make_interval(secs => $2) THEN status ELSE 'UNROUTABLE' END,
                    unroutable_at = CASE WHEN confirmed_at > now() - make_interval(secs => $2) THEN unroutable_at ELSE now() END,
                    updated_at = now()
              WHERE user_id = $1 AND status = 'ROUTING'`,
            [userId, UNROUTABLE_AFTER_MS / 1000],
          );
      await recordAuditSql(
        tx,
        admin,
        {
          action: suspend ? 'user.suspended' : 'user.resumed',
          targetType: 'User',
          targetId: userId,
          details: { from: user.status, to: status, reason, waitingRequests: rowCount ?? 0 },
        },
        requestId,
      );
    });
    if (suspend) await this.deps.sessions.revokeAll(userId, 'account suspended');
    return true;
  }

  /**
   * The right to be forgotten, on an admin's request: the requests module anonymizes the account,
   * its requests and conversations (keeping message bodies) and audits it with the reason. Staff
   * accounts (admins, workspace or partner members) are not end users and are refused.
   */
  async forgetEndUser(admin: UserPrincipal, userId: string, reasonInput: string, requestId?: string) {
    const reason = requireReason(reasonInput);
    const { rows } = await this.pool.query<{ staff: boolean }>(
      `SELECT (u.platform_role IS NOT NULL OR EXISTS (SELECT 1 FROM workspace_memberships m WHERE m.user_id = u.id)
                OR EXISTS (SELECT 1 FROM partner_memberships p WHERE p.user_id = u.id)) AS staff
         FROM users u WHERE u.id = $1`,
      [userId],
    );
    if (!rows[0]) throw notFound('User');
    if (rows[0].staff) throw refused('NOT_ALLOWED', 'Only end-user accounts are forgotten here; this account belongs to staff.');
    await this.deps.requests.requests.forgetEndUser(userId, admin, { reason, requestId });
    return true;
  }

  /**
   * Local mode: answers a dev-mailbox message as its recipient. The reply goes over real SMTP to the
   * inbound relay server, from the first To address (the person the relay wrote to) to the From
   * address (the relay address), threaded with In-Reply-To, exactly as a mail client would send it.
   */
  async devMailboxReply(admin: UserPrincipal, messageId: string, text: string, requestId?: string) {
    if (this.platform.mail.transportKind !== 'dev-mailbox') {
      throw refused('NOT_ALLOWED', 'Replying from the dev mailbox works only in local mail mode.');
    }
    const body = text.replace(/\r\n?/g, '\n');
    if (!body.trim()) throw badInput('Write a reply.');
    if (body.length > 100_000) throw badInput('A reply has at most 100000 characters.');
    const original = await this.prisma.devMailboxMessage.findUnique({
      where: { id: messageId },
      select: { id: true, messageId: true, fromAddress: true, toAddresses: true, subject: true },
    });
    if (!original) throw notFound('Message');
    const from = original.toAddresses[0] ? bareAddress(original.toAddresses[0]) : '';
    const to = bareAddress(original.fromAddress);
    if (!from || !parseRelayAddress(to, this.platform.config.RELAY_DOMAIN)) {
      throw refused('NOT_A_RELAY_MESSAGE', 'Only messages sent from a relay address can be answered here.');
    }
    const target = inboundSmtpTarget(this.platform, this.deps.relay.relay);
    const transport = nodemailer.createTransport({
      host: target.host,
      port: target.port,
      secure: false,
      ignoreTLS: true,
      connectionTimeout: 10_000,
    });
    try {
      const subject = /^re:/i.test(original.subject.trim()) ? original.subject : `Re: ${original.subject}`;
      await transport.sendMail({
        envelope: { from, to: [to] },
        from,
        to,
        subject,
        text: body,
        inReplyTo: original.messageId,
        references: [original.messageId],
      });
    } catch (error) {
      // The inbound server refused (closed thread, not a party, …): its answer is the reason, without addresses.
      const response = (error as { response?: string }).response;
      throw refused('NOT_ALLOWED', `The relay refused the reply${response ? `: ${response.replace(/\S+@\S+/g, '<address>')}` : '.'}`);
    } finally {
      transport.close();
    }
    await recordAudit(
      this.prisma,
      admin,
      { action: 'dev_mailbox.replied', targetType: 'DevMailboxMessage', targetId: original.id },
      requestId,
    );
    return true;
  }
}
