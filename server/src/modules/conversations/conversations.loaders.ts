// Per-request batch loaders of the conversations module: an inbox page of 50 assignments asking for
// their threads and messages costs a few queries, not 50 of each. Kept beside the context (one set
// per request or subscription operation, never shared), built on first use.
import DataLoader from 'dataloader';
import type { Context } from '../../platform/graphql/context.js';
import { byKey, groupByKey } from '../identity/identity.loaders.js';
import { relayEventOf } from './conversations.views.js';
import {
  ADMIN_MESSAGE_SELECT,
  type AdminMessageRow,
  MESSAGE_SELECT,
  type MessageRow,
  THREAD_SELECT,
  type ThreadRow,
} from './conversations.views.js';
import type { RelayEvent } from './conversations.types.js';

/** Events shown per thread in the admin view (newest first); the full list is in relayEvents. */
export const THREAD_EVENTS_SHOWN = 200;

function build(ctx: Context) {
  const prisma = ctx.platform.prisma;
  const pool = ctx.platform.database.pool;
  return {
    threadById: new DataLoader<string, ThreadRow | null>(async (ids) =>
      byKey(
        ids,
        (await prisma.relayThread.findMany({ where: { id: { in: [...ids] } }, select: THREAD_SELECT })) as ThreadRow[],
        (t) => t.id,
      ),
    ),
    messagesByThreadId: new DataLoader<string, MessageRow[]>(async (threadIds) =>
      groupByKey(
        threadIds,
        (await prisma.relayMessage.findMany({
          where: { threadId: { in: [...threadIds] } },
          select: MESSAGE_SELECT,
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        })) as MessageRow[],
        (m) => m.threadId,
      ),
    ),
    adminMessagesByThreadId: new DataLoader<string, AdminMessageRow[]>(async (threadIds) =>
      groupByKey(
        threadIds,
        (await prisma.relayMessage.findMany({
          where: { threadId: { in: [...threadIds] } },
          select: ADMIN_MESSAGE_SELECT,
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        })) as AdminMessageRow[],
        (m) => m.threadId,
      ),
    ),
    eventsByThreadId: new DataLoader<string, RelayEvent[]>(async (threadIds) => {
      const { rows } = await pool.query<{
        id: string;
        at: Date;
        kind: string;
        reason: string;
        thread_id: string;
        message_id: string | null;
      }>(
        `SELECT id::text, at, kind, reason, thread_id, message_id FROM (
           SELECT e.*, row_number() OVER (PARTITION BY e.thread_id ORDER BY e.at DESC, e.id DESC) AS n
             FROM relay_events e WHERE e.thread_id = ANY($1::uuid[])) x
          WHERE n <= $2 ORDER BY at DESC, id DESC`,
        [[...threadIds], THREAD_EVENTS_SHOWN],
      );
      return groupByKey(threadIds, rows, (r) => r.thread_id).map((list) => list.map(relayEventOf));
    }),
  };
}

export type ConversationLoaders = ReturnType<typeof build>;

const perRequest = new WeakMap<object, ConversationLoaders>();

/** The loaders of this request (its context's loaders object identifies the request). */
export function conversationLoaders(ctx: Context): ConversationLoaders {
  let loaders = perRequest.get(ctx.loaders);
  if (!loaders) {
    loaders = build(ctx);
    perRequest.set(ctx.loaders, loaders);
  }
  return loaders;
}
