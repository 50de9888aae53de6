import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { classifyStatus, MAX_SCAN_BYTES, parseDeliveryReport } from './relay.dsn.js';

const RETURN_PATH = 'b-bn7f2hbpfjgmrgu2doi7ppe2bm-tghj1s-abcdefghijklmnop@relay.hotlead.test';
const crlf = (text: string) => text.replace(/\r?\n/g, '\r\n');
const parse = (text: string | Buffer) => parseDeliveryReport(typeof text === 'string' ? Buffer.from(text, 'utf8') : text);

const POSTFIX_USER_UNKNOWN = `Return-Path: <>
Received: by mx.example.net (Postfix) id 4B1C32A0F3; Sat, 21 Nov 2026 12:00:03 +0000 (UTC)
Date: Sat, 21 Nov 2026 12:00:03 +0000 (UTC)
From: MAILER-DAEMON@mx.example.net (Mail Delivery System)
Subject: Undelivered Mail Returned to Sender
To: ${RETURN_PATH}
Auto-Submitted: auto-replied
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status;
	boundary="4B1C32A0F3.1795262403/mx.example.net"
Message-Id: <20261121120003.4B1C32A0F3@mx.example.net>

This is a MIME-encapsulated message.

--4B1C32A0F3.1795262403/mx.example.net
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.net.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients. It's attached below.

<jane.doe@example.net>: host mail.example.net[203.0.113.5] said: 550 5.1.1
    <jane.doe@example.net>: Recipient address rejected: User unknown in virtual
    mailbox table (in reply to RCPT TO command)

--4B1C32A0F3.1795262403/mx.example.net
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net
X-Postfix-Queue-ID: 4B1C32A0F3
X-Postfix-Sender: rfc822; ${RETURN_PATH}
Arrival-Date: Sat, 21 Nov 2026 12:00:01 +0000 (UTC)

Final-Recipient: rfc822; jane.doe@example.net
Original-Recipient: rfc822;jane.doe@example.net
Action: failed
Status: 5.1.1
Remote-MTA: dns; mail.example.net
Diagnostic-Code: smtp; 550 5.1.1 <jane.doe@example.net>: Recipient address
    rejected: User unknown in virtual mailbox table

--4B1C32A0F3.1795262403/mx.example.net
Content-Description: Undelivered Message
Content-Type: message/rfc822

Return-Path: <${RETURN_PATH}>
From: "Acme Sales via Hotlead" <r-7f3k2@relay.hotlead.test>
To: jane.doe@example.net
Subject: Your quote request
Message-ID: <0b7e5d1c-2f4a-4c8e-9a1b-3d5f7e9a1c2e@relay.hotlead.test>
Date: Sat, 21 Nov 2026 12:00:00 +0000

Hello Jane, here is your quote.

--4B1C32A0F3.1795262403/mx.example.net--
`;

// Gmail's layout: CRLF line ends, a folded multi-line 550-5.1.1 reply, only the headers returned.
const GMAIL_ACCOUNT_MISSING = crlf(`Delivered-To: ${RETURN_PATH}
Return-Path: <>
From: Mail Delivery Subsystem <mailer-daemon@googlemail.com>
To: ${RETURN_PATH}
Auto-Submitted: auto-replied
Subject: Delivery Status Notification (Failure)
Message-ID: <5a2c1.050a0220@mx.google.com>
Date: Sat, 21 Nov 2026 04:00:05 -0800 (PST)
MIME-Version: 1.0
Content-Type: multipart/report; boundary="000000000000a1b2c3"; report-type=delivery-status

--000000000000a1b2c3
Content-Type: text/plain; charset="UTF-8"

Address not found

Your message wasn't delivered to nobody.here@gmail.com because the address couldn't be found, or is unable to receive mail.

--000000000000a1b2c3
Content-Type: message/delivery-status

Reporting-MTA: dns; googlemail.com
Received-From-MTA: dns; relay.hotlead.test
Arrival-Date: Sat, 21 Nov 2026 04:00:04 -0800 (PST)
X-Original-Message-ID: <c2d1@relay.hotlead.test>

Final-Recipient: rfc822; nobody.here@gmail.com
Action: failed
Status: 5.1.1
Remote-MTA: dns; gmail-smtp-in.l.google.com. (2607:f8b0:4864:20::b2b, the server
 for the domain gmail.com.)
Diagnostic-Code: smtp; 550-5.1.1 The email account that you tried to reach does
 not exist. Please try
 550-5.1.1 double-checking the recipient's email address for typos or
 550-5.1.1 unnecessary spaces. For more information, go to
 550 5.1.1  https://support.google.com/mail/?p=NoSuchUser a1-20020a05 - gsmtp
Last-Attempt-Date: Sat, 21 Nov 2026 04:00:05 -0800 (PST)

--000000000000a1b2c3
Content-Type: text/rfc822-headers

From: Acme Sales via Hotlead <r-7f3k2@relay.hotlead.test>
To: nobody.here@gmail.com
Subject: Your quote request
Message-Id:
 <c2d1@relay.hotlead.test>

--000000000000a1b2c3--
`);

// Exim's RFC 3464 variant: upper-case field names, no angle brackets, a per-message group first.
const EXIM_DSN = `From: Mail Delivery System <Mailer-Daemon@mail.example.org>
To: ${RETURN_PATH}
Subject: Mail delivery failed: returning message to sender
Content-Type: multipart/report; report-type=delivery-status; boundary=1795262403-eximdsn-1804289383
MIME-Version: 1.0
X-Failed-Recipients: sales@example.org

--1795262403-eximdsn-1804289383
Content-type: text/plain; charset=us-ascii

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  sales@example.org
    host aspmx.example.org [198.51.100.7]
    SMTP error from remote mail server after RCPT TO:<sales@example.org>:
    550 5.1.1 <sales@example.org>: Recipient address rejected: User unknown

--1795262403-eximdsn-1804289383
Content-type: message/delivery-status

REPORTING-MTA: dns; mail.example.org

ACTION: failed
FINAL-RECIPIENT: rfc822;<sales@example.org>
STATUS: 5.1.1
REMOTE-MTA: dns; aspmx.example.org
DIAGNOSTIC-CODE: smtp; 550 5.1.1 <sales@example.org>: Recipient address rejected: User unknown

--1795262403-eximdsn-1804289383
Content-type: text/rfc822-headers

Message-Id: <E1vXyZ-0004aB-Qx@relay.hotlead.test>
Subject: Your quote request

--1795262403-eximdsn-1804289383--
`;

const MAILBOX_FULL_DELAYED = `From: MAILER-DAEMON@mx.example.com (Mail Delivery System)
To: ${RETURN_PATH}
Subject: Delayed Mail (still being retried)
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="B0UND"

--B0UND
Content-Type: text/plain

Your message could not be delivered for 4 hours. It will be retried until it is 5 days old.

--B0UND
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.com

Final-Recipient: rfc822; full@example.com
Action: delayed
Status: 4.2.2
Remote-MTA: dns; mail.example.com
Diagnostic-Code: smtp; 452 4.2.2 Mailbox full
Will-Retry-Until: Thu, 26 Nov 2026 12:00:00 +0000

--B0UND--
`;

const POLICY_REJECTION = `From: postmaster@outlook.com
To: ${RETURN_PATH}
Subject: Undeliverable: Your quote request
MIME-Version: 1.0
Content-Type: multipart/report; report-type="delivery-status"; boundary="ndr-boundary"

--ndr-boundary
Content-Type: text/plain; charset="us-ascii"

Delivery has failed to these recipients or groups.

--ndr-boundary
Content-Type: message/delivery-status

Reporting-MTA: dns;AM0PR01MB1234.eurprd01.prod.outlook.com
Received-From-MTA: dns;relay.hotlead.test

Final-Recipient: rfc822;buyer@contoso.example
Action: failed
Status: 5.7.1
Diagnostic-Code: smtp;550 5.7.1 Service unavailable, Client host [192.0.2.1] blocked using Spamhaus

--ndr-boundary
Content-Type: message/rfc822

Message-ID: <policy-1@relay.hotlead.test>
Subject: Your quote request

Hi.
--ndr-boundary--
`;

const TWO_RECIPIENTS = `From: MAILER-DAEMON@mx.example.net
To: ${RETURN_PATH}
Subject: Delivery Status Notification
Content-Type: multipart/report; report-type=delivery-status; boundary="two"

--two
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; gone@example.net
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 No such user

Final-Recipient: rfc822; here@example.net
Action: delivered
Status: 2.0.0
Remote-MTA: dns; mail.example.net

--two--
`;

// The delivery-status part quoted-printable encoded, with a soft line break inside the diagnostic.
const QUOTED_PRINTABLE = `From: MAILER-DAEMON@mx.example.net
To: ${RETURN_PATH}
Subject: Returned mail: see transcript for details
Content-Type: multipart/report; report-type=delivery-status; boundary="qp"

--qp
Content-Type: message/delivery-status
Content-Transfer-Encoding: quoted-printable

Reporting-MTA: dns; mx.example.net

Final-Recipient: rfc822; j=C3=BCrgen@example.de
Action: failed
Status: 5.1.1
Diagnostic-Code: smtp; 550 5.1.1 <j=C3=BCrgen@example.de>: Recipient address rejected: =
User unknown

--qp--
`;

const BASE64_BODY = Buffer.from(
  'Reporting-MTA: dns; mx.example.net\r\n\r\nFinal-Recipient: rfc822; b64@example.net\r\nAction: failed\r\nStatus: 5.1.10\r\n',
).toString('base64');
const BASE64 = `From: MAILER-DAEMON@mx.example.net
To: ${RETURN_PATH}
Subject: Undeliverable
Content-Type: multipart/report; report-type=delivery-status; boundary="b64"

--b64
Content-Type: message/delivery-status
Content-Transfer-Encoding: base64

${BASE64_BODY.replace(/(.{60})/g, '$1\n')}
--b64--
`;

// Exim without a report: free text, X-Failed-Recipients, then the original message inline.
const EXIM_PLAIN = `Return-path: <>
From: Mail Delivery System <Mailer-Daemon@smtp.example.co.uk>
To: ${RETURN_PATH}
Subject: Mail delivery failed: returning message to sender
Message-Id: <E1vAbc-0001Xy-Zz@smtp.example.co.uk>
X-Failed-Recipients: old.address@example.co.uk
Auto-Submitted: auto-replied
Date: Sat, 21 Nov 2026 12:00:05 +0000

This message was created automatically by mail delivery software.

A message that you sent could not be delivered to one or more of its
recipients. This is a permanent error. The following address(es) failed:

  old.address@example.co.uk
    host mx1.example.co.uk [192.0.2.25]
    SMTP error from remote mail server after RCPT TO:<old.address@example.co.uk>:
    550 5.1.1 <old.address@example.co.uk>... User unknown

------ This is a copy of the message, including all the headers. ------

Return-path: <${RETURN_PATH}>
From: Acme Sales via Hotlead <r-7f3k2@relay.hotlead.test>
To: old.address@example.co.uk
Subject: Your quote request
Message-ID: <exim-plain-1@relay.hotlead.test>

Hello.
`;

// qmail: no header naming the recipient, no enhanced code.
const QMAIL_FAILURE_NOTICE = `From: MAILER-DAEMON@qmail.example.com
To: ${RETURN_PATH}
Subject: failure notice

Hi. This is the qmail-send program at qmail.example.com.
I'm afraid I wasn't able to deliver your message to the following addresses.
This is a permanent error; I've given up. Sorry it didn't work out.

<nobody@example.com>:
Sorry, no mailbox here by that name. (#5.1.1)

--- Below this line is a copy of the message.

Message-ID: <qmail-1@relay.hotlead.test>
Subject: Your quote request
`;

const NORMAL_MESSAGE = `From: Jane Doe <jane.doe@example.net>
To: r-7f3k2@relay.hotlead.test
Subject: Re: Your quote request
Message-ID: <reply-1@example.net>
Content-Type: text/plain; charset=utf-8

Thanks, the quote looks good. My colleague's mail to sales@example.org failed with 550 last week, odd.
`;

const OUT_OF_OFFICE = `From: Jane Doe <jane.doe@example.net>
To: r-7f3k2@relay.hotlead.test
Subject: Automatic reply: Your quote request
Auto-Submitted: auto-replied
X-Auto-Response-Suppress: All
Content-Type: text/plain; charset=utf-8

I am out of the office until 30 November with no access to email. Your message will not be
delivered to my colleagues automatically; for urgent matters call the office.
`;

const REPLY_ABOUT_A_BOUNCE = `From: Jane Doe <jane.doe@example.net>
To: r-7f3k2@relay.hotlead.test
Subject: Re: Undelivered Mail Returned to Sender

Your first mail bounced, this one arrived.
`;

describe('parseDeliveryReport: RFC 3464 reports', () => {
  it('reads a Postfix 5.1.1 user unknown report', async () => {
    expect(await parse(POSTFIX_USER_UNKNOWN)).toEqual({
      kind: 'DSN',
      reportingMta: 'mx.example.net',
      originalMessageId: '<0b7e5d1c-2f4a-4c8e-9a1b-3d5f7e9a1c2e@relay.hotlead.test>',
      recipients: [
        {
          finalRecipient: 'jane.doe@example.net',
          originalRecipient: 'jane.doe@example.net',
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: '550 5.1.1 <jane.doe@example.net>: Recipient address rejected: User unknown in virtual mailbox table',
          remoteMta: 'mail.example.net',
          bounceClass: 'INVALID_ADDRESS',
          permanent: true,
        },
      ],
    });
  });

  it('reads a Gmail report with CRLF, a folded multi-line diagnostic and returned headers only', async () => {
    const report = await parse(GMAIL_ACCOUNT_MISSING);
    expect(report).toMatchObject({ kind: 'DSN', reportingMta: 'googlemail.com', originalMessageId: '<c2d1@relay.hotlead.test>' });
    expect(report!.recipients).toHaveLength(1);
    const [recipient] = report!.recipients;
    expect(recipient).toMatchObject({
      finalRecipient: 'nobody.here@gmail.com',
      originalRecipient: null,
      action: 'failed',
      status: '5.1.1',
      bounceClass: 'INVALID_ADDRESS',
      permanent: true,
    });
    expect(recipient!.diagnosticCode).toBe(
      '550-5.1.1 The email account that you tried to reach does not exist. Please try 550-5.1.1 double-checking the ' +
        "recipient's email address for typos or 550-5.1.1 unnecessary spaces. For more information, go to 550 5.1.1 " +
        'https://support.google.com/mail/?p=NoSuchUser a1-20020a05 - gsmtp',
    );
    expect(recipient!.remoteMta).toBe('gmail-smtp-in.l.google.com. (2607:f8b0:4864:20::b2b, the server for the domain gmail.com.)');
  });

  it('reads an Exim report: upper-case names, bracketed address, text/rfc822-headers', async () => {
    expect(await parse(EXIM_DSN)).toMatchObject({
      kind: 'DSN',
      reportingMta: 'mail.example.org',
      originalMessageId: '<E1vXyZ-0004aB-Qx@relay.hotlead.test>',
      recipients: [
        { finalRecipient: 'sales@example.org', status: '5.1.1', remoteMta: 'aspmx.example.org', bounceClass: 'INVALID_ADDRESS' },
      ],
    });
  });

  it('reads a delayed 4.2.2 mailbox full report as temporary', async () => {
    expect(await parse(MAILBOX_FULL_DELAYED)).toMatchObject({
      kind: 'DSN',
      originalMessageId: null,
      recipients: [
        {
          finalRecipient: 'full@example.com',
          action: 'delayed',
          status: '4.2.2',
          diagnosticCode: '452 4.2.2 Mailbox full',
          bounceClass: 'MAILBOX_FULL',
          permanent: false,
        },
      ],
    });
  });

  it('reads a 5.7.1 policy rejection', async () => {
    expect(await parse(POLICY_REJECTION)).toMatchObject({
      kind: 'DSN',
      reportingMta: 'AM0PR01MB1234.eurprd01.prod.outlook.com',
      originalMessageId: '<policy-1@relay.hotlead.test>',
      recipients: [{ finalRecipient: 'buyer@contoso.example', status: '5.7.1', bounceClass: 'POLICY', permanent: true }],
    });
  });

  it('keeps recipients apart: one failed, one delivered', async () => {
    const report = await parse(TWO_RECIPIENTS);
    expect(report!.recipients).toEqual([
      expect.objectContaining({ finalRecipient: 'gone@example.net', action: 'failed', bounceClass: 'INVALID_ADDRESS', permanent: true }),
      expect.objectContaining({
        finalRecipient: 'here@example.net',
        action: 'delivered',
        status: '2.0.0',
        diagnosticCode: null,
        remoteMta: 'mail.example.net',
        bounceClass: 'UNKNOWN',
        permanent: false,
      }),
    ]);
  });

  it('decodes a quoted-printable delivery-status part, soft line breaks and UTF-8 included', async () => {
    expect((await parse(QUOTED_PRINTABLE))!.recipients).toEqual([
      expect.objectContaining({
        finalRecipient: 'jürgen@example.de',
        diagnosticCode: '550 5.1.1 <jürgen@example.de>: Recipient address rejected: User unknown',
        bounceClass: 'INVALID_ADDRESS',
      }),
    ]);
  });

  it('decodes a base64 delivery-status part', async () => {
    expect((await parse(BASE64))!.recipients).toEqual([
      expect.objectContaining({ finalRecipient: 'b64@example.net', status: '5.1.10', bounceClass: 'INVALID_ADDRESS', permanent: true }),
    ]);
  });

  it('tolerates missing fields: no Status, no Action, no per-message group', async () => {
    const raw = `From: MAILER-DAEMON@mx.example.net
Subject: Returned mail
Content-Type: multipart/report; report-type=delivery-status; boundary=x

--x
Content-Type: message/delivery-status

Final-Recipient: rfc822; someone@example.net
Diagnostic-Code: X-Unix; mailbox unavailable
--x--
`;
    expect(await parse(raw)).toEqual({
      kind: 'DSN',
      reportingMta: null,
      originalMessageId: null,
      recipients: [
        {
          finalRecipient: 'someone@example.net',
          originalRecipient: null,
          action: null,
          status: null,
          diagnosticCode: 'mailbox unavailable',
          remoteMta: null,
          bounceClass: 'INVALID_ADDRESS',
          permanent: true,
        },
      ],
    });
  });

  it('reads the report when the input is cut at MAX_SCAN_BYTES inside a large returned message', async () => {
    const huge = POSTFIX_USER_UNKNOWN.replace('Hello Jane, here is your quote.', 'x'.repeat(2 * MAX_SCAN_BYTES));
    const report = await parse(huge);
    expect(report).toMatchObject({ kind: 'DSN', recipients: [{ finalRecipient: 'jane.doe@example.net', bounceClass: 'INVALID_ADDRESS' }] });
  });
});

describe('parseDeliveryReport: non-standard bounces', () => {
  it('recognises an Exim plain-text bounce and takes the Message-ID from the inline copy', async () => {
    expect(await parse(EXIM_PLAIN)).toEqual({
      kind: 'HEURISTIC',
      reportingMta: null,
      originalMessageId: '<exim-plain-1@relay.hotlead.test>',
      recipients: [
        {
          finalRecipient: 'old.address@example.co.uk',
          originalRecipient: null,
          action: 'failed',
          status: '5.1.1',
          diagnosticCode: '550 5.1.1 <old.address@example.co.uk>... User unknown',
          remoteMta: 'mx1.example.co.uk',
          bounceClass: 'INVALID_ADDRESS',
          permanent: true,
        },
      ],
    });
  });

  it('recognises a qmail failure notice without headers naming the recipient', async () => {
    expect(await parse(QMAIL_FAILURE_NOTICE)).toMatchObject({
      kind: 'HEURISTIC',
      originalMessageId: '<qmail-1@relay.hotlead.test>',
      recipients: [{ finalRecipient: 'nobody@example.com', status: '5.1.1', bounceClass: 'INVALID_ADDRESS', permanent: true }],
    });
  });

  it('does not guess an address it cannot place', async () => {
    const raw = `From: postmaster@example.com
Subject: Undeliverable: Your quote request

Delivery has failed. Contact helpdesk@example.com for assistance.
`;
    expect(await parse(raw)).toMatchObject({
      kind: 'HEURISTIC',
      recipients: [{ finalRecipient: null, status: null, bounceClass: 'UNKNOWN', action: 'failed', permanent: true }],
    });
  });
});

describe('parseDeliveryReport: not a bounce', () => {
  it('is null for a normal message, an out-of-office reply and a reply about a bounce', async () => {
    expect(await parse(NORMAL_MESSAGE)).toBeNull();
    expect(await parse(OUT_OF_OFFICE)).toBeNull();
    expect(await parse(REPLY_ABOUT_A_BOUNCE)).toBeNull();
  });

  it('is null for a read receipt (a multipart/report that is not about delivery)', async () => {
    const raw = `From: Jane Doe <jane.doe@example.net>
Subject: Read: Your quote request
Content-Type: multipart/report; report-type=disposition-notification; boundary=m

--m
Content-Type: message/disposition-notification

Final-Recipient: rfc822; jane.doe@example.net
Disposition: manual-action/MDN-sent-manually; displayed
--m--
`;
    expect(await parse(raw)).toBeNull();
  });

  it('is null without throwing for junk and for broken MIME', async () => {
    for (let seed = 0; seed < 20; seed++) expect(await parse(randomBytes(4096))).toBeNull();
    expect(await parse(Buffer.alloc(0))).toBeNull();
    expect(await parse('Content-Type: multipart/report; boundary=\n\n--\n--')).toBeNull();
    expect(
      await parse(`Content-Type: multipart/mixed; boundary="a"\n\n${'--a\nContent-Type: multipart/mixed; boundary="a"\n\n'.repeat(500)}`),
    ).toBeNull();
  });
});

describe('parseDeliveryReport: bounded work', () => {
  // Inputs shaped against the regular expressions (long runs without the character that ends a match,
  // repeated prefixes); each must finish well inside the test timeout.
  it.each([
    ['one 1 MB line of address characters', 'a'.repeat(MAX_SCAN_BYTES)],
    ['repeated "following address"', 'following address '.repeat(60_000)],
    ['repeated "delivery to"', 'delivery to x'.repeat(80_000)],
    ['repeated "<a@b"', '<a@b'.repeat(250_000)],
    ['many recipient groups', 'Final-Recipient: rfc822; a@b\nAction: failed\n\n'.repeat(30_000)],
  ])('%s', async (_, body) => {
    const asDsn = `From: MAILER-DAEMON@x.example\nSubject: Undelivered Mail Returned to Sender\nContent-Type: multipart/report; report-type=delivery-status; boundary=b\n\n--b\nContent-Type: message/delivery-status\n\n${body}`;
    const asText = `From: MAILER-DAEMON@x.example\nSubject: failure notice\n\n${body}`;
    const started = Date.now();
    const dsn = await parse(asDsn);
    await parse(asText);
    expect(Date.now() - started).toBeLessThan(4000);
    expect(dsn === null || dsn.recipients.length <= 100).toBe(true);
  });
});

describe('classifyStatus', () => {
  it.each([
    ['5.1.0', null, 'INVALID_ADDRESS', true],
    ['5.1.1', null, 'INVALID_ADDRESS', true],
    ['5.1.2', null, 'INVALID_ADDRESS', true],
    ['5.1.3', null, 'INVALID_ADDRESS', true],
    ['5.1.10', null, 'INVALID_ADDRESS', true],
    ['5.1.8', null, 'TECHNICAL', true], // bad sender's system address: about us, not the recipient
    ['5.2.2', null, 'MAILBOX_FULL', true],
    ['4.2.2', null, 'MAILBOX_FULL', false],
    ['5.7.1', null, 'POLICY', true],
    ['5.7.26', null, 'POLICY', true],
    ['4.7.1', 'greylisted, try again later', 'TECHNICAL', false],
    ['4.1.1', 'user unknown (directory lookup failed)', 'TECHNICAL', false],
    ['4.4.1', null, 'TECHNICAL', false],
    ['5.4.4', null, 'TECHNICAL', true],
    ['5.0.0', 'dd This user does not exist', 'INVALID_ADDRESS', true],
    ['5.0.0', 'Mailbox is full', 'MAILBOX_FULL', true],
    ['5.0.0', 'something went wrong', 'TECHNICAL', true],
    ['2.0.0', null, 'UNKNOWN', false],
    [' 5.1.1 (bad destination mailbox address)', null, 'INVALID_ADDRESS', true],
    [null, '550 5.1.1 no such user', 'INVALID_ADDRESS', true],
    [null, '550 5.7.1 message rejected as spam', 'POLICY', true],
    [null, 'user unknown', 'INVALID_ADDRESS', true],
    [null, 'No such user here', 'INVALID_ADDRESS', true],
    [null, 'Requested action not taken: mailbox unavailable', 'INVALID_ADDRESS', true],
    [null, 'The account does not exist', 'INVALID_ADDRESS', true],
    [null, '552 quota exceeded', 'MAILBOX_FULL', true],
    [null, '450 user unknown', 'TECHNICAL', false],
    [null, '554 transaction failed', 'TECHNICAL', true],
    [null, 'connection timed out', 'UNKNOWN', false],
    [null, null, 'UNKNOWN', false],
    ['garbage', null, 'UNKNOWN', false],
  ] as const)('%s / %s → %s', (status, diagnostic, bounceClass, permanent) => {
    expect(classifyStatus(status, diagnostic)).toEqual({ bounceClass, permanent });
  });
});
