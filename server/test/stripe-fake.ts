// A stand-in for Stripe's API at https://api.stripe.com, served through msw: the requests stripe-node
// sends (form-encoded, with Idempotency-Key headers) and the response and error shapes of Stripe's API
// reference, kept in memory. Only third-party HTTP is intercepted; our own API, database and queue are real.
import { randomBytes } from 'node:crypto';
import { http, HttpResponse } from 'msw';
import { setupServer } from 'msw/node';

type Obj = Record<string, unknown> & { id: string };

/** Parses `a[b][0][c]=1` form bodies into nested objects (arrays become objects keyed by index). */
function parseForm(body: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(body)) {
    const path = key.replace(/\]/g, '').split('[');
    let node = out;
    path.forEach((part, i) => {
      if (i === path.length - 1) node[part] = value;
      else node = (node[part] ??= {}) as Record<string, unknown>;
    });
  }
  return out;
}

const id = (prefix: string) => `${prefix}_test_${randomBytes(8).toString('hex')}`;
const now = () => Math.floor(Date.now() / 1000);

function stripeError(status: number, type: string, code: string, message: string) {
  return HttpResponse.json(
    { error: { type, code, message, ...(type === 'card_error' ? { decline_code: 'generic_decline' } : {}) } },
    { status },
  );
}

export class StripeFake {
  readonly customers = new Map<string, Obj>();
  readonly sessions = new Map<string, Obj>();
  readonly intents = new Map<string, Obj>();
  readonly charges = new Map<string, Obj>();
  readonly disputes = new Map<string, Obj>();
  readonly accounts = new Map<string, Obj>();
  readonly transfers = new Map<string, Obj>();
  /** Every request received, for assertions on what we sent. */
  readonly requests: { method: string; path: string; body: Record<string, unknown>; idempotencyKey: string | null }[] = [];
  private readonly replays = new Map<string, { status: number; body: unknown }>();
  /** Decline the next off-session charge. */
  declineNextCharge = false;
  readonly server: ReturnType<typeof setupServer>;

  constructor() {
    const base = 'https://api.stripe.com/v1';
    const route = (
      method: 'get' | 'post',
      path: string,
      handle: (body: Record<string, unknown>, params: Record<string, string>, url: URL) => Response,
    ) =>
      http[method](`${base}${path}`, async ({ request, params }) => {
        const text = method === 'post' ? await request.text() : '';
        const body = parseForm(text);
        const url = new URL(request.url);
        const key = request.headers.get('idempotency-key');
        this.requests.push({ method: method.toUpperCase(), path: url.pathname, body, idempotencyKey: key });
        // Stripe replays the first response for a repeated idempotency key.
        const replay = key && method === 'post' ? this.replays.get(`${url.pathname}:${key}`) : undefined;
        if (replay) return HttpResponse.json(replay.body as object, { status: replay.status, headers: { 'idempotent-replayed': 'true' } });
        const response = handle(body, params as Record<string, string>, url);
        if (key && method === 'post')
          this.replays.set(`${url.pathname}:${key}`, { status: response.status, body: await response.clone().json() });
        return response;
      });
    const found = (map: Map<string, Obj>, key: string, what: string) =>
      map.get(key)
        ? HttpResponse.json(map.get(key))
        : stripeError(404, 'invalid_request_error', 'resource_missing', `No such ${what}: '${key}'`);

    this.server = setupServer(
      route('post', '/customers', (body) => {
        const customer = { id: id('cus'), object: 'customer', name: body['name'], metadata: body['metadata'] ?? {} };
        this.customers.set(customer.id, customer);
        return HttpResponse.json(customer);
      }),
      route('post', '/checkout/sessions', (body) => {
        const sessionId = id('cs');
        const items = body['line_items'] as Record<string, { price_data: { unit_amount: string } }>;
        const session = {
          id: sessionId,
          object: 'checkout.session',
          mode: body['mode'],
          status: 'open',
          payment_status: 'unpaid',
          payment_intent: null,
          customer: body['customer'],
          amount_total: Number(items['0']!.price_data.unit_amount),
          currency: 'usd',
          metadata: body['metadata'] ?? {},
          success_url: body['success_url'],
          cancel_url: body['cancel_url'],
          url: `https://checkout.stripe.com/c/pay/${sessionId}`,
        };
        this.sessions.set(sessionId, session);
        return HttpResponse.json(session);
      }),
      route('get', '/checkout/sessions/:id', (_b, p) => found(this.sessions, p['id']!, 'checkout.session')),
      route('get', '/payment_intents/:id', (_b, p, url) => {
        const intent = this.intents.get(p['id']!);
        if (!intent) return stripeError(404, 'invalid_request_error', 'resource_missing', `No such payment_intent: '${p['id']}'`);
        // stripe-node sends expand[0]=…&expand[1]=…
        const expand = [...url.searchParams.entries()].filter(([k]) => k.startsWith('expand')).map(([, v]) => v);
        return HttpResponse.json(this.expandIntent(intent, expand));
      }),
      route('post', '/payment_intents', (body) => {
        if (this.declineNextCharge) {
          this.declineNextCharge = false;
          return stripeError(402, 'card_error', 'card_declined', 'Your card was declined.');
        }
        const intent = this.createPaidIntent(
          Number(body['amount']),
          body['customer'] as string,
          body['payment_method'] as string,
          (body['metadata'] ?? {}) as Record<string, string>,
        );
        return HttpResponse.json(this.expandIntent(intent, ['latest_charge', 'payment_method']));
      }),
      route('post', '/refunds', (body) => {
        const intent = this.intents.get(body['payment_intent'] as string)!;
        const charge = this.charges.get(intent['latest_charge'] as string)!;
        charge['amount_refunded'] = charge['amount'];
        charge['refunded'] = true;
        return HttpResponse.json({
          id: id('re'),
          object: 'refund',
          amount: charge['amount'],
          payment_intent: intent.id,
          status: 'succeeded',
        });
      }),
      route('get', '/disputes/:id', (_b, p) => found(this.disputes, p['id']!, 'dispute')),
      route('post', '/accounts', (body) => {
        const account = {
          id: id('acct'),
          object: 'account',
          type: body['type'],
          email: body['email'] ?? null,
          details_submitted: false,
          payouts_enabled: false,
          charges_enabled: false,
          metadata: body['metadata'] ?? {},
        };
        this.accounts.set(account.id, account);
        return HttpResponse.json(account);
      }),
      route('get', '/accounts/:id', (_b, p) => found(this.accounts, p['id']!, 'account')),
      route('post', '/account_links', (body) =>
        HttpResponse.json({
          object: 'account_link',
          created: now(),
          expires_at: now() + 300,
          url: `https://connect.stripe.com/setup/e/${String(body['account'])}/${randomBytes(6).toString('hex')}`,
        }),
      ),
      route('post', '/transfers', (body) => {
        const account = this.accounts.get(body['destination'] as string);
        if (!account?.['payouts_enabled']) {
          return stripeError(
            400,
            'invalid_request_error',
            'insufficient_capabilities_for_transfer',
            'Your destination account needs to have at least one of the following capabilities enabled: transfers, crypto_transfers, legacy_payments',
          );
        }
        const transfer = {
          id: id('tr'),
          object: 'transfer',
          amount: Number(body['amount']),
          currency: body['currency'],
          destination: body['destination'],
          transfer_group: body['transfer_group'] ?? null,
          description: body['description'] ?? null,
          reversed: false,
        };
        this.transfers.set(transfer.id, transfer);
        return HttpResponse.json(transfer);
      }),
      route('get', '/transfers', (_b, _p, url) => {
        const group = url.searchParams.get('transfer_group');
        const data = [...this.transfers.values()].filter((t) => !group || t['transfer_group'] === group);
        return HttpResponse.json({ object: 'list', url: '/v1/transfers', has_more: false, data });
      }),
    );
  }

  listen(): void {
    this.server.listen({
      onUnhandledRequest: (request, print) => {
        const host = new URL(request.url).hostname;
        if (host === '127.0.0.1' || host === 'localhost') return; // our own API
        print.error();
      },
    });
  }

  close(): void {
    this.server.close();
  }

  private createPaidIntent(amount: number, customer: string | null, paymentMethod: string, metadata: Record<string, string>): Obj {
    const intentId = id('pi');
    const charge = {
      id: id('ch'),
      object: 'charge',
      amount,
      amount_refunded: 0,
      refunded: false,
      disputed: false,
      payment_intent: intentId,
      payment_method_details: { type: 'card', card: { brand: 'visa', last4: '4242' } },
    };
    this.charges.set(charge.id, charge);
    const intent = {
      id: intentId,
      object: 'payment_intent',
      amount,
      currency: 'usd',
      status: 'succeeded',
      customer,
      payment_method: paymentMethod,
      latest_charge: charge.id,
      last_payment_error: null,
      metadata,
    };
    this.intents.set(intentId, intent);
    return intent;
  }

  private expandIntent(intent: Obj, expand: string[]): Obj {
    const out: Obj = { ...intent };
    if (expand.includes('latest_charge') && intent['latest_charge'])
      out['latest_charge'] = this.charges.get(intent['latest_charge'] as string);
    if (expand.includes('payment_method') && intent['payment_method']) {
      out['payment_method'] = {
        id: intent['payment_method'],
        object: 'payment_method',
        type: 'card',
        card: { brand: 'visa', last4: '4242' },
      };
    }
    return out;
  }

  // ───────────── what happens on Stripe's side ─────────────

  /** The customer pays on Stripe Checkout: the session completes with a succeeded payment intent. */
  payCheckout(sessionId: string): { session: Obj; intent: Obj } {
    const session = this.sessions.get(sessionId)!;
    const intent = this.createPaidIntent(
      session['amount_total'] as number,
      session['customer'] as string,
      id('pm'),
      session['metadata'] as Record<string, string>,
    );
    Object.assign(session, { status: 'complete', payment_status: 'paid', payment_intent: intent.id });
    return { session, intent };
  }

  refund(intentId: string): Obj {
    const charge = this.charges.get(this.intents.get(intentId)!['latest_charge'] as string)!;
    Object.assign(charge, { amount_refunded: charge['amount'], refunded: true });
    return charge;
  }

  dispute(intentId: string): Obj {
    const charge = this.charges.get(this.intents.get(intentId)!['latest_charge'] as string)!;
    charge['disputed'] = true;
    const dispute = {
      id: id('dp'),
      object: 'dispute',
      amount: charge['amount'],
      charge: charge.id,
      payment_intent: intentId,
      status: 'needs_response',
      reason: 'fraudulent',
    };
    this.disputes.set(dispute.id, dispute);
    return dispute;
  }

  /** The partner finishes Express onboarding (or loses payouts capability when `enabled` is false). */
  setAccount(accountId: string, enabled: boolean): Obj {
    const account = this.accounts.get(accountId)!;
    Object.assign(account, { details_submitted: true, payouts_enabled: enabled, charges_enabled: enabled });
    return account;
  }
}
