// The sessionRevoked subscription over a real WebSocket: authenticated on connect, filtered per
// subscriber, refused for anonymous clients; and across two API instances through Redis.
import { createClient, type Client } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { createTestDatabase } from '../../../test/db.js';
import { buildSignedIn } from '../../../test/factories.js';
import { startApi } from '../../app.js';
import { loadConfig } from '../../platform/config.js';
import { createLogger } from '../../platform/observability/logger.js';

const SUBSCRIPTION = `subscription { sessionRevoked { sessionId reason } }`;

function connect(url: string, authToken?: string): Client {
  return createClient({
    url: url.replace('http', 'ws') + '/graphql',
    webSocketImpl: WebSocket,
    connectionParams: authToken ? { authToken } : {},
    retryAttempts: 0,
    lazy: false,
  });
}

/** Subscribes and collects events; resolves `ready` once the server acknowledged the subscription. */
function collect(client: Client) {
  const events: unknown[] = [];
  const errors: unknown[] = [];
  const dispose = client.subscribe(
    { query: SUBSCRIPTION },
    { next: (v) => events.push(v), error: (e) => errors.push(e), complete: () => {} },
  );
  return { events, errors, dispose };
}

/**
 * Publishes until the subscriber has an event: a subscription is live only once the server has
 * processed it, which no fixed sleep can promise on a loaded machine.
 */
async function publishUntilReceived(events: unknown[], publish: () => Promise<void>, ms = 15_000) {
  const end = Date.now() + ms;
  while (events.length === 0) {
    if (Date.now() > end) throw new Error('the subscriber never received an event');
    await publish();
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function waitFor(check: () => boolean, ms = 10_000) {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
}

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('sessionRevoked', () => {
  it("tells a person's open tabs when one of their sessions is revoked, and nobody else", async () => {
    const alice = await buildSignedIn(app);
    const bob = await buildSignedIn(app);
    const aliceClient = connect(app.url, alice.token);
    const bobClient = connect(app.url, bob.token);
    const a = collect(aliceClient);
    const b = collect(bobClient);
    const revokeAnother = (userId: string) => async () => {
      const extra = await app.api.services.sessions.create(userId, { ip: null, userAgent: 'laptop' });
      await app.api.services.sessions.revoke(userId, extra.id, 'revoked');
    };
    // Both subscriptions are live once each has seen an event of its own.
    await publishUntilReceived(b.events, revokeAnother(bob.user.id));
    b.events.length = 0;
    await publishUntilReceived(a.events, revokeAnother(alice.user.id));
    expect(a.events[0]).toMatchObject({ data: { sessionRevoked: { reason: 'revoked' } } });
    await new Promise((r) => setTimeout(r, 300));
    expect(b.events).toEqual([]);
    a.dispose();
    b.dispose();
    await aliceClient.dispose();
    await bobClient.dispose();
  });

  it('refuses anonymous subscribers', async () => {
    const client = connect(app.url);
    const s = collect(client);
    await waitFor(() => s.errors.length === 1);
    expect(JSON.stringify(s.errors[0])).toContain('UNAUTHENTICATED');
    await client.dispose();
  });
});

describe('several API instances', () => {
  it('delivers an event published by one instance to a subscriber on another, through Redis', async (ctx) => {
    const redisUrl = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
    const probe = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    const reachable = await probe.connect().then(
      () => true,
      () => false,
    );
    probe.disconnect();
    if (!reachable) ctx.skip(`no Redis at ${redisUrl}: the scaled-out mode needs one`);

    const database = await createTestDatabase();
    const config = (port: string) =>
      loadConfig({ NODE_ENV: 'test', PORT: port, LOG_LEVEL: 'silent', SERVE_WEB: 'false', REDIS_URL: redisUrl });
    const one = await startApi(config('0'), database.url, createLogger('silent'), { runWorkers: true });
    const two = await startApi(config('0'), database.url, createLogger('silent'), { runWorkers: true });
    try {
      const user = await one.platform.prisma.user.create({
        data: { email: `multi-${Date.now()}@example.test`, name: 'Multi' },
        select: { id: true },
      });
      const session = await one.services.sessions.create(user.id, { ip: null, userAgent: null });
      const client = connect(two.http.url, session.token);
      const s = collect(client);
      // Published by instance one only; the subscriber is connected to instance two.
      await publishUntilReceived(s.events, async () => {
        const extra = await one.services.sessions.create(user.id, { ip: null, userAgent: null });
        await one.services.sessions.revoke(user.id, extra.id, 'revoked');
      });
      expect(s.events[0]).toMatchObject({ data: { sessionRevoked: { reason: 'revoked' } } });
      s.dispose();
      await client.dispose();
    } finally {
      await one.stop();
      await two.stop();
      await database.drop();
    }
  });
});
