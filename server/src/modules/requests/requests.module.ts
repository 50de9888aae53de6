// Requests and routing (issue 6): niches, the public request form, end-user confirmation, provider
// targeting, routing with credit charges, declines, refunds and disputes.
import { Router } from 'express';
import type { Platform } from '../../platform/platform.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';

export function createRequestsServices(_platform: Platform, _deps: Record<string, unknown>) {
  return {};
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's resolver type
export const requestsResolvers: Function[] = [];

export function requestsJobs(_services: unknown): JobDefinition<object>[] {
  return [];
}

/** HTTP routes of the module (mounted before /graphql). */
export function requestsRoutes(_platform: Platform, _services: unknown): Router {
  return Router();
}
