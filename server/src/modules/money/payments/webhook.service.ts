// The one webhook handler for the payment provider (Stripe's events and the sandbox's alike). It
// verifies the signature over the raw body, stores each event id once, and handles the event in the
// same transaction: a redelivery finds the id and does nothing, a failure rolls back so the provider
// retries. Handlers never trust the event's copy of an object; they re-read the provider's current
// state (see CreditsService.reconcilePurchase), so events may arrive in any order.
import type { Platform } from '../../../platform/platform.js';
import { withTransaction, type Sql } from '../../../platform/db/sql.js';
import type { CreditsService, ReconcileResult } from '../credits.service.js';
import type { PayoutsService } from '../payouts.service.js';
import type { PaymentGateway, VerifiedEvent } from './gateway.js';

export interface WebhookResponse {
  status: number;
  body: { received: boolean; outcome?: string; error?: string };
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Handled = { status: 'PROCESSED' | 'IGNORED'; note: string; workspaceId?: string | null; reconciled?: ReconcileResult };

export class WebhookService {
  constructor(
    private readonly platform: Platform,
    private readonly gateway: PaymentGateway,
    private readonly credits: CreditsService,
    private readonly payouts: PayoutsService,
  ) {}

  async receive(rawBody: Buffer, signatureHeader: string | undefined): Promise<WebhookResponse> {
    let event: VerifiedEvent;
    try {
      event = this.gateway.verifyEvent(rawBody, signatureHeader);
    } catch (error) {
      // Bad signature, stale timestamp or unreadable body: refused, nothing stored.
      this.platform.log.warn({ reason: (error as Error).message.slice(0, 120) }, 'payment webhook refused');
      return { status: 400, body: { received: false, error: 'Invalid signature or timestamp.' } };
    }
    const outcome = await withTransaction(this.platform.database.pool, async (tx) => {
      // Concurrent deliveries of one event queue here; the second then finds it stored.
      await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`payment-event:${event.id}`]);
      const seen = await tx.query('SELECT 1 FROM payment_events WHERE id = $1', [event.id]);
      if (seen.rowCount) return { status: 'DUPLICATE' as const, note: 'already received' };
      const handled = await this.handle(event, tx);
      await tx.query(
        `INSERT INTO payment_events (id, provider, type, payload, status, note)
         VALUES ($1, $2::"PaymentProvider", $3, $4::jsonb, $5::"PaymentEventStatus", $6)`,
        [event.id, this.gateway.kind, event.type, rawBody.toString('utf8'), handled.status, handled.note],
      );
      return handled;
    }).catch((error: Error) => {
      this.platform.log.error({ eventId: event.id, type: event.type, err: { message: error.message } }, 'payment webhook failed');
      return null;
    });
    if (!outcome) return { status: 500, body: { received: false, error: 'Processing failed; it will be retried.' } };
    if ('workspaceId' in outcome && outcome.workspaceId) this.credits.walletChanged(outcome.workspaceId);
    if ('reconciled' in outcome && outcome.reconciled) await this.credits.runAfterCommit(outcome.reconciled);
    this.platform.log.info({ eventId: event.id, type: event.type, outcome: outcome.status, note: outcome.note }, 'payment webhook');
    return { status: 200, body: { received: true, outcome: `${outcome.status.toLowerCase()}: ${outcome.note}` } };
  }

  private async handle(event: VerifiedEvent, tx: Sql): Promise<Handled> {
    const object = event.object;
    const fromPurchase = (r: ReconcileResult): Handled =>
      r.outcome === 'unknown-purchase' || r.outcome === 'workspace-gone'
        ? { status: 'IGNORED', note: r.outcome }
        : { status: 'PROCESSED', note: r.outcome, workspaceId: r.workspaceId, reconciled: r };
    switch (event.type) {
      case 'checkout.session.completed':
      case 'checkout.session.async_payment_succeeded':
      case 'checkout.session.async_payment_failed':
      case 'checkout.session.expired':
        return fromPurchase(await this.credits.reconcilePurchase({ checkoutSessionId: String(object.id) }, tx));
      case 'payment_intent.succeeded':
      case 'payment_intent.payment_failed': {
        // Auto-reload intents carry the purchase id, so the event finds its purchase even when it arrives
        // before (or instead of, after a crash) our own record of the intent.
        const purchaseId = (object['metadata'] as Record<string, string> | undefined)?.['purchaseId'];
        const lookup =
          purchaseId && UUID.test(purchaseId)
            ? { purchaseId, paymentIntentHint: String(object.id) }
            : { paymentIntentId: String(object.id) };
        return fromPurchase(await this.credits.reconcilePurchase(lookup, tx));
      }
      case 'charge.refunded':
      case 'charge.dispute.created':
      case 'charge.dispute.closed': {
        const intentId = typeof object['payment_intent'] === 'string' ? object['payment_intent'] : null;
        if (!intentId) return { status: 'IGNORED', note: 'no payment intent' };
        return fromPurchase(await this.credits.reconcilePurchase({ paymentIntentId: intentId }, tx));
      }
      case 'account.updated': {
        const synced = await this.payouts.syncAccount(String(object.id), tx);
        return synced ? { status: 'PROCESSED', note: 'payout account synced' } : { status: 'IGNORED', note: 'unknown account' };
      }
      default:
        return { status: 'IGNORED', note: 'event type not handled' };
    }
  }
}
