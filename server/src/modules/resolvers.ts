// Every resolver class in the schema.
import type { NonEmptyArray } from 'type-graphql';
import { AdminResolver } from './admin/admin.resolver.js';
import { AuthResolver } from './identity/auth.resolver.js';
import { InvitationResolver } from './identity/invitation.resolver.js';
import { InvitationFieldsResolver, WorkspaceMembershipResolver, WorkspaceResolver } from './identity/workspace.resolver.js';
import { InventoryResolver, LeadUploadResolver, PartnerOrgSupplyResolver } from './leads/leads.resolver.js';
import { LeadSearchResolver, MarketplaceResolver, MembershipCreditLimitResolver } from './marketplace/marketplace.resolver.js';
import { LeadPurchaseItemsResolver, LeadReportsResolver } from './marketplace/reports.resolver.js';
import { SegmentsResolver } from './marketplace/segments.resolver.js';
import { WebhooksResolver } from './webhooks/webhooks.resolver.js';
import { CreditsResolver, WorkspaceCreditsResolver } from './money/credits.resolver.js';
import { FinanceAdminResolver } from './money/financeAdmin.resolver.js';
import { PartnerMoneyResolver, PartnerOrgMoneyResolver } from './money/partnerMoney.resolver.js';
import { NodeResolver } from './node.resolver.js';
import { conversationsResolvers } from './conversations/conversations.module.js';
import { relayResolvers } from './relay/relay.module.js';
import { requestsResolvers } from './requests/requests.module.js';
import { PartnerMembershipResolver, PartnerOrgResolver } from './partners/partnerOrg.resolver.js';

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type -- type-graphql's own resolver array type
export const resolvers: NonEmptyArray<Function> = [
  AuthResolver,
  WorkspaceResolver,
  WorkspaceMembershipResolver,
  InvitationResolver,
  InvitationFieldsResolver,
  PartnerOrgResolver,
  PartnerMembershipResolver,
  AdminResolver,
  CreditsResolver,
  WorkspaceCreditsResolver,
  PartnerMoneyResolver,
  PartnerOrgMoneyResolver,
  FinanceAdminResolver,
  LeadUploadResolver,
  PartnerOrgSupplyResolver,
  InventoryResolver,
  MarketplaceResolver,
  LeadSearchResolver,
  SegmentsResolver,
  MembershipCreditLimitResolver,
  LeadPurchaseItemsResolver,
  LeadReportsResolver,
  WebhooksResolver,
  ...requestsResolvers,
  ...relayResolvers,
  ...conversationsResolvers,
  NodeResolver,
];
