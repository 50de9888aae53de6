// The usual list order: newest first by (created_at, id), paged by a keyset cursor (uploads,
// inventory, duplicate flags, purchases).
import { decodeCursor } from '../graphql/connection.js';

export interface CreatedAtCursor {
  createdAt: Date;
  id: string;
}

export const NEWEST_FIRST = [{ createdAt: 'desc' as const }, { id: 'desc' as const }];

/** `where`, narrowed to the rows after the cursor in NEWEST_FIRST order. */
export function afterCursor<W extends object>(where: W, cursor: CreatedAtCursor | null): W | { AND: object[] } {
  if (!cursor) return where;
  return { AND: [where, { OR: [{ createdAt: { lt: cursor.createdAt } }, { createdAt: cursor.createdAt, id: { lt: cursor.id } }] }] };
}

/** The cursor key of a row in NEWEST_FIRST order. */
export const createdAtKey = (row: CreatedAtCursor): [string, string] => [row.createdAt.toISOString(), row.id];

/** A connection's `after` argument as a cursor of NEWEST_FIRST order (malformed → BAD_USER_INPUT). */
export function decodeCreatedAtCursor(after: string | null | undefined): CreatedAtCursor | null {
  const key = decodeCursor(after, 2);
  return key ? { createdAt: new Date(String(key[0])), id: String(key[1]) } : null;
}
