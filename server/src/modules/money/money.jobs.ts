// The money module's background jobs: holdback release, the payout schedules, requested payouts and
// auto-reload. Every handler is idempotent (jobs are delivered at least once).
import { PAYOUT_SCHEDULES, type PayoutStream } from '@hotlead/domain';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { Services } from '../services.js';
import { AUTO_RELOAD_JOB } from './credits.service.js';
import { RELEASE_JOB } from './earnings.service.js';
import { EXECUTE_PAYOUT_JOB, payoutRunJob } from './payouts.service.js';

export function moneyJobs(services: Services): JobDefinition<object>[] {
  const runs = (Object.keys(PAYOUT_SCHEDULES) as PayoutStream[]).map((stream): JobDefinition<object> => ({
    name: payoutRunJob(stream),
    cron: PAYOUT_SCHEDULES[stream].cron,
    retryLimit: 3,
    retryDelaySeconds: 300,
    handle: async () => {
      await services.payouts.runStream(stream, { trigger: 'SCHEDULE' });
    },
  }));
  return [
    {
      name: RELEASE_JOB,
      cron: '*/10 * * * *',
      handle: async () => {
        await services.earnings.releaseDue();
      },
    },
    ...runs,
    {
      name: EXECUTE_PAYOUT_JOB,
      retryLimit: 10,
      retryDelaySeconds: 60,
      handle: async (data) => {
        await services.payouts.execute((data as { payoutId: string }).payoutId);
      },
    },
    {
      name: AUTO_RELOAD_JOB,
      retryLimit: 3,
      retryDelaySeconds: 60,
      handle: async (data) => {
        await services.credits.runAutoReload((data as { workspaceId: string }).workspaceId);
      },
    },
  ];
}
