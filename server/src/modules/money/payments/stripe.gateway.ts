// The gateway over Stripe's API (stripe-node). Webhook signatures are checked over the raw body with
// Stripe's own verifier; every call that creates something carries an idempotency key.
import Stripe from 'stripe';
import {
  PaymentDeclinedError,
  type ChargeState,
  type CheckoutSessionState,
  type ConnectedAccountState,
  type DisputeState,
  type PaymentGateway,
  type PaymentIntentState,
  type TransferState,
  type VerifiedEvent,
} from './gateway.js';

/** Seconds a signed event stays acceptable (Stripe's default tolerance). */
export const WEBHOOK_TOLERANCE_SECONDS = 300;

type Expandable<T> = string | T | null;
const idOf = (value: Expandable<{ id: string }> | undefined): string | null =>
  value == null ? null : typeof value === 'string' ? value : value.id;

export function chargeState(charge: Stripe.Charge | null): ChargeState | null {
  if (!charge) return null;
  return { id: charge.id, amountCents: charge.amount, amountRefundedCents: charge.amount_refunded, disputed: charge.disputed };
}

export function paymentIntentState(pi: Stripe.PaymentIntent): PaymentIntentState {
  const charge = pi.latest_charge && typeof pi.latest_charge !== 'string' ? pi.latest_charge : null;
  const method = pi.payment_method && typeof pi.payment_method !== 'string' ? pi.payment_method : null;
  const card = method?.card ?? charge?.payment_method_details?.card ?? null;
  return {
    id: pi.id,
    status: pi.status,
    amountCents: pi.amount,
    customerId: idOf(pi.customer as Expandable<{ id: string }>),
    paymentMethodId: idOf(pi.payment_method as Expandable<{ id: string }>),
    card: card ? { brand: card.brand ?? 'card', last4: card.last4 ?? '' } : null,
    lastError: pi.last_payment_error?.message ?? null,
    latestCharge: chargeState(charge),
    metadata: (pi.metadata ?? {}) as Record<string, string>,
  };
}

function declined(error: unknown): never {
  if (error instanceof Stripe.errors.StripeCardError || error instanceof Stripe.errors.StripeInvalidRequestError) {
    throw new PaymentDeclinedError(error.message, error.code ?? null);
  }
  throw error;
}

export class StripeGateway implements PaymentGateway {
  readonly kind = 'STRIPE' as const;
  private readonly stripe: Stripe;

  constructor(
    secretKey: string,
    private readonly webhookSecret: string,
  ) {
    this.stripe = new Stripe(secretKey, { maxNetworkRetries: 2, timeout: 20_000, telemetry: false });
  }

  verifyEvent(rawBody: Buffer, signatureHeader: string | undefined): VerifiedEvent {
    const event = this.stripe.webhooks.constructEvent(rawBody, signatureHeader ?? '', this.webhookSecret, WEBHOOK_TOLERANCE_SECONDS);
    return { id: event.id, type: event.type, object: event.data.object as unknown as VerifiedEvent['object'] };
  }

  async createCustomer(input: { workspaceId: string; name: string; idempotencyKey: string }): Promise<{ id: string }> {
    const customer = await this.stripe.customers.create(
      { name: input.name, metadata: { workspaceId: input.workspaceId } },
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: customer.id };
  }

  async createCheckoutSession(input: Parameters<PaymentGateway['createCheckoutSession']>[0]): Promise<{ id: string; url: string }> {
    const session = await this.stripe.checkout.sessions.create(
      {
        mode: 'payment',
        customer: input.customerId,
        line_items: [
          { quantity: 1, price_data: { currency: 'usd', unit_amount: input.amountCents, product_data: { name: input.productName } } },
        ],
        // Saves the card for auto-reload (an off-session charge later).
        payment_intent_data: { setup_future_usage: 'off_session', metadata: input.metadata },
        metadata: input.metadata,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
      },
      { idempotencyKey: input.idempotencyKey },
    );
    if (!session.url) throw new Error('Stripe returned a checkout session without a URL');
    return { id: session.id, url: session.url };
  }

  async retrieveCheckoutSession(id: string): Promise<CheckoutSessionState> {
    const session = await this.stripe.checkout.sessions.retrieve(id);
    return {
      id: session.id,
      status: session.status ?? 'open',
      paymentStatus: session.payment_status,
      paymentIntentId: idOf(session.payment_intent as Expandable<{ id: string }>),
      metadata: (session.metadata ?? {}) as Record<string, string>,
    };
  }

  async retrievePaymentIntent(id: string): Promise<PaymentIntentState> {
    const pi = await this.stripe.paymentIntents.retrieve(id, { expand: ['latest_charge', 'payment_method'] });
    return paymentIntentState(pi);
  }

  async retrieveDispute(id: string): Promise<DisputeState> {
    const dispute = await this.stripe.disputes.retrieve(id);
    return { id: dispute.id, status: dispute.status, paymentIntentId: idOf(dispute.payment_intent as Expandable<{ id: string }>) };
  }

  async chargeOffSession(input: Parameters<PaymentGateway['chargeOffSession']>[0]): Promise<PaymentIntentState> {
    try {
      const pi = await this.stripe.paymentIntents.create(
        {
          amount: input.amountCents,
          currency: 'usd',
          customer: input.customerId,
          payment_method: input.paymentMethodId,
          off_session: true,
          confirm: true,
          description: input.description,
          metadata: input.metadata,
          expand: ['latest_charge', 'payment_method'],
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return paymentIntentState(pi);
    } catch (error) {
      return declined(error);
    }
  }

  async refundPaymentIntent(input: { paymentIntentId: string; idempotencyKey: string }): Promise<{ id: string }> {
    const refund = await this.stripe.refunds.create({ payment_intent: input.paymentIntentId }, { idempotencyKey: input.idempotencyKey });
    return { id: refund.id };
  }

  async createConnectedAccount(input: { partnerOrgId: string; email: string | null; idempotencyKey: string }): Promise<{ id: string }> {
    const account = await this.stripe.accounts.create(
      {
        type: 'express',
        ...(input.email ? { email: input.email } : {}),
        capabilities: { transfers: { requested: true } },
        metadata: { partnerOrgId: input.partnerOrgId },
      },
      { idempotencyKey: input.idempotencyKey },
    );
    return { id: account.id };
  }

  async createAccountLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }> {
    const link = await this.stripe.accountLinks.create({
      account: input.accountId,
      refresh_url: input.refreshUrl,
      return_url: input.returnUrl,
      type: 'account_onboarding',
    });
    return { url: link.url };
  }

  async retrieveAccount(id: string): Promise<ConnectedAccountState> {
    const account = await this.stripe.accounts.retrieve(id);
    return { id: account.id, detailsSubmitted: account.details_submitted ?? false, payoutsEnabled: account.payouts_enabled ?? false };
  }

  async createTransfer(input: Parameters<PaymentGateway['createTransfer']>[0]): Promise<TransferState> {
    try {
      const transfer = await this.stripe.transfers.create(
        {
          amount: input.amountCents,
          currency: 'usd',
          destination: input.destination,
          transfer_group: input.transferGroup,
          description: input.description,
        },
        { idempotencyKey: input.idempotencyKey },
      );
      return transferState(transfer);
    } catch (error) {
      return declined(error);
    }
  }

  async findTransfer(transferGroup: string): Promise<TransferState | null> {
    const list = await this.stripe.transfers.list({ transfer_group: transferGroup, limit: 1 });
    const transfer = list.data[0];
    return transfer ? transferState(transfer) : null;
  }
}

function transferState(transfer: Stripe.Transfer): TransferState {
  return {
    id: transfer.id,
    amountCents: transfer.amount,
    destination: idOf(transfer.destination as Expandable<{ id: string }>) ?? '',
    transferGroup: transfer.transfer_group ?? null,
  };
}
