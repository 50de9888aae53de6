// Pieces the relay's services share: the thread as the rules need it, relay events, the settings
// (cached briefly: every message reads them), and how raw MIME is kept in a text column.
import { isUtf8 } from 'node:buffer';
import type pg from 'pg';
import type { Sql } from '../../platform/db/sql.js';
import { RelayRefusal } from './relay.errors.js';
import type { RelayDirectionValue } from './relay.service.js';

/** A thread with what postMessage, delivery and the inbound server decide on. */
export interface ThreadRow {
  id: string;
  assignmentId: string;
  requestId: string;
  workspaceId: string;
  userId: string | null;
  nicheId: string;
  userToken: string;
  providerToken: string;
  status: 'OPEN' | 'CLOSED' | 'SUSPENDED';
  closedBy: string | null;
  providerFirstMessageAt: Date | null;
  handlerUserId: string | null;
  workspaceStatus: 'ACTIVE' | 'SUSPENDED';
  workspaceName: string;
  userStatus: 'ACTIVE' | 'SUSPENDED' | 'DELETED' | null;
  userEmail: string | null;
  requestName: string;
  nicheName: string;
  /**
   * The provider workspace has an active webhook endpoint. Read with the thread so that the common case
   * (none) skips the webhook statements; webhooks.enqueue still decides which endpoints get the event.
   */
  hasWebhooks: boolean;
  /**
   * The versions (xmin) of the rows this was read from: equal versions mean none of them changed since,
   * so a decision taken on this read still holds (the store relies on it, see STORE_MESSAGE_SQL).
   */
  rowVersion: string;
}

const THREAD_COLUMNS = `
  t.id, t.assignment_id AS "assignmentId", t.request_id AS "requestId", t.workspace_id AS "workspaceId", t.user_id AS "userId",
  t.niche_id AS "nicheId", t.user_token AS "userToken", t.provider_token AS "providerToken", t.status, t.closed_by AS "closedBy",
  t.provider_first_message_at AS "providerFirstMessageAt", a.handled_by_user_id AS "handlerUserId",
  w.status AS "workspaceStatus", w.name AS "workspaceName", u.status AS "userStatus", u.email AS "userEmail",
  r.name AS "requestName", n.name AS "nicheName",
  EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.workspace_id = t.workspace_id AND e.active) AS "hasWebhooks",
  concat_ws(':', t.xmin, a.xmin, w.xmin, r.xmin, n.xmin, u.xmin) AS "rowVersion"`;
const THREAD_FROM = `
  FROM relay_threads t
  JOIN request_assignments a ON a.id = t.assignment_id
  JOIN workspaces w ON w.id = t.workspace_id
  JOIN service_requests r ON r.id = t.request_id
  JOIN niches n ON n.id = t.niche_id
  LEFT JOIN users u ON u.id = t.user_id`;

export async function threadById(sql: Sql, threadId: string): Promise<ThreadRow | null> {
  const { rows } = await sql.query<ThreadRow>({
    name: 'relay-thread',
    text: `SELECT ${THREAD_COLUMNS} ${THREAD_FROM} WHERE t.id = $1`,
    values: [threadId],
  });
  return rows[0] ?? null;
}

/**
 * The thread locked for a new message (messages of one thread are stored one at a time; other threads
 * are not held up), with the id of a message of the last 6 hours whose raw bytes had this SHA-256: a
 * sender retrying a message we already stored (a lost 250, or a 451 for another recipient).
 */
export async function lockThreadForMessage(
  sql: Sql,
  threadId: string,
  rawSha256: string,
): Promise<(ThreadRow & { duplicateId: string | null }) | null> {
  const { rows } = await sql.query<ThreadRow & { duplicateId: string | null }>({
    name: 'relay-thread-lock',
    text: lockThreadSql('$1', '$2'),
    values: [threadId, rawSha256],
  });
  return rows[0] ?? null;
}

/** lockThreadForMessage's statement, with the parameters for the thread id and the SHA-256 (also used inside a larger statement). */
export function lockThreadSql(threadId: string, rawSha256: string): string {
  return `SELECT ${THREAD_COLUMNS},
                  (SELECT m.id FROM relay_messages m WHERE m.thread_id = t.id AND m.created_at > now() - interval '6 hours'
                      AND m.parse_notes->>'rawSha256' = ${rawSha256} LIMIT 1) AS "duplicateId"
             ${THREAD_FROM} WHERE t.id = ${threadId} FOR UPDATE OF t`;
}

/** By the token of a relay address: `u` tokens are the end user's side, `p` the provider's. */
export async function threadByToken(sql: Sql, party: 'u' | 'p', token: string): Promise<ThreadRow | null> {
  const column = party === 'u' ? 'user_token' : 'provider_token';
  const { rows } = await sql.query<ThreadRow>({
    name: `relay-thread-by-${party}`,
    text: `SELECT ${THREAD_COLUMNS} ${THREAD_FROM} WHERE t.${column} = $1`,
    values: [token],
  });
  return rows[0] ?? null;
}

/** Who closed a thread, as the bounce sentence says it. */
export function closerLabel(closedBy: string | null): string {
  switch (closedBy) {
    case 'USER':
      return 'the customer';
    case 'PROVIDER':
      return 'the provider';
    default:
      return 'Hotlead';
  }
}

/** Why this thread takes no message in this direction now, or null. The order is the order of the sentences a sender should see. */
export function threadRefusal(thread: ThreadRow, direction: RelayDirectionValue): RelayRefusal | null {
  if (thread.status === 'CLOSED') {
    return new RelayRefusal(
      'THREAD_CLOSED',
      `This conversation was closed by ${closerLabel(thread.closedBy)}; your message was not delivered.`,
    );
  }
  if (thread.status === 'SUSPENDED') {
    return new RelayRefusal('THREAD_SUSPENDED', 'This conversation is suspended by Hotlead; your message was not delivered.');
  }
  if (thread.workspaceStatus === 'SUSPENDED') {
    return new RelayRefusal('THREAD_SUSPENDED', "The provider's account is suspended; your message was not delivered.");
  }
  if (thread.userStatus === 'SUSPENDED' || thread.userStatus === 'DELETED') {
    return new RelayRefusal('THREAD_SUSPENDED', "The customer's account is no longer active; your message was not delivered.");
  }
  if (direction === 'USER_TO_PROVIDER' && !thread.providerFirstMessageAt) {
    return new RelayRefusal('PROVIDER_FIRST', 'The provider writes first; you can reply once their first message has arrived.');
  }
  return null;
}

export interface RelayEventInput {
  kind: string;
  threadId?: string | null;
  messageId?: string | null;
  reason: string;
  /** Facts only: sizes, counts, domains, hashes. Never a full address or a body. */
  details?: Record<string, unknown>;
}

export async function logRelayEvent(sql: Sql, event: RelayEventInput): Promise<void> {
  await sql.query({
    name: 'relay-event',
    text: `INSERT INTO relay_events (kind, thread_id, message_id, reason, details) VALUES ($1, $2, $3, $4, $5::jsonb)`,
    values: [event.kind, event.threadId ?? null, event.messageId ?? null, event.reason.slice(0, 500), JSON.stringify(event.details ?? {})],
  });
}

export interface RelaySettingsValues {
  maxMessageBytes: number;
  maxAttachmentBytes: number;
  messagesPerThreadPerHour: number;
  messagesPerUserPerHour: number;
  retentionDays: number;
}

/**
 * relay_settings, read at most every few seconds: every message needs it, admins change it rarely.
 * The admin mutation calls invalidate() so its own instance applies a change at once; other
 * instances within SETTINGS_TTL_MS.
 */
export class RelaySettingsCache {
  static readonly SETTINGS_TTL_MS = 5_000;
  private cached: { at: number; value: Promise<RelaySettingsValues> } | null = null;

  constructor(private readonly pool: pg.Pool) {}

  get(): Promise<RelaySettingsValues> {
    const now = Date.now();
    if (this.cached && now - this.cached.at < RelaySettingsCache.SETTINGS_TTL_MS) return this.cached.value;
    const value = this.pool
      .query<RelaySettingsValues>(
        `SELECT max_message_bytes AS "maxMessageBytes", max_attachment_bytes AS "maxAttachmentBytes",
                messages_per_thread_per_hour AS "messagesPerThreadPerHour", messages_per_user_per_hour AS "messagesPerUserPerHour",
                retention_days AS "retentionDays"
           FROM relay_settings WHERE id = 1`,
      )
      .then(({ rows }) => {
        const row = rows[0];
        if (!row) throw new Error('relay_settings has no row');
        return row;
      });
    this.cached = { at: now, value };
    // A failed read is not cached: the next message tries again.
    value.catch(() => {
      if (this.cached?.value === value) this.cached = null;
    });
    return value;
  }

  invalidate(): void {
    this.cached = null;
  }
}

// ---- Raw MIME in a text column -------------------------------------------------------------------
// relay_messages.raw_mime is text. Most mail is UTF-8 (or 7-bit); anything else (8-bit legacy
// charsets, NUL bytes, which PostgreSQL text cannot hold) is kept as base64, and parse_notes says so,
// so the stored value always gives back the exact bytes received.

/**
 * The value for a raw_mime parameter: valid UTF-8 goes as the bytes themselves (node-postgres sends a
 * Buffer as a binary parameter, which PostgreSQL reads as text without a decode and re-encode here).
 */
export function rawMimeForStore(raw: Buffer): { text: Buffer | string; encoding: 'utf8' | 'base64' } {
  if (isUtf8(raw) && !raw.includes(0)) return { text: raw, encoding: 'utf8' };
  return { text: raw.toString('base64'), encoding: 'base64' };
}

export function rawMimeBytes(stored: string, parseNotes: unknown): Buffer {
  const encoding = (parseNotes as { rawMimeEncoding?: string } | null)?.rawMimeEncoding;
  return encoding === 'base64' ? Buffer.from(stored, 'base64') : Buffer.from(stored, 'utf8');
}

/** PostgreSQL text cannot hold NUL; decoded bodies from hostile mail may contain it. */
export function textSafe(value: string): string;
export function textSafe(value: string | null): string | null;
export function textSafe(value: string | null): string | null {
  return value === null ? null : value.replaceAll('\u0000', '\uFFFD');
}

export function domainOfAddress(address: string | null | undefined): string {
  if (!address) return '(none)';
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : '(no domain)';
}
