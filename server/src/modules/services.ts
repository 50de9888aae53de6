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
import { SegmentsService } from './marketplace/segments.service.js';
import { createMoneyServices } from './money/money.module.js';
import { PartnerOrgService } from './partners/partnerOrg.service.js';

export function createServices(platform: Platform) {
  const sessions = new SessionService(platform);
  const workspaces = new WorkspaceService(platform);
  const partnerOrgs = new PartnerOrgService(platform);
  const money = createMoneyServices(platform, workspaces, partnerOrgs);
  const checkout = new CheckoutService(platform, workspaces, money.credits, money.earnings);
  const search = new SearchService(platform);
  return {
    sessions,
    auth: new AuthService(platform, sessions),
    workspaces,
    partnerOrgs,
    invitations: new InvitationService(platform, workspaces, partnerOrgs),
    admin: new AdminService(platform),
    ...money,
    ...createLeadsServices(platform, partnerOrgs),
    checkout,
    search,
    segments: new SegmentsService(platform, workspaces, search, checkout),
  };
}

export type Services = ReturnType<typeof createServices>;
