// Closing relay threads from requests and routing. The relay module owns threads (RelayService in
// relay/relay.service.ts); this asks it first and then makes sure the row is closed, so a request
// closed, declined or anonymized never leaves an open thread behind — also while the relay module
// answers with a stub or fails.
import type { Platform } from '../../platform/platform.js';
import { publishConversationEvent } from '../relay/relay.events.js';
import type { RelayService, ThreadCloser } from '../relay/relay.service.js';

/** The RelayService inside whatever the relay module handed over (the service itself or its bag). */
function relayServiceOf(relay: unknown): Pick<RelayService, 'closeThread'> | null {
  if (!relay || typeof relay !== 'object') return null;
  if (typeof (relay as Partial<RelayService>).closeThread === 'function') return relay as RelayService;
  const inner = (relay as { relay?: unknown }).relay;
  if (inner && typeof inner === 'object' && typeof (inner as Partial<RelayService>).closeThread === 'function') {
    return inner as RelayService;
  }
  return null;
}

export class RequestThreads {
  constructor(
    private readonly platform: Platform,
    private readonly relay: unknown,
  ) {}

  /** Closes a thread (idempotent). */
  async close(threadId: string, by: ThreadCloser): Promise<void> {
    const service = relayServiceOf(this.relay);
    if (service) {
      try {
        await service.closeThread(threadId, by);
      } catch (error) {
        this.platform.log.warn({ threadId, err: { message: (error as Error).message } }, 'relay closeThread failed; closing the row');
      }
    }
    const { rows } = await this.platform.database.pool.query<{
      requestId: string;
      assignmentId: string;
      workspaceId: string;
      userId: string | null;
    }>(
      `UPDATE relay_threads SET status = 'CLOSED', closed_by = $2, closed_at = now(), updated_at = now()
        WHERE id = $1 AND status <> 'CLOSED'
        RETURNING request_id AS "requestId", assignment_id AS "assignmentId", workspace_id AS "workspaceId", user_id AS "userId"`,
      [threadId, by],
    );
    const row = rows[0];
    if (row) {
      publishConversationEvent(this.platform.pubsub, row, {
        kind: 'THREAD_UPDATED',
        requestId: row.requestId,
        assignmentId: row.assignmentId,
        threadId,
        messageId: null,
      });
    }
  }
}
