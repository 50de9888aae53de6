// The API process: HTTP + GraphQL + graphql-ws on one port, the SPAs, and (in local mode) the job
// worker. With no DATABASE_URL it starts an embedded PostgreSQL, migrates and seeds demo data.
import { startApi } from './app.js';
import { loadConfig } from './platform/config.js';
import { resolveDatabase } from './platform/db/resolve.js';
import { createLogger } from './platform/observability/logger.js';
import { demoLogins, resetDatabase, seedIfEmpty } from './seed/run.js';

const startedAt = performance.now();
const config = loadConfig();
const log = createLogger(config.LOG_LEVEL);

const database = await resolveDatabase(config.DATABASE_URL, config.EMBEDDED_POSTGRES, (line) => log.info(line));
// `--reset` starts from an empty database with fresh demo data; otherwise existing data is reused.
const reset = process.argv.includes('--reset');
if (reset) await resetDatabase(database.url, { log: (line) => log.info(line) });
const seeded = reset || (await seedIfEmpty(database.url, { log: (line) => log.info(line) }));
const api = await startApi(config, database.url, log, { runWorkers: config.IN_PROCESS_WORKER });

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  // embedded-postgres stops its server on the same signal, in parallel with this shutdown.
  api.platform.jobs.prepareToStop();
  log.info({ signal }, 'shutting down');
  const force = setTimeout(() => process.exit(1), 15_000);
  force.unref();
  try {
    await api.stop();
    await database.stop();
  } finally {
    process.exit(0);
  }
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));

const base = `http://localhost:${new URL(api.http.url).port}`;
const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
const logins = demoLogins()
  .map((l) => `    ${l.who.padEnd(20)} ${l.email.padEnd(30)} ${l.password}   → ${base}/${l.app}/`)
  .join('\n');
process.stdout.write(`
  Hotlead is ready in ${seconds}s${seeded ? ' (demo data seeded)' : ''}.

    Buyer app      ${base}/buyer/
    Partner app    ${base}/partner/
    Admin app      ${base}/admin/      (admins, providers; dev mailbox for local mail)
    GraphQL API    ${base}/graphql    (subscriptions: ws on the same path)
    Health         ${base}/health
    Database       ${database.embedded ? `embedded PostgreSQL (.data/postgres-${config.EMBEDDED_POSTGRES})` : 'DATABASE_URL'}

  Demo logins:
${logins}

  Stop with Ctrl+C. Start over with: npm start -- --reset
`);
