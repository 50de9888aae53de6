// The inbound relay over real SMTP on loopback (nodemailer as the sending client, a raw socket for
// malformed input), against the real database: replies from mail clients, and every bad input of
// issue 6 — refused or quarantined with a logged reason and a clear SMTP reply, nothing lost, other
// threads still served.
import { Readable } from 'node:stream';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, type TestApp } from '../../../test/app.js';
import {
  buildRelayThread,
  collectEvents,
  crlf,
  inboundPort,
  providerWritesFirst,
  rawSmtp,
  sendRaw,
  setRelaySettings,
  smtpTo,
  trySend,
  waitForStatus,
  type Party,
} from '../../../test/relay.js';
import { workspaceParty } from './relay.events.js';
import { startRelayInbound } from './relay.inbound.js';
import { EICAR } from './scanner/builtin.scanner.js';

let app: TestApp;
let port: number;
beforeAll(async () => {
  app = await startTestApp();
  port = inboundPort(app);
});
afterAll(() => app?.stop());

const relay = () => app.api.services.relay;

/** A thread where the provider has written first (so the end user may reply). */
async function openThread(): Promise<Party> {
  const party = await buildRelayThread(app);
  await providerWritesFirst(app, party);
  return party;
}

async function messagesOf(threadId: string) {
  return app.prisma.relayMessage.findMany({
    where: { threadId },
    orderBy: { createdAt: 'asc' },
    include: { delivery: true, attachments: true },
  });
}

async function latestFrom(threadId: string, direction: 'USER_TO_PROVIDER' | 'PROVIDER_TO_USER') {
  return eventually(
    () => app.prisma.relayMessage.findFirst({ where: { threadId, direction, source: 'EMAIL' }, orderBy: { createdAt: 'desc' } }),
    10_000,
    'an email message',
  );
}

async function events(kind: string, threadId?: string) {
  return app.prisma.relayEvent.findMany({ where: { kind, ...(threadId ? { threadId } : {}) }, orderBy: { id: 'asc' } });
}

describe('mail from a party', () => {
  it('stores the reply verbatim, publishes at once, and relays a clean copy to the handler', async () => {
    const party = await openThread();
    const collector = collectEvents(app, workspaceParty(party.provider.workspace.id));
    const seen = collector.events;
    try {
      const sent = await trySend(port, {
        from: `Casey Consumer <${party.endUser.user.email}>`,
        to: party.providerAddress,
        cc: ['my.partner@family.example', 'other@elsewhere.example'],
        replyTo: 'casey.private@home.example',
        subject: 'Re: About your request',
        text: 'Monday is fine. My cell is 415-555-0142, or write to casey.private@home.example.',
        html: '<p>Monday is fine. My cell is 415-555-0142.</p>',
        headers: { 'X-Mailer': 'Casey Mail 1.0' },
      });
      expect(sent).toMatchObject({ ok: true, response: expect.stringMatching(/^250 /) });
      await new Promise((r) => setTimeout(r, 20));
      const message = await latestFrom(party.thread.id, 'USER_TO_PROVIDER');
      // Published by the time the sender had its 250.
      expect(seen).toContainEqual(expect.objectContaining({ kind: 'MESSAGE_CREATED', messageId: message.id }));
      expect(message).toMatchObject({ source: 'EMAIL', senderUserId: party.endUser.user.id, automated: false });
      expect(message.rawMime).toContain('X-Mailer: Casey Mail 1.0');
      expect(message.rawMime).toContain('casey.private@home.example');
      expect(message.parseNotes).toMatchObject({ ccStripped: { count: 2, domains: ['family.example', 'elsewhere.example'] } });
      const cc = await events('CC_STRIPPED', party.thread.id);
      expect(cc).toHaveLength(1);
      expect(JSON.stringify([cc[0]!.reason, cc[0]!.details])).not.toContain('my.partner');

      const delivery = await waitForStatus(app, message.id, ['DELIVERED']);
      const copy = await app.prisma.devMailboxMessage.findFirstOrThrow({ where: { messageId: delivery.outboundMessageId! } });
      expect(copy.toAddresses).toEqual([party.provider.sales.user.email]);
      expect(copy.fromAddress).toBe(party.userAddress);
      const parsed = await simpleParser(copy.rawMime);
      for (const header of ['received', 'reply-to', 'cc', 'x-mailer']) expect(parsed.headers.has(header)).toBe(false);
      expect(parsed.from?.value[0]?.address).toBe(party.userAddress);
      expect(copy.rawMime).not.toContain(party.endUser.user.email);
      expect(copy.rawMime).not.toContain('casey.private');
      expect(copy.rawMime).not.toContain('555-0142');
      expect(parsed.text).toContain('[phone removed]');
      expect(parsed.text).toMatch(/Report abuse: http/);
      expect(parsed.headers.get('x-report-abuse')).toMatch(/relay\/abuse/);
      expect(String(parsed.headers.get('in-reply-to'))).toMatch(/@relay\.hotlead\.local>$/);
    } finally {
      collector.stop();
    }
  });

  it('relays the handler’s email to the end user; other members and strangers are not parties', async () => {
    const party = await openThread();
    const fromHandler = await trySend(port, {
      from: party.provider.sales.user.email,
      to: party.userAddress,
      subject: 'Quote',
      text: 'Here is the quote.',
    });
    expect(fromHandler.ok).toBe(true);
    const message = await latestFrom(party.thread.id, 'PROVIDER_TO_USER');
    const delivery = await waitForStatus(app, message.id, ['DELIVERED']);
    const copy = await app.prisma.devMailboxMessage.findFirstOrThrow({ where: { messageId: delivery.outboundMessageId! } });
    expect(copy.toAddresses).toEqual([party.endUser.user.email]);
    expect(copy.rawMime).not.toContain(party.provider.sales.user.email);

    // Once the sales user handles the thread, the manager's mailbox is not its provider address.
    const fromManager = await trySend(port, { from: party.provider.manager.user.email, to: party.userAddress, subject: 'x', text: 'x' });
    expect(fromManager).toMatchObject({
      ok: false,
      responseCode: 550,
      response: expect.stringContaining('5.7.1 The sender is not a party'),
    });
    const stranger = await trySend(port, { from: 'someone@spam.example', to: party.providerAddress, subject: 'x', text: 'x' });
    expect(stranger).toMatchObject({ ok: false, responseCode: 550, response: expect.stringContaining('not a party') });
    const refused = await events('NOT_A_PARTY', party.thread.id);
    expect(refused).toHaveLength(2);
    expect(refused[1]!.details).toMatchObject({ fromDomain: 'spam.example' });
    expect(JSON.stringify(refused.map((e) => [e.reason, e.details]))).not.toContain('someone@spam.example');
    expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id } })).toBe(2);
  });

  it('refuses the end user’s email before the provider has written (provider-first)', async () => {
    const party = await buildRelayThread(app);
    const early = await trySend(port, { from: party.endUser.user.email, to: party.providerAddress, subject: 'x', text: 'Hello?' });
    expect(early).toMatchObject({ ok: false, responseCode: 550, response: expect.stringContaining('provider writes first') });
    expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id } })).toBe(0);
  });
});

describe('refused recipients', () => {
  it('refuses a random token with 550 5.1.1 and logs it without the address', async () => {
    const before = (await events('REFUSED_RECIPIENT')).length;
    const guessed = `p-${'abcdefghijklmnopqrstuvwxyz234567'}@relay.hotlead.local`;
    const result = await trySend(port, { from: 'probe@attacker.example', to: guessed, subject: 'x', text: 'x' });
    expect(result).toMatchObject({ ok: false, responseCode: 550, response: expect.stringContaining('5.1.1') });
    const logged = await events('REFUSED_RECIPIENT');
    expect(logged).toHaveLength(before + 1);
    expect(JSON.stringify([logged.at(-1)!.reason, logged.at(-1)!.details])).not.toContain('abcdefghijklmnopqrstuvwxyz234567');
    // Not an open relay either.
    const elsewhere = await trySend(port, { from: 'probe@attacker.example', to: 'victim@gmail.example', subject: 'x', text: 'x' });
    expect(elsewhere).toMatchObject({ ok: false, responseCode: 550, response: expect.stringContaining('Relaying') });
  });

  it('refuses mail to a closed thread with a sentence saying so', async () => {
    const party = await openThread();
    await relay().closeThread(party.thread.id, 'PROVIDER');
    const result = await trySend(port, { from: party.endUser.user.email, to: party.providerAddress, subject: 'x', text: 'Still there?' });
    expect(result).toMatchObject({
      ok: false,
      responseCode: 550,
      response: '550 5.7.1 This conversation was closed by the provider; your message was not delivered',
    });
    expect(await events('THREAD_CLOSED', party.thread.id)).toHaveLength(1);
    expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id } })).toBe(1);
  });
});

describe('bad content', () => {
  it('refuses an EICAR attachment with a clear 550 and keeps nothing', async () => {
    const party = await openThread();
    const result = await trySend(port, {
      from: party.endUser.user.email,
      to: party.providerAddress,
      subject: 'photos',
      text: 'see attached',
      attachments: [{ filename: 'photos.zip.txt', content: EICAR, contentType: 'text/plain' }],
    });
    expect(result).toMatchObject({ ok: false, responseCode: 550 });
    expect((result as { response: string }).response).toMatch(
      /^550 5\.7\.1 The attachment "photos\.zip\.txt" was refused \(malware: EICAR test signature/,
    );
    expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id } })).toBe(1);
    const [event] = await events('ATTACHMENT_REFUSED', party.thread.id);
    expect(event?.details).toMatchObject({ name: 'photos.zip.txt', verdict: 'MALWARE', size: EICAR.length });
  });

  it('refuses a message over the limit on the stream (552) and a declared SIZE at MAIL FROM', async () => {
    const party = await openThread();
    await setRelaySettings(app, { maxMessageBytes: 64 * 1024 });
    // The stream limit is fixed when a server starts: a second one with the lowered limit.
    const small = await startRelayInbound(
      relay(),
      { pool: app.api.platform.database.pool, log: app.api.platform.log },
      { host: '127.0.0.1', port: 0 },
    );
    try {
      const big = await trySend(small.port, {
        from: party.endUser.user.email,
        to: party.providerAddress,
        subject: 'big',
        text: 'x'.repeat(200 * 1024),
      });
      expect(big).toMatchObject({ ok: false, responseCode: 552, response: `552 5.3.4 Message too big (limit ${64 * 1024} bytes)` });
      const client = await rawSmtp(small.port);
      await client.command('EHLO client.test');
      expect(await client.command(`MAIL FROM:<${party.endUser.user.email}> SIZE=${64 * 1024 + 1}`)).toMatch(/^552 /);
      client.close();
      // The server that started with the larger limit checks the current one per message.
      const viaOld = await trySend(port, {
        from: party.endUser.user.email,
        to: party.providerAddress,
        subject: 'big',
        text: 'x'.repeat(100 * 1024),
      });
      expect(viaOld).toMatchObject({ ok: false, responseCode: 552 });
      expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id } })).toBe(1);
      const ok = await trySend(small.port, { from: party.endUser.user.email, to: party.providerAddress, subject: 'small', text: 'fine' });
      expect(ok.ok).toBe(true);
    } finally {
      await small.close();
      await setRelaySettings(app, { maxMessageBytes: 10 * 1024 * 1024 });
    }
  });

  it('stores malformed MIME with notes, and quarantines what has no body at all', async () => {
    const party = await openThread();
    const from = party.endUser.user.email;
    const head = `From: ${from}\nTo: ${party.providerAddress}\nMessage-ID: <m-${Date.now()}@client.example>\n`;
    const cases: [Buffer, RegExp][] = [
      [crlf(`${head}Subject: first\nSubject: second\n\nDuplicate subjects here.\n`), /duplicate header: subject/],
      [
        crlf(
          `${head}Subject: b64\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n--b1\nContent-Type: text/plain\n\nthe text part\n` +
            `--b1\nContent-Type: application/octet-stream; name="x.bin"\nContent-Transfer-Encoding: base64\n\n!!!not*base64###\n--b1--\n`,
        ),
        /invalid base64/,
      ],
      [
        crlf(
          `${head}Subject: open\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="zz"\n\n--zz\nContent-Type: text/plain\n\nnever closed\n`,
        ),
        /unterminated multipart/,
      ],
      [
        Buffer.concat([
          crlf(`${head}Subject: charset\nContent-Type: text/plain; charset="x-unknown"\nContent-Transfer-Encoding: 8bit\n\ncaf`),
          Buffer.from([0xe9, 0x00, 0xff]),
          crlf('\n'),
        ]),
        /unknown charset/,
      ],
    ];
    for (const [raw, problem] of cases) {
      const reply = await sendRaw(port, raw, { from, to: [party.providerAddress] });
      expect(reply).toMatch(/^250 /);
      const stored = await latestFrom(party.thread.id, 'USER_TO_PROVIDER');
      expect(JSON.stringify(stored.parseNotes)).toMatch(problem);
      // Verbatim: the stored value gives back the exact bytes.
      const { rawMimeBytes } = await import('./relay.shared.js');
      expect(rawMimeBytes(stored.rawMime, stored.parseNotes).equals(raw)).toBe(true);
    }
    expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id, source: 'EMAIL' } })).toBe(cases.length);

    // Nothing to relay: only headers and a multipart that never had a part.
    const empty = crlf(`${head}Subject: nothing\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="q"\n\npreamble only\n`);
    expect(await sendRaw(port, empty, { from, to: [party.providerAddress] })).toMatch(/^250 /);
    const quarantined = await app.prisma.relayQuarantine.findFirstOrThrow({ where: { threadId: party.thread.id } });
    expect(quarantined.reason).toMatch(/^MALFORMED: /);
    expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id, source: 'EMAIL' } })).toBe(cases.length);
  });
});

describe('loops and floods', () => {
  it('relays at most one auto-reply per thread per day; the rest are quarantined without a bounce', async () => {
    const party = await openThread();
    const auto = (from: string, to: string, subject: string) =>
      trySend(port, { from, to, subject, text: 'I am out of the office until Monday.', headers: { 'Auto-Submitted': 'auto-replied' } });
    expect((await auto(party.endUser.user.email, party.providerAddress, 'Out of office')).ok).toBe(true);
    expect((await auto(party.provider.sales.user.email, party.userAddress, 'Automatic reply: Out of office')).ok).toBe(true);
    expect((await auto(party.endUser.user.email, party.providerAddress, 'Out of office')).ok).toBe(true);

    const stored = await messagesOf(party.thread.id);
    expect(stored.filter((m) => m.automated)).toHaveLength(1);
    expect(await app.prisma.relayQuarantine.count({ where: { threadId: party.thread.id } })).toBe(2);
    expect(await events('LOOP_HELD', party.thread.id)).toHaveLength(2);
    // A person still gets through.
    expect(
      (await trySend(port, { from: party.endUser.user.email, to: party.providerAddress, subject: 'Back', text: 'Back now.' })).ok,
    ).toBe(true);
    expect((await messagesOf(party.thread.id)).filter((m) => !m.automated && m.source === 'EMAIL')).toHaveLength(1);
  });

  it('answers 451 to a flood of 1,000 messages to one thread, logs the burst once, and keeps serving others', async () => {
    const flooded = await openThread();
    const other = await openThread();
    const transport = smtpTo(port, { pool: true, maxConnections: 8, maxMessages: Infinity });
    try {
      const started = Date.now();
      const blast = Promise.all(
        Array.from({ length: 1000 }, (_, i) =>
          transport
            .sendMail({ from: flooded.endUser.user.email, to: flooded.providerAddress, subject: `flood ${i}`, text: `message ${i}` })
            .then(
              (info) => info.response,
              (error: { response?: string }) => error.response ?? 'error',
            ),
        ),
      );
      // While the flood runs, another thread's mail is accepted.
      await new Promise((r) => setTimeout(r, 200));
      const meanwhile = await trySend(port, {
        from: other.endUser.user.email,
        to: other.providerAddress,
        subject: 'hi',
        text: 'unrelated',
      });
      expect(meanwhile.ok).toBe(true);
      const replies = await blast;
      const seconds = (Date.now() - started) / 1000;
      expect(seconds).toBeLessThan(60);
      const accepted = replies.filter((r) => r.startsWith('250')).length;
      const limited = replies.filter((r) => r.startsWith('451 4.7.1')).length;
      // 30 per thread per hour (the default), the provider's first message included.
      expect(accepted).toBe(29);
      expect(limited).toBe(971);
      expect(await events('RATE_LIMITED', flooded.thread.id)).toHaveLength(1);
      expect(await app.prisma.relayMessage.count({ where: { threadId: flooded.thread.id, source: 'EMAIL' } })).toBe(29);
    } finally {
      transport.close();
    }
  }, 90_000);

  it('answers 451 when storage fails, loses nothing, and stores the retry once', async () => {
    const party = await openThread();
    const storage = app.api.platform.storage;
    const put = storage.put.bind(storage);
    storage.put = async () => {
      throw new Error('disk full');
    };
    const mail = {
      from: party.endUser.user.email,
      to: party.providerAddress,
      subject: 'with a file',
      text: 'see attached',
      messageId: `<retry-${Date.now()}@client.example>`,
      date: new Date('2026-11-21T10:00:00Z'),
      attachments: [{ filename: 'plan.pdf', content: Buffer.from('%PDF-1.4\n%%EOF\n'), contentType: 'application/pdf' }],
    };
    try {
      const failed = await trySend(port, mail);
      expect(failed).toMatchObject({ ok: false, responseCode: 451 });
      expect(await app.prisma.relayMessage.count({ where: { threadId: party.thread.id, source: 'EMAIL' } })).toBe(0);
    } finally {
      storage.put = put;
    }
    // The sender's server retries the same bytes: stored once; a second retry (say, a lost 250) is not stored again.
    const transport = smtpTo(port);
    const raw = await new Promise<Buffer>((resolve, reject) => {
      void import('nodemailer/lib/mail-composer/index.js').then(({ default: MailComposer }) =>
        new MailComposer(mail).compile().build((error, message) => (error ? reject(error) : resolve(message))),
      );
    });
    transport.close();
    for (let i = 0; i < 2; i++) expect(await sendRaw(port, raw, { from: mail.from, to: [mail.to] })).toMatch(/^250 /);
    const stored = await app.prisma.relayMessage.findMany({
      where: { threadId: party.thread.id, source: 'EMAIL' },
      include: { attachments: true },
    });
    expect(stored).toHaveLength(1);
    expect(stored[0]!.attachments).toMatchObject([{ filename: 'plan.pdf', contentType: 'application/pdf' }]);
    const file = storage.get(stored[0]!.attachments[0]!.storageKey);
    const chunks: Buffer[] = [];
    for await (const chunk of Readable.from(file)) chunks.push(chunk as Buffer);
    expect(Buffer.concat(chunks).toString()).toBe('%PDF-1.4\n%%EOF\n');
  });
});
