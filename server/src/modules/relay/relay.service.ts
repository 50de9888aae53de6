// The relay's core (issue 6): every message — typed in a console or received by the inbound SMTP
// server — goes through postMessage, which checks the thread and its rules, scans attachments,
// stores the message immutably and queues its delivery to the other party. CONTRACT shared with the
// requests and conversations modules.
import { createHash, randomUUID } from 'node:crypto';
import { Readable } from 'node:stream';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import { withTransaction, type Sql } from '../../platform/db/sql.js';
import type { RateLimitRule } from '../../platform/ratelimit/limiter.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import { relayAddress } from './relay.addresses.js';
import { relayMessageIdHeader } from './relay.compose.js';
import { RelayDeliveryService } from './relay.delivery.js';
import { RelayRefusal } from './relay.errors.js';
import { publishConversationEvent } from './relay.events.js';
import { AUTOMATED_RELAY_WINDOW_MS, shouldRelay } from './relay.loops.js';
import { allowRelayAddresses, redactContacts, redactHtml } from './relay.redact.js';
import {
  RelaySettingsCache,
  logRelayEvent,
  rawMimeForStore,
  textSafe,
  lockThreadForMessage,
  lockThreadSql,
  threadById,
  threadRefusal,
  type RelayEventInput,
  type ThreadRow,
} from './relay.shared.js';
import { UPLOAD_TOKEN_TTL_MS, signUploadToken, uploadStorageKey, verifyUploadToken } from './relay.tokens.js';
import { createScanner, type AttachmentScanner, type ClamdConfig } from './scanner/scanner.js';

export { RelayRefusal } from './relay.errors.js';

export type RelayDirectionValue = 'PROVIDER_TO_USER' | 'USER_TO_PROVIDER';
export type ThreadCloser = 'USER' | 'PROVIDER' | 'ADMIN' | 'SYSTEM';

export interface PostMessageInput {
  threadId: string;
  direction: RelayDirectionValue;
  source: 'EMAIL' | 'CONSOLE';
  /** The provider member who wrote it (PROVIDER_TO_USER), or the end user (USER_TO_PROVIDER). */
  senderUserId: string | null;
  subject: string;
  text: string | null;
  html: string | null;
  /** EMAIL: the parsed attachments; CONSOLE: none (use attachmentTokens). */
  attachments?: { filename: string; contentType: string; content: Buffer; contentId?: string | null }[];
  /** CONSOLE: tokens from POST /relay/uploads, already scanned. */
  attachmentTokens?: string[];
  /** EMAIL: the message verbatim. CONSOLE: built by the service. */
  rawMime?: string;
  automated?: boolean;
  parseNotes?: Record<string, unknown>;
}

/** What the inbound server adds: the exact bytes received, and why the message looks machine-sent. */
export interface PostEmailInput extends PostMessageInput {
  source: 'EMAIL';
  raw: Buffer;
  automatedReason: string | null;
  /** The thread as the inbound server just read it (saves a read; the transaction re-reads it locked). */
  thread?: ThreadRow;
  /** The inbound server matched the sender's address to this active member or end user. */
  senderVerified?: boolean;
}

export type PostResult = { kind: 'stored'; messageId: string; duplicate: boolean } | { kind: 'quarantined'; quarantineId: string };

export interface RelayService {
  /** Stores the message and queues its relay; throws RelayRefusal. */
  postMessage(input: PostMessageInput): Promise<{ messageId: string }>;
  /** Closes a thread (idempotent); later mail to its addresses is refused with a clear bounce. */
  closeThread(threadId: string, by: ThreadCloser): Promise<void>;
}

export interface RelayDeps {
  webhooks: WebhooksService;
}

/** A console upload, scanned and stored, waiting to be attached (POST /relay/uploads). */
export interface RelayUpload {
  token: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HOUR_MS = 60 * 60 * 1000;
/** Attachments per message: a relay address is a conversation, not a file drop. */
const MAX_ATTACHMENTS = 20;
const MAX_SUBJECT_CHARS = 500;

/** clamd's address from CLAMD_URL (`tcp://host:3310`), or null for the built-in scanner. */
export function clamdConfig(url: string | undefined): ClamdConfig | null {
  if (!url) return null;
  const parsed = new URL(url);
  return { host: parsed.hostname, port: Number(parsed.port || 3310) };
}

/** A file name safe to store and to put in a header: no path, no control characters, not empty. */
export function cleanFilename(name: string | null | undefined, fallback = 'attachment'): string {
  const base = (name ?? '').split(/[\\/]/).pop() ?? '';
  const cleaned = base
    .replace(/[\p{Cc}\u2028\u2029"]+/gu, '')
    .trim()
    .slice(0, 200);
  return cleaned || fallback;
}

/** A MIME type as `type/subtype`, lower-case; anything else is application/octet-stream. */
export function cleanContentType(value: string | null | undefined): string {
  const type = (value ?? '').split(';')[0]!.trim().toLowerCase();
  return /^[a-z0-9][a-z0-9!#$&^_.+-]*\/[a-z0-9][a-z0-9!#$&^_.+-]*$/.test(type) ? type : 'application/octet-stream';
}

interface PreparedAttachment {
  id: string;
  filename: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
  storageKey: string;
  contentId: string | null;
  /** Written by this post (removed again if the message is not stored); console uploads are not. */
  ownFile: boolean;
  content: Buffer | null;
}

/** The thread as STORE_MESSAGE_SQL locked and read it, and when the message was stored (null: it was not). */
type StoredRow = ThreadRow & { duplicateId: string | null; createdAt: Date | null };

/**
 * Stores a message in one statement: locks the thread (messages of one thread are stored one at a
 * time; other threads are not held up) and stores the message only if the thread's rows are the very
 * versions the caller checked the rules on ($32, ThreadRow.rowVersion: no rule is repeated here, and a
 * thread closed, suspended … in between stores nothing), it is not a copy of an email stored in the last
 * 6 hours ($29: an email; $30: its SHA-256) and, unless $31, the workspace has no webhook endpoint.
 * With the message: its attachments, its queued delivery, the thread's counters and, for the provider's
 * first message, the assignment's first response and handler. Returns the locked thread row, with
 * `createdAt` set when the message was stored.
 */
const STORE_MESSAGE_SQL = `
WITH locked AS (${lockThreadSql('$2::uuid', '$30::text')}),
     ok AS (
       SELECT 1 FROM locked
        WHERE locked."rowVersion" = $32::text
          AND (NOT $29::boolean OR locked."duplicateId" IS NULL)
          AND (NOT locked."hasWebhooks" OR $31::boolean)),
     m AS (
       INSERT INTO relay_messages (id, thread_id, request_id, workspace_id, user_id, niche_id, direction, source, sender_user_id, subject,
                                   text_body, html_body, redacted_text, redacted_html, redactions, raw_mime, size_bytes, automated, parse_notes)
       SELECT $1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::uuid, $6::uuid, $7::"RelayDirection", $8::"RelayMessageSource", $9::uuid, $10::text,
              $11::text, $12::text, $13::text, $14::text, $15::int, $16::text, $17::int, $18::boolean, $19::jsonb
         FROM ok
       RETURNING id, thread_id, created_at),
     att AS (
       INSERT INTO relay_attachments (id, message_id, filename, content_type, size_bytes, sha256, storage_key, content_id)
       SELECT a.id, m.id, a.filename, a.content_type, a.size_bytes, a.sha256, a.storage_key, a.content_id
         FROM m, unnest($20::uuid[], $21::text[], $22::text[], $23::int[], $24::text[], $25::text[], $26::text[])
              AS a(id, filename, content_type, size_bytes, sha256, storage_key, content_id)),
     d AS (INSERT INTO relay_deliveries (message_id, thread_id) SELECT id, thread_id FROM m),
     asg AS (
       UPDATE request_assignments SET first_response_at = COALESCE(first_response_at, now()),
              handled_by_user_id = COALESCE(handled_by_user_id, $9::uuid), updated_at = now()
        WHERE $27::boolean AND id = $28::uuid AND (first_response_at IS NULL OR handled_by_user_id IS NULL) AND EXISTS (SELECT 1 FROM m)),
     th AS (
       UPDATE relay_threads SET message_count = message_count + 1, last_message_at = now(), updated_at = now(),
              unread_for_user = unread_for_user + CASE WHEN $27::boolean THEN 1 ELSE 0 END,
              unread_for_provider = unread_for_provider + CASE WHEN $27::boolean THEN 0 ELSE 1 END,
              provider_first_message_at = CASE WHEN $27::boolean THEN COALESCE(provider_first_message_at, now()) ELSE provider_first_message_at END
        WHERE id = $2::uuid AND EXISTS (SELECT 1 FROM m))
SELECT locked.*, (SELECT created_at FROM m) AS "createdAt" FROM locked`;

export class RelayServiceImpl implements RelayService {
  readonly settings: RelaySettingsCache;
  readonly delivery: RelayDeliveryService;
  readonly domain: string;
  /** The inbound SMTP server's port when it runs in this process (set by startRelayInbound). */
  inboundPort: number | null = null;
  /** Signs VERP addresses, upload tokens and abuse links. */
  readonly verpSecret: string;
  private readonly clamd: ClamdConfig | null;

  constructor(
    readonly platform: Platform,
    private readonly deps: RelayDeps,
  ) {
    this.domain = platform.config.RELAY_DOMAIN;
    this.verpSecret = platform.config.RELAY_VERP_SECRET;
    this.clamd = clamdConfig(platform.config.CLAMD_URL);
    this.settings = new RelaySettingsCache(platform.database.pool);
    this.delivery = new RelayDeliveryService(platform, deps.webhooks, { domain: this.domain, secret: this.verpSecret });
  }

  private get pool() {
    return this.platform.database.pool;
  }

  scanner(maxBytes: number): AttachmentScanner {
    return createScanner({ maxBytes, clamd: this.clamd });
  }

  logEvent(event: RelayEventInput, sql: Sql = this.pool): Promise<void> {
    return logRelayEvent(sql, event);
  }

  /** The addresses of a thread: `u-…` reaches the end user, `p-…` the provider. */
  addresses(thread: Pick<ThreadRow, 'userToken' | 'providerToken'>): { user: string; provider: string } {
    return { user: relayAddress('u', thread.userToken, this.domain), provider: relayAddress('p', thread.providerToken, this.domain) };
  }

  // ---- posting ---------------------------------------------------------------------------------

  async postMessage(input: PostMessageInput): Promise<{ messageId: string }> {
    const raw = input.source === 'EMAIL' && input.rawMime !== undefined ? Buffer.from(input.rawMime, 'utf8') : undefined;
    const result = await this.post(raw ? { ...input, source: 'EMAIL', raw, automatedReason: input.automated ? 'automated' : null } : input);
    // Only automated email is quarantined, and that comes through the inbound server (post).
    if (result.kind === 'quarantined') throw new RelayRefusal('INVALID_INPUT', 'The automated message was held back (loop protection).');
    return { messageId: result.messageId };
  }

  /** postMessage for the inbound server: automated mail may be quarantined instead of stored. */
  async post(input: PostMessageInput | PostEmailInput): Promise<PostResult> {
    if (!UUID.test(input.threadId)) throw new RelayRefusal('THREAD_NOT_FOUND', 'This conversation does not exist.');
    if (input.direction !== 'PROVIDER_TO_USER' && input.direction !== 'USER_TO_PROVIDER') {
      throw new RelayRefusal('INVALID_INPUT', 'Unknown message direction.');
    }
    const email = 'raw' in input ? input : null;
    if (input.source === 'EMAIL' && !email) throw new RelayRefusal('INVALID_INPUT', 'An email needs its raw MIME.');
    if (input.source === 'CONSOLE' && input.attachments?.length) {
      throw new RelayRefusal('INVALID_INPUT', 'Console messages attach files by upload token.');
    }
    if ((input.attachments?.length ?? 0) + (input.attachmentTokens?.length ?? 0) > MAX_ATTACHMENTS) {
      throw new RelayRefusal('INVALID_INPUT', `At most ${MAX_ATTACHMENTS} attachments per message.`);
    }
    const settings = await this.settings.get();
    const thread = (email?.thread?.id === input.threadId ? email.thread : null) ?? (await threadById(this.pool, input.threadId));
    if (!thread) throw new RelayRefusal('THREAD_NOT_FOUND', 'This conversation does not exist.');
    const refusal = threadRefusal(thread, input.direction);
    if (refusal) throw refusal;
    const senderUserId = email?.senderVerified && input.senderUserId ? input.senderUserId : await this.checkSender(thread, input);

    if (email && email.raw.length > settings.maxMessageBytes) {
      throw new RelayRefusal('TOO_LARGE', `The message is larger than ${settings.maxMessageBytes} bytes.`);
    }
    await this.checkRateLimits(thread, senderUserId, settings);

    const automatedReason = email?.automatedReason ?? null;
    // A second auto-reply within the window is held whatever it carries: no scanning or storing files for it.
    if (automatedReason && (await this.recentAutomatedCount(this.pool, thread.id)) > 0) {
      return this.quarantineLoop(thread, email!, automatedReason);
    }

    const messageId = randomUUID();
    const attachments = email
      ? await this.prepareEmailAttachments(thread, email, settings.maxAttachmentBytes)
      : await this.prepareUploads(input.attachmentTokens ?? [], senderUserId!);
    try {
      return await this.store(thread, input, { messageId, senderUserId, attachments, automatedReason, settings });
    } catch (error) {
      await this.removeFiles(attachments.filter((a) => a.ownFile).map((a) => a.storageKey));
      throw error;
    }
  }

  /**
   * The sender is who the direction says: the thread's end user, or an active member of the provider
   * workspace. null: the person of a request without an account, whose email address the inbound
   * server matched to the request's (nobody else writes from that side).
   */
  private async checkSender(thread: ThreadRow, input: PostMessageInput | PostEmailInput): Promise<string | null> {
    if (input.direction === 'USER_TO_PROVIDER' && !thread.userId) {
      if (input.senderUserId === null && 'raw' in input && input.senderVerified) return null;
      throw new RelayRefusal('NOT_A_PARTY', 'This request has no customer account to write from.');
    }
    if (input.direction === 'USER_TO_PROVIDER') {
      if (input.senderUserId && input.senderUserId !== thread.userId) {
        throw new RelayRefusal('NOT_A_PARTY', 'Only the customer of this request can write from this side.');
      }
      return thread.userId!;
    }
    if (!input.senderUserId || !UUID.test(input.senderUserId)) {
      throw new RelayRefusal('NOT_A_PARTY', 'Only a member of the provider can write from this side.');
    }
    const { rows } = await this.pool.query<{ status: string }>({
      name: 'relay-member-status',
      text: `SELECT u.status FROM workspace_memberships m JOIN users u ON u.id = m.user_id WHERE m.workspace_id = $1 AND m.user_id = $2`,
      values: [thread.workspaceId, input.senderUserId],
    });
    if (!rows[0]) throw new RelayRefusal('NOT_A_PARTY', 'Only a member of the provider can write from this side.');
    if (rows[0].status !== 'ACTIVE') throw new RelayRefusal('THREAD_SUSPENDED', 'Your account may not send messages now.');
    return input.senderUserId;
  }

  /** Per thread and per sender, per hour; the first refusal of a window is logged as a burst. */
  private async checkRateLimits(
    thread: ThreadRow,
    senderUserId: string | null,
    settings: { messagesPerThreadPerHour: number; messagesPerUserPerHour: number },
  ) {
    const checks: [RateLimitRule, string, string][] = [
      [{ name: 'relay:thread', limit: settings.messagesPerThreadPerHour, windowMs: HOUR_MS }, thread.id, 'thread'],
      // Someone without an account is counted per conversation (never all of them under one key).
      [{ name: 'relay:user', limit: settings.messagesPerUserPerHour, windowMs: HOUR_MS }, senderUserId ?? `thread:${thread.id}`, 'user'],
    ];
    for (const [rule, key, scope] of checks) {
      const result = await this.platform.limiter.hit(rule, key);
      if (result.allowed) continue;
      // One event per burst, not one per refused message: a second limiter with a limit of one per window.
      const logOnce = await this.platform.limiter.hit({ name: `relay:burst-logged:${scope}`, limit: 1, windowMs: HOUR_MS }, key);
      if (logOnce.allowed) {
        await this.logEvent({
          kind: 'RATE_LIMITED',
          threadId: thread.id,
          reason: `more than ${rule.limit} messages per hour per ${scope}`,
          details: { scope, limit: rule.limit, resetAt: result.resetAt.toISOString() },
        });
      }
      throw new RelayRefusal('RATE_LIMITED', `Too many messages in this conversation; try again after ${result.resetAt.toISOString()}.`);
    }
  }

  private async recentAutomatedCount(sql: Sql, threadId: string): Promise<number> {
    const { rows } = await sql.query<{ count: number }>({
      name: 'relay-automated-count',
      text: `SELECT count(*)::int AS count FROM relay_messages
              WHERE thread_id = $1 AND automated AND created_at > now() - $2 * interval '1 millisecond'`,
      values: [threadId, AUTOMATED_RELAY_WINDOW_MS],
    });
    return rows[0]!.count;
  }

  private async quarantineLoop(thread: ThreadRow, email: PostEmailInput, automatedReason: string, sql?: Sql): Promise<PostResult> {
    const write = async (tx: Sql) => {
      const stored = rawMimeForStore(email.raw);
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO relay_quarantine (thread_id, reason, raw_mime, size_bytes) VALUES ($1, $2, $3, $4) RETURNING id`,
        [thread.id, `LOOP_HELD: ${automatedReason}`.slice(0, 500), stored.text, email.raw.length],
      );
      await logRelayEvent(tx, {
        kind: 'LOOP_HELD',
        threadId: thread.id,
        reason: 'an automated message was already relayed in this conversation within 24 hours',
        details: {
          quarantineId: rows[0]!.id,
          direction: email.direction,
          automated: automatedReason.slice(0, 200),
          sizeBytes: email.raw.length,
        },
      });
      return { kind: 'quarantined' as const, quarantineId: rows[0]!.id };
    };
    return sql ? write(sql) : withTransaction(this.pool, write);
  }

  /** Quarantines an accepted message the relay will not pass on (unparseable), for admins. */
  async quarantine(threadId: string | null, reason: string, raw: Buffer, details: Record<string, unknown> = {}): Promise<string> {
    return withTransaction(this.pool, async (tx) => {
      const stored = rawMimeForStore(raw);
      const { rows } = await tx.query<{ id: string }>(
        `INSERT INTO relay_quarantine (thread_id, reason, raw_mime, size_bytes) VALUES ($1, $2, $3, $4) RETURNING id`,
        [threadId, reason.slice(0, 500), stored.text, raw.length],
      );
      await logRelayEvent(tx, {
        kind: 'QUARANTINED',
        threadId,
        reason,
        details: { ...details, quarantineId: rows[0]!.id, sizeBytes: raw.length },
      });
      return rows[0]!.id;
    });
  }

  /** Scans every attachment (refusing the whole message on the first bad one) and stores the good ones. */
  private async prepareEmailAttachments(thread: ThreadRow, email: PostEmailInput, maxBytes: number): Promise<PreparedAttachment[]> {
    const scanner = this.scanner(maxBytes);
    const prepared: PreparedAttachment[] = [];
    for (const [index, attachment] of (email.attachments ?? []).entries()) {
      const filename = cleanFilename(attachment.filename, `attachment-${index + 1}`);
      const contentType = cleanContentType(attachment.contentType);
      const verdict = await scanner.scan({ filename, contentType, content: attachment.content });
      if (!verdict.ok) {
        await this.logEvent({
          kind: 'ATTACHMENT_REFUSED',
          threadId: thread.id,
          reason: `${verdict.reason}: ${verdict.detail}`,
          details: {
            name: filename,
            type: contentType,
            size: verdict.size,
            sha256: verdict.sha256,
            verdict: verdict.reason,
            scanner: scanner.name,
          },
        });
        throw new RelayRefusal(
          'ATTACHMENT_REFUSED',
          verdict.reason === 'TOO_LARGE'
            ? `The attachment "${filename}" is larger than ${maxBytes} bytes; it was not delivered.`
            : `The attachment "${filename}" was refused (${verdict.reason.toLowerCase().replaceAll('_', ' ')}: ${verdict.detail}); your message was not delivered.`,
        );
      }
      prepared.push({
        id: randomUUID(),
        filename,
        contentType,
        sizeBytes: verdict.size,
        sha256: verdict.sha256,
        storageKey: '',
        contentId: attachment.contentId ? textSafe(attachment.contentId).slice(0, 250) : null,
        ownFile: true,
        content: attachment.content,
      });
    }
    try {
      for (const attachment of prepared) {
        const key = `relay/${thread.id}/${attachment.id}`;
        await this.platform.storage.put(key, Readable.from([attachment.content!]), { maxBytes });
        attachment.storageKey = key;
      }
    } catch (error) {
      await this.removeFiles(prepared.filter((a) => a.storageKey).map((a) => a.storageKey));
      throw error;
    }
    return prepared;
  }

  /** Console attachments: signed upload tokens of this sender, unexpired, each file used once. */
  private async prepareUploads(tokens: string[], senderUserId: string): Promise<PreparedAttachment[]> {
    const prepared: PreparedAttachment[] = [];
    const now = new Date();
    for (const token of tokens) {
      const verified = verifyUploadToken(token, this.verpSecret, senderUserId, now);
      if (!verified.ok) {
        throw new RelayRefusal(
          'INVALID_INPUT',
          verified.reason === 'EXPIRED' ? 'An attachment upload expired; upload the file again.' : 'An attachment token is not valid.',
        );
      }
      const { upload } = verified;
      if (prepared.some((p) => p.id === upload.uploadId)) throw new RelayRefusal('INVALID_INPUT', 'The same file is attached twice.');
      prepared.push({
        id: upload.uploadId,
        filename: upload.filename,
        contentType: upload.contentType,
        sizeBytes: upload.sizeBytes,
        sha256: upload.sha256,
        storageKey: uploadStorageKey(upload.uploadId),
        contentId: null,
        ownFile: false,
        content: null,
      });
    }
    return prepared;
  }

  private async removeFiles(keys: string[]): Promise<void> {
    for (const key of keys) {
      await this.platform.storage.delete(key).catch((error: Error) => {
        this.platform.log.warn({ err: { message: error.message } }, 'relay: could not remove a stored attachment');
      });
    }
  }

  private async readStored(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.platform.storage.get(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** The MIME a console message is kept as: the store always holds what a mail client would show. */
  private async consoleMime(
    thread: ThreadRow,
    input: PostMessageInput,
    messageId: string,
    subject: string,
    attachments: PreparedAttachment[],
  ): Promise<Buffer> {
    const addresses = this.addresses(thread);
    const fromProvider = input.direction === 'PROVIDER_TO_USER';
    const composer = new MailComposer({
      from: {
        name: `${fromProvider ? thread.workspaceName : thread.requestName} (via Hotlead)`,
        address: fromProvider ? addresses.provider : addresses.user,
      },
      to: fromProvider ? addresses.user : addresses.provider,
      subject,
      date: new Date(),
      messageId: relayMessageIdHeader(messageId, this.domain),
      text: input.text ?? undefined,
      html: input.html ?? undefined,
      headers: [{ key: 'X-Hotlead-Source', value: 'console' }],
      attachments: await Promise.all(
        attachments.map(async (a) => {
          // Kept for the delivery that follows, which would otherwise read the file again.
          a.content = await this.readStored(a.storageKey);
          return { filename: a.filename, contentType: a.contentType, content: a.content };
        }),
      ),
      disableFileAccess: true,
      disableUrlAccess: true,
    });
    return composer.compile().build();
  }

  private async store(
    thread: ThreadRow,
    input: PostMessageInput | PostEmailInput,
    prepared: {
      messageId: string;
      senderUserId: string | null;
      attachments: PreparedAttachment[];
      automatedReason: string | null;
      settings: { maxMessageBytes: number };
    },
  ): Promise<PostResult> {
    const { messageId, senderUserId, attachments, automatedReason } = prepared;
    const email = 'raw' in input ? input : null;
    const subject =
      textSafe(input.subject ?? '')
        .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
        .trim()
        .slice(0, MAX_SUBJECT_CHARS) || (email ? '(no subject)' : `Your ${thread.nicheName} request`);
    const text = textSafe(input.text);
    const html = textSafe(input.html);
    if (!email && !text?.trim() && !html?.trim() && attachments.length === 0) {
      throw new RelayRefusal('INVALID_INPUT', 'Write a message or attach a file.');
    }

    const raw = email ? email.raw : await this.consoleMime(thread, input, messageId, subject, attachments);
    if (raw.length > prepared.settings.maxMessageBytes) {
      throw new RelayRefusal('TOO_LARGE', `The message is larger than ${prepared.settings.maxMessageBytes} bytes.`);
    }
    const stored = rawMimeForStore(raw);
    const rawSha256 = createHash('sha256').update(raw).digest('hex');

    // Redacted once here, for the store and the recipient's console view; the relayed email is built from these.
    const redactOptions = { allowEmail: allowRelayAddresses(this.domain) };
    const redactedText = text === null ? null : redactContacts(text, redactOptions);
    const redactedHtml = html === null ? null : redactHtml(html, redactOptions);
    const redactedSubject = redactContacts(subject, redactOptions);
    const redactions = (redactedText?.redactions.length ?? 0) + (redactedHtml?.redactions.length ?? 0) + redactedSubject.redactions.length;

    const parseNotes = {
      ...(input.parseNotes ?? {}),
      rawSha256,
      ...(stored.encoding === 'base64' ? { rawMimeEncoding: 'base64' } : {}),
      ...(automatedReason ? { automatedReason: automatedReason.slice(0, 200) } : {}),
    };

    const values = [
      messageId,
      thread.id,
      thread.requestId,
      thread.workspaceId,
      thread.userId,
      thread.nicheId,
      input.direction,
      input.source,
      senderUserId,
      subject,
      text,
      html,
      redactedText?.text ?? null,
      redactedHtml?.text ?? null,
      redactions,
      stored.text,
      raw.length,
      automatedReason !== null,
      JSON.stringify(parseNotes),
      attachments.map((a) => a.id),
      attachments.map((a) => a.filename),
      attachments.map((a) => a.contentType),
      attachments.map((a) => a.sizeBytes),
      attachments.map((a) => a.sha256),
      attachments.map((a) => a.storageKey),
      attachments.map((a) => a.contentId),
      input.direction === 'PROVIDER_TO_USER',
      thread.assignmentId,
      email !== null,
      rawSha256,
    ];
    const webhookData = (createdAt: Date) => ({
      messageId: toGlobalId('RelayMessage', messageId),
      threadId: toGlobalId('RelayThread', thread.id),
      assignmentId: toGlobalId('RequestAssignment', thread.assignmentId),
      direction: input.direction,
      source: input.source,
      sizeBytes: raw.length,
      attachments: attachments.length,
      redactions,
      automated: automatedReason !== null,
      createdAt: createdAt.toISOString(),
    });

    // The common case in one statement, one round trip with no transaction to open and commit: not
    // automated, no console uploads to claim, no webhook endpoint to record an event for, and the thread
    // unchanged since post() checked it (`thread`). Otherwise the statement stores nothing, and the
    // transaction below checks again under the lock.
    let outcome: { result: PostResult; webhookIds: string[] } | null = null;
    if (automatedReason === null && (email !== null || attachments.length === 0)) {
      const { rows } = await this.pool.query<StoredRow>({
        name: 'relay-store-message',
        text: STORE_MESSAGE_SQL,
        values: [...values, false, thread.rowVersion],
      });
      const row = rows[0];
      if (!row) throw new RelayRefusal('THREAD_NOT_FOUND', 'This conversation does not exist.');
      if (row.createdAt) outcome = { result: { kind: 'stored', messageId, duplicate: false }, webhookIds: [] };
      else if (threadRefusal(row, input.direction) || (email && row.duplicateId)) outcome = this.refusedOrDuplicate(row, input.direction);
    }
    outcome ??= await withTransaction(this.pool, async (tx) => {
      const locked = await lockThreadForMessage(tx, thread.id, rawSha256);
      if (!locked) throw new RelayRefusal('THREAD_NOT_FOUND', 'This conversation does not exist.');
      if (threadRefusal(locked, input.direction) || (email && locked.duplicateId)) return this.refusedOrDuplicate(locked, input.direction);
      if (automatedReason) {
        const decision = shouldRelay({ automatedReason, recentAutomatedCount: await this.recentAutomatedCount(tx, thread.id) });
        if (!decision.relay) return { result: await this.quarantineLoop(locked, email!, automatedReason, tx), webhookIds: [] };
      }
      if (!email && attachments.length) {
        const { rows: used } = await tx.query(`SELECT 1 FROM relay_attachments WHERE storage_key = ANY($1::text[]) LIMIT 1`, [
          attachments.map((a) => a.storageKey),
        ]);
        if (used.length) throw new RelayRefusal('INVALID_INPUT', 'An uploaded file was already sent; upload it again to send it again.');
      }
      // The same statement, on the row this transaction locked and checked, webhooks allowed.
      const { rows } = await tx.query<StoredRow>({
        name: 'relay-store-message',
        text: STORE_MESSAGE_SQL,
        values: [...values, true, locked.rowVersion],
      });
      const createdAt = rows[0]?.createdAt;
      if (!createdAt) throw new Error('relay: the message was not stored under the thread lock');
      const webhookIds = !locked.hasWebhooks
        ? []
        : await this.deps.webhooks.enqueue(tx, {
            workspaceIds: [thread.workspaceId],
            event: 'message.created',
            eventId: `evt_message_created_${messageId}`,
            data: webhookData(createdAt),
          });
      return { result: { kind: 'stored', messageId, duplicate: false }, webhookIds };
    });

    const { result } = outcome;
    if (result.kind !== 'stored' || result.duplicate) {
      // Held or already stored: the files written for this copy are not referenced by anything.
      await this.removeFiles(attachments.filter((a) => a.ownFile).map((a) => a.storageKey));
      return result;
    }
    await this.deps.webhooks.sendAll(outcome.webhookIds).catch((error: Error) => {
      this.platform.log.warn({ err: { message: error.message } }, 'relay: webhook jobs not queued (the sweep of webhooks retries)');
    });
    publishConversationEvent(
      this.platform.pubsub,
      { workspaceId: thread.workspaceId, userId: thread.userId },
      { kind: 'MESSAGE_CREATED', requestId: thread.requestId, assignmentId: thread.assignmentId, threadId: thread.id, messageId },
    );
    // Relayed at once from this process; the delivery sweep is the durable backstop if this process dies first.
    const contents = new Map(attachments.filter((a) => a.content).map((a) => [a.storageKey, a.content!]));
    this.delivery.deliverSoon(messageId, contents);
    return result;
  }

  /** The locked thread refuses the message (throws), or already has these bytes (the stored copy's id). */
  private refusedOrDuplicate(
    locked: ThreadRow & { duplicateId: string | null },
    direction: RelayDirectionValue,
  ): { result: PostResult; webhookIds: string[] } {
    const refusal = threadRefusal(locked, direction);
    if (refusal) throw refusal;
    // The same bytes again (the sender retried after a lost reply, or after a 451 for another recipient): stored once.
    return { result: { kind: 'stored', messageId: locked.duplicateId!, duplicate: true }, webhookIds: [] };
  }

  // ---- console uploads -------------------------------------------------------------------------

  /** Scans and stores a console upload; the token attaches it to one message of this user within an hour. */
  async upload(userId: string, input: { filename: string; contentType: string; content: Buffer }): Promise<RelayUpload> {
    const settings = await this.settings.get();
    const filename = cleanFilename(input.filename);
    const contentType = cleanContentType(input.contentType);
    if (input.content.length > settings.maxAttachmentBytes) {
      throw new RelayRefusal('TOO_LARGE', `The file is larger than ${settings.maxAttachmentBytes} bytes.`);
    }
    if (input.content.length === 0) throw new RelayRefusal('INVALID_INPUT', 'The file is empty.');
    const scanner = this.scanner(settings.maxAttachmentBytes);
    const verdict = await scanner.scan({ filename, contentType, content: input.content });
    if (!verdict.ok) {
      await this.logEvent({
        kind: 'ATTACHMENT_REFUSED',
        reason: `${verdict.reason}: ${verdict.detail}`,
        details: {
          name: filename,
          type: contentType,
          size: verdict.size,
          sha256: verdict.sha256,
          verdict: verdict.reason,
          scanner: scanner.name,
          upload: true,
        },
      });
      throw new RelayRefusal(
        'ATTACHMENT_REFUSED',
        `The file "${filename}" was refused (${verdict.reason.toLowerCase().replaceAll('_', ' ')}: ${verdict.detail}).`,
      );
    }
    const uploadId = randomUUID();
    await this.platform.storage.put(uploadStorageKey(uploadId), Readable.from([input.content]), { maxBytes: settings.maxAttachmentBytes });
    const token = signUploadToken(
      {
        uploadId,
        userId,
        filename,
        contentType,
        sizeBytes: verdict.size,
        sha256: verdict.sha256,
        expiresAt: new Date(Date.now() + UPLOAD_TOKEN_TTL_MS),
      },
      this.verpSecret,
    );
    return { token, filename, contentType, sizeBytes: verdict.size };
  }

  // ---- closing and reading ---------------------------------------------------------------------

  async closeThread(threadId: string, by: ThreadCloser): Promise<void> {
    if (!UUID.test(threadId)) throw new RelayRefusal('THREAD_NOT_FOUND', 'This conversation does not exist.');
    const outcome = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{
        workspaceId: string;
        userId: string | null;
        requestId: string;
        assignmentId: string;
        closedAt: Date;
      }>(
        `UPDATE relay_threads SET status = 'CLOSED', closed_by = $2, closed_at = now(), updated_at = now()
          WHERE id = $1 AND status <> 'CLOSED'
          RETURNING workspace_id AS "workspaceId", user_id AS "userId", request_id AS "requestId", assignment_id AS "assignmentId", closed_at AS "closedAt"`,
        [threadId, by],
      );
      const closed = rows[0];
      if (!closed) {
        const exists = await tx.query(`SELECT 1 FROM relay_threads WHERE id = $1`, [threadId]);
        if (!exists.rowCount) throw new RelayRefusal('THREAD_NOT_FOUND', 'This conversation does not exist.');
        return null; // already closed: nothing to announce
      }
      const webhookIds = await this.deps.webhooks.enqueue(tx, {
        workspaceIds: [closed.workspaceId],
        event: 'thread.status_changed',
        eventId: `evt_thread_closed_${threadId}`,
        data: {
          threadId: toGlobalId('RelayThread', threadId),
          assignmentId: toGlobalId('RequestAssignment', closed.assignmentId),
          status: 'CLOSED',
          closedBy: by,
          closedAt: closed.closedAt.toISOString(),
        },
      });
      return { closed, webhookIds };
    });
    if (!outcome) return;
    await this.deps.webhooks.sendAll(outcome.webhookIds).catch(() => undefined);
    publishConversationEvent(
      this.platform.pubsub,
      { workspaceId: outcome.closed.workspaceId, userId: outcome.closed.userId },
      { kind: 'THREAD_UPDATED', requestId: outcome.closed.requestId, assignmentId: outcome.closed.assignmentId, threadId, messageId: null },
    );
  }

  /** A party opened the thread in a console: the other side's messages to them are READ, their unread count 0. */
  markThreadRead(threadId: string, reader: 'PROVIDER' | 'USER'): Promise<number> {
    return this.delivery.markThreadRead(threadId, reader);
  }

  /** The delivery state of messages, for views that show status (conversations). */
  async messageStatuses(messageIds: string[]) {
    if (messageIds.length === 0) return new Map<string, never>();
    const { rows } = await this.pool.query<{
      messageId: string;
      status: string;
      sentAt: Date | null;
      deliveredAt: Date | null;
      readAt: Date | null;
      failedAt: Date | null;
      bounceClass: string | null;
    }>(
      `SELECT message_id AS "messageId", status, sent_at AS "sentAt", delivered_at AS "deliveredAt", read_at AS "readAt",
              failed_at AS "failedAt", bounce_class AS "bounceClass"
         FROM relay_deliveries WHERE message_id = ANY($1::uuid[])`,
      [messageIds],
    );
    return new Map(rows.map((r) => [r.messageId, r]));
  }

  /** Waits for deliveries started in this process, then closes the outbound SMTP pool. */
  async stop(): Promise<void> {
    await this.delivery.idle();
    await this.delivery.close();
  }
}
