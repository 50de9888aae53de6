// The import job alone in its own process, so its peak RSS is the import's: spawned by bench/import.ts
// with DATABASE_URL, STORAGE_DIR and UPLOAD_ID; prints one JSON line { ms, maxRssMb }.
import 'reflect-metadata';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { createPlatform } from '../src/platform/platform.js';
import { registerJobs } from '../src/modules/jobs.js';
import { createServices } from '../src/modules/services.js';

const config = loadConfig();
const platform = await createPlatform(config, config.DATABASE_URL!, createLogger('warn'));
const services = createServices(platform);
await registerJobs(platform, services, false);
const started = performance.now();
const uploadId = process.env['UPLOAD_ID']!;
// A transient fault makes `run` hand the import back to the queue; this process is the only worker.
for (;;) {
  await services.imports.run(uploadId);
  const { status } = await platform.prisma.leadUpload.findUniqueOrThrow({ where: { id: uploadId }, select: { status: true } });
  if (status !== 'PROCESSING' && status !== 'QUEUED') break;
  await new Promise((r) => setTimeout(r, 500));
}
const ms = performance.now() - started;
const maxRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
await platform.close();
console.log(JSON.stringify({ ms: Math.round(ms), maxRssMb }));
process.exit(0);
