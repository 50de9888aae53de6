// The platform: every piece of machinery a module needs, built once per process from configuration.
// Local defaults (embedded PostgreSQL, in-memory pub/sub and rate limits, dev mailbox) are replaced by
// real engines when their variables are set.
import path from 'node:path';
import { Redis } from 'ioredis';
import type { Config } from './config.js';
import { connectDatabase, type Database, type Db } from './db/client.js';
import { JobQueue } from './jobs/queue.js';
import { Mailer } from './mail/mailer.js';
import { devMailboxTransport, smtpTransport } from './mail/transport.js';
import type { Logger } from './observability/logger.js';
import { createMemoryPubSub, createRedisPubSub, type PubSub } from './pubsub/pubsub.js';
import { memoryRateLimiter, redisRateLimiter, type RateLimiter } from './ratelimit/limiter.js';
import { dataRoot } from './db/embedded.js';
import { LocalDiskStorage, type FileStorage } from './storage/storage.js';

export interface Platform {
  config: Config;
  log: Logger;
  database: Database;
  prisma: Db;
  jobs: JobQueue;
  mail: Mailer;
  pubsub: PubSub;
  limiter: RateLimiter;
  storage: FileStorage;
  redis: Redis | null;
  close(): Promise<void>;
}

export async function createPlatform(config: Config, databaseUrl: string, log: Logger): Promise<Platform> {
  const database = connectDatabase(databaseUrl, { max: config.NODE_ENV === 'test' ? 5 : 20 });
  const jobs = JobQueue.create(databaseUrl, log.child({ component: 'jobs' }));
  await jobs.start();

  let redis: Redis | null = null;
  let pubsub: PubSub;
  let limiter: RateLimiter;
  let redisSubscriber: Redis | null = null;
  if (config.REDIS_URL) {
    redis = new Redis(config.REDIS_URL, { lazyConnect: false, maxRetriesPerRequest: 2 });
    redisSubscriber = new Redis(config.REDIS_URL, { lazyConnect: false });
    pubsub = createRedisPubSub(redis, redisSubscriber);
    limiter = redisRateLimiter(redis);
  } else {
    pubsub = createMemoryPubSub();
    limiter = memoryRateLimiter();
  }

  const transport = config.SMTP_URL ? smtpTransport(config.SMTP_URL) : devMailboxTransport(database.prisma);
  const mail = new Mailer(database.prisma, jobs, transport, config.MAIL_FROM, log.child({ component: 'mail' }));

  return {
    config,
    log,
    database,
    prisma: database.prisma,
    jobs,
    mail,
    pubsub,
    limiter,
    storage: new LocalDiskStorage(config.STORAGE_DIR ? path.resolve(config.STORAGE_DIR) : path.join(dataRoot(), 'files')),
    redis,
    async close() {
      await jobs.stop().catch((error: Error) => log.warn({ err: { message: error.message } }, 'job queue stop failed'));
      mail.close();
      await limiter.close();
      redis?.disconnect();
      redisSubscriber?.disconnect();
      await database.close();
    },
  };
}
