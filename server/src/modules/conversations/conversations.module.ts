// Conversations (issue 6): the provider console, the end-user area and admin oversight over
// threads and messages; subscriptions, webhooks and exports of conversation metadata.
import { Router } from 'express';
import type { Platform } from '../../platform/platform.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';

export function createConversationsServices(_platform: Platform, _deps: Record<string, unknown>) {
  return {};
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's resolver type
export const conversationsResolvers: Function[] = [];

export function conversationsJobs(_services: unknown): JobDefinition<object>[] {
  return [];
}

/** HTTP routes of the module (mounted before /graphql). */
export function conversationsRoutes(_platform: Platform, _services: unknown): Router {
  return Router();
}
