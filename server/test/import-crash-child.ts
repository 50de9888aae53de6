// An import in a process of its own, killed (SIGKILL) right after its second chunk commits: the
// crash an import must survive. Spawned by src/modules/leads/import-crash.test.ts with DATABASE_URL,
// STORAGE_DIR and UPLOAD_ID.
import 'reflect-metadata';
import { loadConfig } from '../src/platform/config.js';
import { createLogger } from '../src/platform/observability/logger.js';
import { createPlatform } from '../src/platform/platform.js';
import { createServices } from '../src/modules/services.js';

const config = loadConfig();
const platform = await createPlatform(config, config.DATABASE_URL!, createLogger('silent'));
const services = createServices(platform);
services.imports.faults.afterChunk = (rowsRead) => {
  if (rowsRead >= 4_000) process.kill(process.pid, 'SIGKILL');
};
await services.imports.run(process.env['UPLOAD_ID']!);
// Not reached when the file has more than two chunks.
await platform.close();
process.exit(0);
