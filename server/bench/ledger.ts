// Ledger benchmarks (issue 3), against the real services on the bench's embedded PostgreSQL:
//   a. 1,000 concurrent spends of random sizes against one wallet through CreditsService.spend: zero
//      overdraw, exactly the affordable spends succeed, the ledger sums to zero; throughput vs a bare,
//      unconditional single-row `UPDATE ledger_accounts SET balance = balance - $1` loop on the same
//      table, same pool and concurrency, in the same run (alternating rounds, medians reported).
//   b. Ledger post latency with 20 concurrent writers, each on its own wallet (all sharing the hot
//      platform account on the other side), after an unmeasured warm-up round of the same size, vs a
//      bare single-row INSERT (one commit each) into a scratch table and a `SELECT 1` round trip at the
//      same concurrency.
import { money } from '@hotlead/domain';
import { startApi } from '../src/app.js';
import { loadConfig } from '../src/platform/config.js';
import { migrateDeploy } from '../src/platform/db/migrate.js';
import { embeddedPort, embeddedUrl } from '../src/platform/db/embedded.js';
import { resolveDatabase, withDatabase } from '../src/platform/db/resolve.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { accounts } from '../src/modules/money/ledger.accounts.js';
import { InsufficientFundsError, transfer } from '../src/modules/money/ledger.service.js';
import { median, recreateDatabase, round } from './util.js';

export const BENCH_LEDGER_DATABASE = 'hotlead_bench_ledger';
export const SPENDS = 1_000;
export const ROUNDS = 3;
export const WRITERS = 20;
export const POSTS_PER_WRITER = 250;

export interface SpendRound {
  spendsPerSecond: number;
  updatesPerSecond: number;
  succeeded: number;
  refused: number;
  startingBalance: string;
  finalBalance: string;
  /** Refused spends that were affordable at the end (must be 0: the balance only goes down). */
  wronglyRefused: number;
}

export interface LedgerBenchResult {
  spends: SpendRound[];
  spendsPerSecondMedian: number;
  updatesPerSecondMedian: number;
  ratio: number;
  ledgerTotals: Record<string, string>;
  post: { p50Ms: number; p95Ms: number; p99Ms: number; postsPerSecond: number; posts: number };
  insertCommit: { p50Ms: number; p95Ms: number; p99Ms: number; perSecond: number };
  selectOne: { p50Ms: number; p95Ms: number; p99Ms: number };
  poolSize: number;
  database: string;
}

function percentile(sorted: number[], p: number): number {
  return round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!, 2);
}

/** A random spend of 0.0001 to 100.0000 credits, exact to 4 places. */
const randomCredits = () => money.fromUnits(BigInt(1 + Math.floor(Math.random() * 1_000_000)));

export async function benchLedger(log: (line: string) => void): Promise<LedgerBenchResult> {
  const config = loadConfig({ ...process.env, PORT: '0', LOG_LEVEL: 'silent', SERVE_WEB: 'false', NODE_ENV: 'production' });
  const database = await resolveDatabase(config.DATABASE_URL, 'bench');
  try {
    const serverUrl = config.DATABASE_URL ?? embeddedUrl(embeddedPort('bench'));
    await recreateDatabase(serverUrl, BENCH_LEDGER_DATABASE);
    const url = withDatabase(serverUrl, BENCH_LEDGER_DATABASE);
    await migrateDeploy(url);
    const api = await startApi(config, url, createLogger('silent'), { runWorkers: false });
    try {
      const { credits, ledger } = api.services;
      const pool = api.platform.database.pool;
      const baselineId = await ledger.accountId({ ...accounts.providerClearing, code: 'bench:baseline-row', tracksBalance: true });

      const rounds: SpendRound[] = [];
      for (let round_ = 0; round_ < ROUNDS; round_ += 1) {
        // Baseline: the same number of bare, unconditional single-row updates, all at once.
        const amounts = Array.from({ length: SPENDS }, randomCredits);
        let started = performance.now();
        await Promise.all(
          amounts.map((a) => pool.query('UPDATE ledger_accounts SET balance = balance - $1 WHERE id = $2', [a, baselineId])),
        );
        const updatesPerSecond = SPENDS / ((performance.now() - started) / 1000);
        await pool.query('UPDATE ledger_accounts SET balance = 0 WHERE id = $1', [baselineId]);

        // Spends: a wallet holding about half of what is asked for.
        const workspaceId = crypto.randomUUID();
        const asked = money.add(...amounts);
        const startingBalance = money.fromUnits(money.toUnits(asked) / 2n);
        await ledger.post({
          idempotencyKey: `bench:fund:${workspaceId}`,
          kind: 'CREDIT_BONUS',
          description: 'bench',
          postings: transfer(accounts.creditsIssued, accounts.workspaceCredits(workspaceId), startingBalance),
        });
        started = performance.now();
        const outcomes = await Promise.all(
          amounts.map((creditsToSpend, i) =>
            credits
              .spend({
                workspaceId,
                credits: creditsToSpend,
                idempotencyKey: `bench:spend:${workspaceId}:${i}`,
                description: 'bench spend',
              })
              .then(() => ({ ok: true as const, creditsToSpend }))
              .catch((error: unknown) => {
                if (error instanceof InsufficientFundsError) return { ok: false as const, creditsToSpend };
                throw error;
              }),
          ),
        );
        const spendsPerSecond = SPENDS / ((performance.now() - started) / 1000);
        const finalBalance = await credits.balance(workspaceId);
        const spent = money.add('0', ...outcomes.filter((o) => o.ok).map((o) => o.creditsToSpend));
        if (money.compare(money.subtract(startingBalance, spent), finalBalance) !== 0)
          throw new Error('balance does not equal funding minus successful spends');
        if (money.compare(finalBalance, '0') < 0) throw new Error('overdrawn');
        const wronglyRefused = outcomes.filter((o) => !o.ok && money.compare(o.creditsToSpend, finalBalance) <= 0).length;
        if (wronglyRefused) throw new Error(`${wronglyRefused} affordable spends were refused`);
        rounds.push({
          spendsPerSecond: round(spendsPerSecond, 0),
          updatesPerSecond: round(updatesPerSecond, 0),
          succeeded: outcomes.filter((o) => o.ok).length,
          refused: outcomes.filter((o) => !o.ok).length,
          startingBalance,
          finalBalance,
          wronglyRefused,
        });
        log(`round ${round_ + 1}: ${round(spendsPerSecond, 0)} spends/s vs ${round(updatesPerSecond, 0)} bare updates/s`);
      }
      const ledgerTotals = await ledger.totals();
      if (ledgerTotals['CREDITS'] !== '0.0000' || ledgerTotals['USD'] !== '0.0000')
        throw new Error(`ledger does not sum to zero: ${JSON.stringify(ledgerTotals)}`);

      // b. Post latency: 20 writers, each its own wallet, one after another within a writer.
      const concurrently = async (work: (writer: number, i: number) => Promise<unknown>) => {
        const times: number[] = [];
        const started = performance.now();
        await Promise.all(
          Array.from({ length: WRITERS }, async (_, w) => {
            for (let i = 0; i < POSTS_PER_WRITER; i += 1) {
              const t = performance.now();
              await work(w, i);
              times.push(performance.now() - t);
            }
          }),
        );
        return { times: times.sort((a, b) => a - b), perSecond: times.length / ((performance.now() - started) / 1000) };
      };
      const wallets = Array.from({ length: WRITERS }, () => accounts.workspaceCredits(crypto.randomUUID()));
      for (const wallet of wallets) await ledger.accountId(wallet);
      const post = (round: string) => (w: number, i: number) =>
        ledger.post({
          idempotencyKey: `bench:post:${round}:${wallets[w]!.code}:${i}`,
          kind: 'CREDIT_BONUS',
          description: 'bench',
          postings: transfer(accounts.creditsIssued, wallets[w]!, '1'),
        });
      await concurrently(post('warm-up'));
      const posts = await concurrently(post('measured'));
      await pool.query('CREATE TABLE bench_commit_baseline (id bigserial PRIMARY KEY, v int NOT NULL)');
      const inserts = await concurrently(() => pool.query('INSERT INTO bench_commit_baseline (v) VALUES (1)'));
      const selects = await concurrently(() => pool.query('SELECT 1'));
      const latencies = posts.times;
      const postsPerSecond = posts.perSecond;
      const spendsMedian = median(rounds.map((r) => r.spendsPerSecond));
      const updatesMedian = median(rounds.map((r) => r.updatesPerSecond));
      return {
        spends: rounds,
        spendsPerSecondMedian: spendsMedian,
        updatesPerSecondMedian: updatesMedian,
        ratio: round(spendsMedian / updatesMedian, 3),
        ledgerTotals,
        post: {
          p50Ms: percentile(latencies, 50),
          p95Ms: percentile(latencies, 95),
          p99Ms: percentile(latencies, 99),
          postsPerSecond: round(postsPerSecond, 0),
          posts: latencies.length,
        },
        insertCommit: {
          p50Ms: percentile(inserts.times, 50),
          p95Ms: percentile(inserts.times, 95),
          p99Ms: percentile(inserts.times, 99),
          perSecond: round(inserts.perSecond, 0),
        },
        selectOne: { p50Ms: percentile(selects.times, 50), p95Ms: percentile(selects.times, 95), p99Ms: percentile(selects.times, 99) },
        poolSize: pool.options.max ?? 0,
        database: database.embedded ? 'embedded PostgreSQL (bench)' : 'DATABASE_URL',
      };
    } finally {
      await api.stop();
    }
  } finally {
    await database.stop();
  }
}
