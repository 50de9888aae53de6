// Hands relayed messages to the outbound SMTP client in a worker thread (relay.sender.worker.mjs).
// Composing and sending a message is CPU work the size of the message (MIME encoding, SMTP's per-byte
// DATA escaping); in the worker it no longer delays the event loop that receives and stores mail.
// The caller keeps every decision: the claim before, the status after (relay.delivery.ts).
import { Worker } from 'node:worker_threads';
import type { RelayMail } from './relay.compose.js';

/** The next hop refused the message, or could not be reached; `responseCode` is its SMTP reply code when it answered. */
export class SendError extends Error {
  constructor(
    message: string,
    readonly responseCode: number | null,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/** The worker stopped while it had the message: whether the next hop received it is unknown, so it is never resent. */
export class SendUncertainError extends Error {
  constructor(reason: string) {
    super(`delivery uncertain: the outbound SMTP worker stopped (${reason}); not resent`);
    this.name = 'SendUncertainError';
  }
}

export interface SenderTransport {
  url: string;
  pool: true;
  maxConnections: number;
  maxMessages: number;
}

type Reply = { id: number; ok: true } | { id: number; ok: false; message: string; responseCode: number | null };

export class RelaySender {
  private worker: Worker | null = null;
  private readonly pending = new Map<number, { worker: Worker; resolve: () => void; reject: (error: Error) => void }>();
  private nextId = 1;

  constructor(private readonly transport: SenderTransport) {}

  /** Builds and sends the message; rejects with SendError (refused, unreachable) or SendUncertainError. */
  send(mail: RelayMail): Promise<void> {
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise<void>((resolve, reject) => {
      this.pending.set(id, { worker, resolve, reject });
      worker.postMessage({ id, message: { ...mail.message, envelope: mail.envelope } });
    });
  }

  /** Closes the pooled connections and stops the worker (after the caller has waited for its sends). */
  async close(): Promise<void> {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    const exited = new Promise<void>((resolve) => worker.once('exit', () => resolve()));
    worker.postMessage({ close: true });
    const timer = setTimeout(() => void worker.terminate(), 5_000);
    await exited;
    clearTimeout(timer);
  }

  private start(): Worker {
    const worker = new Worker(new URL('./relay.sender.worker.mjs', import.meta.url), { workerData: { transport: this.transport } });
    // An idle sender does not keep the process alive; a send in progress is awaited by its delivery.
    worker.unref();
    worker.on('message', (reply: Reply) => {
      const waiting = this.pending.get(reply.id);
      if (!waiting) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiting.resolve();
      else waiting.reject(new SendError(reply.message, reply.responseCode));
    });
    worker.on('error', (error) => this.stopped(worker, error.message));
    worker.on('exit', (code) => this.stopped(worker, `exit code ${code}`));
    this.worker = worker;
    return worker;
  }

  /** Whatever the worker had is uncertain; the next send starts a new worker. */
  private stopped(worker: Worker, reason: string): void {
    if (this.worker === worker) this.worker = null;
    for (const [id, waiting] of this.pending) {
      if (waiting.worker !== worker) continue;
      this.pending.delete(id);
      waiting.reject(new SendUncertainError(reason));
    }
  }
}
