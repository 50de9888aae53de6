// Test helpers of the conversations tests: messages and deliveries written straight into the store
// (the relay's own tests cover how it writes them), so the views can be checked on known rows.
import type { TestApp } from '../../../test/app.js';

export interface StoredMessageOptions {
  direction: 'PROVIDER_TO_USER' | 'USER_TO_PROVIDER';
  senderUserId?: string | null;
  subject?: string;
  text?: string | null;
  html?: string | null;
  redactedText?: string | null;
  redactedHtml?: string | null;
  redactions?: number;
  status?: 'QUEUED' | 'SENDING' | 'DELIVERED' | 'READ' | 'NOT_DELIVERED' | 'HELD' | null;
  createdAt?: Date;
  bounce?: { action: string; status: string; class: string; reason: string };
  attachment?: { filename: string; contentType: string; contentId?: string | null };
}

/**
 * Stores one message of a thread (and its delivery unless `status: null`), and moves the thread's
 * counters as the relay does: message count, last message time, the recipient's unread count, the
 * provider's first message.
 */
export async function storeMessage(app: TestApp, threadId: string, options: StoredMessageOptions): Promise<{ id: string }> {
  const pool = app.api.platform.database.pool;
  const createdAt = options.createdAt ?? new Date();
  const text = options.text === undefined ? 'Hello there' : options.text;
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO relay_messages (thread_id, request_id, workspace_id, user_id, niche_id, direction, source, sender_user_id, subject,
                                 text_body, html_body, redacted_text, redacted_html, redactions, raw_mime, size_bytes, created_at)
     SELECT t.id, t.request_id, t.workspace_id, t.user_id, t.niche_id, $2::"RelayDirection", 'CONSOLE', $3, $4,
            $5, $6, $7, $8, $9, $10, length($10), $11
       FROM relay_threads t WHERE t.id = $1
     RETURNING id`,
    [
      threadId,
      options.direction,
      options.senderUserId ?? null,
      options.subject ?? 'Re: your request',
      text,
      options.html ?? null,
      options.redactedText === undefined ? text : options.redactedText,
      options.redactedHtml === undefined ? (options.html ?? null) : options.redactedHtml,
      options.redactions ?? 0,
      `Subject: test\r\n\r\n${text ?? ''}`,
      createdAt,
    ],
  );
  const id = rows[0]!.id;
  if (options.attachment) {
    await pool.query(
      `INSERT INTO relay_attachments (message_id, filename, content_type, size_bytes, sha256, storage_key, content_id)
       VALUES ($1, $2, $3, 10, 'x', 'relay/test', $4)`,
      [id, options.attachment.filename, options.attachment.contentType, options.attachment.contentId ?? null],
    );
  }
  const status = options.status === undefined ? 'DELIVERED' : options.status;
  if (status) {
    const delivered = status === 'DELIVERED' || status === 'READ';
    await pool.query(
      `INSERT INTO relay_deliveries (message_id, thread_id, status, sent_at, delivered_at, read_at, failed_at,
                                     bounce_action, bounce_status, bounce_class, bounce_reason, created_at)
       VALUES ($1, $2, $3::"RelayDeliveryStatus", $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
      [
        id,
        threadId,
        status,
        status === 'QUEUED' ? null : createdAt,
        delivered ? createdAt : null,
        status === 'READ' ? createdAt : null,
        status === 'NOT_DELIVERED' ? createdAt : null,
        options.bounce?.action ?? null,
        options.bounce?.status ?? null,
        options.bounce?.class ?? null,
        options.bounce?.reason ?? null,
        createdAt,
      ],
    );
  }
  const toUser = options.direction === 'PROVIDER_TO_USER';
  await pool.query(
    `UPDATE relay_threads SET message_count = message_count + 1, last_message_at = greatest(last_message_at, $2),
            unread_for_user = unread_for_user + $3, unread_for_provider = unread_for_provider + $4,
            provider_first_message_at = CASE WHEN $3 = 1 THEN coalesce(provider_first_message_at, $2) ELSE provider_first_message_at END
      WHERE id = $1`,
    [threadId, createdAt, toUser ? 1 : 0, toUser ? 0 : 1],
  );
  return { id };
}
