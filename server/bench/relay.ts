// The masked email relay (issue 6), over loopback SMTP with nodemailer as the sending client:
//   a. inbound relay of ~100 KB messages (text, HTML and a PDF attachment) from end users to providers
//      over several concurrent connections: sustained messages per second stored (250 after DATA)
//      AND relayed (the delivery reached DELIVERED: accepted by the next hop, a local smtp-server
//      sink configured as SMTP_URL that accepts and discards);
//   b. a bare smtp-server that only accepts and discards, same messages, same client, same run;
//   c. from SMTP accept (the client has its 250) to the provider's MESSAGE_CREATED event through a real
//      graphql-ws subscription (providerInboxEvents), idle and under the load of (a).
// Rounds alternate bare / relay; the figures are the medians of the rounds. The API, its inbound
// server and the bare server run in this thread; the sending client, the next hop and the subscriber
// run in worker threads (bench/relay-worker.ts), as other machines would in production. Each round
// also logs where the CPU went per message (bench/relay-cpu.ts, Linux): this thread, the worker
// threads (the client, the next hop, the relay's outbound SMTP worker, V8 and libuv helpers),
// PostgreSQL, and how long this thread waited for a CPU; on 2 cores that explains the ratio.
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { SMTPServer } from 'smtp-server';
import { startApi, type RunningApi } from '../src/app.js';
import { newRelayToken, relayAddress } from '../src/modules/relay/relay.addresses.js';
import { loadConfig } from '../src/platform/config.js';
import { embeddedPort, embeddedUrl } from '../src/platform/db/embedded.js';
import { migrateDeploy } from '../src/platform/db/migrate.js';
import { resolveDatabase, withDatabase } from '../src/platform/db/resolve.js';
import { toGlobalId } from '../src/platform/graphql/ids.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { Topic } from '../src/platform/pubsub/pubsub.js';
import { median, recreateDatabase, round } from './util.js';
import { cpuPerMessage, cpuSnapshot, type CpuPerMessage, type CpuSnapshot } from './relay-cpu.js';
import type { WorkerJob, WorkerThread } from './relay-worker.js';

export const RELAY_MESSAGE_BYTES = 100 * 1024;
export const RELAY_CONNECTIONS = 8;
export const RELAY_MESSAGES_PER_ROUND = 1_500;
export const RELAY_ROUNDS = 3;
export const RELAY_LATENCY_SAMPLES = 200;
/** Threads the load is spread over (each a provider workspace and an end user); one more is kept for latency samples. */
const LOAD_THREADS = 40;
const BENCH_RELAY_DATABASE = 'hotlead_bench_relay';

export interface RelayRound {
  messages: number;
  /** 250s per second: stored. */
  acceptedPerSecond: number;
  /** Messages per second from the first send until the last one was DELIVERED (stored and relayed). */
  relayedPerSecond: number;
  secondsToAllRelayed: number;
  refused: number;
  /** CPU per message during the round (Linux), null elsewhere. */
  cpu: CpuPerMessage | null;
}

export interface BareRound {
  messages: number;
  perSecond: number;
  cpu: CpuPerMessage | null;
}

export interface LatencyFigures {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
  /** Events that arrived before the client had read its 250 (counted as 0 ms). */
  beforeAccept: number;
}

export interface RelayBenchResult {
  messageBytes: number;
  connections: number;
  relay: RelayRound[];
  bare: BareRound[];
  relayedPerSecond: number;
  acceptedPerSecond: number;
  barePerSecond: number;
  ratio: number;
  latencyIdle: LatencyFigures;
  latencyUnderLoad: LatencyFigures;
  latencyVia: string;
  outbound: string;
  database: string;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!, 1);
}

interface Thread {
  id: string;
  workspaceId: string;
  memberUserId: string;
  endUserEmail: string;
  providerAddress: string;
}

/** Provider workspaces, end users and open threads where the provider has written first, straight into the tables. */
async function buildThreads(api: RunningApi, count: number): Promise<Thread[]> {
  const { prisma } = api.platform;
  const stamp = Date.now();
  const niche = await prisma.niche.create({ data: { slug: `bench-relay-${stamp}`, name: `Bench relay ${stamp}`, sicCodes: [] } });
  const threads: Thread[] = [];
  for (let i = 0; i < count; i++) {
    const member = await prisma.user.create({
      data: { email: `bench-sales-${i}-${stamp}@provider.example`, name: `Sales ${i}`, passwordHash: 'x' },
    });
    const endUser = await prisma.user.create({
      data: {
        email: `bench-consumer-${i}-${stamp}@consumer.example`,
        name: `Consumer ${i}`,
        passwordHash: 'x',
        endUserProfile: { create: {} },
      },
    });
    const workspace = await prisma.workspace.create({
      data: {
        name: `Bench provider ${i}`,
        slug: `bench-provider-${i}-${stamp}`,
        kind: 'PROVIDER',
        memberships: { create: { userId: member.id, role: 'OWNER' } },
      },
    });
    const request = await prisma.serviceRequest.create({
      data: {
        nicheId: niche.id,
        userId: endUser.id,
        name: `Consumer ${i}`,
        email: endUser.email,
        country: 'US',
        details: 'Bench request',
        hideEmail: true,
        consentAt: new Date(),
        consentWording: 'bench',
        consentVersion: 'bench',
        status: 'ROUTED',
        confirmedAt: new Date(),
      },
    });
    const assignment = await prisma.requestAssignment.create({
      data: {
        requestId: request.id,
        workspaceId: workspace.id,
        nicheId: niche.id,
        rank: 1,
        score: '1',
        price: '25',
        handledByUserId: member.id,
        firstResponseAt: new Date(),
      },
    });
    const providerToken = newRelayToken();
    const thread = await prisma.relayThread.create({
      data: {
        assignmentId: assignment.id,
        requestId: request.id,
        workspaceId: workspace.id,
        userId: endUser.id,
        nicheId: niche.id,
        userToken: newRelayToken(),
        providerToken,
        providerFirstMessageAt: new Date(),
      },
    });
    threads.push({
      id: thread.id,
      workspaceId: workspace.id,
      memberUserId: member.id,
      endUserEmail: endUser.email,
      providerAddress: relayAddress('p', providerToken, api.platform.config.RELAY_DOMAIN),
    });
  }
  return threads;
}

/**
 * ~100 KB replies from each end user: a short text and HTML body (with a phone number, so redaction
 * works) and a PDF attachment, each message with its own Message-ID (the relay stores identical bytes
 * only once). Built once per thread around a placeholder; the worker stamps a number per message.
 */
async function messageTemplates(threads: Thread[]): Promise<WorkerThread[]> {
  const marker = 'BENCHMESSAGEIDPLACEHOLDER';
  const pdf = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(70 * 1024), Buffer.from('\n%%EOF\n')]);
  const text = `Hello,\n\nThanks for the quick answer. ${'We would like the work to start next month, ideally on a weekday morning. '.repeat(24)}\nCall me on 415-555-0142 if needed.\n\nBest regards`;
  const run = randomBytes(4).toString('hex');
  const templates: WorkerThread[] = [];
  for (const thread of threads) {
    const raw = await new MailComposer({
      from: `Bench Consumer <${thread.endUserEmail}>`,
      to: thread.providerAddress,
      subject: 'Re: Your request',
      messageId: `<${marker}@consumer.example>`,
      text,
      html: `<p>${text.replace(/\n/g, '<br>')}</p>`,
      attachments: [{ filename: 'plan.pdf', content: pdf, contentType: 'application/pdf' }],
    })
      .compile()
      .build();
    const at = raw.indexOf(marker);
    templates.push({
      id: thread.id,
      from: thread.endUserEmail,
      to: thread.providerAddress,
      head: Buffer.concat([raw.subarray(0, at), Buffer.from(`bench-${run}-`)]),
      tail: raw.subarray(at + marker.length),
    });
  }
  return templates;
}

function startWorker(job: WorkerJob): Worker {
  // The worker is TypeScript like the rest: a worker thread does not inherit this process's tsx hooks,
  // so it registers them before importing its module.
  const entry = new URL('./relay-worker.ts', import.meta.url).href;
  const bootstrap = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, workerData: job });
}

/** The worker's next message that `accept` takes (an `{ error }` message rejects). */
function nextMessage<T>(worker: Worker, accept: (message: Record<string, unknown>) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (message: Record<string, unknown>) => {
      if (typeof message['error'] === 'string') {
        cleanup();
        reject(new Error(`bench worker: ${message['error']}`));
      } else if (accept(message)) {
        cleanup();
        resolve(message as T);
      }
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      worker.off('message', onMessage);
      worker.off('error', onError);
    };
    worker.on('message', onMessage);
    worker.on('error', onError);
  });
}

/**
 * Sends `count` messages from a worker thread; `onStart` runs once the worker is loaded, just before the
 * first message (the CPU figures start there, so loading the worker is not counted).
 */
async function blast(port: number, count: number, firstNumber: number, threads: WorkerThread[], onStart: () => void = () => {}) {
  const worker = startWorker({ mode: 'blast', port, connections: RELAY_CONNECTIONS, count, firstNumber, threads });
  try {
    await nextMessage(worker, (m) => m['ready'] === true);
    onStart();
    const done = nextMessage<{ started: number; lastAccepted: number; refused: number; firstError: string | null }>(
      worker,
      (m) => 'started' in m,
    );
    worker.postMessage('go');
    return await done;
  } finally {
    await worker.terminate();
  }
}

async function startBareSmtp(maxBytes: number): Promise<{ port: number; close: () => Promise<void> }> {
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxBytes,
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => callback());
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return { port: (server.server.address() as { port: number }).port, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** Starts a latency worker and waits until its subscription is live (this thread publishes pings until then). */
async function startLatency(
  api: RunningApi,
  thread: Thread,
  template: WorkerThread,
  count: number | null,
  firstNumber: number,
): Promise<Worker> {
  const session = await api.services.sessions.create(thread.memberUserId, { ip: '127.0.0.1', userAgent: 'hotlead-bench' });
  const worker = startWorker({
    mode: 'latency',
    port: api.relayInbound!.port,
    thread: template,
    firstNumber,
    count,
    wsUrl: api.http.url.replace('http', 'ws') + '/graphql',
    token: session.token,
    workspaceGlobalId: toGlobalId('Workspace', thread.workspaceId),
    threadGlobalId: toGlobalId('RelayThread', thread.id),
  });
  const ping = setInterval(
    () =>
      api.platform.pubsub.publish(Topic.CONVERSATION_EVENT, `workspace:${thread.workspaceId}`, {
        kind: 'ASSIGNMENT_UPDATED',
        requestId: thread.id,
        assignmentId: thread.id,
        threadId: null,
        messageId: null,
      }),
    50,
  );
  try {
    await nextMessage(worker, (m) => m['live'] === true);
  } finally {
    clearInterval(ping);
  }
  return worker;
}

function latencyFigures(result: { latencies: number[]; beforeAccept: number }): LatencyFigures {
  const values = result.latencies;
  return {
    samples: values.length,
    p50Ms: percentile(values, 50),
    p95Ms: percentile(values, 95),
    maxMs: round(Math.max(...values), 1),
    beforeAccept: result.beforeAccept,
  };
}

async function deliveredCount(api: RunningApi): Promise<number> {
  const { rows } = await api.platform.database.pool.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM relay_deliveries WHERE status = 'DELIVERED'`,
  );
  return rows[0]!.n;
}

export async function benchRelay(log: (line: string) => void): Promise<RelayBenchResult> {
  const sink = startWorker({ mode: 'sink' });
  const { port: sinkPort } = await nextMessage<{ port: number }>(sink, (m) => 'port' in m);
  // The attachments (~450 MB a run) go to a folder of their own, removed at the end: the database they
  // belong to is recreated by the next run, so left in the data folder they would only pile up.
  const storageDir = await mkdtemp(path.join(os.tmpdir(), 'hotlead-bench-relay-files-'));
  const config = loadConfig({
    ...process.env,
    PORT: '0',
    LOG_LEVEL: 'silent',
    SERVE_WEB: 'false',
    NODE_ENV: 'production',
    SMTP_URL: `smtp://127.0.0.1:${sinkPort}`,
    RELAY_SMTP_PORT: '0',
    RELAY_INBOUND_IN_PROCESS: 'true',
    RELAY_VERP_SECRET: process.env.RELAY_VERP_SECRET ?? randomBytes(32).toString('hex'),
    PUBLIC_URL: 'https://hotlead.example',
    STORAGE_DIR: storageDir,
  });
  const database = await resolveDatabase(config.DATABASE_URL, 'bench');
  try {
    const serverUrl = config.DATABASE_URL ?? embeddedUrl(embeddedPort('bench'));
    await recreateDatabase(serverUrl, BENCH_RELAY_DATABASE);
    const url = withDatabase(serverUrl, BENCH_RELAY_DATABASE);
    await migrateDeploy(url);
    const api = await startApi(config, url, createLogger('silent'), { runWorkers: true });
    const bare = await startBareSmtp(10 * 1024 * 1024);
    try {
      // Limits far above the load: this measures the relay, not its rate limiter.
      await api.platform.database.pool.query(
        `UPDATE relay_settings SET messages_per_thread_per_hour = 1000000000, messages_per_user_per_hour = 1000000000 WHERE id = 1`,
      );
      api.services.relay.settings.invalidate();
      const threads = await buildThreads(api, LOAD_THREADS + 1);
      const templates = await messageTemplates(threads);
      const [latencyThread] = threads as [Thread, ...Thread[]];
      const [latencyTemplate, ...loadTemplates] = templates as [WorkerThread, ...WorkerThread[]];
      const sample = Buffer.concat([loadTemplates[0]!.head, Buffer.from('0'), loadTemplates[0]!.tail]);
      const messageBytes = sample.length;
      log(
        `relay: ${loadTemplates.length} threads ready, messages of ${messageBytes.toLocaleString('en-US')} bytes (sha256 ${createHash('sha256').update(sample).digest('hex').slice(0, 8)}…)`,
      );
      const relayPort = api.relayInbound!.port;
      let numbered = 0;

      const runRelay = async (count: number): Promise<RelayRound> => {
        const before = await deliveredCount(api);
        let cpuBefore: CpuSnapshot | null = null;
        const result = await blast(relayPort, count, numbered, loadTemplates, () => (cpuBefore = cpuSnapshot()));
        numbered += count;
        if (result.refused) log(`relay: ${result.refused} refused, e.g. ${result.firstError}`);
        const accepted = count - result.refused;
        let relayedAt: number;
        for (;;) {
          const done = (await deliveredCount(api)) - before;
          relayedAt = performance.timeOrigin + performance.now();
          if (done >= accepted) break;
          if (relayedAt - result.started > 300_000) throw new Error(`only ${done} of ${accepted} relayed after 300 s`);
          // Polled at 100 ms (a query in the API's process; the error is under 1 % of a round).
          await new Promise((r) => setTimeout(r, 100));
        }
        const seconds = (relayedAt - result.started) / 1000;
        const cpu = cpuPerMessage(cpuBefore, cpuSnapshot(), accepted);
        return {
          messages: count,
          acceptedPerSecond: round(accepted / ((result.lastAccepted - result.started) / 1000), 1),
          relayedPerSecond: round(accepted / seconds, 1),
          secondsToAllRelayed: round(seconds, 2),
          refused: result.refused,
          cpu,
        };
      };
      const runBare = async (count: number): Promise<BareRound> => {
        let cpuBefore: CpuSnapshot | null = null;
        const result = await blast(bare.port, count, 10_000_000 + numbered, loadTemplates, () => (cpuBefore = cpuSnapshot()));
        const cpu = cpuPerMessage(cpuBefore, cpuSnapshot(), count);
        numbered += count;
        if (result.refused) throw new Error(`the bare server refused ${result.refused} messages: ${result.firstError}`);
        return { messages: count, perSecond: round(count / ((result.lastAccepted - result.started) / 1000), 1), cpu };
      };

      // Warm-up: connections, prepared statements, JIT.
      await runRelay(200);
      await runBare(200);
      const relayRounds: RelayRound[] = [];
      const bareRounds: BareRound[] = [];
      for (let r = 0; r < RELAY_ROUNDS; r++) {
        bareRounds.push(await runBare(RELAY_MESSAGES_PER_ROUND));
        log(`relay: bare round ${r + 1}: ${bareRounds.at(-1)!.perSecond} msg/s, CPU per message ${JSON.stringify(bareRounds.at(-1)!.cpu)}`);
        relayRounds.push(await runRelay(RELAY_MESSAGES_PER_ROUND));
        log(`relay: relay round ${r + 1}: ${JSON.stringify(relayRounds.at(-1))}`);
      }

      const idleWorker = await startLatency(api, latencyThread, latencyTemplate, RELAY_LATENCY_SAMPLES, 20_000_000);
      const latencyIdle = latencyFigures(await nextMessage(idleWorker, (m) => 'latencies' in m));
      await idleWorker.terminate();
      log(`relay: latency idle ${JSON.stringify(latencyIdle)}`);
      const loadWorker = await startLatency(api, latencyThread, latencyTemplate, null, 30_000_000);
      const underLoad = nextMessage<{ latencies: number[]; beforeAccept: number }>(loadWorker, (m) => 'latencies' in m);
      await runRelay(RELAY_MESSAGES_PER_ROUND);
      loadWorker.postMessage('stop');
      const latencyUnderLoad = latencyFigures(await underLoad);
      await loadWorker.terminate();
      log(`relay: latency under load ${JSON.stringify(latencyUnderLoad)}`);

      sink.postMessage('count');
      const { received } = await nextMessage<{ received: number }>(sink, (m) => 'received' in m);
      const relayedPerSecond = round(median(relayRounds.map((r) => r.relayedPerSecond)), 1);
      const barePerSecond = round(median(bareRounds.map((r) => r.perSecond)), 1);
      return {
        messageBytes,
        connections: RELAY_CONNECTIONS,
        relay: relayRounds,
        bare: bareRounds,
        relayedPerSecond,
        acceptedPerSecond: round(median(relayRounds.map((r) => r.acceptedPerSecond)), 1),
        barePerSecond,
        ratio: round(relayedPerSecond / barePerSecond, 2),
        latencyIdle,
        latencyUnderLoad,
        latencyVia: 'graphql-ws providerInboxEvents (WebSocket, a provider member session), client in a worker thread',
        outbound: `SMTP_URL → an smtp-server sink in a worker thread that accepts and discards (${received.toLocaleString('en-US')} messages received)`,
        database: config.DATABASE_URL ? 'DATABASE_URL' : 'embedded PostgreSQL (bench)',
      };
    } finally {
      await bare.close();
      await api.stop();
    }
  } finally {
    await sink.terminate();
    await database.stop();
    await rm(storageDir, { recursive: true, force: true });
  }
}
