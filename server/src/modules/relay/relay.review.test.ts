// Review findings on the relay (issue 6), each over the real inbound SMTP server / HTTP routes and the
// real database: attachment names the other party downloads are redacted, a request without an
// account can reply by email, one message to several threads is all-or-nothing (M4), and probes of
// random tokens or forged bounce addresses are refused every time but logged once per window (M6).
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { buildSignedIn } from '../../../test/factories.js';
import { buildRelayThread, inboundPort, providerWritesFirst, rawSmtp, trySend, waitForStatus, type Party } from '../../../test/relay.js';
import { buildNiche, buildProvider } from '../../../test/routing.js';
import { toGlobalId } from '../../platform/graphql/ids.js';
import { newRelayToken, relayAddress } from './relay.addresses.js';
import { relayInboundHandlers } from './relay.inbound.js';
import type { PostEmailInput, PostMessageInput } from './relay.service.js';
import { verpReturnPath } from './relay.verp.js';

let app: TestApp;
let port: number;
beforeAll(async () => {
  app = await startTestApp();
  port = inboundPort(app);
});
afterAll(() => app?.stop());

const relay = () => app.api.services.relay;
const domain = () => app.api.platform.config.RELAY_DOMAIN;
const PDF = Buffer.from('%PDF-1.4\n%%EOF\n');

async function openThread(provider?: Party['provider']): Promise<Party> {
  const party = await buildRelayThread(app, { provider });
  await providerWritesFirst(app, party);
  return party;
}

async function events(kind: string, where: { threadId?: string } = {}) {
  return app.prisma.relayEvent.findMany({ where: { kind, ...where }, orderBy: { id: 'asc' } });
}

async function download(attachmentId: string, token: string) {
  const response = await fetch(`${app.url}/relay/attachments/${toGlobalId('RelayAttachment', attachmentId)}`, {
    headers: { authorization: `Bearer ${token}` },
  });
  return {
    status: response.status,
    disposition: response.headers.get('content-disposition'),
    body: Buffer.from(await response.arrayBuffer()),
  };
}

async function emailedAttachment(threadId: string, direction: 'USER_TO_PROVIDER' | 'PROVIDER_TO_USER') {
  const message = await app.prisma.relayMessage.findFirstOrThrow({
    where: { threadId, direction, source: 'EMAIL' },
    include: { attachments: true },
  });
  return message.attachments[0]!;
}

describe('attachment names', () => {
  it('gives the other party the redacted file name; the writer’s side and admins get the original', async () => {
    const party = await openThread();
    const fromUser = await trySend(port, {
      from: party.endUser.user.email,
      to: party.providerAddress,
      subject: 'My CV',
      text: 'Attached.',
      attachments: [{ filename: 'jane.doe@gmail.com-cv.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    expect(fromUser.ok).toBe(true);
    const cv = await emailedAttachment(party.thread.id, 'USER_TO_PROVIDER');
    expect(cv.filename).toBe('jane.doe@gmail.com-cv.pdf');

    // The provider is the other party: no address, the extension kept, the file itself unchanged.
    const asProvider = await download(cv.id, party.provider.sales.token);
    expect(asProvider.status).toBe(200);
    expect(asProvider.disposition).toBe(`attachment; filename="[email removed].pdf"; filename*=UTF-8''%5Bemail%20removed%5D.pdf`);
    expect(asProvider.body.equals(PDF)).toBe(true);
    expect((await download(cv.id, party.provider.manager.token)).disposition).not.toContain('jane');
    // The writer and admins see what was sent.
    expect((await download(cv.id, party.endUser.token)).disposition).toContain('filename="jane.doe@gmail.com-cv.pdf"');
    const admin = await buildSignedIn(app, { platformRole: 'ADMIN' });
    expect((await download(cv.id, admin.token)).disposition).toContain('filename="jane.doe@gmail.com-cv.pdf"');

    // The other direction: the provider's file name reaches the end user without the phone number.
    const fromProvider = await trySend(port, {
      from: party.provider.sales.user.email,
      to: party.userAddress,
      subject: 'Quote',
      text: 'Attached.',
      attachments: [{ filename: 'quote call 415-555-0199.pdf', content: PDF, contentType: 'application/pdf' }],
    });
    expect(fromProvider.ok).toBe(true);
    const quote = await emailedAttachment(party.thread.id, 'PROVIDER_TO_USER');
    expect((await download(quote.id, party.endUser.token)).disposition).toContain('filename="quote call [phone removed].pdf"');
    // Any member of the provider is the writer's side, not only the one who sent it.
    expect((await download(quote.id, party.provider.manager.token)).disposition).toContain('filename="quote call 415-555-0199.pdf"');
  });
});

describe('a request without an account', () => {
  /** A routed request whose person did not opt in to the masked relay: no end-user account, thread.userId NULL. */
  async function buildThreadWithoutAccount() {
    const provider = await buildProvider(app);
    const niche = await buildNiche(app);
    const email = `robin-${randomBytes(4).toString('hex')}@home.example`;
    const request = await app.prisma.serviceRequest.create({
      data: {
        nicheId: niche.id,
        userId: null,
        name: 'Robin Requester',
        email,
        country: 'US',
        details: 'The boiler makes a noise.',
        hideEmail: false,
        consentAt: new Date(),
        consentWording: 'test',
        consentVersion: 'test',
        status: 'ROUTED',
        confirmedAt: new Date(),
      },
      select: { id: true },
    });
    const assignment = await app.prisma.requestAssignment.create({
      data: {
        requestId: request.id,
        workspaceId: provider.workspace.id,
        nicheId: niche.id,
        rank: 1,
        score: '1',
        price: '25',
        deliveredAt: new Date(),
      },
      select: { id: true },
    });
    const thread = await app.prisma.relayThread.create({
      data: {
        assignmentId: assignment.id,
        requestId: request.id,
        workspaceId: provider.workspace.id,
        userId: null,
        nicheId: niche.id,
        userToken: newRelayToken(),
        providerToken: newRelayToken(),
      },
      select: { id: true, providerToken: true },
    });
    return { provider, email, thread, providerAddress: relayAddress('p', thread.providerToken, domain()) };
  }

  it('accepts the reply from the request’s email address and relays it to the provider', async () => {
    const party = await buildThreadWithoutAccount();
    const { messageId: first } = await relay().postMessage({
      threadId: party.thread.id,
      direction: 'PROVIDER_TO_USER',
      source: 'CONSOLE',
      senderUserId: party.provider.sales.user.id,
      subject: 'About your request',
      text: 'We can come on Monday.',
      html: null,
    });
    const delivered = await waitForStatus(app, first, ['DELIVERED']);
    const sent = await app.prisma.devMailboxMessage.findFirstOrThrow({ where: { messageId: delivered.outboundMessageId! } });
    expect(sent.toAddresses).toEqual([party.email]);

    // A stranger is still not a party.
    const stranger = await trySend(port, { from: 'someone@spam.example', to: party.providerAddress, subject: 'x', text: 'x' });
    expect(stranger).toMatchObject({ ok: false, responseCode: 550, response: expect.stringContaining('not a party') });

    // Capitals as a mail client may write them: addresses compare without case.
    const reply = await trySend(port, {
      from: party.email.toUpperCase(),
      to: party.providerAddress,
      subject: 'Re: About your request',
      text: 'Monday works.',
    });
    expect(reply).toMatchObject({ ok: true, response: expect.stringMatching(/^250 /) });
    const stored = await eventually(
      () => app.prisma.relayMessage.findFirst({ where: { threadId: party.thread.id, direction: 'USER_TO_PROVIDER' } }),
      10_000,
      'the reply',
    );
    expect(stored).toMatchObject({ source: 'EMAIL', senderUserId: null, userId: null });
    const relayed = await waitForStatus(app, stored.id, ['DELIVERED']);
    const copy = await app.prisma.devMailboxMessage.findFirstOrThrow({ where: { messageId: relayed.outboundMessageId! } });
    expect(copy.toAddresses).toEqual([party.provider.sales.user.email]);
    expect(await events('NOT_A_PARTY', { threadId: party.thread.id })).toHaveLength(1);
  });
});

describe('one message to several threads (M4)', () => {
  it('refuses the whole message, storing nothing, when one recipient’s rules refuse it', async () => {
    const provider = await buildProvider(app);
    const a = await openThread(provider);
    const b = await openThread(provider);
    // B's customer is suspended after RCPT-time checks could see it (they look at the thread only).
    await app.prisma.user.update({ where: { id: b.endUser.user.id }, data: { status: 'SUSPENDED' } });
    const result = await trySend(port, {
      from: provider.sales.user.email,
      to: [a.userAddress, b.userAddress],
      subject: 'Both',
      text: 'Same news for you both.',
    });
    expect(result).toMatchObject({ ok: false, responseCode: 550 });
    const response = (result as { response: string }).response;
    expect(response).toMatch(/^550 5\.7\.1 The customer's account is no longer active/);
    expect(response).toContain(`${b.userAddress}; not delivered to the other recipients either`);
    // Nothing for A either (the provider's console message only): the sender's bounce says so truthfully.
    expect(await app.prisma.relayMessage.count({ where: { threadId: a.thread.id } })).toBe(1);
    expect(await app.prisma.relayMessage.count({ where: { threadId: b.thread.id } })).toBe(1);
    expect(await events('THREAD_SUSPENDED', { threadId: b.thread.id })).toHaveLength(1);

    // The same for a sender who is a party to one thread only (B is handled by someone else).
    const c = await openThread(provider);
    await app.prisma.requestAssignment.update({ where: { id: c.assignment.id }, data: { handledByUserId: provider.manager.user.id } });
    const notHandler = await trySend(port, {
      from: provider.sales.user.email,
      to: [a.userAddress, c.userAddress],
      subject: 'x',
      text: 'x',
    });
    expect(notHandler).toMatchObject({ ok: false, responseCode: 550, response: expect.stringContaining('not a party') });
    expect(await app.prisma.relayMessage.count({ where: { threadId: a.thread.id } })).toBe(1);

    // Both open: stored for both.
    await app.prisma.user.update({ where: { id: b.endUser.user.id }, data: { status: 'ACTIVE' } });
    const both = await trySend(port, {
      from: provider.sales.user.email,
      to: [a.userAddress, b.userAddress],
      subject: 'Both',
      text: 'Now it works.',
    });
    expect(both.ok).toBe(true);
    expect(await app.prisma.relayMessage.count({ where: { threadId: { in: [a.thread.id, b.thread.id] }, source: 'EMAIL' } })).toBe(2);
  });

  it('keeps 250 for the copies stored when another is refused only while storing, and records the drop', async () => {
    const provider = await buildProvider(app);
    const a = await openThread(provider);
    const b = await openThread(provider);
    const service = relay();
    const post = service.post.bind(service);
    // B is closed between the checks and its store (a closing click at that moment): found under the row lock.
    service.post = async (input: PostMessageInput | PostEmailInput) => {
      if (input.threadId === b.thread.id) await service.closeThread(b.thread.id, 'USER');
      return post(input);
    };
    try {
      const result = await trySend(port, {
        from: provider.sales.user.email,
        to: [a.userAddress, b.userAddress],
        subject: 'x',
        text: 'Hello both.',
      });
      expect(result).toMatchObject({ ok: true, response: expect.stringMatching(/^250 /) });
    } finally {
      service.post = post;
    }
    expect(await app.prisma.relayMessage.count({ where: { threadId: a.thread.id, source: 'EMAIL' } })).toBe(1);
    expect(await app.prisma.relayMessage.count({ where: { threadId: b.thread.id, source: 'EMAIL' } })).toBe(0);
    const [dropped] = await events('THREAD_CLOSED', { threadId: b.thread.id });
    expect(dropped?.details).toMatchObject({ direction: 'PROVIDER_TO_USER', storedForOtherRecipients: 1 });
    // No bounce of ours: nothing went out but the copy for A.
    expect(await app.prisma.devMailboxMessage.count({ where: { toAddresses: { has: provider.sales.user.email } } })).toBe(0);
  });
});

describe('probes (M6)', () => {
  it('refuses every guessed token and forged bounce address, logging the first per remote address and kind with a count', async () => {
    const client = await rawSmtp(port);
    const replies: string[] = [];
    try {
      await client.command('EHLO prober.test');
      await client.command('MAIL FROM:<probe@attacker.example>');
      for (let i = 0; i < 12; i++) replies.push(await client.command(`RCPT TO:<p-${newRelayToken()}@relay.${domain()}>`));
      const forged = verpReturnPath(
        { messageId: '11111111-1111-4111-8111-111111111111', expiresAt: new Date(Date.now() + 3_600_000) },
        'not-our-secret',
        domain(),
      );
      for (let i = 0; i < 3; i++) replies.push(await client.command(`RCPT TO:<${forged}>`));
    } finally {
      await client.command('QUIT').catch(() => undefined);
      client.close();
    }
    expect(replies.slice(0, 12).every((r) => r.startsWith('550 5.1.1'))).toBe(true);
    expect(replies.slice(12).every((r) => r.startsWith('550 5.7.1 This bounce address was not issued'))).toBe(true);

    // The 1st and the 10th of the window, with the count; nothing names the remote address.
    const refused = await events('REFUSED_RECIPIENT');
    expect(refused.map((e) => (e.details as { count: number }).count)).toEqual([1, 10]);
    expect(refused[0]!.details).toMatchObject({ windowMinutes: 10, party: 'p' });
    expect(JSON.stringify(refused.map((e) => e.details))).not.toContain('127.0.0.1');
    expect((await events('BOUNCE_FORGED')).map((e) => (e.details as { count: number }).count)).toEqual([1]);

    // Another remote address has its own window.
    const handlers = relayInboundHandlers(relay(), { pool: app.api.platform.database.pool, log: app.api.platform.log });
    const decision = await handlers.recipient(`u-${newRelayToken()}@relay.${domain()}`, { mailFrom: null, remoteAddress: '203.0.113.7' });
    expect(decision).toMatchObject({ ok: false, code: 550 });
    expect((await events('REFUSED_RECIPIENT')).map((e) => (e.details as { count: number }).count)).toEqual([1, 10, 1]);
  });
});
