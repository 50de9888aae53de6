// The masked email relay (issue 6): the message store, inbound SMTP, outbound delivery, bounces,
// read receipts, attachments and limits. GraphQL over threads and messages is the conversations
// module's; this module has no resolvers of its own.
import type { Router } from 'express';
import type { Platform } from '../../platform/platform.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { SessionService } from '../identity/session.service.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import { relayHttpRoutes } from './relay.http.js';
import { relayJobDefinitions } from './relay.jobs.js';
import { RelayServiceImpl } from './relay.service.js';

export function createRelayServices(platform: Platform, deps: { webhooks: WebhooksService } & Record<string, unknown>) {
  return { relay: new RelayServiceImpl(platform, { webhooks: deps.webhooks }) };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's resolver type
export const relayResolvers: Function[] = [];

export function relayJobs(services: { relay: RelayServiceImpl }): JobDefinition<object>[] {
  return relayJobDefinitions(services.relay, services.relay.platform);
}

/** HTTP routes of the module (mounted before /graphql). */
export function relayRoutes(platform: Platform, services: { relay: RelayServiceImpl; sessions: SessionService }): Router {
  return relayHttpRoutes(platform, services);
}
