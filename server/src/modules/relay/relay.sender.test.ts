// The outbound SMTP worker against a local next hop: a message arrives whole (attachment bytes intact,
// CRLF line breaks), a refusal comes back with its SMTP code, and a worker that stops while it holds a
// message reports the delivery as uncertain (never retried) and is replaced for the next message.
import { randomBytes, randomUUID } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newRelayToken, relayAddress } from './relay.addresses.js';
import { relayMail, type RelayMail } from './relay.compose.js';
import { RelaySender, SendError, SendUncertainError } from './relay.sender.js';

type Received = { from: string | null; to: string[]; raw: Buffer };

let server: SMTPServer;
let port = 0;
const received: Received[] = [];
/** What the next hop does with the next message: accept, refuse, or hold its reply until released. */
let behaviour: 'accept' | 'refuse' | 'hold' = 'accept';
let release: (() => void) | null = null;

beforeAll(async () => {
  server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (behaviour === 'refuse') return callback(Object.assign(new Error('5.1.1 No such user here'), { responseCode: 550 }));
        if (behaviour === 'hold') {
          release = () => callback();
          return;
        }
        const from = session.envelope.mailFrom;
        received.push({ from: from ? from.address : null, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  port = (server.server.address() as { port: number }).port;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const DOMAIN = 'hotlead.test';
const PDF = Buffer.concat([Buffer.from('%PDF-1.4\n'), randomBytes(20_000), Buffer.from('\n%%EOF\n')]);

function mail(text = 'Hello,\nthe quote is attached.\n.\nA line with a dot above.'): RelayMail {
  const id = randomUUID();
  return relayMail({
    parsed: {
      subject: 'Your quote',
      text,
      html: null,
      from: null,
      to: [],
      cc: [],
      headers: [],
      inReplyTo: null,
      references: [],
      messageId: null,
      date: null,
      attachments: [],
      problems: [],
    },
    fromRelayAddress: relayAddress('p', newRelayToken(), DOMAIN),
    fromDisplayName: 'Acme Roofing (via Hotlead)',
    to: 'sam@customer.test',
    domain: DOMAIN,
    threadId: randomUUID(),
    messageId: id,
    verpSecret: 'secret',
    verpExpiresAt: new Date(Date.now() + 86_400_000),
    abuseUrl: `https://hotlead.test/relay/abuse/${id}`,
    trackingPixelUrl: null,
    attachments: [{ filename: 'quote.pdf', contentType: 'application/pdf', content: PDF }],
  });
}

describe('RelaySender', () => {
  it('sends the whole message with its envelope, attachment bytes intact and CRLF line breaks', async () => {
    const sender = new RelaySender({ url: `smtp://127.0.0.1:${port}`, pool: true, maxConnections: 2, maxMessages: 100 });
    try {
      behaviour = 'accept';
      const message = mail();
      const before = received.length;
      await sender.send(message);
      const copy = received[before]!;
      expect(copy.from).toBe(message.envelope.from);
      expect(copy.to).toEqual(['sam@customer.test']);
      expect(copy.raw.toString('latin1')).not.toMatch(/[^\r]\n/);
      const parsed = await simpleParser(copy.raw);
      expect(parsed.text).toContain('.\nA line with a dot above.');
      expect(parsed.attachments[0]?.content.equals(PDF)).toBe(true);
    } finally {
      await sender.close();
    }
  });

  it("passes the next hop's refusal on with its code", async () => {
    const sender = new RelaySender({ url: `smtp://127.0.0.1:${port}`, pool: true, maxConnections: 2, maxMessages: 100 });
    try {
      behaviour = 'refuse';
      const error = await sender.send(mail()).then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(SendError);
      expect(error).toMatchObject({ responseCode: 550, message: expect.stringMatching(/No such user/) });
    } finally {
      behaviour = 'accept';
      await sender.close();
    }
  });

  it('reports a message as uncertain when the worker stops with it, then sends the next one with a new worker', async () => {
    const sender = new RelaySender({ url: `smtp://127.0.0.1:${port}`, pool: true, maxConnections: 2, maxMessages: 100 });
    try {
      behaviour = 'hold';
      const held = sender.send(mail('held'));
      // The next hop has the whole message and has not answered: the worker stops now.
      for (let i = 0; i < 200 && !release; i++) await new Promise((r) => setTimeout(r, 10));
      expect(release).not.toBeNull();
      await (sender as unknown as { worker: { terminate(): Promise<number> } }).worker.terminate();
      await expect(held).rejects.toBeInstanceOf(SendUncertainError);
      release!();
      release = null;

      behaviour = 'accept';
      const before = received.length;
      await sender.send(mail('after the restart'));
      expect(received.length).toBe(before + 1);
    } finally {
      behaviour = 'accept';
      await sender.close();
    }
  });
});
