// The local sandbox payment provider: Stripe's object model and event signatures, kept in our own
// database, so the whole money flow (checkout, webhook, auto-reload, Connect onboarding, transfers,
// refunds) runs on a laptop without Stripe keys. Its checkout and onboarding pages live in the SPAs;
// they complete or fail a payment here, and the sandbox then delivers a signed event to the same
// webhook handler Stripe's events go through.
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import Stripe from 'stripe';
import { withTransaction } from '../../../platform/db/sql.js';
import {
  PaymentDeclinedError,
  type CheckoutSessionState,
  type ConnectedAccountState,
  type DisputeState,
  type PaymentGateway,
  type PaymentIntentState,
  type TransferState,
  type VerifiedEvent,
} from './gateway.js';
import { WEBHOOK_TOLERANCE_SECONDS } from './stripe.gateway.js';

/** The sandbox signs its events with this secret; it never leaves the machine. */
export const SANDBOX_WEBHOOK_SECRET = 'whsec_hotlead_sandbox_local';
/** A saved card whose off-session charges the sandbox declines (to try a failing auto-reload). */
export const SANDBOX_DECLINING_CARD = 'pm_sandbox_card_declined';

type Json = Record<string, unknown>;
export type DeliverEvent = (rawBody: Buffer, signatureHeader: string) => Promise<void>;

const newId = (prefix: string) => `${prefix}_sbx_${randomBytes(12).toString('hex')}`;

export class SandboxGateway implements PaymentGateway {
  readonly kind = 'SANDBOX' as const;
  /** Verifies and signs only; never talks to Stripe. */
  private readonly signer = new Stripe('sk_sandbox_never_used', { telemetry: false });
  private deliver: DeliverEvent | null = null;

  constructor(
    private readonly pool: pg.Pool,
    private readonly publicUrl: string,
  ) {}

  /** Where signed events go: the webhook handler, wired once at start-up. */
  onEvent(deliver: DeliverEvent): void {
    this.deliver = deliver;
  }

  verifyEvent(rawBody: Buffer, signatureHeader: string | undefined): VerifiedEvent {
    const event = this.signer.webhooks.constructEvent(rawBody, signatureHeader ?? '', SANDBOX_WEBHOOK_SECRET, WEBHOOK_TOLERANCE_SECONDS);
    return { id: event.id, type: event.type, object: event.data.object as unknown as VerifiedEvent['object'] };
  }

  // ───────────── objects ─────────────

  private async find(id: string): Promise<Json | null> {
    const { rows } = await this.pool.query<{ data: Json }>('SELECT data FROM sandbox_objects WHERE id = $1', [id]);
    return rows[0]?.data ?? null;
  }

  private async get(id: string, what: string): Promise<Json> {
    const found = await this.find(id);
    if (!found) throw new Error(`No such ${what}: '${id}'`);
    return found;
  }

  /** Creates an object, or returns the one created earlier under the same idempotency key. */
  private async create(type: string, prefix: string, data: Json, idempotencyKey: string | null): Promise<Json> {
    const id = newId(prefix);
    const { rows } = await this.pool.query<{ data: Json }>(
      `INSERT INTO sandbox_objects (id, type, idempotency_key, data) VALUES ($1, $2, $3, $4::jsonb)
       ON CONFLICT (idempotency_key) DO NOTHING RETURNING data`,
      [id, type, idempotencyKey, JSON.stringify({ id, object: type, created: Math.floor(Date.now() / 1000), ...data })],
    );
    if (rows[0]) return rows[0].data;
    // Created before under this key (perhaps by a concurrent call): a new statement sees it committed.
    const { rows: existing } = await this.pool.query<{ data: Json }>('SELECT data FROM sandbox_objects WHERE idempotency_key = $1', [
      idempotencyKey,
    ]);
    return existing[0]!.data;
  }

  private async save(object: Json): Promise<void> {
    await this.pool.query('UPDATE sandbox_objects SET data = $2::jsonb, updated_at = now() WHERE id = $1', [
      object['id'],
      JSON.stringify(object),
    ]);
  }

  /** Signs an event like Stripe does and hands it to the webhook handler. */
  private async emit(type: string, object: Json): Promise<void> {
    if (!this.deliver) throw new Error('sandbox events have no webhook handler');
    const payload = JSON.stringify({
      id: newId('evt'),
      object: 'event',
      api_version: '2026-10-28.endive',
      created: Math.floor(Date.now() / 1000),
      livemode: false,
      type,
      data: { object },
    });
    const header = this.signer.webhooks.generateTestHeaderString({ payload, secret: SANDBOX_WEBHOOK_SECRET });
    await this.deliver(Buffer.from(payload), header);
  }

  // ───────────── the PaymentGateway interface ─────────────

  async createCustomer(input: { workspaceId: string; name: string; idempotencyKey: string }): Promise<{ id: string }> {
    const customer = await this.create(
      'customer',
      'cus',
      { name: input.name, metadata: { workspaceId: input.workspaceId } },
      input.idempotencyKey,
    );
    return { id: customer['id'] as string };
  }

  async createCheckoutSession(input: Parameters<PaymentGateway['createCheckoutSession']>[0]): Promise<{ id: string; url: string }> {
    const session = await this.create(
      'checkout.session',
      'cs',
      {
        status: 'open',
        payment_status: 'unpaid',
        payment_intent: null,
        amount_total: input.amountCents,
        currency: 'usd',
        customer: input.customerId,
        product_name: input.productName,
        success_url: input.successUrl,
        cancel_url: input.cancelUrl,
        metadata: input.metadata,
      },
      input.idempotencyKey,
    );
    return { id: session['id'] as string, url: `${this.publicUrl}/buyer/sandbox/checkout/${session['id'] as string}` };
  }

  async retrieveCheckoutSession(id: string): Promise<CheckoutSessionState> {
    const s = await this.get(id, 'checkout.session');
    return {
      id,
      status: s['status'] as string,
      paymentStatus: s['payment_status'] as string,
      paymentIntentId: (s['payment_intent'] as string | null) ?? null,
      metadata: s['metadata'] as Record<string, string>,
    };
  }

  async retrievePaymentIntent(id: string): Promise<PaymentIntentState> {
    return intentState(await this.get(id, 'payment_intent'));
  }

  async retrieveDispute(id: string): Promise<DisputeState> {
    const d = await this.get(id, 'dispute');
    return { id, status: d['status'] as string, paymentIntentId: (d['payment_intent'] as string | null) ?? null };
  }

  private async createIntent(input: {
    amountCents: number;
    customerId: string | null;
    paymentMethodId: string;
    succeed: boolean;
    metadata: Record<string, string>;
    idempotencyKey: string | null;
  }): Promise<Json> {
    const chargeId = newId('ch');
    return this.create(
      'payment_intent',
      'pi',
      {
        amount: input.amountCents,
        currency: 'usd',
        customer: input.customerId,
        payment_method: input.paymentMethodId,
        status: input.succeed ? 'succeeded' : 'requires_payment_method',
        last_payment_error: input.succeed ? null : { code: 'card_declined', message: 'Your card was declined.' },
        card: { brand: 'visa', last4: input.succeed ? '4242' : '0002' },
        latest_charge: input.succeed ? { id: chargeId, amount: input.amountCents, amount_refunded: 0, disputed: false } : null,
        metadata: input.metadata,
      },
      input.idempotencyKey,
    );
  }

  async chargeOffSession(input: Parameters<PaymentGateway['chargeOffSession']>[0]): Promise<PaymentIntentState> {
    const succeed = input.paymentMethodId !== SANDBOX_DECLINING_CARD;
    const intent = await this.createIntent({ ...input, succeed, idempotencyKey: input.idempotencyKey });
    await this.emit(succeed ? 'payment_intent.succeeded' : 'payment_intent.payment_failed', intent);
    if (!succeed) throw new PaymentDeclinedError('Your card was declined.', 'card_declined');
    return intentState(intent);
  }

  async refundPaymentIntent(input: { paymentIntentId: string; idempotencyKey: string }): Promise<{ id: string }> {
    const intent = await this.get(input.paymentIntentId, 'payment_intent');
    const charge = intent['latest_charge'] as Json | null;
    if (!charge) throw new PaymentDeclinedError('This PaymentIntent has no successful charge to refund.', 'charge_missing');
    const refund = await this.create(
      'refund',
      're',
      { payment_intent: input.paymentIntentId, amount: charge['amount'] },
      input.idempotencyKey,
    );
    if (charge['amount_refunded'] !== charge['amount']) {
      charge['amount_refunded'] = charge['amount'];
      await this.save(intent);
      await this.emit('charge.refunded', { ...charge, object: 'charge', payment_intent: input.paymentIntentId, refunded: true });
    }
    return { id: refund['id'] as string };
  }

  async createConnectedAccount(input: { partnerOrgId: string; email: string | null; idempotencyKey: string }): Promise<{ id: string }> {
    const account = await this.create(
      'account',
      'acct',
      {
        type: 'express',
        email: input.email,
        details_submitted: false,
        payouts_enabled: false,
        metadata: { partnerOrgId: input.partnerOrgId },
      },
      input.idempotencyKey,
    );
    return { id: account['id'] as string };
  }

  async createAccountLink(input: { accountId: string; refreshUrl: string; returnUrl: string }): Promise<{ url: string }> {
    await this.get(input.accountId, 'account');
    return { url: `${this.publicUrl}/partner/sandbox/connect/${input.accountId}?return=${encodeURIComponent(input.returnUrl)}` };
  }

  async retrieveAccount(id: string): Promise<ConnectedAccountState> {
    const a = await this.get(id, 'account');
    return { id, detailsSubmitted: a['details_submitted'] === true, payoutsEnabled: a['payouts_enabled'] === true };
  }

  async createTransfer(input: Parameters<PaymentGateway['createTransfer']>[0]): Promise<TransferState> {
    const account = await this.find(input.destination);
    if (!account || account['payouts_enabled'] !== true) {
      throw new PaymentDeclinedError('The destination account cannot receive transfers yet.', 'account_invalid');
    }
    const transfer = await this.create(
      'transfer',
      'tr',
      {
        amount: input.amountCents,
        currency: 'usd',
        destination: input.destination,
        transfer_group: input.transferGroup,
        description: input.description,
      },
      input.idempotencyKey,
    );
    return transferOf(transfer);
  }

  async findTransfer(transferGroup: string): Promise<TransferState | null> {
    const { rows } = await this.pool.query<{ data: Json }>(
      `SELECT data FROM sandbox_objects WHERE type = 'transfer' AND data->>'transfer_group' = $1 LIMIT 1`,
      [transferGroup],
    );
    return rows[0] ? transferOf(rows[0].data) : null;
  }

  // ───────────── what the sandbox pages do (the customer's side) ─────────────

  /** The checkout page's facts, for the SPA. */
  async checkoutSession(id: string): Promise<{
    id: string;
    status: string;
    amountCents: number;
    productName: string;
    metadata: Record<string, string>;
    successUrl: string;
    cancelUrl: string;
  } | null> {
    const s = await this.find(id);
    if (!s || s['object'] !== 'checkout.session') return null;
    return {
      id,
      status: s['status'] as string,
      amountCents: s['amount_total'] as number,
      productName: s['product_name'] as string,
      metadata: s['metadata'] as Record<string, string>,
      successUrl: s['success_url'] as string,
      cancelUrl: s['cancel_url'] as string,
    };
  }

  /**
   * The customer pays (or the card is declined) on the sandbox checkout page. Completes the session and
   * emits `checkout.session.completed`, or expires it and emits `checkout.session.expired`; returns
   * where the page sends the customer next.
   */
  async completeCheckout(id: string, succeed: boolean): Promise<string> {
    const session = await withTransaction(this.pool, async (tx) => {
      const { rows } = await tx.query<{ data: Json }>('SELECT data FROM sandbox_objects WHERE id = $1 FOR UPDATE', [id]);
      const s = rows[0]?.data;
      if (!s || s['object'] !== 'checkout.session') throw new PaymentDeclinedError('No such checkout session.', 'resource_missing');
      if (s['status'] !== 'open') throw new PaymentDeclinedError('This checkout session is no longer open.', 'session_closed');
      return s;
    });
    const intent = await this.createIntent({
      amountCents: session['amount_total'] as number,
      customerId: (session['customer'] as string | null) ?? null,
      paymentMethodId: succeed ? newId('pm') : SANDBOX_DECLINING_CARD,
      succeed,
      metadata: session['metadata'] as Record<string, string>,
      idempotencyKey: `checkout:${id}`,
    });
    Object.assign(
      session,
      succeed
        ? { status: 'complete', payment_status: 'paid', payment_intent: intent['id'] }
        : { status: 'expired', payment_status: 'unpaid', payment_intent: intent['id'] },
    );
    await this.save(session);
    await this.emit(succeed ? 'checkout.session.completed' : 'checkout.session.expired', session);
    return (succeed ? session['success_url'] : session['cancel_url']) as string;
  }

  /** The partner finishes the sandbox's Connect onboarding page; emits `account.updated`. */
  async completeOnboarding(accountId: string): Promise<void> {
    const account = await this.get(accountId, 'account');
    Object.assign(account, { details_submitted: true, payouts_enabled: true });
    await this.save(account);
    await this.emit('account.updated', account);
  }

  /** Opens a dispute on a paid intent (admin tooling in local mode; Stripe's test cards do the same). */
  async openDispute(paymentIntentId: string, status: 'needs_response' | 'won' | 'lost' = 'needs_response'): Promise<string> {
    const intent = await this.get(paymentIntentId, 'payment_intent');
    const charge = intent['latest_charge'] as Json | null;
    if (!charge) throw new PaymentDeclinedError('This PaymentIntent has no charge to dispute.', 'charge_missing');
    const dispute = await this.create(
      'dispute',
      'dp',
      { charge: charge['id'], payment_intent: paymentIntentId, status, amount: charge['amount'] },
      null,
    );
    charge['disputed'] = true;
    await this.save(intent);
    await this.emit('charge.dispute.created', dispute);
    return dispute['id'] as string;
  }
}

function intentState(pi: Json): PaymentIntentState {
  const charge = pi['latest_charge'] as Json | null;
  const card = pi['card'] as { brand: string; last4: string } | null;
  const error = pi['last_payment_error'] as { message: string } | null;
  return {
    id: pi['id'] as string,
    status: pi['status'] as string,
    amountCents: pi['amount'] as number,
    customerId: (pi['customer'] as string | null) ?? null,
    paymentMethodId: (pi['payment_method'] as string | null) ?? null,
    card: pi['status'] === 'succeeded' ? card : null,
    lastError: error?.message ?? null,
    latestCharge: charge
      ? {
          id: charge['id'] as string,
          amountCents: charge['amount'] as number,
          amountRefundedCents: charge['amount_refunded'] as number,
          disputed: charge['disputed'] === true,
        }
      : null,
    metadata: (pi['metadata'] ?? {}) as Record<string, string>,
  };
}

function transferOf(t: Json): TransferState {
  return {
    id: t['id'] as string,
    amountCents: t['amount'] as number,
    destination: t['destination'] as string,
    transferGroup: (t['transfer_group'] as string | null) ?? null,
  };
}
