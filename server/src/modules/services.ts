// Every module's services, created once per process over the platform.
import type { Platform } from '../platform/platform.js';
import { AdminService } from './admin/admin.service.js';
import { AuthService } from './identity/auth.service.js';
import { InvitationService } from './identity/invitation.service.js';
import { SessionService } from './identity/session.service.js';
import { WorkspaceService } from './identity/workspace.service.js';
import { createLeadsServices } from './leads/leads.module.js';
import { CheckoutService } from './marketplace/checkout.service.js';
import { SearchService } from './marketplace/search.service.js';
import { PurchaseExportService } from './marketplace/export.service.js';
import { LeadReportsService } from './marketplace/reports.service.js';
import { SegmentsService } from './marketplace/segments.service.js';
import { SuppressionService } from './marketplace/suppression.service.js';
import { WebhooksService } from './webhooks/webhooks.service.js';
import { createMoneyServices } from './money/money.module.js';
import { PartnerOrgService } from './partners/partnerOrg.service.js';
import { createConversationsServices } from './conversations/conversations.module.js';
import { createRelayServices } from './relay/relay.module.js';
import { createRequestsServices } from './requests/requests.module.js';

export function createServices(platform: Platform) {
  const sessions = new SessionService(platform);
  const workspaces = new WorkspaceService(platform);
  const partnerOrgs = new PartnerOrgService(platform);
  const money = createMoneyServices(platform, workspaces, partnerOrgs);
  const leads = createLeadsServices(platform, partnerOrgs);
  const checkout = new CheckoutService(platform, workspaces, money.credits, money.earnings, money.ledger);
  const search = new SearchService(platform);
  const webhooks = new WebhooksService(platform, workspaces);
  const reports = new LeadReportsService(platform, checkout, money.credits, money.earnings, money.ledger, leads.verification.verifier);
  const relay = createRelayServices(platform, { workspaces, webhooks, sessions });
  const requests = createRequestsServices(platform, {
    workspaces,
    webhooks,
    sessions,
    credits: money.credits,
    ledger: money.ledger,
  });
  const conversations = createConversationsServices(platform, { workspaces, webhooks, sessions, relay, requests });
  return {
    ...relay,
    ...requests,
    ...conversations,
    sessions,
    auth: new AuthService(platform, sessions),
    workspaces,
    partnerOrgs,
    invitations: new InvitationService(platform, workspaces, partnerOrgs),
    admin: new AdminService(platform),
    ...money,
    ...leads,
    checkout,
    search,
    outboundWebhooks: webhooks,
    leadReports: reports,
    exports: new PurchaseExportService(platform, checkout, reports, leads.verification, money.credits),
    suppression: new SuppressionService(platform, webhooks),
    segments: new SegmentsService(platform, workspaces, search, checkout),
  };
}

export type Services = ReturnType<typeof createServices>;
