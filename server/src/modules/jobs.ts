// Every background job, registered with the queue at start-up.
import type { Platform } from '../platform/platform.js';
import { leadsJobs } from './leads/leads.jobs.js';
import { marketplaceJobs } from './marketplace/marketplace.jobs.js';
import { moneyJobs } from './money/money.jobs.js';
import type { Services } from './services.js';
import { conversationsJobs } from './conversations/conversations.module.js';
import { relayJobs } from './relay/relay.module.js';
import { requestsJobs } from './requests/requests.module.js';

export async function registerJobs(platform: Platform, services: Services, work: boolean): Promise<void> {
  await platform.jobs.register(platform.mail.deliverJob(), work);
  for (const job of moneyJobs(services)) await platform.jobs.register(job, work);
  for (const job of leadsJobs(services)) await platform.jobs.register(job, work);
  for (const job of marketplaceJobs(services)) await platform.jobs.register(job, work);
  for (const job of [...requestsJobs(services), ...relayJobs(services), ...conversationsJobs(services)])
    await platform.jobs.register(job, work);
  // Imports whose worker died with the last process resume now rather than at the next sweep.
  if (work) await services.imports.recover();
}
