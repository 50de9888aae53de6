// `pnpm bench`: figures with same-run baselines, printed as tables and written to .bench/results.json.
// Nothing here passes or fails on time: the targets are printed beside the figures for reading. The
// exit code is non-zero only when a benchmark could not run (wrong answers, a start that never got ready).
//
//   1. authenticated `me` on the real API vs a bare Apollo Server (both in this process, one at a time;
//      autocannon fires from a worker thread): 50 connections, 10 s, pipelining 1, after a 2 s warm-up.
//   2. the ledger: 1,000 concurrent spends on one wallet vs bare single-row updates, and post latency
//      with 20 concurrent writers (bench/ledger.ts).
//   3. start-up: `node scripts/hotlead.mjs start` until "Hotlead is ready", on a seeded database, vs
//      bare `node -e 0` and `node --import tsx -e 0`.
//   5. marketplace search (first measurement) on the inventory section 4 built (bench/search.ts).
//   4. lead import: a generated 1,000,000-row CSV through the real import job vs a raw COPY of the same
//      file, peak RSS of the import process, and a 10,000-row upload's time to be listed (bench/import.ts).
//   7. the masked email relay: 100 KB messages stored and relayed over loopback SMTP vs a bare
//      smtp-server, and SMTP accept → subscription event latency (bench/relay.ts).
import { randomBytes } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { repoRoot } from '../src/platform/paths.js';
import { benchApi, type ApiBenchResult } from './api.js';
import { benchImport, IMPORT_ROWS, VISIBLE_ROWS, type ImportBenchResult } from './import.js';
import { benchSearch, SEARCH_RUNS, type SearchBenchResult } from './search.js';
import { benchPurchase, PURCHASE_LEADS, PURCHASE_RUNS, type PurchaseBenchResult } from './purchase.js';
import { benchLedger, POSTS_PER_WRITER, ROUNDS, SPENDS, WRITERS, type LedgerBenchResult } from './ledger.js';
import { LOAD, type LoadFigures } from './load.js';
import { benchStartup, TIMED_STARTS, type StartupResult } from './startup.js';
import { benchRelay, RELAY_CONNECTIONS, RELAY_MESSAGES_PER_ROUND, RELAY_ROUNDS, type RelayBenchResult } from './relay.js';
import { median, round, stopAllChildren, table } from './util.js';

const TARGETS = {
  meRatio: 0.5,
  meP99Ms: 25,
  startupSeconds: 15,
  spendRatio: 1 / 3,
  postP95Ms: 5,
  importRatio: 1 / 5,
  importRowsPerSecond: 20_000,
  importPeakRssMb: 400,
  visibleSeconds: 5,
};

// Every API the benchmarks start (in this process or through `hotlead.mjs start`) runs the relay's
// inbound SMTP server: on a free port, not 2525 (a running `pnpm start` has it), and with a signing
// secret (production requires one).
process.env.RELAY_SMTP_PORT ??= '0';
process.env.RELAY_VERP_SECRET ??= randomBytes(32).toString('hex');

/** `pnpm bench -- import ledger` runs only the named sections; no names runs them all. */
const only = new Set(process.argv.slice(2).filter((a) => !a.startsWith('-')));
const runs = (section: string) => only.size === 0 || only.has(section);

const log = (line: string) => console.log(`  · ${line}`);
const heading = (text: string) => console.log(`\n\u001b[1m${text}\u001b[0m`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void stopAllChildren().finally(() => process.exit(130));
  });
}

function loadRow(name: string, f: LoadFigures): (string | number)[] {
  return [name, round(f.requestsPerSecond, 0), f.p50Ms, f.p99Ms, f.requests, f.non2xx, f.mismatches, f.errors + f.timeouts];
}

function printApi(r: ApiBenchResult): void {
  heading(
    `1. Authenticated \`me\` vs bare Apollo Server (${LOAD.connections} connections, ${LOAD.durationSeconds} s, pipelining ${LOAD.pipelining}, after a ${LOAD.warmupSeconds} s warm-up)`,
  );
  console.log(
    table(
      ['server', 'req/s', 'p50 ms', 'p99 ms', 'requests', 'non-2xx', 'wrong body', 'errors'],
      [loadRow('Hotlead API: { me { id email name } } (Bearer session)', r.me), loadRow('bare Apollo 5 + Express 5: { hello }', r.bare)],
    ),
  );
  console.log(`\n  me rps / bare rps = ${round(r.ratio, 2)}×`);
  console.log(
    `  target (informational): ≥ ${TARGETS.meRatio}× the bare server's requests per second → ${r.ratio >= TARGETS.meRatio ? 'within' : 'NOT within'} (${round(r.ratio, 2)}×);` +
      ` p99 ≤ ${TARGETS.meP99Ms} ms at ${LOAD.connections} connections → ${r.me.p99Ms <= TARGETS.meP99Ms ? 'within' : 'NOT within'} (${r.me.p99Ms} ms)`,
  );
  console.log(`  database: ${r.database}; both servers in the bench process, one at a time; autocannon in a worker thread.`);
}

function printLedger(r: LedgerBenchResult): void {
  heading(
    `2. Ledger: ${SPENDS} concurrent spends of random sizes on one wallet vs bare single-row UPDATEs (${ROUNDS} alternating rounds, pool of ${r.poolSize})`,
  );
  console.log(
    table(
      ['round', 'spends/s', 'bare updates/s', 'succeeded', 'refused', 'funded', 'final balance', 'affordable but refused'],
      r.spends.map((s, i) => [
        i + 1,
        s.spendsPerSecond,
        s.updatesPerSecond,
        s.succeeded,
        s.refused,
        s.startingBalance,
        s.finalBalance,
        s.wronglyRefused,
      ]),
    ),
  );
  console.log(
    `\n  median spends/s / median bare updates/s = ${round(r.ratio, 2)}×; ledger totals after all rounds: ${JSON.stringify(r.ledgerTotals)}`,
  );
  console.log(
    `  target (informational): ≥ ${round(TARGETS.spendRatio, 2)}× → ${r.ratio >= TARGETS.spendRatio ? 'within' : 'NOT within'}; zero overdraw and exact affordability are checked (the run fails otherwise)`,
  );
  console.log(
    `\n  ledger post, ${WRITERS} concurrent writers on different wallets × ${POSTS_PER_WRITER}: p50 ${r.post.p50Ms} ms, p95 ${r.post.p95Ms} ms, p99 ${r.post.p99Ms} ms, ${r.post.postsPerSecond} posts/s` +
      ` (after a warm-up round of the same size)`,
  );
  console.log(
    `  baselines at the same concurrency: single-row INSERT + commit p50 ${r.insertCommit.p50Ms} ms, p95 ${r.insertCommit.p95Ms} ms, ${r.insertCommit.perSecond}/s;` +
      ` SELECT 1 p50 ${r.selectOne.p50Ms} ms, p95 ${r.selectOne.p95Ms} ms; post p95 / insert p95 = ${round(r.post.p95Ms / r.insertCommit.p95Ms, 2)}×`,
  );
  console.log(
    `  target (informational): p95 ≤ ${TARGETS.postP95Ms} ms → ${r.post.p95Ms <= TARGETS.postP95Ms ? 'within' : 'NOT within'} (${r.post.p95Ms} ms); database: ${r.database}`,
  );
}

function printImport(r: ImportBenchResult): void {
  heading(
    `4. Lead import: ${IMPORT_ROWS.toLocaleString('en-US')} generated rows (${r.fileMb} MB, 5 % invalid, 5 % duplicates) vs a raw COPY of the same file`,
  );
  console.log(
    table(
      ['what', 'seconds', 'rows/s', 'peak RSS MB', 'accepted', 'rejected', 'duplicates'],
      [
        [
          'import job (parse, validate, normalize, dedup, score, price, insert)',
          r.import.seconds,
          r.import.rowsPerSecond,
          r.import.peakRssMb,
          r.import.accepted,
          r.import.rejected,
          r.import.duplicates,
        ],
        ['baseline: COPY FROM STDIN into an unindexed all-text table', r.copy.seconds, r.copy.rowsPerSecond, '—', '—', '—', '—'],
      ],
    ),
  );
  console.log(`\n  import rows/s / COPY rows/s = ${r.ratioToCopy}×`);
  console.log(
    `  target (informational): ≥ ${round(TARGETS.importRatio, 2)}× COPY → ${r.ratioToCopy >= TARGETS.importRatio ? 'within' : 'NOT within'};` +
      ` ≥ ${TARGETS.importRowsPerSecond.toLocaleString('en-US')} rows/s → ${r.import.rowsPerSecond >= TARGETS.importRowsPerSecond ? 'within' : 'NOT within'};` +
      ` peak RSS ≤ ${TARGETS.importPeakRssMb} MB → ${r.import.peakRssMb <= TARGETS.importPeakRssMb ? 'within' : 'NOT within'}`,
  );
  console.log(
    `\n  ${VISIBLE_ROWS.toLocaleString('en-US')}-row upload through the API: first leads listed after ${r.visible.secondsToFirstListed} s, all after ${r.visible.secondsToAllListed} s` +
      ` → target ≤ ${TARGETS.visibleSeconds} s ${r.visible.secondsToAllListed <= TARGETS.visibleSeconds ? 'within' : 'NOT within'}; database: ${r.database}`,
  );
}

function printPurchase(r: PurchaseBenchResult): void {
  heading(
    `6. Buying ${PURCHASE_LEADS.toLocaleString('en-US')} leads with credits, then its CSV (${PURCHASE_RUNS} purchases after a warm-up)`,
  );
  console.log(
    table(
      ['what', 'p50 ms', 'p95 ms', 'max ms'],
      [
        [
          'leadsPurchase over HTTP: items, ledger spend, sold counts, 1,000 commissions (one transaction)',
          r.purchase.p50Ms,
          r.purchase.p95Ms,
          r.purchase.maxMs,
        ],
        [
          'CSV ready after the purchase answered (export job: re-checks, stream to storage)',
          r.csvReady.p50Ms,
          r.csvReady.p95Ms,
          r.csvReady.maxMs,
        ],
        [
          'baseline: the same 1,000 item rows + sold-count updates written bare in one transaction',
          r.bareWrite.p50Ms,
          r.bareWrite.p95Ms,
          '—',
        ],
        ["baseline: the purchase's 1,000 leads read in one SELECT", r.selectOut.p50Ms, r.selectOut.p95Ms, '—'],
      ],
    ),
  );
  console.log(
    `\n  purchase p95 / bare write p95 = ${r.ratioToBareWrite}×; targets (informational): completion p95 ≤ 1,500 ms → ${r.purchase.p95Ms <= 1500 ? 'within' : 'NOT within'};` +
      ` CSV ready ≤ 3,000 ms → ${r.csvReady.maxMs <= 3000 ? 'within' : 'NOT within'} (max); database: ${r.database}`,
  );
}

function printSearch(r: SearchBenchResult): void {
  heading(
    `5. Marketplace search on ${r.listedLeads.toLocaleString('en-US')} listed leads: three filters + all facets + first page of 50 (${SEARCH_RUNS} runs)`,
  );
  console.log(
    table(
      ['path', 'p50 ms', 'p95 ms'],
      [
        ['GraphQL over HTTP (leadSearch)', r.graphql.p50Ms, r.graphql.p95Ms],
        [
          `the same request's SQL replayed through pg (${r.requestStatements} statements in ${r.requestWaves} waves)`,
          r.direct.p50Ms,
          r.direct.p95Ms,
        ],
        ["the search's own statements through pg (page, facets and total)", r.directSearch.p50Ms, r.directSearch.p95Ms],
      ],
    ),
  );
  console.log(
    `\n  GraphQL p95 / request SQL p95 = ${r.ratio}×; GraphQL p95 / search SQL p95 = ${r.ratioToSearch}×;` +
      ` targets (informational): p95 ≤ 60 ms → ${r.graphql.p95Ms <= 60 ? 'within' : 'NOT within'}; ≤ 1.5× → ${r.ratio <= 1.5 ? 'within' : 'NOT within'} (request SQL), ${r.ratioToSearch <= 1.5 ? 'within' : 'NOT within'} (search SQL)`,
  );
  console.log(
    `  facets from a ${r.samplePercent} % sample; total ${r.totalCount.toLocaleString('en-US')}${r.totalCountIsEstimate ? ' (estimate)' : ''}`,
  );
  console.log(
    `  page ${r.lastPage.toLocaleString('en-US')} by cursor: ${r.page1000Ms} ms vs first page ${r.firstPageMs} ms (medians of repeated fetches, pages without facets; walk ${r.walkSeconds} s); database: ${r.database}`,
  );
}

function printStartup(r: StartupResult): void {
  heading(`3. Start-up: \`node scripts/hotlead.mjs start\` until "Hotlead is ready" (seeded database, ${TIMED_STARTS} timed starts)`);
  const s = (ms: number) => round(ms / 1000, 2);
  const rows: (string | number)[][] = [['hotlead.mjs start → "Hotlead is ready"', s(r.minMs), s(r.medianMs), r.startsMs.map(s).join(', ')]];
  if (r.selfReportedSeconds.length) {
    rows.push([
      '  of which the server process reports ("ready in")',
      Math.min(...r.selfReportedSeconds),
      round(median(r.selfReportedSeconds), 2),
      r.selfReportedSeconds.join(', '),
    ]);
  }
  rows.push(
    ['baseline: node -e 0', s(r.nodeBareMs.min), s(r.nodeBareMs.median), '5 runs'],
    ['baseline: node --import tsx -e 0 (server/)', s(r.nodeTsxMs.min), s(r.nodeTsxMs.median), '5 runs'],
  );
  console.log(table(['what', 'min s', 'median s', 'samples s'], rows));

  const first = [r.firstStart.seeded ? 'seeded the demo data' : 'database was already seeded'];
  if (r.firstStart.rebuiltWeb.length) first.push(`rebuilt ${r.firstStart.rebuiltWeb.join('+')}`);
  console.log(`\n  untimed first start: ${s(r.firstStart.ms)} s (${first.join(', ')})`);
  console.log(
    `  target (informational): ≤ ${TARGETS.startupSeconds} s → ${r.medianMs / 1000 <= TARGETS.startupSeconds ? 'within' : 'NOT within'} (median ${s(r.medianMs)} s)`,
  );
  console.log(
    '  each start includes starting the embedded PostgreSQL (EMBEDDED_POSTGRES=bench), the SPA build check and migrations check.',
  );
  for (const rebuilt of r.rebuiltStarts) {
    console.log(
      `  not counted: a start that rebuilt ${rebuilt.rebuiltWeb.join('+')} (sources changed during the run) took ${s(rebuilt.ms)} s`,
    );
  }
}

function printRelay(r: RelayBenchResult): void {
  heading(
    `7. Masked email relay: ${Math.round(r.messageBytes / 1024)} KB messages over loopback SMTP, ${RELAY_CONNECTIONS} concurrent connections (nodemailer), ${RELAY_ROUNDS} rounds of ${RELAY_MESSAGES_PER_ROUND.toLocaleString('en-US')} after a warm-up`,
  );
  console.log(
    table(
      ['what', 'msg/s (median)', 'rounds'],
      [
        [
          'relay: stored and relayed (250 after DATA, then DELIVERED at the next hop)',
          r.relayedPerSecond,
          r.relay.map((x) => x.relayedPerSecond).join(', '),
        ],
        ['relay: stored (250 after DATA)', r.acceptedPerSecond, r.relay.map((x) => x.acceptedPerSecond).join(', ')],
        ['baseline: bare smtp-server that accepts and discards', r.barePerSecond, r.bare.map((x) => x.perSecond).join(', ')],
      ],
    ),
  );
  console.log(`\n  stored and relayed / bare = ${r.ratio}×; outbound: ${r.outbound}`);
  console.log(
    `  targets (informational): ≥ 100 msg/s → ${r.relayedPerSecond >= 100 ? 'within' : 'NOT within'}; ≥ 0.5× bare → ${r.ratio >= 0.5 ? 'within' : 'NOT within'}`,
  );
  console.log(
    table(
      ['SMTP 250 → MESSAGE_CREATED event', 'samples', 'p50 ms', 'p95 ms', 'max ms'],
      [
        ['one message at a time, idle', r.latencyIdle.samples, r.latencyIdle.p50Ms, r.latencyIdle.p95Ms, r.latencyIdle.maxMs],
        [
          'one at a time during a round of the load above',
          r.latencyUnderLoad.samples,
          r.latencyUnderLoad.p50Ms,
          r.latencyUnderLoad.p95Ms,
          r.latencyUnderLoad.maxMs,
        ],
      ],
    ),
  );
  console.log(
    `\n  via ${r.latencyVia}; the event is published before the 250 is written, so ${r.latencyIdle.beforeAccept + r.latencyUnderLoad.beforeAccept} events arrived before the client read its 250 (counted as 0 ms)`,
  );
  console.log(
    `  target (informational): p95 ≤ 200 ms → ${Math.max(r.latencyIdle.p95Ms, r.latencyUnderLoad.p95Ms) <= 200 ? 'within' : 'NOT within'}; database: ${r.database}`,
  );
}

async function main(): Promise<number> {
  const startedAt = Date.now();
  const results: Record<string, unknown> = {
    startedAt: new Date(startedAt).toISOString(),
    machine: {
      node: process.version,
      platform: `${os.platform()} ${os.release()}`,
      cpus: os.cpus().length,
      cpuModel: os.cpus()[0]?.model ?? null,
      memoryGb: round(os.totalmem() / 2 ** 30, 1),
      loadAverageAtStart: os.loadavg().map((l) => round(l, 2)),
    },
    targets: { meRpsRatioAtLeast: TARGETS.meRatio, meP99MsAtMost: TARGETS.meP99Ms, startupSecondsAtMost: TARGETS.startupSeconds },
    load: LOAD,
  };
  let failures = 0;

  heading('Hotlead benchmarks');
  console.log(
    `  node ${process.version}, ${os.cpus().length} CPUs (${os.cpus()[0]?.model ?? 'unknown'}), load average ${os
      .loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')} at start`,
  );

  if (runs('api'))
    try {
      const api = await benchApi(log);
      results['api'] = { me: api.me, bare: api.bare, meRpsOverBareRps: api.ratio, database: api.database, sameProcess: true };
      printApi(api);
    } catch (error) {
      failures++;
      results['api'] = { error: (error as Error).message };
      console.error(`\n  ✘ API benchmark could not run: ${(error as Error).stack ?? String(error)}`);
    }

  if (runs('ledger'))
    try {
      const ledger = await benchLedger(log);
      results['ledger'] = ledger;
      printLedger(ledger);
    } catch (error) {
      failures++;
      results['ledger'] = { error: (error as Error).message };
      console.error(`\n  ✘ ledger benchmark could not run: ${(error as Error).stack ?? String(error)}`);
    }

  if (runs('startup'))
    try {
      const startup = await benchStartup(log);
      results['startup'] = startup;
      printStartup(startup);
    } catch (error) {
      failures++;
      results['startup'] = { error: (error as Error).message };
      console.error(`\n  ✘ start-up benchmark could not run: ${(error as Error).message}`);
    }

  if (runs('import'))
    try {
      const imported = await benchImport(log);
      results['import'] = imported;
      printImport(imported);
    } catch (error) {
      failures++;
      results['import'] = { error: (error as Error).message };
      console.error(`\n  ✘ import benchmark could not run: ${(error as Error).stack ?? String(error)}`);
    }

  if (runs('search'))
    try {
      const searched = await benchSearch(log);
      results['search'] = searched;
      printSearch(searched);
    } catch (error) {
      failures++;
      results['search'] = { error: (error as Error).message };
      console.error(`\n  ✘ search benchmark could not run: ${(error as Error).stack ?? String(error)}`);
    }

  if (runs('purchase'))
    try {
      const purchased = await benchPurchase(log);
      results['purchase'] = purchased;
      printPurchase(purchased);
    } catch (error) {
      failures++;
      results['purchase'] = { error: (error as Error).message };
      console.error(`\n  ✘ purchase benchmark could not run: ${(error as Error).stack ?? String(error)}`);
    }

  if (runs('relay'))
    try {
      const relayed = await benchRelay(log);
      results['relay'] = relayed;
      printRelay(relayed);
    } catch (error) {
      failures++;
      results['relay'] = { error: (error as Error).message };
      console.error(`\n  ✘ relay benchmark could not run: ${(error as Error).stack ?? String(error)}`);
    }

  results['totalSeconds'] = round((Date.now() - startedAt) / 1000, 1);
  const out = path.join(repoRoot, '.bench', 'results.json');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(results, null, 2) + '\n');
  console.log(`\n  results: ${path.relative(process.cwd(), out)} (${results['totalSeconds']} s in all)`);
  return failures === 0 ? 0 : 1;
}

const code = await main();
await stopAllChildren();
process.exit(code);
