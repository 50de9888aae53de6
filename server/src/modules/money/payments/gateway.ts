// The payment provider as the money services see it: Stripe in production, the sandbox on a laptop.
// Both speak Stripe's object model (ids, statuses, signed events), so one webhook handler and one set
// of services serve both. Amounts are integer cents, as at Stripe.

export type ProviderKind = 'STRIPE' | 'SANDBOX';

export interface CheckoutSessionState {
  id: string;
  /** open | complete | expired */
  status: string;
  /** paid | unpaid | no_payment_required */
  paymentStatus: string;
  paymentIntentId: string | null;
  metadata: Record<string, string>;
}

export interface ChargeState {
  id: string;
  amountCents: number;
  amountRefundedCents: number;
  disputed: boolean;
}

export interface PaymentIntentState {
  id: string;
  /** succeeded | processing | requires_payment_method | requires_action | canceled | ... */
  status: string;
  amountCents: number;
  customerId: string | null;
  paymentMethodId: string | null;
  card: { brand: string; last4: string } | null;
  lastError: string | null;
  latestCharge: ChargeState | null;
  metadata: Record<string, string>;
}

export interface DisputeState {
  id: string;
  paymentIntentId: string | null;
  /** warning_needs_response | needs_response | under_review | won | lost | ... */
  status: string;
}

export interface ConnectedAccountState {
  id: string;
  detailsSubmitted: boolean;
  payoutsEnabled: boolean;
}

export interface TransferState {
  id: string;
  amountCents: number;
  destination: string;
  transferGroup: string | null;
}

/** A payment that the provider refused (card declined, account not able to receive transfers...). */
export class PaymentDeclinedError extends Error {
  constructor(
    message: string,
    readonly code: string | null = null,
  ) {
    super(message);
  }
}

export interface VerifiedEvent {
  id: string;
  type: string;
  /** The event's object (`data.object`), as sent. */
  object: Record<string, unknown> & { id?: string; object?: string };
}

export interface PaymentGateway {
  readonly kind: ProviderKind;

  /** Verifies the signature over the raw body (and its timestamp) and parses the event; throws if either is bad. */
  verifyEvent(rawBody: Buffer, signatureHeader: string | undefined): VerifiedEvent;

  createCustomer(input: { workspaceId: string; name: string; idempotencyKey: string }): Promise<{ id: string }>;
  createCheckoutSession(input: {
    customerId: string;
    amountCents: number;
    productName: string;
    successUrl: string;
    cancelUrl: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<{ id: string; url: string }>;
  retrieveCheckoutSession(id: string): Promise<CheckoutSessionState>;
  retrievePaymentIntent(id: string): Promise<PaymentIntentState>;
  retrieveDispute(id: string): Promise<DisputeState>;
  /** Charges a saved card without the customer present (auto-reload); throws PaymentDeclinedError. */
  chargeOffSession(input: {
    customerId: string;
    paymentMethodId: string;
    amountCents: number;
    description: string;
    metadata: Record<string, string>;
    idempotencyKey: string;
  }): Promise<PaymentIntentState>;
  refundPaymentIntent(input: { paymentIntentId: string; idempotencyKey: string }): Promise<{ id: string }>;

  createConnectedAccount(input: { partnerOrgId: string; email: string | null; idempotencyKey: string }): Promise<{ id: string }>;
  createAccountLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }>;
  retrieveAccount(id: string): Promise<ConnectedAccountState>;
  /** Sends money to a connected account; the same idempotency key never sends twice. Throws PaymentDeclinedError. */
  createTransfer(input: {
    amountCents: number;
    destination: string;
    transferGroup: string;
    description: string;
    idempotencyKey: string;
  }): Promise<TransferState>;
  /** A transfer already made for this group (a payout), found after a crash. */
  findTransfer(transferGroup: string): Promise<TransferState | null>;
}
