// The relay's background jobs: delivery retries, the delivery sweep, and the retention purge.
import type { JobDefinition } from '../../platform/jobs/queue.js';
import { withTransaction } from '../../platform/db/sql.js';
import type { Platform } from '../../platform/platform.js';
import { RELAY_DELIVER_JOB } from './relay.delivery.js';
import type { RelayServiceImpl } from './relay.service.js';

export const RELAY_SWEEP_JOB = 'relay.deliver-sweep';
export const RELAY_RETENTION_JOB = 'relay.retention';
/** Relay events (refusals, bounces, bursts) are diagnostics, not records: kept a year. */
const EVENT_KEEP_DAYS = 365;
const PURGE_BATCH = 500;

export interface PurgeResult {
  messages: number;
  attachments: number;
  files: number;
  quarantined: number;
  events: number;
}

/**
 * Deletes messages older than RelaySettings.retentionDays (0 keeps them forever) with their deliveries
 * and attachments, in batches. The database allows these deletes only inside a transaction that sets
 * hotlead.retention_purge, and only for rows older than the period (relay_store_guard): a bug here
 * cannot delete anything younger. Stored files go after the commit that dropped their rows.
 */
export async function purgeRelayStore(platform: Platform): Promise<PurgeResult> {
  const pool = platform.database.pool;
  const result: PurgeResult = { messages: 0, attachments: 0, files: 0, quarantined: 0, events: 0 };
  const { rows } = await pool.query<{ days: number }>(`SELECT retention_days AS days FROM relay_settings WHERE id = 1`);
  const days = rows[0]?.days ?? 0;
  if (days > 0) {
    for (;;) {
      const batch = await withTransaction(pool, async (tx) => {
        await tx.query(`SET LOCAL hotlead.retention_purge = 'on'`);
        const { rows: old } = await tx.query<{ id: string }>(
          `SELECT id FROM relay_messages WHERE created_at < now() - make_interval(days => $1) ORDER BY created_at LIMIT $2`,
          [days, PURGE_BATCH],
        );
        const ids = old.map((r) => r.id);
        if (ids.length === 0) return null;
        await tx.query(`DELETE FROM relay_deliveries WHERE message_id = ANY($1::uuid[])`, [ids]);
        const { rows: files } = await tx.query<{ storageKey: string }>(
          `DELETE FROM relay_attachments WHERE message_id = ANY($1::uuid[]) RETURNING storage_key AS "storageKey"`,
          [ids],
        );
        await tx.query(`DELETE FROM relay_messages WHERE id = ANY($1::uuid[])`, [ids]);
        return { messages: ids.length, keys: files.map((f) => f.storageKey) };
      });
      if (!batch) break;
      result.messages += batch.messages;
      result.attachments += batch.keys.length;
      // A console upload could be referenced by another, younger message: its file stays.
      const { rows: still } = await pool.query<{ storageKey: string }>(
        `SELECT DISTINCT storage_key AS "storageKey" FROM relay_attachments WHERE storage_key = ANY($1::text[])`,
        [batch.keys],
      );
      const kept = new Set(still.map((r) => r.storageKey));
      for (const key of new Set(batch.keys)) {
        if (kept.has(key)) continue;
        await platform.storage.delete(key).catch((error: Error) => {
          platform.log.warn({ err: { message: error.message } }, 'relay retention: a stored file could not be removed');
        });
        result.files += 1;
      }
      if (batch.messages < PURGE_BATCH) break;
    }
    // Quarantined mail holds bodies too: the same period.
    const quarantined = await pool.query(`DELETE FROM relay_quarantine WHERE created_at < now() - make_interval(days => $1)`, [days]);
    result.quarantined = quarantined.rowCount ?? 0;
  }
  const events = await pool.query(`DELETE FROM relay_events WHERE at < now() - make_interval(days => $1)`, [EVENT_KEEP_DAYS]);
  result.events = events.rowCount ?? 0;
  if (result.messages || result.quarantined || result.events)
    platform.log.info({ ...result, retentionDays: days }, 'relay retention purge');
  return result;
}

export function relayJobDefinitions(relay: RelayServiceImpl, platform: Platform): JobDefinition<object>[] {
  const deliver: JobDefinition<{ messageId: string }> = {
    name: RELAY_DELIVER_JOB,
    // Delivery schedules its own retries with back-off (relay.delivery.ts); these are for a database hiccup.
    retryLimit: 5,
    retryDelaySeconds: 30,
    concurrency: 4,
    handle: async ({ messageId }) => {
      await relay.delivery.deliver(messageId);
    },
  };
  const sweep: JobDefinition<object> = {
    name: RELAY_SWEEP_JOB,
    cron: '* * * * *',
    retryLimit: 0,
    handle: async () => {
      await relay.delivery.sweep();
    },
  };
  const retention: JobDefinition<object> = {
    name: RELAY_RETENTION_JOB,
    cron: '23 3 * * *',
    retryLimit: 3,
    retryDelaySeconds: 600,
    handle: async () => {
      await purgeRelayStore(platform);
    },
  };
  return [deliver as JobDefinition<object>, sweep, retention];
}
