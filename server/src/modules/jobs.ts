// Every background job, registered with the queue at start-up.
import type { Platform } from '../platform/platform.js';

export async function registerJobs(platform: Platform, work: boolean): Promise<void> {
  await platform.jobs.register(platform.mail.deliverJob(), work);
}
