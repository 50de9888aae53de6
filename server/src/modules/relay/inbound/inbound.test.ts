// The inbound SMTP server against real SMTP clients: nodemailer for well-behaved senders, a raw
// socket for the misbehaving ones (malformed MIME, oversized MAIL FROM, a client that hangs up).
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../../platform/observability/logger.js';
import { InboundTooLargeError, parseInbound } from './inbound.parse.js';
import { startInboundSmtp, type InboundEnvelope, type InboundSmtp } from './inbound.server.js';
import { rawSmtp as rawSmtpClient } from '../../../../test/smtpClient.js';

const LIMIT = 64 * 1024;
const CLOSED = 'closed@relay.test';

let smtp: InboundSmtp;
let received: { raw: Buffer; envelope: InboundEnvelope }[] = [];
let rcptChecks: string[] = [];
const logLines: string[] = [];

beforeAll(async () => {
  const log = createLogger('info', 'inbound-test', { write: (line: string) => void logLines.push(line) });
  smtp = await startInboundSmtp({
    host: '127.0.0.1',
    port: 0,
    maxMessageBytes: LIMIT,
    hostname: 'mx.relay.test',
    log,
    handlers: {
      async recipient(address) {
        rcptChecks.push(address);
        if (!address.endsWith('@relay.test') || address === CLOSED) {
          return { ok: false, code: 550, message: '5.1.1 This relay address does not exist or was closed' };
        }
        return { ok: true };
      },
      async message(raw, envelope) {
        if (raw.includes('X-Test: explode')) throw new Error('storage is down');
        received.push({ raw, envelope });
        return { ok: true };
      },
    },
  });
});
afterAll(() => smtp?.close());
beforeEach(() => {
  received = [];
  rcptChecks = [];
});

function transport(extra: Record<string, unknown> = {}) {
  return nodemailer.createTransport({ host: '127.0.0.1', port: smtp.port, secure: false, ignoreTLS: true, ...extra });
}

async function eventually<T>(check: () => T | undefined | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** A raw SMTP session to the server under test, its greeting checked. */
async function rawSmtp() {
  const client = await rawSmtpClient(smtp.port);
  expect(client.greeting).toMatch(/^220 /);
  return client;
}

async function sendRaw(raw: Buffer, rcpt = 'alice@relay.test') {
  const client = await rawSmtp();
  try {
    expect(await client.command('EHLO client.test')).toMatch(/^250/);
    expect(await client.command('MAIL FROM:<sender@sender.test>')).toMatch(/^250/);
    expect(await client.command(`RCPT TO:<${rcpt}>`)).toMatch(/^250/);
    expect(await client.command('DATA')).toMatch(/^354/);
    return await client.data(raw);
  } finally {
    await client.command('QUIT').catch(() => undefined);
    client.close();
  }
}

const crlf = (text: string) => Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1');

describe('inbound SMTP', () => {
  it('announces SIZE and no AUTH or STARTTLS in EHLO', async () => {
    const client = await rawSmtp();
    const ehlo = await client.command('EHLO client.test');
    client.close();
    expect(ehlo).toContain(`SIZE ${LIMIT}`);
    expect(ehlo).not.toMatch(/AUTH|STARTTLS/);
  });

  it('accepts a normal message with an attachment and hands over the raw bytes', async () => {
    const pdf = Buffer.from('%PDF-1.4 pretend pdf');
    const info = await transport().sendMail({
      from: 'Sam Sender <sam@sender.test>',
      to: 'alice@relay.test',
      cc: 'bob@relay.test',
      subject: 'Quote for the roof',
      text: 'Hello, see attached.',
      html: '<p>Hello, <b>see attached</b>.</p>',
      messageId: '<quote-1@sender.test>',
      inReplyTo: '<lead-1@relay.test>',
      attachments: [{ filename: 'quote.pdf', content: pdf, contentType: 'application/pdf' }],
    });
    expect(info.response).toMatch(/^250 /);
    expect(received).toHaveLength(1);
    const { raw, envelope } = received[0]!;
    expect(envelope).toMatchObject({ mailFrom: 'sam@sender.test', rcptTo: ['alice@relay.test', 'bob@relay.test'] });
    expect(envelope.remoteAddress).toMatch(/127\.0\.0\.1/);

    const parsed = await parseInbound(raw);
    expect(parsed).toMatchObject({
      subject: 'Quote for the roof',
      text: expect.stringContaining('Hello, see attached.'),
      html: '<p>Hello, <b>see attached</b>.</p>',
      from: { address: 'sam@sender.test', name: 'Sam Sender' },
      to: ['alice@relay.test'],
      cc: ['bob@relay.test'],
      messageId: '<quote-1@sender.test>',
      inReplyTo: '<lead-1@relay.test>',
      problems: [],
    });
    expect(parsed.attachments).toHaveLength(1);
    expect(parsed.attachments[0]).toMatchObject({ filename: 'quote.pdf', contentType: 'application/pdf', size: pdf.length, inline: false });
    expect(parsed.attachments[0]!.content.equals(pdf)).toBe(true);
    expect(parsed.headers.find(([name]) => name.toLowerCase() === 'subject')).toEqual(['Subject', 'Quote for the roof']);
  });

  it('refuses an unknown or closed recipient at RCPT TO with 550 and a sentence', async () => {
    const error = await transport()
      .sendMail({ from: 'sam@sender.test', to: CLOSED, subject: 'hi', text: 'hi' })
      .catch((e: unknown) => e as { responseCode?: number; response?: string; message: string });
    expect(error).toMatchObject({ responseCode: 550 });
    expect((error as { response: string }).response).toBe('550 5.1.1 This relay address does not exist or was closed');
    expect(rcptChecks).toEqual([CLOSED]);
    expect(received).toHaveLength(0);
  });

  it('refuses a message over the limit with 552, then accepts the next one', async () => {
    const error = await transport()
      .sendMail({ from: 'sam@sender.test', to: 'alice@relay.test', subject: 'big', text: 'x'.repeat(LIMIT * 2) })
      .catch((e: unknown) => e as { responseCode?: number; response?: string });
    expect(error).toMatchObject({ responseCode: 552, response: `552 5.3.4 Message too big (limit ${LIMIT} bytes)` });
    expect(received).toHaveLength(0);

    await transport().sendMail({ from: 'sam@sender.test', to: 'alice@relay.test', subject: 'small', text: 'ok' });
    expect(received).toHaveLength(1);
  });

  it('refuses MAIL FROM with a SIZE over the limit before any data is sent', async () => {
    const client = await rawSmtp();
    await client.command('EHLO client.test');
    const reply = await client.command(`MAIL FROM:<sam@sender.test> SIZE=${LIMIT + 1}`);
    client.close();
    expect(reply).toMatch(/^552 /);
  });

  it('answers 451 when the message handler fails, so the sender retries', async () => {
    const error = await transport()
      .sendMail({ from: 'sam@sender.test', to: 'alice@relay.test', subject: 'x', text: 'x', headers: { 'X-Test': 'explode' } })
      .catch((e: unknown) => e as { responseCode?: number; response?: string });
    expect(error).toMatchObject({ responseCode: 451, response: '451 4.3.0 Temporary failure, please try again later' });
    expect(received).toHaveLength(0);
  });

  it('limits the recipients of one message', async () => {
    const to = Array.from({ length: 21 }, (_, i) => `r${i}@relay.test`);
    const error = await transport()
      .sendMail({ from: 'sam@sender.test', to, subject: 'many', text: 'many' })
      .catch((e: unknown) => e as { rejected?: string[] });
    // nodemailer sends to the accepted ones and reports the rest as rejected (452).
    expect(received).toHaveLength(1);
    expect(received[0]!.envelope.rcptTo).toHaveLength(20);
    expect(error).toMatchObject({ rejected: ['r20@relay.test'] });
  });

  const malformed: [name: string, raw: Buffer, problem: RegExp][] = [
    [
      'duplicate Subject headers',
      crlf('From: a@sender.test\nTo: alice@relay.test\nSubject: first\nSubject: second\nMessage-ID: <dup@sender.test>\n\nbody\n'),
      /duplicate header: subject/,
    ],
    [
      'an invalid charset',
      Buffer.concat([
        crlf(
          'From: a@sender.test\nTo: alice@relay.test\nSubject: charset\nContent-Type: text/plain; charset="x-no-such-charset"\nContent-Transfer-Encoding: 8bit\n\ncaf',
        ),
        Buffer.from([0xe9, 0xff, 0xfe]),
        crlf('\n'),
      ]),
      /unknown charset "x-no-such-charset"/,
    ],
    [
      'a base64 part with junk',
      crlf(
        'From: a@sender.test\nTo: alice@relay.test\nSubject: b64\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b1"\n\n' +
          '--b1\nContent-Type: text/plain\n\nhello\n' +
          '--b1\nContent-Type: application/octet-stream; name="x.bin"\nContent-Disposition: attachment; filename="x.bin"\nContent-Transfer-Encoding: base64\n\nSGVsbG8g!!!***~~ not base64 at all ###\n' +
          '--b1--\n',
      ),
      /invalid base64/,
    ],
    [
      'an unterminated multipart',
      crlf(
        'From: a@sender.test\nTo: alice@relay.test\nSubject: cut\nMIME-Version: 1.0\nContent-Type: multipart/alternative; boundary="zz"\n\n' +
          '--zz\nContent-Type: text/plain\n\nplain part\n--zz\nContent-Type: text/html\n\n<p>html part that never ends\n',
      ),
      /unterminated multipart/,
    ],
    [
      'binary junk with no headers',
      Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0x80, 0x0d, 0x0a, 0x7f]), crlf('\n')]),
      /malformed header line/,
    ],
  ];

  it.each(malformed)('accepts malformed MIME (%s), stores it byte for byte, and parses it best-effort', async (_name, raw, problem) => {
    const reply = await sendRaw(raw);
    expect(reply).toMatch(/^250 /);
    expect(received).toHaveLength(1);
    expect(received[0]!.raw.equals(raw)).toBe(true);
    const parsed = await parseInbound(received[0]!.raw);
    expect(parsed.problems.join('\n')).toMatch(problem);
  });

  it('keeps every header line in order, duplicates included', async () => {
    const parsed = await parseInbound(crlf('Received: from a\nReceived: from b\n  folded\nSubject: one\nSubject: two\n\nx\n'));
    expect(parsed.headers).toEqual([
      ['Received', 'from a'],
      ['Received', 'from b folded'],
      ['Subject', 'one'],
      ['Subject', 'two'],
    ]);
  });

  it('refuses to parse a message over its limit', async () => {
    await expect(parseInbound(Buffer.alloc(11), { maxBytes: 10 })).rejects.toBeInstanceOf(InboundTooLargeError);
  });

  it('accepts 200 messages sent concurrently over several connections, each exactly once', async () => {
    const pooled = transport({ pool: true, maxConnections: 8, maxMessages: Infinity });
    try {
      const infos = await Promise.all(
        Array.from({ length: 200 }, (_, i) =>
          pooled.sendMail({
            from: 'sam@sender.test',
            to: 'alice@relay.test',
            subject: `burst ${i}`,
            text: `n=${i}`,
            messageId: `<burst-${i}@sender.test>`,
          }),
        ),
      );
      expect(infos.every((info) => /^250 /.test(info.response))).toBe(true);
    } finally {
      pooled.close();
    }
    expect(received).toHaveLength(200);
    const ids = await Promise.all(received.map(async ({ raw }) => (await parseInbound(raw)).messageId));
    expect(new Set(ids).size).toBe(200);
  });

  it('drops a message whose client disconnects in the middle of DATA, and keeps serving', async () => {
    const before = logLines.length;
    const client = await rawSmtp();
    await client.command('EHLO client.test');
    await client.command('MAIL FROM:<sam@sender.test>');
    await client.command('RCPT TO:<alice@relay.test>');
    expect(await client.command('DATA')).toMatch(/^354/);
    client.socket.write(crlf('From: sam@sender.test\nSubject: half\n\nthe first half of the bo'));
    await new Promise((r) => setTimeout(r, 50));
    client.close();

    await eventually(() => logLines.slice(before).some((l) => l.includes('abandoned by the client')), 'the abandon to be logged');
    expect(received).toHaveLength(0);

    await transport().sendMail({ from: 'sam@sender.test', to: 'alice@relay.test', subject: 'after', text: 'still here' });
    expect(received).toHaveLength(1);
  });

  it('logs decisions with domains only, never a full address', () => {
    expect(logLines.some((l) => l.includes('"rcptDomain":"relay.test"'))).toBe(true);
    expect(logLines.filter((l) => /[\w.+-]+@[\w-]+\.[\w.-]+/.test(l))).toEqual([]);
  });
});
