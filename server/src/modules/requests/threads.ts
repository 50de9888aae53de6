// Closing relay threads from requests and routing, inside the caller's transaction: a request closed,
// a lead declined or an end user anonymized commits together with its threads closed, so a crash can
// never leave an OPEN thread on a closed or declined assignment. The relay module owns threads; this
// mirrors what its closeThread does (relay/relay.service.ts): the row, the provider's
// `thread.status_changed` webhook (with the same event id, so a thread is announced once however it
// was closed) and, after the commit, THREAD_UPDATED to both parties.
import type { Sql } from '../../platform/db/sql.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import type { Platform } from '../../platform/platform.js';
import { publishConversationEvent } from '../relay/relay.events.js';
import type { ThreadCloser } from '../relay/relay.service.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';

export interface ClosedThread {
  id: string;
  requestId: string;
  assignmentId: string;
  workspaceId: string;
  userId: string | null;
}

/** What a transaction closed, to announce after its commit. */
export interface ClosedThreads {
  threads: ClosedThread[];
  webhookIds: string[];
}

/** Which threads to close: any of an assignment's, some requests' or an end user's. */
export interface ThreadScope {
  assignmentId?: string;
  requestIds?: string[];
  userId?: string;
}

export class RequestThreads {
  constructor(
    private readonly platform: Platform,
    private readonly webhooks: WebhooksService,
  ) {}

  /** Closes the scope's open threads in the caller's transaction and queues their webhooks (idempotent). */
  async closeInTx(tx: Sql, scope: ThreadScope, by: ThreadCloser): Promise<ClosedThreads> {
    const params: unknown[] = [by];
    const param = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    // Only the parts given, each by an indexed column (a request's threads through its assignments).
    const parts: string[] = [];
    if (scope.assignmentId) parts.push(`assignment_id = ${param(scope.assignmentId)}::uuid`);
    if (scope.requestIds?.length) {
      parts.push(`assignment_id IN (SELECT a.id FROM request_assignments a WHERE a.request_id = ANY(${param(scope.requestIds)}::uuid[]))`);
    }
    if (scope.userId) parts.push(`user_id = ${param(scope.userId)}::uuid`);
    if (parts.length === 0) return { threads: [], webhookIds: [] };
    const { rows } = await tx.query<ClosedThread & { closedAt: Date }>(
      `UPDATE relay_threads SET status = 'CLOSED', closed_by = $1, closed_at = now(), updated_at = now()
        WHERE status <> 'CLOSED' AND (${parts.join(' OR ')})
        RETURNING id, request_id AS "requestId", assignment_id AS "assignmentId", workspace_id AS "workspaceId", user_id AS "userId",
                  closed_at AS "closedAt"`,
      params,
    );
    const webhookIds: string[] = [];
    for (const t of rows) {
      webhookIds.push(
        ...(await this.webhooks.enqueue(tx, {
          workspaceIds: [t.workspaceId],
          event: 'thread.status_changed',
          eventId: `evt_thread_closed_${t.id}`,
          data: {
            threadId: toGlobalId('RelayThread', t.id),
            assignmentId: toGlobalId('RequestAssignment', t.assignmentId),
            status: 'CLOSED',
            closedBy: by,
            closedAt: t.closedAt.toISOString(),
          },
        })),
      );
    }
    return { threads: rows.map(({ closedAt: _closedAt, ...t }) => t), webhookIds };
  }

  /** After the commit: the webhooks sent, both parties told. */
  async announce(closed: ClosedThreads): Promise<void> {
    await this.webhooks.sendAll(closed.webhookIds).catch((error: Error) => {
      // The rows are committed and the deliveries stored: the close stands, like the relay's own closeThread.
      this.platform.log.warn({ err: { message: error.message } }, 'thread-closed webhook jobs not queued');
    });
    for (const t of closed.threads) {
      publishConversationEvent(
        this.platform.pubsub,
        { workspaceId: t.workspaceId, userId: t.userId },
        { kind: 'THREAD_UPDATED', requestId: t.requestId, assignmentId: t.assignmentId, threadId: t.id, messageId: null },
      );
    }
  }
}
