// The relay's inbound SMTP server on its own (production): the MX for relay.<RELAY_DOMAIN>, on
// RELAY_SMTP_HOST:RELAY_SMTP_PORT, storing into the API's database and relaying outbound through
// SMTP_URL. Run the API with RELAY_INBOUND_IN_PROCESS=false beside it. Job workers run in worker.ts;
// this process only declares the queues (delivery retries are sent to them).
import 'reflect-metadata';
import { loadConfig } from './platform/config.js';
import { createLogger } from './platform/observability/logger.js';
import { createPlatform } from './platform/platform.js';
import { registerJobs } from './modules/jobs.js';
import { startRelayInbound } from './modules/relay/relay.inbound.js';
import { createServices } from './modules/services.js';

const config = loadConfig();
const log = createLogger(config.LOG_LEVEL, 'hotlead-relay');
if (!config.DATABASE_URL) {
  log.error('DATABASE_URL is required for a standalone relay');
  process.exit(1);
}
const platform = await createPlatform(config, config.DATABASE_URL, log);
const services = createServices(platform);
await registerJobs(platform, services, false);
const inbound = await startRelayInbound(
  services.relay,
  { pool: platform.database.pool, log },
  { host: config.RELAY_SMTP_HOST, port: config.RELAY_SMTP_PORT },
);
log.info({ host: config.RELAY_SMTP_HOST, port: inbound.port, domain: config.RELAY_DOMAIN }, 'relay ready');

let stopping = false;
const shutdown = async () => {
  if (stopping) return;
  stopping = true;
  platform.jobs.prepareToStop();
  await inbound.close();
  await services.relay.stop();
  await platform.close();
  process.exit(0);
};
process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
