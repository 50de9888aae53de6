// Requests and routing (issue 6): niches, the public request form, end-user confirmation, provider
// targeting, routing with credit charges, declines, refunds and disputes.
import { Router } from 'express';
import type { Platform } from '../../platform/platform.js';
import type { JobDefinition } from '../../platform/jobs/queue.js';
import type { SessionService } from '../identity/session.service.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import type { CreditsService } from '../money/credits.service.js';
import type { LedgerService } from '../money/ledger.service.js';
import type { WebhooksService } from '../webhooks/webhooks.service.js';
import { ProviderProfileService } from './providerProfile.service.js';
import { RETRY_JOB, ROUTE_JOB, UNREAD_REFUNDS_JOB } from './requests.constants.js';
import { ProviderRoutingResolver, RoutingAdminResolver, ServiceRequestsResolver } from './requests.resolver.js';
import { RequestsService } from './requests.service.js';
import { RoutingService, type RoutingTrigger } from './routing.service.js';
import { RequestThreads } from './threads.js';

export { FIRST_RESPONSE_SLA_SECONDS } from './requests.constants.js';

export interface RequestsDeps {
  workspaces: WorkspaceService;
  webhooks: WebhooksService;
  sessions: SessionService;
  credits: CreditsService;
  ledger: LedgerService;
}

export function createRequestsServices(platform: Platform, deps: RequestsDeps) {
  const threads = new RequestThreads(platform, deps.webhooks);
  const routing = new RoutingService(platform, deps.workspaces, deps.webhooks, deps.credits, threads);
  return {
    requests: new RequestsService(platform, deps.sessions, deps.webhooks, routing, threads),
    routing,
    providerProfiles: new ProviderProfileService(platform, deps.workspaces),
  };
}

export type RequestsServices = ReturnType<typeof createRequestsServices>;

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's resolver type
export const requestsResolvers: Function[] = [ServiceRequestsResolver, ProviderRoutingResolver, RoutingAdminResolver];

export function requestsJobs(services: unknown): JobDefinition<object>[] {
  const { routing } = services as RequestsServices;
  return [
    {
      name: ROUTE_JOB,
      retryLimit: 5,
      retryDelaySeconds: 30,
      handle: async (data) => {
        const { requestId, trigger } = data as { requestId: string; trigger: RoutingTrigger };
        await routing.route(requestId, trigger);
      },
    },
    {
      // Every 5 minutes, retrying each waiting request when its hourly next attempt is due.
      name: RETRY_JOB,
      cron: '*/5 * * * *',
      retryLimit: 1,
      handle: async () => {
        await routing.retryDue();
      },
    },
    {
      name: UNREAD_REFUNDS_JOB,
      cron: '17 * * * *',
      retryLimit: 1,
      handle: async () => {
        await routing.refundUnread();
      },
    },
  ];
}

/** HTTP routes of the module (mounted before /graphql). */
export function requestsRoutes(_platform: Platform, _services: unknown): Router {
  return Router();
}
