// Outbound relay through a real SMTP next hop (SMTP_URL → a local smtp-server sink): the VERP return
// path, DELIVERED / NOT_DELIVERED / retry, at-most-once under racing attempts, the sweep, and bounces
// coming back to the inbound server (valid DSN, delay report, forged and expired addresses).
import { randomBytes } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { buildProvider } from '../../../test/routing.js';
import { buildRelayThread, collectEvents, crlf, inboundPort, sendRaw, startSink, waitForStatus, type Party } from '../../../test/relay.js';
import { newRelayToken } from './relay.addresses.js';
import { workspaceParty } from './relay.events.js';
import { verpReturnPath } from './relay.verp.js';

let app: TestApp;
let sink: Awaited<ReturnType<typeof startSink>>;
beforeAll(async () => {
  sink = await startSink();
  app = await startTestApp({ SMTP_URL: sink.url });
});
afterAll(async () => {
  await app?.stop();
  await sink?.close();
});

const relay = () => app.api.services.relay;

async function providerMessage(party: Party, text = 'Hello from the provider') {
  const { messageId } = await relay().postMessage({
    threadId: party.thread.id,
    direction: 'PROVIDER_TO_USER',
    source: 'CONSOLE',
    senderUserId: party.provider.sales.user.id,
    subject: 'Your request',
    text,
    html: null,
  });
  return messageId;
}

function sunk(outboundMessageId: string) {
  return sink.received.filter((m) => m.raw.toString('utf8').includes(`Message-ID: ${outboundMessageId}`));
}

function dsn(verp: string, options: { action: string; status: string; diagnostic: string; recipient: string }) {
  return crlf(`From: Mail Delivery System <MAILER-DAEMON@mx.example.net>
To: ${verp}
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="BOUNDARY"

--BOUNDARY
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net. Your message could not be delivered.

--BOUNDARY
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; ${options.recipient}
Action: ${options.action}
Status: ${options.status}
Diagnostic-Code: smtp; ${options.diagnostic}

--BOUNDARY
Content-Type: text/rfc822-headers

Subject: Your request

--BOUNDARY--
`);
}

describe('outbound through SMTP', () => {
  it('sends with a signed VERP return path to the real address and marks DELIVERED', async () => {
    const party = await buildRelayThread(app);
    const messageId = await providerMessage(party);
    const delivery = await waitForStatus(app, messageId, ['DELIVERED']);
    expect(delivery).toMatchObject({ attempts: 1, lastError: null });
    expect(delivery.sentAt).not.toBeNull();
    expect(delivery.deliveredAt).not.toBeNull();
    const [copy] = sunk(delivery.outboundMessageId!);
    expect(copy!.to).toEqual([party.endUser.user.email]);
    expect(copy!.from).toMatch(/^b-[a-z2-7]{26}-[0-9a-z]+-[a-z2-7]{16}@relay\.hotlead\.local$/);
    const parsed = await simpleParser(copy!.raw);
    expect(parsed.from?.value[0]?.address).toBe(party.providerAddress);
    expect(parsed.headers.has('received')).toBe(false);
  });

  it('delivers at most once when attempts race', async () => {
    const party = await buildRelayThread(app);
    const messageId = await providerMessage(party, 'race');
    const outcomes = await Promise.all([
      relay().delivery.deliver(messageId),
      relay().delivery.deliver(messageId),
      relay().delivery.deliver(messageId),
    ]);
    await relay().delivery.idle();
    const delivery = await waitForStatus(app, messageId, ['DELIVERED']);
    expect(outcomes.filter((o) => o === 'DELIVERED').length).toBeLessThanOrEqual(1);
    expect(sunk(delivery.outboundMessageId!)).toHaveLength(1);
    expect(delivery.attempts).toBe(1);
  });

  it('gives up on a 5xx from the next hop and schedules a retry on a 4xx', async () => {
    const party = await buildRelayThread(app);
    sink.setReply({ code: 550, message: '5.1.1 No such user here' });
    try {
      const refused = await providerMessage(party, 'refused');
      const failed = await waitForStatus(app, refused, ['NOT_DELIVERED']);
      expect(failed.lastError).toMatch(/No such user/);
      sink.setReply({ code: 451, message: '4.3.0 Try again later' });
      const later = await providerMessage(party, 'later');
      await relay().delivery.idle();
      const queued = await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId: later } });
      expect(queued).toMatchObject({ status: 'QUEUED', attempts: 1, lastError: expect.stringMatching(/Try again later/) });
      const { rows } = await app.api.platform.database.pool.query(
        `SELECT start_after > now() AS later FROM pgboss.job WHERE name = 'relay.deliver' AND data->>'messageId' = $1`,
        [later],
      );
      expect(rows).toEqual([{ later: true }]);
      // The retry (run now instead of in 30 s) goes through once the next hop accepts.
      sink.setReply(null);
      expect(await relay().delivery.deliver(later)).toBe('DELIVERED');
      expect((await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId: later } })).attempts).toBe(2);
    } finally {
      sink.setReply(null);
    }
  });

  it('holds a queued delivery whose thread was closed before the attempt', async () => {
    const party = await buildRelayThread(app);
    const messageId = await providerMessage(party, 'first');
    await waitForStatus(app, messageId, ['DELIVERED']);
    await app.api.platform.database.pool.query(`UPDATE relay_deliveries SET status = 'QUEUED' WHERE message_id = $1`, [messageId]);
    const before = sink.received.length;
    await relay().closeThread(party.thread.id, 'ADMIN');
    expect(await relay().delivery.deliver(messageId)).toBe('HELD');
    expect(await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } })).toMatchObject({
      status: 'HELD',
      heldReason: expect.stringContaining('closed'),
    });
    expect(sink.received.length).toBe(before);
  });

  it('sweeps deliveries this process never attempted, and gives up on interrupted ones', async () => {
    const party = await buildRelayThread(app);
    const pool = app.api.platform.database.pool;
    const first = await providerMessage(party, 'first');
    await waitForStatus(app, first, ['DELIVERED']);
    // As if the process died right after the commit: QUEUED, never tried, a few minutes old.
    await pool.query(
      `UPDATE relay_deliveries SET status = 'QUEUED', attempts = 0, updated_at = now() - interval '5 minutes' WHERE message_id = $1`,
      [first],
    );
    const second = await providerMessage(party, 'second');
    await waitForStatus(app, second, ['DELIVERED']);
    await pool.query(`UPDATE relay_deliveries SET status = 'SENDING', updated_at = now() - interval '15 minutes' WHERE message_id = $1`, [
      second,
    ]);

    const swept = await relay().delivery.sweep();
    expect(swept).toMatchObject({ queued: 1, abandoned: 1 });
    await waitForStatus(app, first, ['DELIVERED'], 20_000);
    expect(await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId: second } })).toMatchObject({
      status: 'NOT_DELIVERED',
      lastError: 'delivery uncertain after an interrupted attempt; not resent',
    });
  });
});

describe('bounces to the VERP address', () => {
  it('records a permanent invalid-address bounce and flags the request for all its providers', async () => {
    const party = await buildRelayThread(app);
    // A second provider got the same request.
    const second = await buildProvider(app);
    const otherAssignment = await app.prisma.requestAssignment.create({
      data: { requestId: party.request.id, workspaceId: second.workspace.id, nicheId: party.nicheId, rank: 2, score: '1', price: '25' },
    });
    await app.prisma.relayThread.create({
      data: {
        assignmentId: otherAssignment.id,
        requestId: party.request.id,
        workspaceId: second.workspace.id,
        userId: party.endUser.user.id,
        nicheId: party.nicheId,
        userToken: newRelayToken(),
        providerToken: newRelayToken(),
      },
    });
    const collector = collectEvents(app, workspaceParty(second.workspace.id));
    const seen = collector.events;
    try {
      const messageId = await providerMessage(party);
      const delivery = await waitForStatus(app, messageId, ['DELIVERED']);
      const verp = sunk(delivery.outboundMessageId!)[0]!.from!;

      const reply = await sendRaw(
        inboundPort(app),
        dsn(verp, {
          action: 'failed',
          status: '5.1.1',
          diagnostic: `550 5.1.1 <${party.endUser.user.email}>: Recipient address rejected: User unknown`,
          recipient: party.endUser.user.email,
        }),
        { from: '', to: [verp] },
      );
      expect(reply).toMatch(/^250 /);
      const bounced = await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } });
      expect(bounced).toMatchObject({
        status: 'NOT_DELIVERED',
        bounceAction: 'failed',
        bounceStatus: '5.1.1',
        bounceClass: 'INVALID_ADDRESS',
      });
      expect(bounced.bounceReason).toMatch(/User unknown/);
      expect((await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: party.request.id } })).badAddressAt).not.toBeNull();
      const [recorded] = await app.prisma.relayEvent.findMany({ where: { kind: 'BOUNCE_RECORDED', messageId } });
      expect(recorded?.details).toMatchObject({ class: 'INVALID_ADDRESS', status: '5.1.1', statusBefore: 'DELIVERED' });
      await new Promise((r) => setTimeout(r, 50));
      expect(seen).toContainEqual({
        kind: 'ASSIGNMENT_UPDATED',
        requestId: party.request.id,
        assignmentId: otherAssignment.id,
        threadId: null,
        messageId: null,
      });
    } finally {
      collector.stop();
    }
  });

  it('keeps the status on a delay report (4.x.x)', async () => {
    const party = await buildRelayThread(app);
    const messageId = await providerMessage(party);
    const delivery = await waitForStatus(app, messageId, ['DELIVERED']);
    const verp = sunk(delivery.outboundMessageId!)[0]!.from!;
    const reply = await sendRaw(
      inboundPort(app),
      dsn(verp, { action: 'delayed', status: '4.4.1', diagnostic: '421 4.4.1 Connection timed out', recipient: party.endUser.user.email }),
      { from: '', to: [verp] },
    );
    expect(reply).toMatch(/^250 /);
    expect((await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } })).status).toBe('DELIVERED');
    expect((await app.prisma.serviceRequest.findUniqueOrThrow({ where: { id: party.request.id } })).badAddressAt).toBeNull();
    const [event] = await app.prisma.relayEvent.findMany({ where: { kind: 'BOUNCE_RECORDED', messageId } });
    expect(event?.reason).toMatch(/delayed; status kept/);
  });

  it('refuses forged and expired bounce addresses with 550 and logs them', async () => {
    const party = await buildRelayThread(app);
    const messageId = await providerMessage(party);
    const delivery = await waitForStatus(app, messageId, ['DELIVERED']);
    const verp = sunk(delivery.outboundMessageId!)[0]!.from!;
    const domain = app.api.platform.config.RELAY_DOMAIN;
    const forged = verpReturnPath({ messageId, expiresAt: new Date(Date.now() + 86_400_000) }, randomBytes(16).toString('hex'), domain);
    const expired = verpReturnPath({ messageId, expiresAt: new Date(Date.now() - 1000) }, relay().verpSecret, domain);
    const body = (to: string) =>
      dsn(to, { action: 'failed', status: '5.1.1', diagnostic: '550 5.1.1 User unknown', recipient: party.endUser.user.email });

    expect(await sendRaw(inboundPort(app), body(forged), { from: '', to: [forged] })).toMatch(
      /^550 5\.7\.1 This bounce address was not issued/,
    );
    expect(await sendRaw(inboundPort(app), body(expired), { from: '', to: [expired] })).toMatch(
      /^550 5\.1\.1 This bounce address has expired/,
    );
    expect(await app.prisma.relayEvent.count({ where: { kind: 'BOUNCE_FORGED' } })).toBeGreaterThanOrEqual(1);
    expect(await app.prisma.relayEvent.count({ where: { kind: 'BOUNCE_EXPIRED' } })).toBeGreaterThanOrEqual(1);
    // Neither moved the message; the real address still works.
    expect((await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } })).status).toBe('DELIVERED');
    expect(verp).not.toBe(forged);
  });
});
