// Money test helpers: the ledger invariant every money test ends with, and signed provider events.
import { expect } from 'vitest';
import Stripe from 'stripe';
import type { TestApp } from './app.js';

/**
 * The ledger is sound: every asset's postings sum to zero, every tracked balance equals the sum of its
 * postings, and no account that forbids it is below zero.
 */
export async function expectLedgerSound(app: TestApp): Promise<void> {
  const pool = app.api.platform.database.pool;
  const totals = await app.api.services.ledger.totals();
  expect(totals).toEqual({ CREDITS: '0.0000', USD: '0.0000' });
  const { rows: drift } = await pool.query(
    `SELECT a.code, a.balance, COALESCE(sum(p.amount), 0) AS posted FROM ledger_accounts a
       LEFT JOIN ledger_postings p ON p.account_id = a.id
      WHERE a.tracks_balance GROUP BY a.id HAVING a.balance <> COALESCE(sum(p.amount), 0)`,
  );
  expect(drift).toEqual([]);
  const { rows: negative } = await pool.query(`SELECT code, balance FROM ledger_accounts WHERE NOT allow_negative AND balance < 0`);
  expect(negative).toEqual([]);
  const { rows: unbalanced } = await pool.query(
    `SELECT entry_id, asset, sum(amount) FROM ledger_postings GROUP BY entry_id, asset HAVING sum(amount) <> 0`,
  );
  expect(unbalanced).toEqual([]);
}

const signer = new Stripe('sk_test_signer', { telemetry: false });

/** A Stripe event as Stripe sends it: the JSON body and its `Stripe-Signature` header. */
export function signedEvent(
  secret: string,
  event: { id: string; type: string; object: Record<string, unknown> },
  options: { timestamp?: number } = {},
): { body: string; signature: string } {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const body = JSON.stringify({
    id: event.id,
    object: 'event',
    api_version: '2026-10-28.endive',
    created: timestamp,
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type: event.type,
    data: { object: event.object },
  });
  return { body, signature: signer.webhooks.generateTestHeaderString({ payload: body, secret, timestamp }) };
}

export async function postWebhook(app: TestApp, delivery: { body: string; signature: string }) {
  const response = await fetch(`${app.url}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': delivery.signature },
    body: delivery.body,
  });
  return { status: response.status, body: (await response.json()) as { received: boolean; outcome?: string; error?: string } };
}
