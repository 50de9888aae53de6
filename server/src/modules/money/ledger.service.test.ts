// The ledger's rules, enforced by the database itself: balanced entries, immutable postings, matching
// assets, no overdraw, one entry per idempotency key, and hot platform accounts that never queue.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../../platform/db/sql.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { expectLedgerSound } from '../../../test/money.js';
import { accounts } from './ledger.accounts.js';
import { InsufficientFundsError, transfer } from './ledger.service.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.stop());
afterEach(() => expectLedgerSound(app));

const ws = () => crypto.randomUUID();
const ledger = () => app.api.services.ledger;
const pool = () => app.api.platform.database.pool;

describe('ledger', () => {
  it('posts balanced entries and reads balances, including untracked platform accounts', async () => {
    const wallet = accounts.workspaceCredits(ws());
    await ledger().post({
      idempotencyKey: `t1:${wallet.code}`,
      kind: 'CREDIT_BONUS',
      description: 'x',
      postings: transfer(accounts.creditsIssued, wallet, '12.5'),
    });
    expect(await ledger().balance(wallet)).toBe('12.5000');
    const issuedBefore = await ledger().balance(accounts.creditsIssued);
    await ledger().post({
      idempotencyKey: `t2:${wallet.code}`,
      kind: 'CREDIT_BONUS',
      description: 'x',
      postings: transfer(accounts.creditsIssued, wallet, '1'),
    });
    expect(await ledger().balance(accounts.creditsIssued)).toBe(String((Number(issuedBefore) - 1).toFixed(4)));
    const { rows } = await pool().query(`SELECT balance::text FROM ledger_accounts WHERE code = $1`, [accounts.creditsIssued.code]);
    expect(rows[0].balance).toBe('0.0000'); // untracked: never updated, so never a queue
    const history = await ledger().history(wallet, { first: 10 });
    expect(history.map((h) => h.amount)).toEqual(['1.0000', '12.5000']);
  });

  it('refuses an entry whose postings do not sum to zero (deferred constraint trigger)', async () => {
    const walletId = await ledger().accountId(accounts.workspaceCredits(ws()));
    const issuedId = await ledger().accountId(accounts.creditsIssued);
    await expect(
      withTransaction(pool(), async (tx) => {
        const { rows } = await tx.query<{ id: string }>(
          `INSERT INTO journal_entries (idempotency_key, kind, description) VALUES ($1, 'CREDIT_BONUS', 'bad') RETURNING id`,
          [`bad:${walletId}`],
        );
        await tx.query(
          `INSERT INTO ledger_postings (entry_id, account_id, asset, amount) VALUES ($1, $2, 'CREDITS', 10), ($1, $3, 'CREDITS', -9)`,
          [rows[0]!.id, walletId, issuedId],
        );
      }),
    ).rejects.toThrow(/does not balance/);
  });

  it('refuses a posting in the wrong asset, and any change to a posting', async () => {
    const wallet = accounts.workspaceCredits(ws());
    await ledger().post({
      idempotencyKey: `ok:${wallet.code}`,
      kind: 'CREDIT_BONUS',
      description: 'x',
      postings: transfer(accounts.creditsIssued, wallet, '5'),
    });
    await expect(
      ledger().post({
        idempotencyKey: `asset:${wallet.code}`,
        kind: 'CREDIT_BONUS',
        description: 'x',
        postings: [
          { account: accounts.platformRevenue, amount: '-1' },
          { account: { ...wallet, asset: 'USD' }, amount: '1' },
        ],
      }),
    ).rejects.toThrow(/does not match account asset/);
    await expect(
      pool().query(`UPDATE ledger_postings SET amount = 500 WHERE id = (SELECT max(id) FROM ledger_postings)`),
    ).rejects.toThrow();
    await expect(pool().query(`DELETE FROM ledger_postings WHERE id = (SELECT max(id) FROM ledger_postings)`)).rejects.toThrow();
    await expect(
      pool().query(`UPDATE journal_entries SET description = 'changed' WHERE idempotency_key = $1`, [`ok:${wallet.code}`]),
    ).rejects.toThrow();
  });

  it('refuses an overdraw of an account that forbids it, and records one entry per idempotency key', async () => {
    const wallet = accounts.workspaceCredits(ws());
    await expect(
      ledger().post({
        idempotencyKey: `over:${wallet.code}`,
        kind: 'CREDIT_SPEND',
        description: 'x',
        postings: transfer(wallet, accounts.creditsRedeemed, '0.0001'),
      }),
    ).rejects.toBeInstanceOf(InsufficientFundsError);
    const entry = {
      idempotencyKey: `dup:${wallet.code}`,
      kind: 'CREDIT_BONUS' as const,
      description: 'x',
      postings: transfer(accounts.creditsIssued, wallet, '3'),
    };
    const results = await Promise.all([ledger().post(entry), ledger().post(entry), ledger().post(entry)]);
    expect(results.filter((r) => !r.duplicate)).toHaveLength(1);
    expect(new Set(results.map((r) => r.entryId)).size).toBe(1);
    expect(await ledger().balance(wallet)).toBe('3.0000');
  });
});
