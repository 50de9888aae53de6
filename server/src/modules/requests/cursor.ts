// Keyset cursors of (timestamp, id) pages, validated before they reach SQL: a cursor that is not one
// of ours answers BAD_USER_INPUT, never a database error.
import { decodeCursor } from '../../platform/graphql/connection.js';
import { badInput } from '../../platform/graphql/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function decodeTimeIdCursor(after: string | null | undefined): { at: Date; id: string } | undefined {
  const cursor = decodeCursor(after, 2);
  if (!cursor) return undefined;
  const [at, id] = cursor;
  const date = typeof at === 'string' ? new Date(at) : new Date(Number.NaN);
  // Years PostgreSQL's timestamptz and an ISO string both hold.
  const year = date.getUTCFullYear();
  if (Number.isNaN(date.getTime()) || year < 1 || year > 9999 || typeof id !== 'string' || !UUID.test(id)) {
    throw badInput('"after" is not a valid cursor.');
  }
  return { at: date, id };
}
