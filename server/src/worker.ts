// A job worker on its own (scaled-out mode): the same queue and handlers the API runs in-process
// locally. Requires DATABASE_URL, so that it shares the API's database.
import 'reflect-metadata';
import { loadConfig } from './platform/config.js';
import { createLogger } from './platform/observability/logger.js';
import { createPlatform } from './platform/platform.js';
import { registerJobs } from './modules/jobs.js';
import { createServices } from './modules/services.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL, 'hotlead-worker');
if (!config.DATABASE_URL) {
  log.error('DATABASE_URL is required for a standalone worker');
  process.exit(1);
}
const platform = await createPlatform(config, config.DATABASE_URL, log);
await registerJobs(platform, createServices(platform), true);
log.info('worker ready');

const shutdown = async () => {
  platform.jobs.prepareToStop();
  await platform.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
