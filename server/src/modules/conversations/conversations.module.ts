// Conversations (issue 6): the provider console, the end-user area and admin oversight over
// threads and messages; subscriptions, webhooks and exports of conversation metadata.
import type { Router } from 'express';
import type { Platform } from '../../platform/platform.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { Services } from '../services.js';
import { assignmentExportRoutes } from './conversations.export.js';
import {
  AssignmentThreadResolver,
  ConversationsResolver,
  EndUserThreadResolver,
  MatchedProviderThreadResolver,
  ProviderThreadResolver,
} from './conversations.resolver.js';
import { ConversationsService, type ConversationsDeps } from './conversations.service.js';
import { AdminThreadResolver, OversightResolver } from './oversight.resolver.js';
import { OversightService } from './oversight.service.js';

export function createConversationsServices(platform: Platform, deps: ConversationsDeps) {
  return {
    conversations: new ConversationsService(platform, deps),
    oversight: new OversightService(platform, deps),
  };
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's resolver type
export const conversationsResolvers: Function[] = [
  ConversationsResolver,
  AssignmentThreadResolver,
  MatchedProviderThreadResolver,
  ProviderThreadResolver,
  EndUserThreadResolver,
  OversightResolver,
  AdminThreadResolver,
];

/** No jobs of its own: the events it reports are queued where they happen (relay, requests). */
export function conversationsJobs(_services: unknown): JobDefinition<object>[] {
  return [];
}

/** HTTP routes of the module (mounted before /graphql): the provider's CSV export. */
export function conversationsRoutes(platform: Platform, services: unknown): Router {
  return assignmentExportRoutes(platform, services as Services);
}
