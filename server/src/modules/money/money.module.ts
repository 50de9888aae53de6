// Builds the money services over one payment gateway: Stripe when STRIPE_SECRET_KEY is set, otherwise
// the local sandbox (whose events are delivered to the same webhook handler).
import type { Platform } from '../../platform/platform.js';
import type { WorkspaceService } from '../identity/workspace.service.js';
import type { PartnerOrgService } from '../partners/partnerOrg.service.js';
import { CreditsService } from './credits.service.js';
import { EarningsService } from './earnings.service.js';
import { FinanceService } from './finance.service.js';
import { LedgerService } from './ledger.service.js';
import { PayoutsService } from './payouts.service.js';
import type { PaymentGateway } from './payments/gateway.js';
import { SandboxGateway } from './payments/sandbox.gateway.js';
import { StripeGateway } from './payments/stripe.gateway.js';
import { WebhookService } from './payments/webhook.service.js';

export function createGateway(platform: Platform): PaymentGateway {
  const { STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET } = platform.config;
  if (STRIPE_SECRET_KEY) return new StripeGateway(STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET!);
  return new SandboxGateway(platform.database.pool, platform.config.publicUrl);
}

export function createMoneyServices(platform: Platform, workspaces: WorkspaceService, partnerOrgs: PartnerOrgService) {
  const gateway = createGateway(platform);
  const ledger = new LedgerService(platform.database.pool);
  const credits = new CreditsService(platform, ledger, gateway, workspaces);
  const earnings = new EarningsService(platform.database.pool, ledger);
  const payouts = new PayoutsService(platform, ledger, gateway, earnings, partnerOrgs);
  const webhooks = new WebhookService(platform, gateway, credits, payouts);
  if (gateway instanceof SandboxGateway) {
    gateway.onEvent(async (rawBody, header) => {
      const response = await webhooks.receive(rawBody, header);
      if (response.status !== 200) throw new Error(`sandbox event refused: ${response.body.error ?? response.status}`);
    });
  }
  return { gateway, ledger, credits, earnings, payouts, webhooks, finance: new FinanceService(platform) };
}
