import { describe, expect, it } from 'vitest';
import {
  type Header,
  abuseFooter,
  appendAbuseFooter,
  headersToStrip,
  isAutomatedMessage,
  outboundHeaders,
  sanitizeHeaders,
} from './relay.headers.js';

const incoming: Header[] = [
  ['Received', 'from mail.example.com ([203.0.113.7]) by mx.hotlead.test'],
  ['Received', 'from [192.168.1.20] by mail.example.com'],
  ['DKIM-Signature', 'v=1; a=rsa-sha256; d=example.com'],
  ['ARC-Seal', 'i=1; a=rsa-sha256'],
  ['ARC-Message-Signature', 'i=1'],
  ['Authentication-Results', 'mx.hotlead.test; spf=pass'],
  ['Return-Path', '<jane@example.com>'],
  ['Delivered-To', 'u-abc@relay.hotlead.test'],
  ['From', 'Jane Doe <jane@example.com>'],
  ['Reply-To', 'jane.private@example.com'],
  ['Sender', 'jane@example.com'],
  ['To', 'u-abc@relay.hotlead.test'],
  ['CC', 'boss@example.com'],
  ['Bcc', 'me@example.com'],
  ['X-Originating-IP', '[203.0.113.7]'],
  ['X-Sender-IP', '203.0.113.7'],
  ['X-Mailer', 'Microsoft Outlook 16.0'],
  ['User-Agent', 'Thunderbird'],
  ['X-MS-Exchange-Organization-AuthAs', 'Internal'],
  ['X-Google-Smtp-Source', 'abc'],
  ['Disposition-Notification-To', 'jane@example.com'],
  ['Message-ID', '<CAB123@mail.gmail.com>'],
  ['In-Reply-To', '<CAB122@mail.gmail.com>'],
  ['References', '<CAB121@mail.gmail.com>'],
  ['Date', 'Sat, 21 Nov 2026 10:00:00 -0800'],
  ['X-Unknown-Tracker', 'pixel-42'],
  ['Subject', 'Roof quote'],
  ['MIME-Version', '1.0'],
  ['Content-Type', 'multipart/alternative;\r\n\tboundary="b1"'],
  ['Content-Transfer-Encoding', '7bit'],
];

describe('sanitizeHeaders', () => {
  it('keeps only what the message says and how it is encoded, in order, unfolded', () => {
    expect(sanitizeHeaders(incoming)).toEqual([
      ['Subject', 'Roof quote'],
      ['MIME-Version', '1.0'],
      ['Content-Type', 'multipart/alternative; boundary="b1"'],
      ['Content-Transfer-Encoding', '7bit'],
    ]);
  });

  it('drops every listed header in any letter case', () => {
    const listed = headersToStrip.map((name): Header => [name.replace('*', 'x').toUpperCase(), 'v']);
    expect(sanitizeHeaders(listed)).toEqual([]);
  });

  it('removes stray line breaks so a value cannot start a header of its own', () => {
    expect(sanitizeHeaders([['Subject', 'Hi\r\nBcc: victim@example.com']])).toEqual([['Subject', 'HiBcc: victim@example.com']]);
  });
});

describe('isAutomatedMessage', () => {
  const person: Header[] = [
    ['Subject', 'Re: Roof quote'],
    ['Auto-Submitted', 'no'],
    ['Return-Path', '<jane@example.com>'],
  ];

  it('is null for mail from a person (Auto-Submitted: no included)', () => {
    expect(isAutomatedMessage(person)).toBeNull();
    expect(isAutomatedMessage([])).toBeNull();
    expect(isAutomatedMessage([['Subject', 'Automation ideas for the office']])).toBeNull();
    expect(isAutomatedMessage([['Subject', 'Are you out of office next week?']])).toBeNull();
    expect(isAutomatedMessage([['Precedence', 'first-class']])).toBeNull();
    expect(isAutomatedMessage([['X-Auto-Response-Suppress', 'DR, RN']])).toBeNull();
  });

  it.each<[Header, string]>([
    [['Auto-Submitted', 'auto-replied'], 'Auto-Submitted: auto-replied'],
    [['auto-submitted', 'Auto-Generated; owner-email="x@example.com"'], 'Auto-Submitted: Auto-Generated; owner-email="x@example.com"'],
    [['Precedence', 'bulk'], 'Precedence: bulk'],
    [['Precedence', 'JUNK'], 'Precedence: JUNK'],
    [['Precedence', 'list'], 'Precedence: list'],
    [['Precedence', 'auto_reply'], 'Precedence: auto_reply'],
    [['X-Autoreply', 'yes'], 'X-Autoreply'],
    [['X-Autorespond', 'Out of office'], 'X-Autorespond'],
    [['X-Auto-Response-Suppress', 'All'], 'X-Auto-Response-Suppress: All'],
    [['X-Auto-Response-Suppress', 'DR, OOF'], 'X-Auto-Response-Suppress: DR, OOF'],
    [['X-Auto-Response-Suppress', 'autoreply'], 'X-Auto-Response-Suppress: autoreply'],
    [['Return-Path', '<>'], 'Return-Path: <>'],
    [['Return-Path', ' < > '], 'Return-Path: <>'],
    [['List-Id', '<roofers.lists.example.com>'], 'List-Id'],
    [['List-Unsubscribe', '<mailto:unsub@example.com>'], 'List-Unsubscribe'],
    [['Content-Type', 'multipart/report; report-type=delivery-status'], 'Content-Type: multipart/report'],
    [['Subject', 'Auto: Roof quote'], 'Subject: Auto: Roof quote'],
    [['Subject', 'Automatic reply: Roof quote'], 'Subject: Automatic reply: Roof quote'],
    [['Subject', 'AUTOREPLY Roof quote'], 'Subject: AUTOREPLY Roof quote'],
    [['Subject', 'Out of Office: back Monday'], 'Subject: Out of Office: back Monday'],
    [['Subject', 'Re: out of the office'], 'Subject: Re: out of the office'],
    [['Subject', 'Auto-Reply: thanks'], 'Subject: Auto-Reply: thanks'],
  ])('says why for %j', (header, reason) => {
    expect(isAutomatedMessage([...person.filter(([n]) => n.toLowerCase() !== header[0].toLowerCase()), header])).toBe(reason);
  });
});

describe('outboundHeaders', () => {
  it('adds the thread and the abuse link, and never marks relayed mail as automated or as a list', () => {
    const headers = outboundHeaders({ threadId: 'thr_1', abuseUrl: 'https://hotlead.test/abuse/abc' });
    expect(headers).toEqual([
      ['X-Hotlead-Thread', 'thr_1'],
      ['X-Report-Abuse', 'Please report abuse here: https://hotlead.test/abuse/abc'],
    ]);
    expect(isAutomatedMessage(headers)).toBeNull();
  });

  it('refuses values with line breaks', () => {
    expect(() => outboundHeaders({ threadId: 'a\r\nBcc: x@example.com', abuseUrl: 'https://x' })).toThrow();
  });
});

describe('abuse footer', () => {
  const url = 'https://hotlead.test/abuse/abc?t=1&u=2';

  it('has a text and an escaped HTML version', () => {
    expect(abuseFooter(url)).toEqual({
      text: '\n\n-- \nReport abuse: https://hotlead.test/abuse/abc?t=1&u=2\n',
      html: '<hr><p style="font-size:12px;color:#666">Report abuse: <a href="https://hotlead.test/abuse/abc?t=1&amp;u=2">https://hotlead.test/abuse/abc?t=1&amp;u=2</a></p>',
    });
  });

  it('only takes web links', () => {
    expect(() => abuseFooter('javascript:alert(1)')).toThrow();
  });

  it('is appended to each body the message has, in HTML before </body>', () => {
    const { html } = abuseFooter(url);
    expect(appendAbuseFooter({ text: 'Hello\n\n', html: '<html><body><p>Hello</p></BODY></html>' }, url)).toEqual({
      text: `Hello${abuseFooter(url).text}`,
      html: `<html><body><p>Hello</p>${html}</BODY></html>`,
    });
    expect(appendAbuseFooter({ html: '<p>Hello</p>' }, url)).toEqual({ html: `<p>Hello</p>${html}` });
    expect(appendAbuseFooter({ text: '' }, url)).toEqual({ text: abuseFooter(url).text });
  });
});
