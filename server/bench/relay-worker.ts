// The relay benchmark's outside world, in worker threads so that it does not share the API's event
// loop (in production senders, the next hop and the provider's browser are other machines):
//   blast    — nodemailer with a pool of connections sends messages as fast as the server takes them;
//   sink     — the next hop: an smtp-server that accepts and discards, and counts;
//   latency  — one message at a time over SMTP, timing the client's 250 against the provider's
//              MESSAGE_CREATED event on a graphql-ws subscription (both clocks in this thread).
import { parentPort, workerData } from 'node:worker_threads';
import { createClient } from 'graphql-ws';
import nodemailer from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import WebSocket from 'ws';

export interface WorkerThread {
  id: string;
  from: string;
  to: string;
  head: Uint8Array;
  tail: Uint8Array;
}

export type WorkerJob =
  | { mode: 'blast'; port: number; connections: number; count: number; firstNumber: number; threads: WorkerThread[] }
  | { mode: 'sink' }
  | {
      mode: 'latency';
      port: number;
      thread: WorkerThread;
      firstNumber: number;
      count: number | null;
      wsUrl: string;
      token: string;
      workspaceGlobalId: string;
      threadGlobalId: string;
    };

const job = workerData as WorkerJob;
const now = () => performance.timeOrigin + performance.now();
const stamp = (thread: WorkerThread, n: number) => Buffer.concat([thread.head, Buffer.from(String(n)), thread.tail]);

function transport(port: number, connections: number) {
  return nodemailer.createTransport({
    host: '127.0.0.1',
    port,
    secure: false,
    ignoreTLS: true,
    pool: true,
    maxConnections: connections,
    maxMessages: Infinity,
  });
}

async function blast(spec: Extract<WorkerJob, { mode: 'blast' }>) {
  const client = transport(spec.port, spec.connections);
  // Loaded: the main thread starts its clocks (CPU included), then says go.
  await new Promise<void>((resolve) => {
    parentPort!.once('message', () => resolve());
    parentPort!.postMessage({ ready: true });
  });
  const started = now();
  let lastAccepted = started;
  let refused = 0;
  let firstError: string | null = null;
  await Promise.all(
    Array.from({ length: spec.count }, async (_, i) => {
      const thread = spec.threads[i % spec.threads.length]!;
      try {
        await client.sendMail({ envelope: { from: thread.from, to: [thread.to] }, raw: stamp(thread, spec.firstNumber + i) });
        lastAccepted = Math.max(lastAccepted, now());
      } catch (error) {
        refused += 1;
        firstError ??= (error as Error).message;
      }
    }),
  );
  client.close();
  parentPort!.postMessage({ started, lastAccepted, refused, firstError });
}

async function sink() {
  let received = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    disableReverseLookup: true,
    logger: false,
    onData(stream, _session, callback) {
      stream.on('data', () => undefined);
      stream.on('end', () => {
        received += 1;
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  parentPort!.on('message', (message: string) => {
    if (message === 'count') parentPort!.postMessage({ received });
    if (message === 'stop') server.close(() => process.exit(0));
  });
  parentPort!.postMessage({ port: (server.server.address() as { port: number }).port });
}

async function latency(spec: Extract<WorkerJob, { mode: 'latency' }>) {
  const arrivals: number[] = [];
  let notify: (() => void) | null = null;
  const ws = createClient({
    url: spec.wsUrl,
    webSocketImpl: WebSocket,
    connectionParams: { authToken: spec.token },
    retryAttempts: 0,
    lazy: false,
  });
  let live = false;
  ws.subscribe(
    {
      query: 'subscription($ws: ID!) { providerInboxEvents(workspaceId: $ws) { kind threadId } }',
      variables: { ws: spec.workspaceGlobalId },
    },
    {
      next: (value) => {
        const event = (value.data as { providerInboxEvents?: { kind: string; threadId: string | null } } | undefined)?.providerInboxEvents;
        if (event?.kind === 'ASSIGNMENT_UPDATED') live = true;
        if (event?.kind === 'MESSAGE_CREATED' && event.threadId === spec.threadGlobalId) {
          arrivals.push(now());
          notify?.();
        }
      },
      error: (error) => parentPort!.postMessage({ error: JSON.stringify(error) }),
      complete: () => undefined,
    },
  );
  // The main thread publishes pings until the subscription is live.
  parentPort!.postMessage({ subscribing: true });
  const deadline = Date.now() + 10_000;
  while (!live) {
    if (Date.now() > deadline) throw new Error('subscription not live within 10 s');
    await new Promise((r) => setTimeout(r, 20));
  }
  parentPort!.postMessage({ live: true });

  let stop = false;
  parentPort!.on('message', (message: string) => {
    if (message === 'stop') stop = true;
  });
  const client = transport(spec.port, 1);
  const latencies: number[] = [];
  let beforeAccept = 0;
  for (let n = 0; spec.count !== null ? n < spec.count : !stop; n++) {
    const seen = arrivals.length;
    await client.sendMail({ envelope: { from: spec.thread.from, to: [spec.thread.to] }, raw: stamp(spec.thread, spec.firstNumber + n) });
    const accepted = now();
    if (arrivals.length === seen) {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no MESSAGE_CREATED event within 10 s')), 10_000);
        notify = () => {
          clearTimeout(timer);
          notify = null;
          resolve();
        };
      });
    }
    const at = arrivals[seen]!;
    if (at < accepted) beforeAccept += 1;
    latencies.push(Math.max(0, at - accepted));
    // Let the main thread's stop message in between sends.
    await new Promise((r) => setImmediate(r));
  }
  client.close();
  await ws.dispose();
  parentPort!.postMessage({ latencies, beforeAccept });
}

const run = job.mode === 'blast' ? blast(job) : job.mode === 'sink' ? sink() : latency(job);
run.catch((error: unknown) => {
  parentPort!.postMessage({ error: error instanceof Error ? error.message : String(error) });
});
