// Supply jobs: the import itself, its recovery sweep, verification, fuzzy dedup, and the daily
// re-verification and re-scoring passes (seed 000 Phases 4–5).
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { Services } from '../services.js';
import { FUZZY_DEDUP_JOB, VERIFY_JOB } from './import.service.js';
import { IMPORT_JOB } from './upload.service.js';

type UploadJob = { uploadId: string };

export function leadsJobs(services: Services): JobDefinition<object>[] {
  return [
    {
      name: IMPORT_JOB,
      // The import retries itself (resuming from its last chunk); see ImportService.run.
      retryLimit: 0,
      // A big import does not hold up another partner's.
      concurrency: 3,
      handle: (data) => services.imports.run((data as UploadJob).uploadId),
    },
    {
      name: 'leads.import-recover',
      cron: '* * * * *',
      handle: async () => {
        await services.imports.recover();
      },
    },
    {
      name: VERIFY_JOB,
      retryLimit: 5,
      retryDelaySeconds: 30,
      handle: async (data) => {
        await services.verification.verifyUpload((data as UploadJob).uploadId);
      },
    },
    {
      name: FUZZY_DEDUP_JOB,
      handle: async (data) => {
        await services.inventory.fuzzyScan((data as UploadJob).uploadId);
      },
    },
    {
      name: 'leads.reverify',
      cron: '0 3 * * *',
      handle: async () => {
        await services.verification.reverifyStale();
      },
    },
    {
      name: 'leads.rescore',
      cron: '0 2 * * *',
      handle: async () => {
        await services.inventory.rescore();
      },
    },
  ];
}
