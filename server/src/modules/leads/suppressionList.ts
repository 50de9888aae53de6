// The suppression list as the import reads it (the list itself is kept by the marketplace's
// SuppressionService): SHA-256 hashes of normalized emails and E.164 phones.
import { createHash } from 'node:crypto';
import type { Sql } from '../../platform/db/sql.js';

export const contactHash = (value: string) => createHash('sha256').update(value).digest('hex');

/** Every hash on the list, or null when it is empty (then an import hashes nothing). */
export async function suppressedHashes(sql: Sql): Promise<Set<string> | null> {
  const { rows } = await sql.query<{ hash: string }>(
    `SELECT email_hash AS hash FROM suppressions WHERE email_hash IS NOT NULL
     UNION ALL SELECT phone_hash FROM suppressions WHERE phone_hash IS NOT NULL`,
  );
  return rows.length === 0 ? null : new Set(rows.map((r) => r.hash));
}

/** True when the contact opted out (by email or by phone). */
export function isSuppressed(hashes: Set<string> | null, email: string, phone: string | null): boolean {
  if (!hashes) return false;
  return hashes.has(contactHash(email)) || (phone !== null && hashes.has(contactHash(phone)));
}
