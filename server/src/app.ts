// Assembles a running API instance from configuration. Used by main.ts, the tests and the benchmarks,
// so all three run the same code.
import 'reflect-metadata';
import type { GraphQLSchema } from 'graphql';
import type { Config } from './platform/config.js';
import { buildHotleadSchema } from './platform/graphql/schema.js';
import { startHttpServer, type HttpServer } from './platform/http/server.js';
import type { Logger } from './platform/observability/logger.js';
import { createPlatform, type Platform } from './platform/platform.js';
import { registerJobs } from './modules/jobs.js';
import { startRelayInbound, type RelayInbound } from './modules/relay/relay.inbound.js';
import { createServices, type Services } from './modules/services.js';

export interface RunningApi {
  platform: Platform;
  services: Services;
  schema: GraphQLSchema;
  http: HttpServer;
  /** The relay's inbound SMTP server when it runs in this process (RELAY_INBOUND_IN_PROCESS). */
  relayInbound: RelayInbound | null;
  stop(): Promise<void>;
}

export async function startApi(config: Config, databaseUrl: string, log: Logger, options: { runWorkers: boolean }): Promise<RunningApi> {
  const platform = await createPlatform(config, databaseUrl, log);
  const services = createServices(platform);
  const schema = await buildHotleadSchema(platform.pubsub);
  await registerJobs(platform, services, options.runWorkers);
  const relayInbound = config.RELAY_INBOUND_IN_PROCESS
    ? await startRelayInbound(
        services.relay,
        { pool: platform.database.pool, log },
        { host: config.RELAY_SMTP_HOST, port: config.RELAY_SMTP_PORT },
      )
    : null;
  const http = await startHttpServer(platform, services, schema, { port: config.PORT, host: config.HOST, serveWeb: config.SERVE_WEB });
  let stopped = false;
  return {
    platform,
    services,
    schema,
    http,
    relayInbound,
    async stop() {
      if (stopped) return;
      stopped = true;
      await relayInbound?.close();
      await http.stop();
      await services.relay.stop();
      await platform.close();
    },
  };
}
