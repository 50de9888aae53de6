// The double-entry ledger: the one place money and credits move. Other modules call `post` (alone, or
// inside their own transaction), `balance` and `history`. The database enforces the rules: postings
// sum to zero per entry and asset (deferred constraint trigger), balances move in the same statement
// (posting trigger), a CHECK refuses an overdraw, postings are immutable, and the idempotency key is
// unique, so an entry happens at most once.
import { money } from '@hotlead/domain';
import type pg from 'pg';
import { pgError, type Sql } from '../../platform/db/sql.js';
import type { AccountSpec, EntryKind, LedgerAsset } from './ledger.accounts.js';

export interface PostingInput {
  account: AccountSpec;
  /** Signed decimal string: positive adds to the account, negative takes from it. */
  amount: string;
}

export interface EntryInput {
  idempotencyKey: string;
  kind: EntryKind;
  description: string;
  details?: Record<string, unknown>;
  postings: PostingInput[];
}

export interface PostResult {
  entryId: string;
  /** True when an entry with this idempotency key already existed: nothing moved. */
  duplicate: boolean;
}

/** An account that may not go negative would have. The transaction it ran in is aborted. */
export class InsufficientFundsError extends Error {
  constructor() {
    super('insufficient balance');
  }
}

export interface LedgerHistoryRow {
  postingId: string;
  entryId: string;
  kind: EntryKind;
  description: string;
  details: Record<string, unknown>;
  amount: string;
  createdAt: Date;
}

/** Moves `amount` from one account to another: the common two-posting entry. */
export function transfer(from: AccountSpec, to: AccountSpec, amount: string): PostingInput[] {
  return [
    { account: from, amount: money.subtract('0', amount) },
    { account: to, amount },
  ];
}

export class LedgerService {
  /** Account ids never change once created, so they are cached for the life of the process. */
  private readonly accountIds = new Map<string, string>();

  constructor(private readonly pool: pg.Pool) {}

  /**
   * The account's id, creating it on first use. Inside a caller's transaction (`sql`) the lookup and
   * creation run on that transaction's connection: holding one pooled connection while waiting for
   * another can starve the pool. Only ids read outside any transaction are cached, so a rolled-back
   * creation never leaves a stale id behind.
   */
  async accountId(spec: AccountSpec, sql: Sql = this.pool): Promise<string> {
    const cached = this.accountIds.get(spec.code);
    if (cached) return cached;
    const id = await this.createAccount(spec, sql);
    if (sql === this.pool) this.accountIds.set(spec.code, id);
    return id;
  }

  private async createAccount(spec: AccountSpec, sql: Sql): Promise<string> {
    const inserted = await sql.query<{ id: string }>(
      `INSERT INTO ledger_accounts (code, kind, asset, workspace_id, partner_org_id, allow_negative, tracks_balance)
       VALUES ($1, $2, $3::"LedgerAsset", $4, $5, $6, $7)
       ON CONFLICT (code) DO NOTHING RETURNING id`,
      [spec.code, spec.kind, spec.asset, spec.workspaceId ?? null, spec.partnerOrgId ?? null, spec.allowNegative, spec.tracksBalance],
    );
    if (inserted.rows[0]) return inserted.rows[0].id;
    // Someone else created it; a new statement (new snapshot) sees their committed row.
    const existing = await sql.query<{ id: string }>('SELECT id FROM ledger_accounts WHERE code = $1', [spec.code]);
    return existing.rows[0]!.id;
  }

  /**
   * Records one journal entry in a single statement. With `sql` a transaction's client, it commits
   * with the caller's work; otherwise it commits alone. Throws InsufficientFundsError on an overdraw.
   */
  async post(entry: EntryInput, sql: Sql = this.pool): Promise<PostResult> {
    if (entry.postings.length < 2) throw new Error('an entry needs at least two postings');
    for (const p of entry.postings) {
      if (money.compare(p.amount, '0') === 0) throw new Error('a posting cannot be zero');
    }
    const ids: string[] = [];
    for (const p of entry.postings) ids.push(await this.accountId(p.account, sql));
    // Alone, on a connection of our own: pg's pool.query destroys its connection on any error, and a
    // refused overdraw is an error we expect, so a reconnect per refusal would be the cost otherwise.
    const own = sql === this.pool ? await this.pool.connect() : null;
    let rows: { id: string | null }[];
    try {
      ({ rows } = await (own ?? sql).query<{ id: string | null }>({
        name: 'ledger_post',
        text: `WITH entry AS (
           INSERT INTO journal_entries (idempotency_key, kind, description, details)
           VALUES ($1, $2, $3, $4::jsonb)
           ON CONFLICT (idempotency_key) DO NOTHING RETURNING id),
         posted AS (
           INSERT INTO ledger_postings (entry_id, account_id, asset, amount)
           SELECT entry.id, p.account_id, p.asset::"LedgerAsset", p.amount
             FROM entry, unnest($5::uuid[], $6::text[], $7::numeric[]) AS p(account_id, asset, amount)
           RETURNING 1)
         SELECT (SELECT id FROM entry) AS id, (SELECT count(*) FROM posted) AS n`,
        values: [
          entry.idempotencyKey,
          entry.kind,
          entry.description,
          JSON.stringify(entry.details ?? {}),
          ids,
          entry.postings.map((p) => p.account.asset),
          entry.postings.map((p) => p.amount),
        ],
      }));
    } catch (error) {
      if (pgError(error).constraint === 'ledger_accounts_balance_non_negative') throw new InsufficientFundsError();
      throw error;
    } finally {
      own?.release();
    }
    const created = rows[0]?.id;
    if (created) return { entryId: created, duplicate: false };
    const existing = await sql.query<{ id: string }>('SELECT id FROM journal_entries WHERE idempotency_key = $1', [entry.idempotencyKey]);
    return { entryId: existing.rows[0]!.id, duplicate: true };
  }

  /** Whether an entry with this key has been recorded. */
  async hasEntry(idempotencyKey: string, sql: Sql = this.pool): Promise<boolean> {
    const { rowCount } = await sql.query('SELECT 1 FROM journal_entries WHERE idempotency_key = $1', [idempotencyKey]);
    return (rowCount ?? 0) > 0;
  }

  /** The account's balance as a decimal string ("0.0000" for an account never used). */
  async balance(spec: AccountSpec, sql: Sql = this.pool): Promise<string> {
    const balances = await this.balances([spec], sql);
    return balances.get(spec.code)!;
  }

  /** Balances of several accounts in one statement, keyed by account code. */
  async balances(specs: AccountSpec[], sql: Sql = this.pool): Promise<Map<string, string>> {
    const { rows } = await sql.query<{ code: string; balance: string }>(
      `SELECT a.code,
              (CASE WHEN a.tracks_balance THEN a.balance
                    ELSE COALESCE((SELECT sum(p.amount) FROM ledger_postings p WHERE p.account_id = a.id), 0) END)::text AS balance
         FROM ledger_accounts a WHERE a.code = ANY($1::text[])`,
      [specs.map((s) => s.code)],
    );
    const found = new Map(rows.map((r) => [r.code, money.add(r.balance)]));
    return new Map(specs.map((s) => [s.code, found.get(s.code) ?? '0.0000']));
  }

  /** The account's postings, newest first, keyset-paged by posting id. */
  async history(spec: AccountSpec, page: { first: number; before?: string | null }, sql: Sql = this.pool): Promise<LedgerHistoryRow[]> {
    const { rows } = await sql.query<{
      posting_id: string;
      entry_id: string;
      kind: EntryKind;
      description: string;
      details: Record<string, unknown>;
      amount: string;
      created_at: Date;
    }>(
      `SELECT p.id::text AS posting_id, p.entry_id, e.kind, e.description, e.details, p.amount::text AS amount, p.created_at
         FROM ledger_postings p
         JOIN ledger_accounts a ON a.id = p.account_id
         JOIN journal_entries e ON e.id = p.entry_id
        WHERE a.code = $1 AND ($2::bigint IS NULL OR p.id < $2::bigint)
        ORDER BY p.id DESC LIMIT $3`,
      [spec.code, page.before ?? null, page.first],
    );
    return rows.map((r) => ({
      postingId: r.posting_id,
      entryId: r.entry_id,
      kind: r.kind,
      description: r.description,
      details: r.details,
      amount: money.add(r.amount),
      createdAt: r.created_at,
    }));
  }

  /** How many postings the account has, counted up to `cap` + 1. */
  async countPostings(spec: AccountSpec, cap = 10_000): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id WHERE a.code = $1 LIMIT $2) t`,
      [spec.code, cap + 1],
    );
    return rows[0]!.n;
  }

  /** Per asset, the sum of every posting ever made: zero in a sound ledger (checked after every money test). */
  async totals(sql: Sql = this.pool): Promise<Record<LedgerAsset, string>> {
    const { rows } = await sql.query<{ asset: LedgerAsset; total: string }>(
      `SELECT asset::text AS asset, sum(amount)::text AS total FROM ledger_postings GROUP BY asset`,
    );
    const totals: Record<LedgerAsset, string> = { CREDITS: '0.0000', USD: '0.0000' };
    for (const r of rows) totals[r.asset] = money.add(r.total);
    return totals;
  }
}
