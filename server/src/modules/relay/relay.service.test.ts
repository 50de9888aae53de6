// The relay service against the real database, job queue and dev mailbox: console messages, the
// provider-first rule, redaction, the relayed copy's headers, status (delivered, read pixel, held),
// at-most-once delivery, closing, uploads, downloads, the abuse page, rate limits, immutability and
// the retention purge.
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';
import type { Party } from '../../../test/relay.js';
import { buildRelayThread, collectEvents, crlf, providerWritesFirst, setRelaySettings, waitForStatus } from '../../../test/relay.js';
import { workspaceParty, userParty } from './relay.events.js';
import { RelayRefusal } from './relay.service.js';
import { purgeRelayStore } from './relay.jobs.js';
import { threadById } from './relay.shared.js';
import { signUploadToken } from './relay.tokens.js';
import { EICAR } from './scanner/builtin.scanner.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

const relay = () => app.api.services.relay;

async function relayedCopy(outboundMessageId: string) {
  const row = await app.prisma.devMailboxMessage.findFirstOrThrow({ where: { messageId: outboundMessageId } });
  return { row, parsed: await simpleParser(row.rawMime) };
}

const collect = (party: string) => collectEvents(app, party);

async function expectRefusal(promise: Promise<unknown>, code: string, message?: RegExp) {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(RelayRefusal);
  expect((error as RelayRefusal).code).toBe(code);
  if (message) expect((error as RelayRefusal).message).toMatch(message);
}

describe('postMessage from the consoles', () => {
  it('enforces provider-first, then relays both ways through the dev mailbox', async () => {
    const party = await buildRelayThread(app);
    await expectRefusal(
      relay().postMessage({
        threadId: party.thread.id,
        direction: 'USER_TO_PROVIDER',
        source: 'CONSOLE',
        senderUserId: party.endUser.user.id,
        subject: 'Hi',
        text: 'Can you come on Monday?',
        html: null,
      }),
      'PROVIDER_FIRST',
      /provider writes first/,
    );
    expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id } })).toBe(0);

    const first = await providerWritesFirst(app, party);
    const thread = await app.prisma.relayThread.findUniqueOrThrow({ where: { id: party.thread.id } });
    expect(thread).toMatchObject({ messageCount: 1, unreadForUser: 1, unreadForProvider: 0 });
    expect(thread.providerFirstMessageAt).not.toBeNull();
    const assignment = await app.prisma.requestAssignment.findUniqueOrThrow({ where: { id: party.assignment.id } });
    expect(assignment.handledByUserId).toBe(party.provider.sales.user.id);
    expect(assignment.firstResponseAt).not.toBeNull();

    const delivery = await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId: first } });
    const { row, parsed } = await relayedCopy(delivery.outboundMessageId!);
    expect(row.toAddresses).toEqual([party.endUser.user.email]);
    expect(row.fromAddress).toBe(party.providerAddress);
    expect(parsed.from?.value[0]?.address).toBe(party.providerAddress);
    // The console text got an HTML part, so it carries the read pixel.
    expect(parsed.html).toContain('/relay/r/');

    const reply = await relay().postMessage({
      threadId: party.thread.id,
      direction: 'USER_TO_PROVIDER',
      source: 'CONSOLE',
      senderUserId: party.endUser.user.id,
      subject: '',
      text: 'Monday works.',
      html: null,
    });
    const replied = await waitForStatus(app, reply.messageId, ['DELIVERED']);
    const copy = await relayedCopy(replied.outboundMessageId!);
    // To the handler (the sales user who wrote first), from the end user's relay address.
    expect(copy.row.toAddresses).toEqual([party.provider.sales.user.email]);
    expect(copy.row.fromAddress).toBe(party.userAddress);
    expect(copy.parsed.subject).toMatch(/request/);
  });

  it('stores the original, relays the redacted copy without leaking headers, and carries the abuse link', async () => {
    const party = await buildRelayThread(app);
    const { messageId } = await relay().postMessage({
      threadId: party.thread.id,
      direction: 'PROVIDER_TO_USER',
      source: 'CONSOLE',
      senderUserId: party.provider.sales.user.id,
      subject: 'Call me at +1 415 555 0199',
      text: 'Reach me directly at jamie.sales@provider-direct.example or (415) 555-0123. The quote is $1,250.',
      html: null,
    });
    const delivery = await waitForStatus(app, messageId, ['DELIVERED']);
    const stored = await app.prisma.relayMessage.findUniqueOrThrow({ where: { id: messageId } });
    // Admin copy: as written.
    expect(stored.textBody).toContain('jamie.sales@provider-direct.example');
    expect(stored.textBody).toContain('(415) 555-0123');
    expect(stored.redactedText).not.toContain('jamie.sales');
    expect(stored.redactedText).toContain('$1,250');
    expect(stored.redactions).toBe(3);
    // The store holds MIME for console messages too.
    expect(stored.rawMime).toMatch(/^Content-Type: /im);
    expect(stored.rawMime).toContain('jamie.sales@provider-direct.example');
    expect(stored.source).toBe('CONSOLE');

    const { row, parsed } = await relayedCopy(delivery.outboundMessageId!);
    expect(row.rawMime).not.toContain('jamie.sales');
    expect(row.rawMime).not.toContain('555-0123');
    expect(row.rawMime).not.toContain('555 0199');
    expect(parsed.text).toContain('[email removed]');
    expect(parsed.text).toContain('[phone removed]');
    expect(parsed.subject).toBe('Call me at [phone removed]');
    const headerNames = [...parsed.headers.keys()];
    expect(headerNames).not.toContain('received');
    expect(headerNames).not.toContain('reply-to');
    expect(headerNames).not.toContain('cc');
    expect(parsed.headers.get('x-report-abuse')).toMatch(/http:\/\/localhost:3999\/relay\/abuse\//);
    expect(parsed.text).toMatch(/Report abuse: http:\/\/localhost:3999\/relay\/abuse\/[a-z2-7]{26}-[a-z2-7]{16}/);
    // Nothing about the provider's member or the platform's real recipient in From.
    expect(parsed.from?.text).not.toContain(party.provider.sales.user.email);
  });

  it('publishes MESSAGE_CREATED and MESSAGE_STATUS to both parties only', async () => {
    const party = await buildRelayThread(app);
    const other = await buildRelayThread(app);
    const provider = collect(workspaceParty(party.provider.workspace.id));
    const user = collect(userParty(party.endUser.user.id));
    const stranger = collect(workspaceParty(other.provider.workspace.id));
    try {
      const messageId = await providerWritesFirst(app, party);
      await new Promise((r) => setTimeout(r, 50));
      for (const seen of [provider.events, user.events]) {
        expect(seen).toContainEqual({
          kind: 'MESSAGE_CREATED',
          requestId: party.request.id,
          assignmentId: party.assignment.id,
          threadId: party.thread.id,
          messageId,
        });
        expect(seen.some((e) => e.kind === 'MESSAGE_STATUS' && e.messageId === messageId)).toBe(true);
      }
      expect(stranger.events).toHaveLength(0);
    } finally {
      provider.stop();
      user.stop();
      stranger.stop();
    }
  });

  it('records message.created for the workspace webhooks, without bodies', async () => {
    const party = await buildRelayThread(app);
    const endpoint = await app.prisma.webhookEndpoint.create({
      data: {
        workspaceId: party.provider.workspace.id,
        url: 'http://127.0.0.1:9/hook',
        events: ['message.created', 'message.status_changed'],
        secret: 'whsec_test',
      },
    });
    const messageId = await providerWritesFirst(app, party, 'Secret body text 42');
    const deliveries = await app.prisma.webhookDelivery.findMany({ where: { endpointId: endpoint.id } });
    const created = deliveries.find((d) => d.event === 'message.created');
    expect(created?.payload).toMatchObject({
      type: 'message.created',
      data: { messageId: toGlobalId('RelayMessage', messageId), source: 'CONSOLE' },
    });
    expect(JSON.stringify(created?.payload)).not.toContain('Secret body');
    expect(deliveries.some((d) => d.event === 'message.status_changed')).toBe(true);
  });

  it('refuses senders who are not parties and suspended parties', async () => {
    const party = await buildRelayThread(app);
    const outsider = await buildSignedIn(app);
    await expectRefusal(
      relay().postMessage({
        threadId: party.thread.id,
        direction: 'PROVIDER_TO_USER',
        source: 'CONSOLE',
        senderUserId: outsider.user.id,
        subject: 'x',
        text: 'x',
        html: null,
      }),
      'NOT_A_PARTY',
    );
    await providerWritesFirst(app, party);
    await expectRefusal(
      relay().postMessage({
        threadId: party.thread.id,
        direction: 'USER_TO_PROVIDER',
        source: 'CONSOLE',
        senderUserId: outsider.user.id,
        subject: 'x',
        text: 'x',
        html: null,
      }),
      'NOT_A_PARTY',
    );
    await app.prisma.workspace.update({ where: { id: party.provider.workspace.id }, data: { status: 'SUSPENDED' } });
    await expectRefusal(
      relay().postMessage({
        threadId: party.thread.id,
        direction: 'PROVIDER_TO_USER',
        source: 'CONSOLE',
        senderUserId: party.provider.sales.user.id,
        subject: 'x',
        text: 'x',
        html: null,
      }),
      'THREAD_SUSPENDED',
    );
    await expectRefusal(
      relay().postMessage({
        threadId: '00000000-0000-4000-8000-000000000000',
        direction: 'PROVIDER_TO_USER',
        source: 'CONSOLE',
        senderUserId: null,
        subject: '',
        text: 'x',
        html: null,
      }),
      'THREAD_NOT_FOUND',
    );
  });

  it('rate-limits a thread per hour and logs the burst once', async () => {
    const party = await buildRelayThread(app);
    await setRelaySettings(app, { messagesPerThreadPerHour: 3 });
    try {
      const post = () =>
        relay().postMessage({
          threadId: party.thread.id,
          direction: 'PROVIDER_TO_USER',
          source: 'CONSOLE',
          senderUserId: party.provider.sales.user.id,
          subject: 'x',
          text: 'another message',
          html: null,
        });
      for (let i = 0; i < 3; i++) await post();
      await expectRefusal(post(), 'RATE_LIMITED', /Too many messages/);
      await expectRefusal(post(), 'RATE_LIMITED');
      const events = await app.prisma.relayEvent.findMany({ where: { threadId: party.thread.id, kind: 'RATE_LIMITED' } });
      expect(events).toHaveLength(1);
      expect(events[0]!.details).toMatchObject({ scope: 'thread', limit: 3 });
      expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id } })).toBe(3);
    } finally {
      await setRelaySettings(app, { messagesPerThreadPerHour: 30 });
    }
  });
});

describe('the store checks the thread again', () => {
  // The inbound server reads the thread at RCPT TO and hands that copy to post(), which checks it; the
  // store locks the thread and stores in one statement only if its rows are still those versions, or
  // else checks again under the lock. A change in between must be refused as threadRefusal refuses it,
  // with nothing stored, with or without webhooks (which take the transaction).
  const changes: {
    name: string;
    code: string;
    message: RegExp;
    apply: (party: Party) => Promise<unknown>;
    undo: (party: Party) => Promise<unknown>;
  }[] = [
    {
      name: 'closed',
      code: 'THREAD_CLOSED',
      message: /closed by the provider/,
      apply: (party) => app.prisma.relayThread.update({ where: { id: party.thread.id }, data: { status: 'CLOSED', closedBy: 'PROVIDER' } }),
      undo: (party) => app.prisma.relayThread.update({ where: { id: party.thread.id }, data: { status: 'OPEN', closedBy: null } }),
    },
    {
      name: 'suspended',
      code: 'THREAD_SUSPENDED',
      message: /suspended by Hotlead/,
      apply: (party) => app.prisma.relayThread.update({ where: { id: party.thread.id }, data: { status: 'SUSPENDED' } }),
      undo: (party) => app.prisma.relayThread.update({ where: { id: party.thread.id }, data: { status: 'OPEN' } }),
    },
    {
      name: 'provider suspended',
      code: 'THREAD_SUSPENDED',
      message: /provider's account is suspended/,
      apply: (party) => app.prisma.workspace.update({ where: { id: party.provider.workspace.id }, data: { status: 'SUSPENDED' } }),
      undo: (party) => app.prisma.workspace.update({ where: { id: party.provider.workspace.id }, data: { status: 'ACTIVE' } }),
    },
    {
      name: 'customer suspended',
      code: 'THREAD_SUSPENDED',
      message: /customer's account is no longer active/,
      apply: (party) => app.prisma.user.update({ where: { id: party.endUser.user.id }, data: { status: 'SUSPENDED' } }),
      undo: (party) => app.prisma.user.update({ where: { id: party.endUser.user.id }, data: { status: 'ACTIVE' } }),
    },
    {
      name: 'no provider message yet',
      code: 'PROVIDER_FIRST',
      message: /provider writes first/,
      apply: (party) => app.prisma.relayThread.update({ where: { id: party.thread.id }, data: { providerFirstMessageAt: null } }),
      undo: (party) => app.prisma.relayThread.update({ where: { id: party.thread.id }, data: { providerFirstMessageAt: new Date() } }),
    },
  ];

  for (const withWebhooks of [false, true]) {
    it(`refuses what the rules refuse, stores nothing, then accepts (${withWebhooks ? 'with' : 'without'} webhooks)`, async () => {
      const party = await buildRelayThread(app);
      await providerWritesFirst(app, party);
      if (withWebhooks) {
        await app.prisma.webhookEndpoint.create({
          data: {
            workspaceId: party.provider.workspace.id,
            url: 'http://127.0.0.1:9/hook',
            events: ['message.created'],
            secret: 'whsec_test',
          },
        });
      }
      const stale = (await threadById(app.api.platform.database.pool, party.thread.id))!;
      let n = 0;
      const post = () => {
        n += 1;
        return relay().post({
          threadId: party.thread.id,
          direction: 'USER_TO_PROVIDER',
          source: 'EMAIL',
          senderUserId: party.endUser.user.id,
          senderVerified: true,
          thread: stale,
          subject: `Reply ${n}`,
          text: `Reply number ${n}`,
          html: null,
          attachments: [],
          raw: crlf(`From: ${party.endUser.user.email}\nTo: ${party.providerAddress}\nSubject: Reply ${n}\n\nReply number ${n}\n`),
          automatedReason: null,
        });
      };
      const count = () => app.prisma.relayMessage.count({ where: { threadId: party.thread.id, direction: 'USER_TO_PROVIDER' } });
      for (const change of changes) {
        await change.apply(party);
        await expectRefusal(post(), change.code, change.message);
        expect(await count(), change.name).toBe(0);
        await change.undo(party);
      }
      const stored = await post();
      expect(stored).toMatchObject({ kind: 'stored', duplicate: false });
      expect(await count()).toBe(1);
      if (withWebhooks) {
        const events = await app.prisma.webhookDelivery.findMany({
          where: { event: 'message.created', endpoint: { workspaceId: party.provider.workspace.id } },
        });
        // The endpoint came after the provider's first message: this message's event only.
        expect(events.map((e) => (e.payload as { data: { messageId: string } }).data.messageId)).toEqual([
          toGlobalId('RelayMessage', (stored as { messageId: string }).messageId),
        ]);
      }
    });
  }
});

describe('delivery status', () => {
  it('marks READ once from the pixel, with the first-message-read mark and counters', async () => {
    const party = await buildRelayThread(app);
    const messageId = await providerWritesFirst(app, party);
    const delivery = await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } });
    const { parsed } = await relayedCopy(delivery.outboundMessageId!);
    const pixelPath = /\/relay\/r\/[A-Za-z0-9_-]+\.gif/.exec(String(parsed.html))![0];
    // The stored hash is of the token in the email, never the token itself.
    expect(delivery.pixelTokenHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pixelPath).not.toContain(delivery.pixelTokenHash!);

    const first = await fetch(`${app.url}${pixelPath}`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toBe('image/gif');
    expect(first.headers.get('cache-control')).toContain('no-store');
    const read = await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } });
    expect(read.status).toBe('READ');
    const thread = await app.prisma.relayThread.findUniqueOrThrow({ where: { id: party.thread.id } });
    expect(thread.providerFirstMessageReadAt).not.toBeNull();
    expect(thread.unreadForUser).toBe(0);

    const again = await fetch(`${app.url}${pixelPath}`);
    expect(again.status).toBe(200);
    expect((await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } })).readAt).toEqual(read.readAt);
    // Unknown tokens get the same image: the pixel is no oracle.
    const unknown = await fetch(`${app.url}/relay/r/${'A'.repeat(32)}.gif`);
    expect(unknown.status).toBe(200);
    expect(Buffer.from(await unknown.arrayBuffer()).equals(Buffer.from(await again.arrayBuffer()))).toBe(true);
  });

  it('delivers at most once when several attempts race', async () => {
    const party = await buildRelayThread(app);
    await providerWritesFirst(app, party);
    const { messageId } = await relay().postMessage({
      threadId: party.thread.id,
      direction: 'USER_TO_PROVIDER',
      source: 'CONSOLE',
      senderUserId: party.endUser.user.id,
      subject: 'race',
      text: 'race me',
      html: null,
    });
    // postMessage already started one attempt; two more at once.
    const outcomes = await Promise.all([relay().delivery.deliver(messageId), relay().delivery.deliver(messageId)]);
    await relay().delivery.idle();
    const delivery = await waitForStatus(app, messageId, ['DELIVERED']);
    expect(outcomes.filter((o) => o === 'DELIVERED').length).toBeLessThanOrEqual(1);
    expect(await app.prisma.devMailboxMessage.count({ where: { messageId: delivery.outboundMessageId! } })).toBe(1);
    expect(delivery.attempts).toBe(1);
  });

  it('closes a thread idempotently; a delivery still queued becomes HELD; later posts are refused', async () => {
    const party = await buildRelayThread(app);
    await providerWritesFirst(app, party);
    const events = collect(userParty(party.endUser.user.id));
    try {
      // A message stored but not yet relayed (as if this process died before its attempt).
      const { messageId } = await app.api.platform.database.pool
        .query<{ id: string }>(`SELECT id FROM relay_messages WHERE thread_id = $1 LIMIT 1`, [party.thread.id])
        .then(({ rows }) => ({ messageId: rows[0]!.id }));
      await app.prisma.relayDelivery.update({ where: { messageId }, data: { status: 'QUEUED' } });

      await relay().closeThread(party.thread.id, 'USER');
      await relay().closeThread(party.thread.id, 'PROVIDER');
      const thread = await app.prisma.relayThread.findUniqueOrThrow({ where: { id: party.thread.id } });
      expect(thread).toMatchObject({ status: 'CLOSED', closedBy: 'USER' });
      expect(await relay().delivery.deliver(messageId)).toBe('HELD');
      expect(await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } })).toMatchObject({
        status: 'HELD',
        heldReason: expect.stringContaining('closed'),
      });
      await expectRefusal(
        relay().postMessage({
          threadId: party.thread.id,
          direction: 'USER_TO_PROVIDER',
          source: 'CONSOLE',
          senderUserId: party.endUser.user.id,
          subject: 'x',
          text: 'x',
          html: null,
        }),
        'THREAD_CLOSED',
        /closed by the customer/,
      );
      await new Promise((r) => setTimeout(r, 50));
      expect(events.events.filter((e) => e.kind === 'THREAD_UPDATED')).toHaveLength(1);
    } finally {
      events.stop();
    }
  });

  it('marks a thread read from the console', async () => {
    const party = await buildRelayThread(app);
    await providerWritesFirst(app, party);
    const { messageId } = await relay().postMessage({
      threadId: party.thread.id,
      direction: 'USER_TO_PROVIDER',
      source: 'CONSOLE',
      senderUserId: party.endUser.user.id,
      subject: 'x',
      text: 'Read me',
      html: null,
    });
    await waitForStatus(app, messageId, ['DELIVERED']);
    expect(await relay().markThreadRead(party.thread.id, 'PROVIDER')).toBe(1);
    expect(await relay().markThreadRead(party.thread.id, 'PROVIDER')).toBe(0);
    expect((await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } })).status).toBe('READ');
    expect((await app.prisma.relayThread.findUniqueOrThrow({ where: { id: party.thread.id } })).unreadForProvider).toBe(0);
  });
});

describe('console attachments', () => {
  async function upload(token: string, filename: string, content: Buffer, type = 'application/pdf') {
    const response = await fetch(`${app.url}/relay/uploads?filename=${encodeURIComponent(filename)}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': type, 'x-hotlead-upload': '1' },
      body: content,
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  it('uploads, scans, attaches by token, relays the file and serves it to the parties only', async () => {
    const party = await buildRelayThread(app);
    const pdf = Buffer.from('%PDF-1.4\n% a quote\n1 0 obj\n<<>>\nendobj\n%%EOF\n');
    const uploaded = await upload(party.provider.sales.token, 'Quote 2026.pdf', pdf);
    expect(uploaded.status).toBe(201);
    expect(uploaded.body).toMatchObject({ filename: 'Quote 2026.pdf', contentType: 'application/pdf', sizeBytes: pdf.length });

    // Somebody else's token is refused (bound to the uploader).
    await expectRefusal(
      relay().postMessage({
        threadId: party.thread.id,
        direction: 'PROVIDER_TO_USER',
        source: 'CONSOLE',
        senderUserId: party.provider.manager.user.id,
        subject: 'x',
        text: 'x',
        html: null,
        attachmentTokens: [uploaded.body['token'] as string],
      }),
      'INVALID_INPUT',
    );
    const { messageId } = await relay().postMessage({
      threadId: party.thread.id,
      direction: 'PROVIDER_TO_USER',
      source: 'CONSOLE',
      senderUserId: party.provider.sales.user.id,
      subject: 'Your quote',
      text: 'Attached.',
      html: null,
      attachmentTokens: [uploaded.body['token'] as string],
    });
    const delivery = await waitForStatus(app, messageId, ['DELIVERED']);
    const { parsed } = await relayedCopy(delivery.outboundMessageId!);
    expect(parsed.attachments.map((a) => [a.filename, a.content.equals(pdf)])).toEqual([['Quote 2026.pdf', true]]);
    const stored = await app.prisma.relayMessage.findUniqueOrThrow({ where: { id: messageId } });
    expect(stored.rawMime).toContain('Quote 2026.pdf');

    // The same upload cannot be sent twice.
    await expectRefusal(
      relay().postMessage({
        threadId: party.thread.id,
        direction: 'PROVIDER_TO_USER',
        source: 'CONSOLE',
        senderUserId: party.provider.sales.user.id,
        subject: 'x',
        text: 'again',
        html: null,
        attachmentTokens: [uploaded.body['token'] as string],
      }),
      'INVALID_INPUT',
      /already sent/,
    );

    const attachment = await app.prisma.relayAttachment.findFirstOrThrow({ where: { messageId } });
    const url = `${app.url}/relay/attachments/${toGlobalId('RelayAttachment', attachment.id)}`;
    const asUser = await fetch(url, { headers: { authorization: `Bearer ${party.endUser.token}` } });
    expect(asUser.status).toBe(200);
    expect(asUser.headers.get('content-type')).toBe('application/pdf');
    expect(asUser.headers.get('x-content-type-options')).toBe('nosniff');
    expect(asUser.headers.get('content-disposition')).toBe(`attachment; filename="Quote 2026.pdf"; filename*=UTF-8''Quote%202026.pdf`);
    expect(Buffer.from(await asUser.arrayBuffer()).equals(pdf)).toBe(true);
    const asManager = await fetch(url, { headers: { authorization: `Bearer ${party.provider.manager.token}` } });
    expect(asManager.status).toBe(200);

    const stranger = await buildSignedIn(app);
    expect((await fetch(url, { headers: { authorization: `Bearer ${stranger.token}` } })).status).toBe(404);
    expect((await fetch(url)).status).toBe(401);

    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    expect((await fetch(url, { headers: { authorization: `Bearer ${admin.token}` } })).status).toBe(200);
    const audit = await app.prisma.auditLogEntry.findFirst({ where: { action: 'relay.attachment.download', targetId: attachment.id } });
    expect(audit).toMatchObject({ actorUserId: admin.user.id, workspaceId: party.provider.workspace.id });
  });

  it('refuses EICAR, oversized files, expired tokens and uploads without the CSRF header', async () => {
    const party = await buildRelayThread(app);
    const eicar = await upload(party.provider.sales.token, 'invoice.txt', EICAR, 'text/plain');
    expect(eicar.status).toBe(422);
    expect(eicar.body).toMatchObject({ error: { code: 'ATTACHMENT_REFUSED', message: expect.stringContaining('EICAR') } });
    const event = await app.prisma.relayEvent.findFirst({ where: { kind: 'ATTACHMENT_REFUSED' }, orderBy: { id: 'desc' } });
    expect(event?.details).toMatchObject({ name: 'invoice.txt', type: 'text/plain', size: EICAR.length, verdict: 'MALWARE' });
    expect((event?.details as { sha256: string }).sha256).toMatch(/^[0-9a-f]{64}$/);

    await setRelaySettings(app, { maxAttachmentBytes: 1024 });
    try {
      const big = await upload(party.provider.sales.token, 'big.txt', Buffer.alloc(4096, 'a'), 'text/plain');
      expect(big.status).toBe(413);
      expect(big.body).toMatchObject({ error: { code: 'TOO_LARGE' } });
    } finally {
      await setRelaySettings(app, { maxAttachmentBytes: 10 * 1024 * 1024 });
    }

    const noCsrf = await fetch(`${app.url}/relay/uploads?filename=a.txt`, {
      method: 'POST',
      headers: { authorization: `Bearer ${party.provider.sales.token}`, 'content-type': 'text/plain' },
      body: 'hello',
    });
    expect(noCsrf.status).toBe(400);

    const expired = signUploadToken(
      {
        uploadId: '11111111-1111-4111-8111-111111111111',
        userId: party.provider.sales.user.id,
        filename: 'a.txt',
        contentType: 'text/plain',
        sizeBytes: 5,
        sha256: '0'.repeat(64),
        expiresAt: new Date(Date.now() - 1000),
      },
      relay().verpSecret,
    );
    await expectRefusal(
      relay().postMessage({
        threadId: party.thread.id,
        direction: 'PROVIDER_TO_USER',
        source: 'CONSOLE',
        senderUserId: party.provider.sales.user.id,
        subject: 'x',
        text: 'x',
        html: null,
        attachmentTokens: [expired],
      }),
      'INVALID_INPUT',
      /expired/,
    );
  });
});

describe('report abuse', () => {
  it('shows a page on GET and records one report on POST', async () => {
    const party = await buildRelayThread(app);
    const messageId = await providerWritesFirst(app, party);
    const delivery = await app.prisma.relayDelivery.findUniqueOrThrow({ where: { messageId } });
    const { parsed } = await relayedCopy(delivery.outboundMessageId!);
    const link = /http:\/\/localhost:3999(\/relay\/abuse\/\S+)/.exec(String(parsed.text))![1]!;

    const page = await fetch(`${app.url}${link}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    expect(await app.prisma.relayEvent.count({ where: { kind: 'ABUSE_REPORTED', messageId } })).toBe(0);

    for (let i = 0; i < 2; i++) {
      const posted = await fetch(`${app.url}${link}`, { method: 'POST' });
      expect(posted.status).toBe(200);
      expect(await posted.text()).toContain('Thank you');
    }
    expect(await app.prisma.relayEvent.findMany({ where: { kind: 'ABUSE_REPORTED', messageId } })).toMatchObject([
      { threadId: party.thread.id },
    ]);
    expect((await fetch(`${app.url}/relay/abuse/${'a'.repeat(26)}-${'b'.repeat(16)}`, { method: 'POST' })).status).toBe(404);
  });
});

describe('the message store', () => {
  it('refuses UPDATE and DELETE of stored messages', async () => {
    const party = await buildRelayThread(app);
    const messageId = await providerWritesFirst(app, party);
    const pool = app.api.platform.database.pool;
    await expect(pool.query(`UPDATE relay_messages SET subject = 'changed' WHERE id = $1`, [messageId])).rejects.toThrow(/immutable/);
    await expect(pool.query(`DELETE FROM relay_messages WHERE id = $1`, [messageId])).rejects.toThrow(/immutable/);
    expect((await app.prisma.relayMessage.findUniqueOrThrow({ where: { id: messageId } })).subject).toBe('About your request');
  });

  it('purges only messages older than the retention period; the database refuses younger ones', async () => {
    const party = await buildRelayThread(app);
    const young = await providerWritesFirst(app, party);
    const pool = app.api.platform.database.pool;
    // An old message with a delivery and an attachment, written as it was 40 days ago.
    const old = await pool.query<{ id: string }>(
      `INSERT INTO relay_messages (thread_id, request_id, workspace_id, user_id, niche_id, direction, source, subject, raw_mime, size_bytes, created_at)
       SELECT id, request_id, workspace_id, user_id, niche_id, 'PROVIDER_TO_USER', 'CONSOLE', 'old', 'Subject: old', 12, now() - interval '40 days'
         FROM relay_threads WHERE id = $1 RETURNING id`,
      [party.thread.id],
    );
    const oldId = old.rows[0]!.id;
    const { Readable } = await import('node:stream');
    await app.api.platform.storage.put(`relay/${party.thread.id}/${oldId}`, Readable.from([Buffer.from('old file')]), { maxBytes: 100 });
    await pool.query(`INSERT INTO relay_deliveries (message_id, thread_id, status) VALUES ($1, $2, 'DELIVERED')`, [oldId, party.thread.id]);
    await pool.query(
      `INSERT INTO relay_attachments (message_id, filename, content_type, size_bytes, sha256, storage_key, created_at)
       VALUES ($1, 'old.txt', 'text/plain', 8, 'x', $2, now() - interval '40 days')`,
      [oldId, `relay/${party.thread.id}/${oldId}`],
    );

    // Retention off: nothing goes.
    expect(await purgeRelayStore(app.api.platform)).toMatchObject({ messages: 0 });
    await app.prisma.relaySettings.update({ where: { id: 1 }, data: { retentionDays: 30 } });
    try {
      // Even inside a purge transaction, the database refuses a message younger than the period.
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        await client.query(`SET LOCAL hotlead.retention_purge = 'on'`);
        await client.query(`DELETE FROM relay_deliveries WHERE message_id = $1`, [young]);
        await expect(client.query(`DELETE FROM relay_messages WHERE id = $1`, [young])).rejects.toThrow(/immutable/);
      } finally {
        await client.query('ROLLBACK');
        client.release();
      }

      const result = await purgeRelayStore(app.api.platform);
      expect(result).toMatchObject({ messages: 1, attachments: 1, files: 1 });
      expect(await app.prisma.relayMessage.findUnique({ where: { id: oldId } })).toBeNull();
      expect(await app.prisma.relayMessage.findUnique({ where: { id: young } })).not.toBeNull();
      expect(await app.prisma.relayDelivery.findUnique({ where: { messageId: young } })).not.toBeNull();
      await expect(app.api.platform.storage.size(`relay/${party.thread.id}/${oldId}`)).rejects.toThrow();
    } finally {
      await app.prisma.relaySettings.update({ where: { id: 1 }, data: { retentionDays: 0 } });
    }
  });
});
