// What the database itself guarantees, whatever the application code does: immutable audit log and
// ledger postings, double entry (every journal entry sums to zero), no overdraw under concurrency,
// and check constraints on the core records.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/db.js';

let database: TestDatabase;
let pool: pg.Pool;

beforeAll(async () => {
  database = await createTestDatabase();
  pool = new pg.Pool({ connectionString: database.url, max: 12 });
});
afterAll(async () => {
  await pool?.end();
  await database?.drop();
});

async function account(code: string, asset: 'CREDITS' | 'USD', allowNegative = false): Promise<string> {
  const { rows } = await pool.query<{ id: string }>(
    `INSERT INTO ledger_accounts (code, kind, asset, allow_negative) VALUES ($1, 'TEST', $2, $3) RETURNING id`,
    [code, asset, allowNegative],
  );
  return rows[0]!.id;
}

/** Posts one journal entry in its own transaction, its postings in one statement (as LedgerService does). */
async function post(key: string, postings: [accountId: string, asset: string, amount: string][]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('BEGIN');
    const { rows } = await client.query<{ id: string }>(
      `INSERT INTO journal_entries (idempotency_key, kind, description) VALUES ($1, 'TEST', 'test') RETURNING id`,
      [key],
    );
    await client.query(
      `INSERT INTO ledger_postings (entry_id, account_id, asset, amount)
       SELECT $1, p.account_id, p.asset::"LedgerAsset", p.amount FROM unnest($2::uuid[], $3::text[], $4::numeric[]) AS p(account_id, asset, amount)`,
      [rows[0]!.id, postings.map((p) => p[0]), postings.map((p) => p[1]), postings.map((p) => p[2])],
    );
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

const balance = async (id: string) =>
  (await pool.query<{ balance: string }>('SELECT balance FROM ledger_accounts WHERE id = $1', [id])).rows[0]!.balance;

describe('ledger', () => {
  it('moves balances with postings and refuses an entry that does not sum to zero', async () => {
    const issued = await account('test:issued', 'CREDITS', true);
    const wallet = await account('test:wallet', 'CREDITS');
    await post('grant-1', [
      [issued, 'CREDITS', '-100.0000'],
      [wallet, 'CREDITS', '100.0000'],
    ]);
    expect(await balance(wallet)).toBe('100.0000');
    await expect(
      post('bad-1', [
        [issued, 'CREDITS', '-5'],
        [wallet, 'CREDITS', '4.9999'],
      ]),
    ).rejects.toThrow(/does not balance/);
    expect(await balance(wallet)).toBe('100.0000');
    expect((await pool.query(`SELECT 1 FROM journal_entries WHERE idempotency_key = 'bad-1'`)).rowCount).toBe(0);
    // Each statement's postings must balance: an entry cannot be left lopsided between statements.
    const client = await pool.connect();
    try {
      await client.query('BEGIN');
      const { rows } = await client.query<{ id: string }>(
        `INSERT INTO journal_entries (idempotency_key, kind, description) VALUES ('split', 'TEST', 'test') RETURNING id`,
      );
      await expect(
        client.query(`INSERT INTO ledger_postings (entry_id, account_id, asset, amount) VALUES ($1, $2, 'CREDITS', -1)`, [
          rows[0]!.id,
          issued,
        ]),
      ).rejects.toThrow(/does not balance/);
    } finally {
      await client.query('ROLLBACK');
      client.release();
    }
  });

  it('applies an idempotency key once', async () => {
    const issued = await account('test:issued-2', 'CREDITS', true);
    const wallet = await account('test:wallet-2', 'CREDITS');
    await post('once', [
      [issued, 'CREDITS', '-1'],
      [wallet, 'CREDITS', '1'],
    ]);
    await expect(
      post('once', [
        [issued, 'CREDITS', '-1'],
        [wallet, 'CREDITS', '1'],
      ]),
    ).rejects.toThrow(/duplicate key/);
    expect(await balance(wallet)).toBe('1.0000');
  });

  it('refuses a posting whose asset differs from its account', async () => {
    const usd = await account('test:usd', 'USD', true);
    const credits = await account('test:credits', 'CREDITS', true);
    await expect(
      post('mixed', [
        [usd, 'CREDITS', '-1'],
        [credits, 'CREDITS', '1'],
      ]),
    ).rejects.toThrow(/does not match account asset/);
  });

  it('never overdraws a wallet, even with 20 concurrent spends', async () => {
    const issued = await account('test:issued-3', 'CREDITS', true);
    const revenue = await account('test:revenue', 'CREDITS', true);
    const wallet = await account('test:wallet-3', 'CREDITS');
    await post('fund', [
      [issued, 'CREDITS', '-50'],
      [wallet, 'CREDITS', '50'],
    ]);
    const spends = await Promise.allSettled(
      Array.from({ length: 20 }, (_, i) =>
        post(`spend-${i}`, [
          [wallet, 'CREDITS', '-10'],
          [revenue, 'CREDITS', '10'],
        ]),
      ),
    );
    expect(spends.filter((s) => s.status === 'fulfilled')).toHaveLength(5);
    expect(await balance(wallet)).toBe('0.0000');
    // The ledger as a whole still sums to zero per asset, and balances equal their postings.
    const totals = await pool.query(`SELECT asset, SUM(amount) AS total FROM ledger_postings GROUP BY asset`);
    for (const row of totals.rows) expect(Number(row.total)).toBe(0);
    const drift = await pool.query(
      `SELECT a.id FROM ledger_accounts a LEFT JOIN ledger_postings p ON p.account_id = a.id GROUP BY a.id HAVING a.balance <> COALESCE(SUM(p.amount), 0)`,
    );
    expect(drift.rowCount).toBe(0);
  });

  it('keeps postings and journal entries immutable', async () => {
    await expect(pool.query('UPDATE ledger_postings SET amount = amount + 1')).rejects.toThrow(/immutable/);
    await expect(pool.query('DELETE FROM ledger_postings')).rejects.toThrow(/immutable/);
    await expect(pool.query(`UPDATE journal_entries SET description = 'edited'`)).rejects.toThrow(/immutable/);
  });
});

describe('audit log', () => {
  it('refuses UPDATE, DELETE and TRUNCATE', async () => {
    await pool.query(`INSERT INTO audit_log (actor_kind, action) VALUES ('SYSTEM', 'test.event')`);
    await expect(pool.query(`UPDATE audit_log SET action = 'tampered'`)).rejects.toThrow(/immutable/);
    await expect(pool.query('DELETE FROM audit_log')).rejects.toThrow(/immutable/);
    await expect(pool.query('TRUNCATE audit_log')).rejects.toThrow(/immutable/);
    expect((await pool.query(`SELECT 1 FROM audit_log WHERE action = 'test.event'`)).rowCount).toBe(1);
  });
});

describe('core records', () => {
  it('enforces lead ownership, normalized contacts and unique email and phone', async () => {
    const industry = (await pool.query<{ id: string }>('SELECT id FROM industries LIMIT 1')).rows[0]!.id;
    const insert = (fields: Record<string, unknown>) => {
      const row = {
        owner_kind: 'PLATFORM',
        first_name: 'A',
        last_name: 'B',
        company_name: 'C',
        industry_id: industry,
        country: 'US',
        source: 'test',
        collected_at: new Date(),
        lawful_basis: 'test',
        ...fields,
      };
      const keys = Object.keys(row);
      return pool.query(
        `INSERT INTO leads (${keys.join(', ')}) VALUES (${keys.map((_, i) => `$${i + 1}`).join(', ')})`,
        Object.values(row),
      );
    };
    await insert({ email: 'a@b.test', phone: '+14155550100' });
    await expect(insert({ email: 'A@B.test' })).rejects.toThrow(/leads_email_normalized|duplicate key/);
    await expect(insert({ email: 'other@b.test', phone: '+14155550100' })).rejects.toThrow(/duplicate key/);
    await expect(insert({ email: 'x@b.test', owner_kind: 'PARTNER' })).rejects.toThrow(/leads_owner_consistent/);
    await expect(insert({ email: 'y@b.test', phone: '415-555' })).rejects.toThrow(/leads_phone_e164/);
    await expect(insert({ email: null, phone: null })).rejects.toThrow(/leads_contact_present/);
    await expect(insert({ email: 'z@b.test', intent_score: 0 })).rejects.toThrow(/leads_intent_score_range/);
  });

  it('keeps one membership per person and workspace, and one pending invitation per address', async () => {
    const user = (await pool.query<{ id: string }>(`INSERT INTO users (email, name) VALUES ('m@x.test', 'M') RETURNING id`)).rows[0]!.id;
    const ws = (
      await pool.query<{ id: string }>(`INSERT INTO workspaces (kind, name, slug) VALUES ('BUYER', 'W', 'w-unique') RETURNING id`)
    ).rows[0]!.id;
    await pool.query(`INSERT INTO workspace_memberships (workspace_id, user_id, role) VALUES ($1, $2, 'OWNER')`, [ws, user]);
    await expect(
      pool.query(`INSERT INTO workspace_memberships (workspace_id, user_id, role) VALUES ($1, $2, 'MEMBER')`, [ws, user]),
    ).rejects.toThrow(/duplicate key/);
    const invite = (hash: string) =>
      pool.query(
        `INSERT INTO invitations (workspace_id, email, role, token_hash, invited_by_id, expires_at) VALUES ($1, 'new@x.test', 'MEMBER', $2, $3, now() + interval '1 day')`,
        [ws, hash, user],
      );
    await invite('h1');
    await expect(invite('h2')).rejects.toThrow(/invitations_pending_unique/);
    await expect(pool.query(`INSERT INTO users (email, name) VALUES ('Upper@X.test', 'U')`)).rejects.toThrow(/users_email_normalized/);
    await expect(
      pool.query(`INSERT INTO api_keys (workspace_id, name, prefix, key_hash, created_by_id) VALUES ($1, 'k', 'sk_live_x', 'h', $2)`, [
        ws,
        user,
      ]),
    ).rejects.toThrow(/api_keys_prefix_format/);
  });
});
