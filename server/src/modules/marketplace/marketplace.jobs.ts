// Marketplace jobs: a purchase's CSV, the check of a bounce report, the sweep of card payments that
// never completed, and outbound webhook deliveries.
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { Services } from '../services.js';
import { WEBHOOK_DELIVER_JOB, WEBHOOK_MAX_ATTEMPTS } from '../webhooks/webhooks.service.js';
import { EXPORT_JOB } from './checkout.service.js';
import { REPORT_CHECK_JOB } from './reports.service.js';

export function marketplaceJobs(services: Services): JobDefinition<object>[] {
  return [
    {
      name: EXPORT_JOB,
      retryLimit: 5,
      concurrency: 2,
      handle: (data) => services.exports.prepare((data as { purchaseId: string }).purchaseId),
    },
    {
      name: REPORT_CHECK_JOB,
      retryLimit: 5,
      retryDelaySeconds: 30,
      handle: async (data) => {
        await services.leadReports.check((data as { reportId: string }).reportId);
      },
    },
    {
      name: 'marketplace.awaiting-payment-sweep',
      cron: '*/15 * * * *',
      handle: async () => {
        await services.checkout.sweepAwaiting();
      },
    },
    {
      name: WEBHOOK_DELIVER_JOB,
      // The delivery records every attempt; the last one marks it failed instead of throwing.
      retryLimit: WEBHOOK_MAX_ATTEMPTS - 1,
      retryDelaySeconds: 30,
      concurrency: 4,
      handle: async (data, job) => {
        await services.outboundWebhooks.deliver((data as { deliveryId: string }).deliveryId, job.retryCount ?? 0);
      },
    },
  ];
}
