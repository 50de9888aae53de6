// Per-request batch loaders for identity rows: each turns N lookups in one request into one query.
// Factories, not instances: a request builds only the loaders it uses (see modules/loaders.ts).
import DataLoader from 'dataloader';
import type { Db } from '../../platform/db/client.js';
import type { ViewerRow } from './session.service.js';
import { USER_SELECT } from './user.type.js';
import { WORKSPACE_SELECT } from './workspace.type.js';

const MEMBERSHIP_SELECT = { id: true, userId: true, workspaceId: true, role: true, createdAt: true } as const;

function byKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): (V | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

function groupByKey<K, V>(keys: readonly K[], rows: V[], keyOf: (row: V) => K): V[][] {
  const map = new Map<K, V[]>();
  for (const row of rows) {
    const k = keyOf(row);
    const list = map.get(k);
    if (list) list.push(row);
    else map.set(k, [row]);
  }
  return keys.map((k) => map.get(k) ?? []);
}

export function createIdentityLoaders(prisma: Db) {
  return {
    userById: () =>
      new DataLoader(async (ids: readonly string[]) =>
        byKey(
          ids,
          await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true, email: true } }),
          (u) => u.id,
        ),
      ),
    /** A person's own profile (for `me`); primed from the session lookup, so usually free. */
    userProfileById: () =>
      new DataLoader<string, ViewerRow | null>(async (ids) =>
        byKey(ids, await prisma.user.findMany({ where: { id: { in: [...ids] } }, select: USER_SELECT }), (u) => u.id),
      ),
    workspaceById: () =>
      new DataLoader(async (ids: readonly string[]) =>
        byKey(ids, await prisma.workspace.findMany({ where: { id: { in: [...ids] } }, select: WORKSPACE_SELECT }), (w) => w.id),
      ),
    workspaceMembershipsByUserId: () =>
      new DataLoader(async (userIds: readonly string[]) =>
        groupByKey(
          userIds,
          await prisma.workspaceMembership.findMany({
            where: { userId: { in: [...userIds] } },
            select: MEMBERSHIP_SELECT,
            orderBy: { createdAt: 'asc' },
          }),
          (m) => m.userId,
        ),
      ),
    workspaceMembershipsByWorkspaceId: () =>
      new DataLoader(async (workspaceIds: readonly string[]) =>
        groupByKey(
          workspaceIds,
          await prisma.workspaceMembership.findMany({
            where: { workspaceId: { in: [...workspaceIds] } },
            select: MEMBERSHIP_SELECT,
            orderBy: { createdAt: 'asc' },
          }),
          (m) => m.workspaceId,
        ),
      ),
  };
}

export { byKey, groupByKey };
