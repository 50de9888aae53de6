// The outbound leg: a stored message is rebuilt for the other party (relay.compose.ts) and sent
// through SMTP_URL (built and sent by a worker thread, relay.sender.ts), or into the dev mailbox in
// local mode. At most once, like platform/mail: the claim QUEUED → SENDING is one UPDATE, so two
// attempts cannot both send; an attempt that died after the claim is never retried blind (the sweep,
// or at once a worker that stopped holding it, marks it NOT_DELIVERED, "uncertain"). In local mode the
// dev mailbox row and the DELIVERED mark commit together, so that path is exact.
// Also here, because they move the same status: bounces (VERP), the read pixel and console reads.
import { simpleParser } from 'mailparser';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import { withTransaction, type Sql } from '../../platform/db/sql.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import type { ParsedInbound } from './inbound/inbound.parse.js';
import { relayAddress } from './relay.addresses.js';
import {
  composeRelay,
  relayMail,
  relayMessageIdHeader,
  type ComposedRelay,
  type RelayComposeInput,
  type RelayMail,
} from './relay.compose.js';
import { parseDeliveryReport, type DeliveryRecipient } from './relay.dsn.js';
import { publishConversationEvent } from './relay.events.js';
import { RelaySender, SendUncertainError } from './relay.sender.js';
import { logRelayEvent } from './relay.shared.js';
import { abuseToken, newPixelToken, pixelTokenHash } from './relay.tokens.js';

export const RELAY_DELIVER_JOB = 'relay.deliver';
export type DeliveryStatus = 'QUEUED' | 'SENDING' | 'DELIVERED' | 'READ' | 'NOT_DELIVERED' | 'HELD';
export type DeliveryOutcome = 'DELIVERED' | 'HELD' | 'NOT_DELIVERED' | 'RETRY' | 'SKIPPED';

/** Attempts before a temporarily failing delivery is given up, and the waits between them (seconds). */
export const MAX_DELIVERY_ATTEMPTS = 8;
const RETRY_DELAYS_SECONDS = [30, 120, 600, 1800, 3600, 3600, 3600];
/** A bounce can arrive days after sending (4.x.x retries run for up to 5 days); the VERP address lives longer. */
const VERP_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
/** Earlier messages named in References (threading in the recipient's client). */
const REFERENCES = 10;

interface DeliveryRow {
  status: DeliveryStatus;
  attempts: number;
  id: string;
  threadId: string;
  direction: 'PROVIDER_TO_USER' | 'USER_TO_PROVIDER';
  source: 'EMAIL' | 'CONSOLE';
  subject: string;
  redactedText: string | null;
  redactedHtml: string | null;
  threadStatus: 'OPEN' | 'CLOSED' | 'SUSPENDED';
  userToken: string;
  providerToken: string;
  workspaceId: string;
  userId: string | null;
  requestId: string;
  assignmentId: string;
  workspaceStatus: string;
  workspaceName: string;
  userStatus: string | null;
  userEmail: string | null;
  requestEmail: string;
  requestName: string;
  providerEmail: string | null;
  hasWebhooks: boolean;
  previous: string[];
  attachments: { id: string; filename: string; contentType: string; storageKey: string; contentId: string | null }[];
}

/** The delivery with everything composing it needs; `source` is the deliveries table or the claim below. */
const deliverySelect = (source: string) => `
SELECT d.status, d.attempts, m.id, m.thread_id AS "threadId", m.direction, m.source, m.subject,
       m.redacted_text AS "redactedText", m.redacted_html AS "redactedHtml",
       t.status AS "threadStatus", t.user_token AS "userToken", t.provider_token AS "providerToken", t.workspace_id AS "workspaceId",
       t.user_id AS "userId", t.request_id AS "requestId", t.assignment_id AS "assignmentId",
       w.status AS "workspaceStatus", w.name AS "workspaceName", u.status AS "userStatus", u.email AS "userEmail",
       r.email AS "requestEmail", r.name AS "requestName",
       -- The handler while they are an active member; otherwise the workspace's first owner (the lead is not dropped).
       (SELECT pu.email FROM workspace_memberships wm JOIN users pu ON pu.id = wm.user_id
         WHERE wm.workspace_id = t.workspace_id AND pu.status = 'ACTIVE'
         ORDER BY (wm.user_id = a.handled_by_user_id) IS TRUE DESC, wm.role = 'OWNER' DESC, wm.created_at LIMIT 1) AS "providerEmail",
       EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.workspace_id = t.workspace_id AND e.active) AS "hasWebhooks",
       ARRAY(SELECT p.id::text FROM relay_messages p WHERE p.thread_id = m.thread_id AND p.created_at < m.created_at
              ORDER BY p.created_at DESC LIMIT ${REFERENCES}) AS previous,
       COALESCE((SELECT json_agg(json_build_object('id', ra.id, 'filename', ra.filename, 'contentType', ra.content_type,
                                                   'storageKey', ra.storage_key, 'contentId', ra.content_id) ORDER BY ra.created_at, ra.filename)
                   FROM relay_attachments ra WHERE ra.message_id = m.id), '[]'::json) AS attachments
  FROM ${source}
  JOIN relay_messages m ON m.id = d.message_id
  JOIN relay_threads t ON t.id = m.thread_id
  JOIN request_assignments a ON a.id = t.assignment_id
  JOIN workspaces w ON w.id = t.workspace_id
  JOIN service_requests r ON r.id = t.request_id
  LEFT JOIN users u ON u.id = t.user_id
 WHERE d.message_id = $1`;

const DELIVERY_ROW_SQL = deliverySelect('relay_deliveries d');

/**
 * The SMTP path's claim and read in one statement: QUEUED → SENDING only while the thread is open and
 * both parties active (otherwise nothing comes back, and the caller decides HELD from a plain read).
 */
const DELIVERY_CLAIM_SQL = `
WITH claimed AS (
  UPDATE relay_deliveries d SET status = 'SENDING', attempts = d.attempts + 1, sent_at = now(), updated_at = now(),
         pixel_token_hash = $2, outbound_message_id = $3
   WHERE d.message_id = $1 AND d.status = 'QUEUED'
     AND EXISTS (SELECT 1 FROM relay_threads t JOIN workspaces w ON w.id = t.workspace_id LEFT JOIN users u ON u.id = t.user_id
                  WHERE t.id = d.thread_id AND t.status = 'OPEN' AND w.status = 'ACTIVE' AND (u.status IS NULL OR u.status = 'ACTIVE'))
  RETURNING d.message_id, d.status, d.attempts)
${deliverySelect('claimed d')}`;

interface Moved {
  threadId: string;
  workspaceId: string;
  userId: string | null;
  requestId: string;
  assignmentId: string;
  attempts: number;
}

// Every move (DELIVERED after each send, …) is a prepared statement: planning the UPDATE each time cost
// PostgreSQL more than running it. Its text depends only on which columns a caller sets, so there are a
// handful of them; the name is the text's number in this process (names are per connection).
const moveStatements = new Map<string, string>();
function moveStatementName(text: string): string {
  let name = moveStatements.get(text);
  if (!name) moveStatements.set(text, (name = `relay-move-${moveStatements.size + 1}`));
  return name;
}

/** An SMTP refusal with a 5xx code is final; anything else (4xx, a dropped connection, a timeout) may pass later. */
function isPermanent(error: unknown): boolean {
  const code = (error as { responseCode?: unknown }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function errorText(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').slice(0, 500);
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Console messages are ours to render: an HTML part (which carries the read pixel) from the plain text. */
export function textToHtml(text: string): string {
  const paragraphs = text
    .replace(/\r\n/g, '\n')
    .split(/\n{2,}/)
    .map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`)
    .join('\n');
  return `<!doctype html><html><body>${paragraphs}</body></html>`;
}

export class RelayDeliveryService {
  private readonly sender: RelaySender | null;
  private readonly inflight = new Set<Promise<unknown>>();

  constructor(
    private readonly platform: Platform,
    private readonly webhooks: WebhooksService,
    private readonly options: { domain: string; secret: string },
  ) {
    // Pooled: a burst of relayed messages reuses a few connections instead of one handshake each.
    this.sender = platform.config.SMTP_URL
      ? new RelaySender({ url: platform.config.SMTP_URL, pool: true, maxConnections: 5, maxMessages: 500 })
      : null;
  }

  private get pool() {
    return this.platform.database.pool;
  }

  get transportKind(): 'smtp' | 'dev-mailbox' {
    return this.sender ? 'smtp' : 'dev-mailbox';
  }

  /** Starts a delivery without waiting for it (after postMessage commits), with the attachments it has in memory. */
  deliverSoon(messageId: string, contents?: ReadonlyMap<string, Buffer>): void {
    const attempt = this.deliver(messageId, contents).catch((error: Error) => {
      // Still QUEUED: the sweep picks it up within minutes.
      this.platform.log.warn({ messageId, err: { message: error.message } }, 'relay: delivery attempt failed');
    });
    this.inflight.add(attempt);
    void attempt.finally(() => this.inflight.delete(attempt));
  }

  /** Resolves when the deliveries started in this process have finished (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  /** Closes the outbound SMTP connections (after idle()). */
  async close(): Promise<void> {
    await this.sender?.close();
  }

  /** One attempt to relay a message; safe to call any number of times, concurrently too. */
  async deliver(messageId: string, contents?: ReadonlyMap<string, Buffer>): Promise<DeliveryOutcome> {
    if (this.sender) return this.deliverSmtp(messageId, contents);
    const { rows } = await this.pool.query<DeliveryRow>({ name: 'relay-delivery-row', text: DELIVERY_ROW_SQL, values: [messageId] });
    const row = rows[0];
    if (!row || row.status !== 'QUEUED') return 'SKIPPED';

    const held = this.holdReason(row);
    if (held) return (await this.settle(messageId, ['QUEUED'], 'HELD', { held_reason: held }, row)) ? 'HELD' : 'SKIPPED';

    const to = row.direction === 'PROVIDER_TO_USER' ? (row.userEmail ?? row.requestEmail) : row.providerEmail;
    if (!to)
      return (await this.settle(messageId, ['QUEUED'], 'NOT_DELIVERED', { last_error: 'no recipient address' }))
        ? 'NOT_DELIVERED'
        : 'SKIPPED';

    const pixel = newPixelToken();
    let composed: ComposedRelay;
    try {
      composed = await composeRelay(await this.composeInput(row, to, pixel.token, contents));
    } catch (error) {
      // A programming error or an address compose refuses (it would leak or misroute): never sent.
      const lastError = `could not build the relayed message: ${errorText(error)}`;
      return (await this.settle(messageId, ['QUEUED'], 'NOT_DELIVERED', { last_error: lastError }, row)) ? 'NOT_DELIVERED' : 'SKIPPED';
    }
    return this.sendDevMailbox(row, composed, pixel.hash, composed.messageIdHeader);
  }

  /** SMTP: claim (QUEUED → SENDING, with the row), build, send, mark. Nothing is sent without the claim. */
  private async deliverSmtp(messageId: string, contents?: ReadonlyMap<string, Buffer>): Promise<DeliveryOutcome> {
    const pixel = newPixelToken();
    const { rows } = await this.pool.query<DeliveryRow>({
      name: 'relay-delivery-claim',
      text: DELIVERY_CLAIM_SQL,
      values: [messageId, pixel.hash, relayMessageIdHeader(messageId, this.options.domain)],
    });
    const row = rows[0];
    if (!row) return this.afterLostClaim(messageId);
    this.announce({ ...row, webhookIds: [] }, messageId);

    const to = row.direction === 'PROVIDER_TO_USER' ? (row.userEmail ?? row.requestEmail) : row.providerEmail;
    let mail: RelayMail;
    try {
      if (!to) throw new Error('no recipient address');
      mail = relayMail(await this.composeInput(row, to, pixel.token, contents));
    } catch (error) {
      // No address, or one compose refuses (it would leak or misroute): never sent.
      await this.settle(messageId, ['SENDING'], 'NOT_DELIVERED', { failed_at: new Date(), last_error: errorText(error) }, row);
      return 'NOT_DELIVERED';
    }
    return this.sendSmtp(row, mail);
  }

  private holdReason(row: DeliveryRow): string | null {
    if (row.threadStatus === 'CLOSED') return 'the conversation was closed before the message was relayed';
    if (row.threadStatus === 'SUSPENDED') return 'the conversation is suspended';
    if (row.workspaceStatus === 'SUSPENDED') return "the provider's account is suspended";
    if (row.userStatus === 'SUSPENDED' || row.userStatus === 'DELETED') return "the customer's account is not active";
    return null;
  }

  /** What the relayed copy is built from: the stored (redacted) bodies, the attachments, our ids and links. */
  private async composeInput(
    row: DeliveryRow,
    to: string,
    pixelToken: string,
    contents?: ReadonlyMap<string, Buffer>,
  ): Promise<RelayComposeInput> {
    const { domain, secret } = this.options;
    const publicUrl = this.platform.config.publicUrl;
    const fromProvider = row.direction === 'PROVIDER_TO_USER';
    const html = row.redactedHtml ?? (row.source === 'CONSOLE' && row.redactedText !== null ? textToHtml(row.redactedText) : null);
    const parsed: ParsedInbound = {
      subject: row.subject,
      text: row.redactedText,
      html,
      from: null,
      to: [],
      cc: [],
      headers: [],
      inReplyTo: null,
      references: [],
      messageId: null,
      date: null,
      attachments: [],
      problems: [],
    };
    const attachments = await Promise.all(
      row.attachments.map(async (a) => ({
        filename: a.filename,
        contentType: a.contentType,
        content: contents?.get(a.storageKey) ?? (await this.readFile(a.storageKey)),
        contentId: a.contentId,
        inline: !!a.contentId,
      })),
    );
    const previous = [...row.previous].reverse();
    return {
      parsed,
      fromRelayAddress: relayAddress(fromProvider ? 'p' : 'u', fromProvider ? row.providerToken : row.userToken, domain),
      fromDisplayName: `${fromProvider ? row.workspaceName : row.requestName} (via Hotlead)`,
      to,
      domain,
      threadId: row.threadId,
      messageId: row.id,
      verpSecret: secret,
      verpExpiresAt: new Date(Date.now() + VERP_LIFETIME_MS),
      abuseUrl: `${publicUrl}/relay/abuse/${abuseToken(row.id, secret)}`,
      trackingPixelUrl: `${publicUrl}/relay/r/${pixelToken}.gif`,
      attachments,
      inReplyToMessageId: previous.at(-1) ?? null,
      referenceMessageIds: previous,
    };
  }

  private async readFile(key: string): Promise<Buffer> {
    const chunks: Buffer[] = [];
    for await (const chunk of this.platform.storage.get(key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Local mode: the dev mailbox row and DELIVERED in one transaction (exactly once). */
  private async sendDevMailbox(
    row: DeliveryRow,
    composed: ComposedRelay,
    pixelHash: string,
    outboundMessageId: string,
  ): Promise<DeliveryOutcome> {
    const parsed = await simpleParser(composed.raw);
    const fromProvider = row.direction === 'PROVIDER_TO_USER';
    // The bare relay address, so a reply from the dev mailbox (as the recipient) goes straight back to it.
    const from = relayAddress(fromProvider ? 'p' : 'u', fromProvider ? row.providerToken : row.userToken, this.options.domain);
    const now = new Date();
    const moved = await withTransaction(this.pool, async (tx) => {
      const result = await this.move(
        tx,
        row.id,
        ['QUEUED'],
        'DELIVERED',
        {
          sent_at: now,
          delivered_at: now,
          attempts: row.attempts + 1,
          pixel_token_hash: pixelHash,
          outbound_message_id: outboundMessageId,
          last_error: null,
        },
        { threadOpen: true },
      );
      if (!result) return null;
      await tx.query(
        `INSERT INTO dev_mailbox_messages (message_id, from_address, to_addresses, subject, text_body, html_body, raw_mime)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [
          outboundMessageId,
          from,
          composed.envelope.to,
          parsed.subject ?? '',
          parsed.text ?? null,
          typeof parsed.html === 'string' ? parsed.html : null,
          composed.raw.toString('utf8'),
        ],
      );
      return result;
    });
    if (!moved) return this.afterLostClaim(row.id);
    this.announce(moved, row.id);
    return 'DELIVERED';
  }

  private async sendSmtp(row: DeliveryRow, mail: RelayMail): Promise<DeliveryOutcome> {
    try {
      await this.sender!.send(mail);
    } catch (error) {
      // The claim counted this attempt.
      const attempts = row.attempts;
      // Uncertain (the worker stopped holding the message): the next hop may have it, so never resent.
      if (error instanceof SendUncertainError || isPermanent(error) || attempts >= MAX_DELIVERY_ATTEMPTS) {
        await this.settle(row.id, ['SENDING'], 'NOT_DELIVERED', { failed_at: new Date(), last_error: errorText(error) }, row);
        return 'NOT_DELIVERED';
      }
      // Refused for now or not reached: nothing was delivered, so trying again is safe.
      await this.pool.query(
        `UPDATE relay_deliveries SET status = 'QUEUED', last_error = $2, updated_at = now() WHERE message_id = $1 AND status = 'SENDING'`,
        [row.id, errorText(error)],
      );
      this.announce({ ...row, webhookIds: [] }, row.id);
      const delaySeconds = RETRY_DELAYS_SECONDS[Math.min(attempts, RETRY_DELAYS_SECONDS.length) - 1]!;
      await this.platform.jobs
        .send(RELAY_DELIVER_JOB, { messageId: row.id }, { singletonKey: `${row.id}:${attempts}`, startAfter: delaySeconds })
        .catch((jobError: Error) =>
          this.platform.log.warn({ err: { message: jobError.message } }, 'relay: retry not scheduled (the sweep retries)'),
        );
      return 'RETRY';
    }
    await this.settle(row.id, ['SENDING'], 'DELIVERED', { delivered_at: new Date() }, row);
    return 'DELIVERED';
  }

  /** The claim went to nobody: another attempt has it, or the thread closed in between (then HELD). */
  private async afterLostClaim(messageId: string): Promise<DeliveryOutcome> {
    const { rows } = await this.pool.query<DeliveryRow>({ name: 'relay-delivery-row', text: DELIVERY_ROW_SQL, values: [messageId] });
    const row = rows[0];
    const held = row && row.status === 'QUEUED' ? this.holdReason(row) : null;
    if (held && (await this.settle(messageId, ['QUEUED'], 'HELD', { held_reason: held }, row))) return 'HELD';
    return 'SKIPPED';
  }

  /**
   * Moves a delivery from one of `from` to `to`, setting `set` (column → value; columns are ours),
   * with its webhook in the same transaction. Null when the row was not in `from` (someone else moved it).
   */
  private async move(
    tx: Sql,
    messageId: string,
    from: DeliveryStatus[],
    to: DeliveryStatus,
    set: Record<string, unknown>,
    options: { threadOpen?: boolean; webhook?: boolean } = {},
  ): Promise<(Moved & { webhookIds: string[] }) | null> {
    const columns = Object.keys(set);
    const assignments = columns.map((column, i) => `${column} = $${i + 4}`).join(', ');
    const text = `UPDATE relay_deliveries d SET status = $2::"RelayDeliveryStatus", updated_at = now()${assignments ? `, ${assignments}` : ''}
         FROM relay_threads t
        WHERE d.message_id = $1 AND d.status = ANY($3::"RelayDeliveryStatus"[]) AND t.id = d.thread_id
              ${options.threadOpen ? `AND t.status = 'OPEN'` : ''}
        RETURNING d.thread_id AS "threadId", t.workspace_id AS "workspaceId", t.user_id AS "userId", t.request_id AS "requestId",
                  t.assignment_id AS "assignmentId", d.attempts`;
    const { rows } = await tx.query<Moved>({
      name: moveStatementName(text),
      text,
      values: [messageId, to, from, ...columns.map((c) => set[c])],
    });
    const moved = rows[0];
    if (!moved) return null;
    // SENDING is a moment, not news: integrations hear about where a message ends up.
    const webhookIds =
      options.webhook === false
        ? []
        : await this.webhooks.enqueue(tx, {
            workspaceIds: [moved.workspaceId],
            event: 'message.status_changed',
            eventId: `evt_message_${to.toLowerCase()}_${messageId}_${moved.attempts}`,
            data: {
              messageId: toGlobalId('RelayMessage', messageId),
              threadId: toGlobalId('RelayThread', moved.threadId),
              assignmentId: toGlobalId('RequestAssignment', moved.assignmentId),
              status: to,
              ...(typeof set['bounce_class'] === 'string' ? { bounceClass: set['bounce_class'] } : {}),
              at: new Date().toISOString(),
            },
          });
    return { ...moved, webhookIds };
  }

  /**
   * move() and then its webhooks and the subscription event. Without webhook endpoints (known from the
   * delivery row) it is one autocommitted statement; otherwise a transaction with the webhook rows.
   */
  private async settle(
    messageId: string,
    from: DeliveryStatus[],
    to: DeliveryStatus,
    set: Record<string, unknown>,
    row?: { hasWebhooks: boolean },
  ): Promise<boolean> {
    const moved =
      row && !row.hasWebhooks
        ? await this.move(this.pool, messageId, from, to, set, { webhook: false })
        : await withTransaction(this.pool, (tx) => this.move(tx, messageId, from, to, set));
    if (!moved) return false;
    this.announce(moved, messageId);
    return true;
  }

  /** After the commit: the webhook jobs and the parties' MESSAGE_STATUS event. */
  private announce(moved: Moved & { webhookIds: string[] }, messageId: string): void {
    if (moved.webhookIds.length) void this.webhooks.sendAll(moved.webhookIds).catch(() => undefined);
    publishConversationEvent(
      this.platform.pubsub,
      { workspaceId: moved.workspaceId, userId: moved.userId },
      { kind: 'MESSAGE_STATUS', requestId: moved.requestId, assignmentId: moved.assignmentId, threadId: moved.threadId, messageId },
    );
  }

  // ---- the sweep (every minute) ------------------------------------------------------------------

  /**
   * Backstop for attempts this process never made or never finished: QUEUED deliveries nobody tried
   * (the process died after the commit) get a job; SENDING ones older than ten minutes died mid-send
   * and are given up, not resent (the next hop may have the message).
   */
  async sweep(): Promise<{ queued: number; abandoned: number }> {
    const { rows: stale } = await this.pool.query<{ messageId: string; attempts: number }>(
      `SELECT message_id AS "messageId", attempts FROM relay_deliveries
        WHERE status = 'QUEUED' AND updated_at < now() - interval '1 minute'
          AND (attempts = 0 OR updated_at < now() - interval '2 hours')
        ORDER BY created_at LIMIT 500`,
    );
    for (const { messageId, attempts } of stale) {
      await this.platform.jobs.send(RELAY_DELIVER_JOB, { messageId }, { singletonKey: `${messageId}:${attempts}:sweep` });
    }
    const { rows: abandoned } = await this.pool.query<{ messageId: string }>(
      `SELECT message_id AS "messageId" FROM relay_deliveries WHERE status = 'SENDING' AND updated_at < now() - interval '10 minutes' LIMIT 500`,
    );
    for (const { messageId } of abandoned) {
      await this.settle(messageId, ['SENDING'], 'NOT_DELIVERED', {
        failed_at: new Date(),
        last_error: 'delivery uncertain after an interrupted attempt; not resent',
      });
    }
    return { queued: stale.length, abandoned: abandoned.length };
  }

  // ---- bounces -----------------------------------------------------------------------------------

  /**
   * A bounce arrived at the VERP address of `messageId` (already verified). A permanent failure makes
   * the message NOT_DELIVERED with the report's diagnosis; a delay report is logged and changes nothing.
   * An invalid end-user address flags the request as a potentially bad lead for all its providers.
   */
  async recordBounce(messageId: string, raw: Buffer): Promise<'RECORDED' | 'DELAYED' | 'UNREADABLE' | 'UNKNOWN_MESSAGE'> {
    const { rows } = await this.pool.query<{ threadId: string; direction: string; requestId: string; status: DeliveryStatus }>(
      `SELECT m.thread_id AS "threadId", m.direction, m.request_id AS "requestId", d.status
         FROM relay_messages m JOIN relay_deliveries d ON d.message_id = m.id WHERE m.id = $1`,
      [messageId],
    );
    const message = rows[0];
    if (!message) return 'UNKNOWN_MESSAGE';
    const report = await parseDeliveryReport(raw);
    const recipient: DeliveryRecipient | undefined = report?.recipients.find((r) => r.action === 'failed') ?? report?.recipients[0];
    if (!report || !recipient) {
      await logRelayEvent(this.pool, {
        kind: 'BOUNCE_UNREADABLE',
        threadId: message.threadId,
        messageId,
        reason: 'not a delivery report',
        details: { sizeBytes: raw.length },
      });
      return 'UNREADABLE';
    }
    const facts = {
      kind: report.kind,
      action: recipient.action,
      status: recipient.status,
      class: recipient.bounceClass,
      permanent: recipient.permanent,
      reportingMtaDomain: report.reportingMta?.split(/[\s;]/).pop()?.toLowerCase() ?? null,
    };
    if (!recipient.permanent) {
      await logRelayEvent(this.pool, {
        kind: 'BOUNCE_RECORDED',
        threadId: message.threadId,
        messageId,
        reason: `delivery ${recipient.action ?? 'delayed'}; status kept`,
        details: facts,
      });
      return 'DELAYED';
    }
    const flagged = await withTransaction(this.pool, async (tx) => {
      const moved = await this.move(tx, messageId, ['QUEUED', 'SENDING', 'DELIVERED'], 'NOT_DELIVERED', {
        failed_at: new Date(),
        bounce_action: recipient.action,
        bounce_status: recipient.status,
        bounce_class: recipient.bounceClass,
        bounce_reason: recipient.diagnosticCode?.slice(0, 500) ?? null,
      });
      await logRelayEvent(tx, {
        kind: 'BOUNCE_RECORDED',
        threadId: message.threadId,
        messageId,
        reason: `${recipient.bounceClass.toLowerCase().replaceAll('_', ' ')} (${recipient.status ?? 'no status'})`,
        details: { ...facts, statusBefore: message.status },
      });
      const webhookIds = moved?.webhookIds ?? [];
      let assignments: { id: string; workspaceId: string }[] = [];
      if (recipient.bounceClass === 'INVALID_ADDRESS' && message.direction === 'PROVIDER_TO_USER') {
        const { rowCount } = await tx.query(
          `UPDATE service_requests SET bad_address_at = now(), updated_at = now() WHERE id = $1 AND bad_address_at IS NULL`,
          [message.requestId],
        );
        if (rowCount) {
          ({ rows: assignments } = await tx.query<{ id: string; workspaceId: string }>(
            `SELECT id, workspace_id AS "workspaceId" FROM request_assignments WHERE request_id = $1`,
            [message.requestId],
          ));
          for (const assignment of assignments) {
            webhookIds.push(
              ...(await this.webhooks.enqueue(tx, {
                workspaceIds: [assignment.workspaceId],
                event: 'assignment.updated',
                eventId: `evt_assignment_bad_address_${assignment.id}`,
                data: {
                  assignmentId: toGlobalId('RequestAssignment', assignment.id),
                  flaggedBadAddress: true,
                  at: new Date().toISOString(),
                },
              })),
            );
          }
        }
      }
      return { moved, assignments, webhookIds };
    });
    if (flagged.webhookIds.length) void this.webhooks.sendAll(flagged.webhookIds).catch(() => undefined);
    if (flagged.moved) this.announce({ ...flagged.moved, webhookIds: [] }, messageId);
    for (const assignment of flagged.assignments) {
      // Every provider of the request learns the lead may be bad; the end user is not told here.
      publishConversationEvent(
        this.platform.pubsub,
        { workspaceId: assignment.workspaceId, userId: null },
        { kind: 'ASSIGNMENT_UPDATED', requestId: message.requestId, assignmentId: assignment.id, threadId: null, messageId: null },
      );
    }
    return 'RECORDED';
  }

  // ---- reads -------------------------------------------------------------------------------------

  /** The read pixel was loaded: READ once (the first load), unread counters down. False for unknown or repeated tokens. */
  async markPixelRead(token: string): Promise<boolean> {
    const hash = pixelTokenHash(token);
    const read = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ messageId: string }>(
        `SELECT message_id AS "messageId" FROM relay_deliveries
          WHERE pixel_token_hash = $1 AND read_at IS NULL AND status IN ('SENDING', 'DELIVERED')`,
        [hash],
      );
      return rows[0] ? this.markRead(tx, [rows[0].messageId]) : null;
    });
    if (!read) return false;
    this.announceReads(read);
    return read.rows.length > 0;
  }

  /** A party opened the thread in a console: what the other side wrote to them is READ, their unread count 0. */
  async markThreadRead(threadId: string, reader: 'PROVIDER' | 'USER'): Promise<number> {
    const direction = reader === 'PROVIDER' ? 'USER_TO_PROVIDER' : 'PROVIDER_TO_USER';
    const read = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ messageId: string }>(
        `SELECT d.message_id AS "messageId" FROM relay_deliveries d JOIN relay_messages m ON m.id = d.message_id
          WHERE d.thread_id = $1 AND m.direction = $2::"RelayDirection" AND d.read_at IS NULL
            AND d.status IN ('SENDING', 'DELIVERED', 'NOT_DELIVERED')`,
        [threadId, direction],
      );
      const result = rows.length
        ? await this.markRead(
            tx,
            rows.map((r) => r.messageId),
          )
        : { rows: [], webhookIds: [] };
      // Opening the thread means everything in it was seen, whatever happened to the emails.
      await tx.query(
        reader === 'PROVIDER'
          ? `UPDATE relay_threads SET unread_for_provider = 0 WHERE id = $1 AND unread_for_provider <> 0`
          : `UPDATE relay_threads SET unread_for_user = 0 WHERE id = $1 AND unread_for_user <> 0`,
        [threadId],
      );
      return result;
    });
    this.announceReads(read);
    return read.rows.length;
  }

  /** READ for these messages, the counters and the first-message-read mark, with webhooks (in the caller's transaction). */
  private async markRead(tx: Sql, messageIds: string[]): Promise<{ rows: (Moved & { messageId: string })[]; webhookIds: string[] }> {
    const { rows } = await tx.query<Moved & { messageId: string; direction: string }>(
      `UPDATE relay_deliveries d SET status = 'READ', read_at = now(), updated_at = now()
         FROM relay_messages m, relay_threads t
        WHERE d.message_id = ANY($1::uuid[]) AND d.read_at IS NULL AND m.id = d.message_id AND t.id = d.thread_id
        RETURNING d.message_id AS "messageId", m.direction, d.thread_id AS "threadId", t.workspace_id AS "workspaceId", t.user_id AS "userId",
                  t.request_id AS "requestId", t.assignment_id AS "assignmentId", d.attempts`,
      [messageIds],
    );
    if (!rows.length) return { rows: [], webhookIds: [] };
    const toUser = rows.filter((r) => r.direction === 'PROVIDER_TO_USER').length;
    // Any provider message read counts for the first one: a reader who opened a later message has seen the provider.
    await tx.query(
      `UPDATE relay_threads SET unread_for_user = GREATEST(0, unread_for_user - $2), unread_for_provider = GREATEST(0, unread_for_provider - $3),
              provider_first_message_read_at = CASE WHEN $2 > 0 THEN COALESCE(provider_first_message_read_at, now()) ELSE provider_first_message_read_at END,
              updated_at = now()
        WHERE id = $1`,
      [rows[0]!.threadId, toUser, rows.length - toUser],
    );
    const webhookIds: string[] = [];
    for (const row of rows) {
      webhookIds.push(
        ...(await this.webhooks.enqueue(tx, {
          workspaceIds: [row.workspaceId],
          event: 'message.status_changed',
          eventId: `evt_message_read_${row.messageId}`,
          data: {
            messageId: toGlobalId('RelayMessage', row.messageId),
            threadId: toGlobalId('RelayThread', row.threadId),
            assignmentId: toGlobalId('RequestAssignment', row.assignmentId),
            status: 'READ',
            at: new Date().toISOString(),
          },
        })),
      );
    }
    return { rows, webhookIds };
  }

  private announceReads(read: { rows: (Moved & { messageId: string })[]; webhookIds: string[] }): void {
    if (read.webhookIds.length) void this.webhooks.sendAll(read.webhookIds).catch(() => undefined);
    for (const row of read.rows) this.announce({ ...row, webhookIds: [] }, row.messageId);
  }
}
