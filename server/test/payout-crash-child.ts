// A payout run in a process of its own that is killed (SIGKILL) the moment its first transfer exists,
// between the transfer and the bookkeeping: the crash the payout engine must survive. Spawned by
// src/modules/money/payout-crash.test.ts with DATABASE_URL and RUN_AT.
import 'reflect-metadata';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { createPlatform } from '../src/platform/platform.js';
import { createServices } from '../src/modules/services.js';

const config = loadConfig();
const platform = await createPlatform(config, config.DATABASE_URL!, createLogger('silent'));
const services = createServices(platform);
services.payouts.faults.afterTransfer = () => {
  process.kill(process.pid, 'SIGKILL');
};
await services.payouts.runStream('LEAD_SALES', { trigger: 'SCHEDULE', at: new Date(process.env['RUN_AT']!) });
// Not reached when a payout was due.
await platform.close();
process.exit(0);
