// The job queue: pg-boss on the platform's PostgreSQL. The API runs the workers in-process in local
// mode; `worker.ts` runs them alone in production. Handlers must be idempotent: delivery is at least
// once. Cron schedules are stored in the database, so each fires once across all instances.
import { PgBoss, type Job } from 'pg-boss';
import type { Logger } from '../observability/logger.js';

export interface JobDefinition<T extends object> {
  name: string;
  handle(data: T, job: Job<T>): Promise<void>;
  /** Retries after a failure (default 5), with exponential backoff from retryDelaySeconds (default 5). */
  retryLimit?: number;
  retryDelaySeconds?: number;
  /** Cron expression (UTC) for scheduled jobs; such jobs run with `{}` as data. */
  cron?: string;
  /** Jobs of this queue one process runs at once (default 1). */
  concurrency?: number;
}

export interface SendOptions {
  /** At most one queued job per key (e.g. an outbox row id). */
  singletonKey?: string;
  startAfter?: Date | number;
}

export class JobQueue {
  private readonly definitions = new Map<string, JobDefinition<object>>();
  private started = false;
  private stopping = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly log: Logger,
  ) {}

  static create(databaseUrl: string, log: Logger): JobQueue {
    const boss = new PgBoss({
      connectionString: databaseUrl,
      schema: 'pgboss',
      application_name: 'hotlead-jobs',
      max: 4,
      useListenNotify: true,
      openTelemetry: { enabled: false },
    } as ConstructorParameters<typeof PgBoss>[0]);
    const queue = new JobQueue(boss, log);
    // While stopping, lost connections are expected: Ctrl+C reaches the embedded PostgreSQL too.
    boss.on('error', (error: Error) =>
      queue.stopping
        ? log.debug({ err: { message: error.message } }, 'job queue closing')
        : log.error({ err: { message: error.message } }, 'job queue error'),
    );
    return queue;
  }

  /** Installs or upgrades pg-boss's schema. Idempotent and safe across concurrent instances. */
  async start(): Promise<void> {
    await this.boss.start();
    this.started = true;
  }

  /** Declares a queue (and its schedule); with `work`, this process also runs its handler. */
  async register<T extends object>(definition: JobDefinition<T>, work: boolean): Promise<void> {
    this.definitions.set(definition.name, definition as JobDefinition<object>);
    await this.boss.createQueue(definition.name, {
      retryLimit: definition.retryLimit ?? 5,
      retryDelay: definition.retryDelaySeconds ?? 5,
      retryBackoff: true,
      notify: true,
    } as Parameters<PgBoss['createQueue']>[1]);
    if (definition.cron) await this.boss.schedule(definition.name, definition.cron, {}, { tz: 'UTC' });
    if (!work) return;
    await this.boss.work<T>(
      definition.name,
      {
        pollingIntervalSeconds: 2,
        // LISTEN/NOTIFY wakes a worker at once, but a wake-up can be missed (seen in tests: a job
        // sent right after the previous one finished waited for the next NOTIFY); pg-boss's backstop
        // poll then defaults to 30 s. Poll every 2 s regardless, so no job waits longer than that.
        notifyPollingIntervalSeconds: 2,
        batchSize: 1,
        localConcurrency: definition.concurrency ?? 1,
      } as Parameters<PgBoss['work']>[1],
      async (jobs) => {
        for (const job of jobs) {
          const started = Date.now();
          try {
            await definition.handle(job.data, job);
            this.log.info({ job: definition.name, jobId: job.id, ms: Date.now() - started }, 'job done');
          } catch (error) {
            this.log.warn(
              { job: definition.name, jobId: job.id, retry: job.retryCount, err: { message: (error as Error).message } },
              'job failed',
            );
            throw error;
          }
        }
      },
    );
  }

  async send<T extends object>(name: string, data: T, options: SendOptions = {}): Promise<string | null> {
    if (!this.definitions.has(name)) throw new Error(`unknown job "${name}"`);
    return this.boss.send(name, data, {
      singletonKey: options.singletonKey,
      startAfter: options.startAfter,
    });
  }

  /** True when the queue's database answers. */
  async healthy(): Promise<boolean> {
    if (!this.started) return false;
    try {
      await this.boss.getQueues();
      return true;
    } catch {
      return false;
    }
  }

  /** From now on lost connections are expected (the process is shutting down). */
  prepareToStop(): void {
    this.stopping = true;
  }

  async stop(): Promise<void> {
    this.stopping = true;
    if (!this.started) return;
    this.started = false;
    await this.boss.stop({ graceful: true, timeout: 5_000, close: true });
  }
}
