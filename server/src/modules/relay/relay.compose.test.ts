// composeRelay against a realistic message: a Thunderbird-style multipart/mixed with a Received chain,
// the sender's addresses in every header that can hold one, contacts in subject and bodies, an
// attachment and an inline image. The composed bytes are read back with mailparser, as a recipient's
// client would, and searched for anything of the sender's.
import { randomUUID } from 'node:crypto';
import { simpleParser, type ParsedMail } from 'mailparser';
import nodemailer from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import { SMTPServer } from 'smtp-server';
import { describe, expect, it } from 'vitest';
import { type ParsedInbound, parseInbound } from './inbound/inbound.parse.js';
import { newRelayToken, relayAddress } from './relay.addresses.js';
import { type RelayComposeInput, composeRelay, relayMail } from './relay.compose.js';
import { EMAIL_PLACEHOLDER, PHONE_PLACEHOLDER } from './relay.redact.js';
import { parseVerp } from './relay.verp.js';

const DOMAIN = 'hotlead.test';
const SECRET = 'verp-test-secret';
const RECIPIENT = 'sam.recipient@customer.test';
const ABUSE_URL = 'https://hotlead.test/abuse/report?m=42';
const PIXEL_URL = 'https://hotlead.test/t/open.gif?m=42&s=abc';
// Everything of the sender's that must not reach the recipient.
const SENDER_SECRETS = [
  'Jane Doe',
  'Jane Private',
  'jane.doe@example.com',
  'jane.private@example.com',
  'example.com',
  '203.0.113.7',
  '192.168.1.20',
  'CAB123',
];

const FROM_RELAY = relayAddress('u', newRelayToken(), DOMAIN);
const OTHER_PARTY_RELAY = relayAddress('p', newRelayToken(), DOMAIN);

// A 1×1 PNG and a binary "PDF" with every byte value, so any re-encoding damage shows.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');
const PDF = Buffer.concat([
  Buffer.from('%PDF-1.4\n'),
  Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 37) % 256)),
  Buffer.from('\n%%EOF\n'),
]);

const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const base64Lines = (data: Buffer) => data.toString('base64').replace(/(.{76})/g, '$1\n');

function rawInbound(subjectHeader = 'Subject: Roof quote, call 415-555-0199'): Buffer {
  return Buffer.from(
    crlf(`Return-Path: <jane.doe@example.com>
Received: from mail.example.com (mail.example.com [203.0.113.7])
\tby mx.relay.hotlead.test with ESMTPS id 4F2A1; Sat, 21 Nov 2026 10:00:02 +0000
Received: from [192.168.1.20] (unknown [192.168.1.20])
\tby mail.example.com (Postfix) with ESMTPSA id 99B1; Sat, 21 Nov 2026 02:00:01 -0800
DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.com; s=mail;
\th=from:to:subject; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; b=AbCdEf
X-Originating-IP: [203.0.113.7]
Message-ID: <CAB123.9f8e@mail.example.com>
In-Reply-To: <CAB122.1a2b@mail.example.com>
References: <CAB121.3c4d@mail.example.com> <CAB122.1a2b@mail.example.com>
Date: Sat, 21 Nov 2026 02:00:00 -0800
From: Jane Doe <jane.doe@example.com>
Reply-To: Jane Private <jane.private@example.com>
To: Bright Plumbing <${OTHER_PARTY_RELAY}>
Cc: Boss <boss@example.com>
Bcc: me@example.com
${subjectHeader}
User-Agent: Mozilla Thunderbird
Content-Language: en-US
X-Priority: 3
MIME-Version: 1.0
Content-Type: multipart/mixed; boundary="------------mixed01"

This is a multi-part message in MIME format.
--------------mixed01
Content-Type: multipart/related; boundary="------------related01"

--------------related01
Content-Type: multipart/alternative; boundary="------------alt01"

--------------alt01
Content-Type: text/plain; charset=UTF-8; format=flowed
Content-Transfer-Encoding: quoted-printable

Hi, the roof is leaking again. Call me on +1 (415) 555-0137 or write to
jane.private@example.com so we can sort out the visit.

Jane

On 20/11/2026, Bright Plumbing <${OTHER_PARTY_RELAY}> wrote:
> We can come next week.

--------------alt01
Content-Type: text/html; charset=UTF-8
Content-Transfer-Encoding: 7bit

<html><head></head><body><p>Hi, the roof is leaking again. Call me on
+1 (415) 555-0137 or write to <a href="mailto:jane.private@example.com">jane.private@example.com</a>.</p>
<p><img src="cid:part1.AbC123.XyZ@example.com" alt="photo of the leak"></p>
<p>Jane</p></body></html>

--------------alt01--

--------------related01
Content-Type: image/png; name="leak.png"
Content-Disposition: inline; filename="leak.png"
Content-Id: <part1.AbC123.XyZ@example.com>
Content-Transfer-Encoding: base64

${base64Lines(PNG)}
--------------related01--

--------------mixed01
Content-Type: application/pdf; name="quote.pdf"
Content-Disposition: attachment; filename="quote.pdf"
Content-Transfer-Encoding: base64

${base64Lines(PDF)}
--------------mixed01--
`),
  );
}

function inputFor(parsed: ParsedInbound, overrides: Partial<RelayComposeInput> = {}): RelayComposeInput {
  return {
    parsed,
    fromRelayAddress: FROM_RELAY,
    fromDisplayName: 'Jamie (via Hotlead)',
    to: RECIPIENT,
    domain: DOMAIN,
    threadId: randomUUID(),
    messageId: randomUUID(),
    verpSecret: SECRET,
    verpExpiresAt: new Date(Date.now() + 30 * 24 * 3600 * 1000),
    abuseUrl: ABUSE_URL,
    trackingPixelUrl: PIXEL_URL,
    // As the caller hands them on after scanning: straight from parseInbound.
    attachments: parsed.attachments.map((a) => ({
      filename: a.filename ?? 'attachment',
      contentType: a.contentType,
      content: a.content,
      contentId: a.contentId,
      inline: a.inline,
    })),
    ...overrides,
  };
}

/** The names of the top-level header lines, in order, continuation lines folded in. */
function headerNames(raw: Buffer): string[] {
  const text = raw.toString('latin1');
  const head = text.slice(0, text.indexOf('\r\n\r\n'));
  return head
    .replace(/\r\n[ \t]+/g, ' ')
    .split('\r\n')
    .map((line) => line.slice(0, line.indexOf(':')).toLowerCase());
}

/** Every place a recipient's client could show something: raw bytes, decoded headers, bodies, filenames. */
function everythingVisible(raw: Buffer, mail: ParsedMail): string {
  return [
    raw.toString('latin1'),
    ...mail.headerLines.map((h) => h.line),
    JSON.stringify([...mail.headers.entries()]),
    mail.subject ?? '',
    mail.text ?? '',
    typeof mail.html === 'string' ? mail.html : '',
    ...mail.attachments.map((a) => `${a.filename} ${a.contentId}`),
  ].join('\n');
}

async function composeRealistic() {
  const parsed = await parseInbound(rawInbound());
  expect(parsed.problems).toEqual([]);
  const input = inputFor(parsed);
  const composed = await composeRelay(input);
  const mail = await simpleParser(composed.raw, { keepCidLinks: true });
  return { parsed, input, composed, mail };
}

describe('composeRelay', () => {
  it('sends from the relay address with the display name to the real recipient, and nothing else', async () => {
    const { composed, mail } = await composeRealistic();
    expect(mail.from?.value).toEqual([{ name: 'Jamie (via Hotlead)', address: FROM_RELAY }]);
    expect(mail.to).toMatchObject({ value: [{ address: RECIPIENT }] });
    for (const header of [
      'cc',
      'bcc',
      'reply-to',
      'received',
      'x-originating-ip',
      'dkim-signature',
      'return-path',
      'sender',
      'user-agent',
    ]) {
      expect(mail.headers.has(header), header).toBe(false);
    }
    // The whole header block, so an unexpected header fails here even if nobody thought to list it.
    expect(headerNames(composed.raw).sort()).toEqual(
      [
        'content-language',
        'content-type',
        'date',
        'from',
        'message-id',
        'mime-version',
        'subject',
        'to',
        'x-hotlead-thread',
        'x-priority',
        'x-report-abuse',
      ].sort(),
    );
  });

  it('leaves no trace of the sender anywhere in the message', async () => {
    const { composed, mail } = await composeRealistic();
    const visible = everythingVisible(composed.raw, mail);
    for (const secret of SENDER_SECRETS) expect(visible, secret).not.toContain(secret);
  });

  it('uses our own Message-ID and a VERP return path for this message', async () => {
    const { composed, mail, input } = await composeRealistic();
    expect(composed.messageIdHeader).toBe(`<${input.messageId}@relay.${DOMAIN}>`);
    expect(mail.messageId).toBe(composed.messageIdHeader);
    // The sender's In-Reply-To/References are theirs, not ours: none were given, so none are sent.
    expect(mail.inReplyTo).toBeUndefined();
    expect(mail.references).toBeUndefined();
    expect(composed.envelope.to).toEqual([RECIPIENT]);
    expect(parseVerp(composed.envelope.from, SECRET, DOMAIN, new Date())).toEqual({ ok: true, messageId: input.messageId });
  });

  it('redacts contacts in subject, text and html and returns what it removed', async () => {
    const { composed, mail } = await composeRealistic();
    expect(mail.subject).toBe(`Roof quote, call ${PHONE_PLACEHOLDER}`);
    expect(mail.text).toContain(`Call me on ${PHONE_PLACEHOLDER} or write to\n${EMAIL_PLACEHOLDER} so we can`);
    const html = mail.html as string;
    expect(html).toContain(`${PHONE_PLACEHOLDER} or write to <a href="#">${EMAIL_PLACEHOLDER}</a>`);
    // The relay's own addresses in the quote stay: they are how the parties reach each other.
    expect(mail.text).toContain(OTHER_PARTY_RELAY);
    expect(composed.redactions).toEqual(
      expect.arrayContaining([
        { kind: 'phone', original: '415-555-0199' },
        { kind: 'phone', original: '+1 (415) 555-0137' },
        { kind: 'email', original: 'jane.private@example.com' },
      ]),
    );
    // Subject 1 + text 2 + html 3 (phone, mailto link, link text).
    expect(composed.redactions).toHaveLength(6);
  });

  it('appends the abuse footer to both bodies and the tracking pixel to the html', async () => {
    const { mail } = await composeRealistic();
    expect(mail.text).toMatch(new RegExp(`\\n-- \\nReport abuse: ${ABUSE_URL.replace(/[.?]/g, '\\$&')}\\n?$`));
    const html = mail.html as string;
    const escapedAbuse = ABUSE_URL.replace(/&/g, '&amp;');
    expect(html).toContain(`Report abuse: <a href="${escapedAbuse}">${escapedAbuse}</a>`);
    const pixel = `<img src="${PIXEL_URL.replace(/&/g, '&amp;')}" width="1" height="1" alt="" style="display:none">`;
    expect(html).toContain(pixel);
    // Both inside the body, the pixel last, so it is loaded whatever the client does with the rest.
    expect(html.indexOf(pixel)).toBeGreaterThan(html.indexOf('Report abuse'));
    expect(html.indexOf(pixel)).toBeLessThan(html.indexOf('</body>'));
  });

  it('redacts contacts in attachment names and keeps the extension', async () => {
    const parsed = await parseInbound(rawInbound());
    const input = inputFor(parsed);
    input.attachments = [
      { filename: 'jane.private@example.org.pdf', contentType: 'application/pdf', content: PDF, contentId: null, inline: false },
    ];
    const composed = await composeRelay(input);
    const mail = await simpleParser(composed.raw);
    expect(mail.attachments.map((a) => a.filename)).toEqual([`${EMAIL_PLACEHOLDER}.pdf`]);
    expect(composed.raw.toString('latin1')).not.toContain('jane.private@example.org');
  });

  it('carries the attachment and the inline image byte for byte, the image still linked from the html', async () => {
    const { mail, input } = await composeRealistic();
    const pdf = mail.attachments.find((a) => a.filename === 'quote.pdf');
    const png = mail.attachments.find((a) => a.filename === 'leak.png');
    expect(pdf?.content.equals(PDF)).toBe(true);
    expect(pdf?.contentDisposition).toBe('attachment');
    expect(png?.content.equals(PNG)).toBe(true);
    expect(png?.related).toBe(true);
    // The Content-ID is ours now (the original named the sender's domain) and the html follows it.
    expect(png?.contentId).toBe(`<part1.${input.messageId}@relay.${DOMAIN}>`);
    expect(mail.html).toContain(`<img src="cid:part1.${input.messageId}@relay.${DOMAIN}" alt="photo of the leak">`);
  });

  it('threads with our own ids only, when given', async () => {
    const parsed = await parseInbound(rawInbound());
    const [first, second] = [randomUUID(), randomUUID()];
    const composed = await composeRelay(inputFor(parsed, { inReplyToMessageId: second, referenceMessageIds: [first] }));
    const mail = await simpleParser(composed.raw);
    expect(mail.inReplyTo).toBe(`<${second}@relay.${DOMAIN}>`);
    expect(mail.references).toEqual([`<${first}@relay.${DOMAIN}>`, `<${second}@relay.${DOMAIN}>`]);
    // A Message-ID of the sender's is refused rather than passed on.
    await expect(composeRelay(inputFor(parsed, { inReplyToMessageId: '<CAB122.1a2b@mail.example.com>' }))).rejects.toThrow(/UUID/);
  });

  it('cannot be made to add headers through a subject or display name with line breaks', async () => {
    // An encoded word is how a line break reaches a decoded subject.
    const injected = Buffer.from('Quote\r\nBcc: evil@attacker.test\r\nX-Injected: yes', 'utf8').toString('base64');
    const parsed = await parseInbound(rawInbound(`Subject: =?UTF-8?B?${injected}?=`));
    expect(parsed.subject).toContain('\nBcc:');
    const composed = await composeRelay(inputFor(parsed, { fromDisplayName: 'Jamie\r\nCc: evil@attacker.test' }));
    const names = headerNames(composed.raw);
    expect(names).not.toContain('bcc');
    expect(names).not.toContain('cc');
    expect(names).not.toContain('x-injected');
    const mail = await simpleParser(composed.raw);
    expect(mail.bcc).toBeUndefined();
    expect(mail.cc).toBeUndefined();
    expect(mail.subject).toBe(`Quote Bcc: ${EMAIL_PLACEHOLDER} X-Injected: yes`);
    expect(mail.from?.value[0]?.address).toBe(FROM_RELAY);

    // The same straight in a ParsedInbound, without mailparser in between.
    const direct = await composeRelay(inputFor({ ...parsed, subject: 'Hi\r\nBcc: evil@attacker.test\nX-Injected: yes\rTo: x@y.test' }));
    expect(headerNames(direct.raw)).not.toContain('x-injected');
    expect(headerNames(direct.raw).filter((n) => n === 'to')).toHaveLength(1);
  });

  it('refuses a From that is not a relay address and a recipient that is not one bare address', async () => {
    const parsed = await parseInbound(rawInbound());
    await expect(composeRelay(inputFor(parsed, { fromRelayAddress: 'jane.doe@example.com' }))).rejects.toThrow(/relay address/);
    for (const to of ['sam@customer.test, evil@attacker.test', 'sam@customer.test\r\nBcc: evil@attacker.test', 'Sam <sam@customer.test>']) {
      await expect(composeRelay(inputFor(parsed, { to })), to).rejects.toThrow(/bare address/);
    }
    await expect(composeRelay(inputFor(parsed, { trackingPixelUrl: 'javascript:alert(1)' }))).rejects.toThrow(/http/);
  });

  it('relays text-only mail as text only: footer in the text, no html made up for the pixel', async () => {
    const raw = Buffer.from(crlf('From: Jane <jane.doe@example.com>\nTo: x@relay.hotlead.test\nSubject: hi\n\nCall 0415 555 013.\n'));
    const composed = await composeRelay(inputFor(await parseInbound(raw)));
    const mail = await simpleParser(composed.raw);
    expect(mail.html).toBe(false);
    expect(mail.text).toBe(`Call ${PHONE_PLACEHOLDER}.\n\n-- \nReport abuse: ${ABUSE_URL}\n`);
    expect(composed.raw.toString('latin1')).not.toContain('open.gif');
  });

  it('still carries the abuse link when the message has no body at all', async () => {
    const raw = Buffer.from(crlf('From: Jane <jane.doe@example.com>\nTo: x@relay.hotlead.test\nSubject: empty\n\n'));
    const parsed = await parseInbound(raw);
    const mail = await simpleParser((await composeRelay(inputFor({ ...parsed, text: null, html: null }))).raw);
    expect(mail.text).toContain(`Report abuse: ${ABUSE_URL}`);
  });

  it('leaves the pixel out when there is no tracking URL', async () => {
    const parsed = await parseInbound(rawInbound());
    const mail = await simpleParser((await composeRelay(inputFor(parsed, { trackingPixelUrl: null }))).raw);
    expect(mail.html).not.toContain('width="1" height="1"');
  });

  it('puts the same bytes on the wire built with CRLF (composeRelay) or left to the SMTP DATA stream (the delivery)', async () => {
    const parsed = await parseInbound(rawInbound());
    // mailparser hands the bodies over with bare LF: there is something to convert.
    expect(parsed.text).toMatch(/[^\r]\n/);
    const mail = relayMail(inputFor(parsed));
    // The random parts (boundaries, Date) fixed, so the two builds can be compared byte for byte.
    const fixed = { ...mail.message, baseBoundary: 'fixed', date: new Date('2026-11-21T10:00:00Z') };
    const asComposed = await new MailComposer({ ...fixed, newline: 'win' }).compile().build();
    const asDelivered = await new MailComposer(fixed).compile().build();
    expect(asDelivered.equals(asComposed)).toBe(false);

    // Both sent over SMTP as the delivery sends (raw, pooled nodemailer): the next hop reads the same bytes.
    const received: Buffer[] = [];
    const server = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData(stream, _session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push(Buffer.concat(chunks));
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const transport = nodemailer.createTransport({
      host: '127.0.0.1',
      port: (server.server.address() as { port: number }).port,
      ignoreTLS: true,
      pool: true,
    });
    try {
      for (const raw of [asComposed, asDelivered]) await transport.sendMail({ envelope: mail.envelope, raw });
    } finally {
      transport.close();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
    expect(received).toHaveLength(2);
    expect(received[1]!.equals(received[0]!)).toBe(true);
    expect(received[0]!.toString('latin1')).not.toMatch(/[^\r]\n/);
    expect((await simpleParser(received[1]!)).text).toBe((await simpleParser(asComposed)).text);
  });
});
