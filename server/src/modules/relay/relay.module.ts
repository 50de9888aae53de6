// The masked email relay (issue 6): the message store, inbound SMTP, outbound delivery, bounces,
// read receipts, attachments and limits.
import { Router } from 'express';
import type { Platform } from '../../platform/platform.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';

export function createRelayServices(_platform: Platform, _deps: Record<string, unknown>) {
  return {};
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's resolver type
export const relayResolvers: Function[] = [];

export function relayJobs(_services: unknown): JobDefinition<object>[] {
  return [];
}

/** HTTP routes of the module (mounted before /graphql). */
export function relayRoutes(_platform: Platform, _services: unknown): Router {
  return Router();
}
