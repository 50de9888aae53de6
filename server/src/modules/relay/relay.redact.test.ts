import { describe, expect, it } from 'vitest';
import { allowRelayAddresses, redactContacts, redactFilename, redactHtml } from './relay.redact.js';

const phones = [
  '+1 555 123 4567',
  '+1 (555) 123-4567',
  '+44 20 7946 0958',
  '+44 (0)20 7946 0958',
  '+33 6 12 34 56 78',
  '+49-30-1234567',
  '+4915112345678',
  '0044 20 7946 0958',
  '(555) 123-4567',
  '(555)123-4567',
  '555-123-4567',
  '555.123.4567',
  '555 123 4567',
  '555-1234',
  '555 - 1234 567',
  '5551234567',
  '06 12 34 56 78',
  '06.12.34.56.78',
  '030 1234567',
  '612 345 678',
];

const notPhones = [
  '$1,250.00',
  '$1250000',
  '€ 1 250 000',
  '1 250 000 EUR',
  '1.250.000',
  '2026-11-21',
  '21.11.2026',
  '11-21-2026',
  '2026-11-21 10:30',
  '2026-11-21T10:30:00Z',
  '21.11.26',
  '06 12 2026',
  'from 9.30 - 17.30',
  'v1.2.3.4567',
  '10:30',
  '10:30-11:45',
  '1999-2003',
  '90210',
  '90210-1234',
  '12345',
  '123456',
  '#12345',
  'order 654321',
  '3.14159265',
  '192.168.100.200',
  '12.5%',
  '1234567abc',
  'ABC-1234567',
  'https://example.com/orders/12345678',
  '12345678901234567890',
];

describe('redactContacts: phone numbers', () => {
  it.each(phones)('redacts %s', (phone) => {
    const result = redactContacts(`Call me on ${phone} tonight.`);
    expect(result.text).toBe('Call me on [phone removed] tonight.');
    expect(result.redactions).toEqual([{ kind: 'phone', original: phone }]);
  });

  it.each(notPhones)('keeps %s', (text) => {
    const sentence = `Note: ${text} as agreed.`;
    expect(redactContacts(sentence)).toEqual({ text: sentence, redactions: [] });
  });

  it('redacts at the very start and end of the text, and before punctuation', () => {
    expect(redactContacts('555-123-4567').text).toBe('[phone removed]');
    expect(redactContacts('Mine is 555-123-4567.').text).toBe('Mine is [phone removed].');
    expect(redactContacts('(555-123-4567)').text).toBe('([phone removed])');
    expect(redactContacts('Tel:+15551234567, thanks').text).toBe('Tel:[phone removed], thanks');
  });

  it('finds several numbers and keeps the rest of the text as is', () => {
    const result = redactContacts('Office 555-123-4567\nmobile +1 555 987 6543\n\nPrice $1,250.00 on 2026-11-21.');
    expect(result.text).toBe('Office [phone removed]\nmobile [phone removed]\n\nPrice $1,250.00 on 2026-11-21.');
    expect(result.redactions.map((r) => r.original)).toEqual(['555-123-4567', '+1 555 987 6543']);
  });

  it('does not join numbers across lines', () => {
    expect(redactContacts('123\n4567').text).toBe('123\n4567');
  });

  it('stays fast on long digit runs (no catastrophic backtracking)', () => {
    const started = performance.now();
    redactContacts(`${'1 2-3.'.repeat(5000)}x ${'9'.repeat(50_000)}x ${'(1)'.repeat(10_000)}x ${'+1 '.repeat(10_000)}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

describe('redactContacts: email addresses', () => {
  it.each([
    'jane.doe@example.com',
    'Jane.Doe+leads@Mail.Example.co.uk',
    'j_d-1@sub-domain.example.io',
    'jane @ example.com',
    'jane [at] example [dot] com',
    'jane(at)example(dot)com',
    'jane (at) example.com',
    'jürgen@bücher.de',
  ])('redacts %s', (email) => {
    const result = redactContacts(`Write to ${email}, please`);
    expect(result.text).toBe('Write to [email removed], please');
    expect(result.redactions).toEqual([{ kind: 'email', original: email }]);
  });

  it.each(['at home', 'meet @ 5pm', 'user@localhost', '@handle', 'a @ b', 'john at example dot com'])('keeps %s', (text) => {
    expect(redactContacts(text).redactions).toEqual([]);
  });

  it('stays fast on long address-like runs (no catastrophic backtracking)', () => {
    const started = performance.now();
    redactContacts(
      `a@${'a'.repeat(50_000)} ${'a-'.repeat(20_000)}@x ${'a.'.repeat(20_000)}@ a@${'b.'.repeat(20_000)}1 ${'x [at] '.repeat(5000)}`,
    );
    redactHtml(`<a ${'title="x" '.repeat(10_000)}${'<'.repeat(10_000)}${'&#64;'.repeat(10_000)}`);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('does not read digits inside an email as a phone number', () => {
    expect(redactContacts('x5551234567@example.com').redactions).toEqual([{ kind: 'email', original: 'x5551234567@example.com' }]);
  });

  it("keeps allowed addresses (the relay's own) and the digits in them", () => {
    const allowEmail = allowRelayAddresses('hotlead.test');
    const text = 'On Monday u-abcd2345672345672345672345672345@relay.hotlead.test wrote: mail me at jane@example.com';
    expect(redactContacts(text, { allowEmail })).toEqual({
      text: 'On Monday u-abcd2345672345672345672345672345@relay.hotlead.test wrote: mail me at [email removed]',
      redactions: [{ kind: 'email', original: 'jane@example.com' }],
    });
    expect(allowEmail('someone@relay.hotlead.test.evil.com')).toBe(false);
  });

  it('returns the redactions in the order they appear', () => {
    const result = redactContacts('a 555-123-4567 b jane@example.com c +44 20 7946 0958');
    expect(result.redactions.map((r) => r.kind)).toEqual(['phone', 'email', 'phone']);
  });

  it('leaves text without contacts untouched', () => {
    expect(redactContacts('')).toEqual({ text: '', redactions: [] });
    expect(redactContacts('Hello, the roof is 120 m² and costs $12,000.')).toEqual({
      text: 'Hello, the roof is 120 m² and costs $12,000.',
      redactions: [],
    });
  });
});

describe('redactHtml', () => {
  it('redacts text nodes and keeps the markup', () => {
    const html = '<p class="x">Call <b>555-123-4567</b> or write to jane@example.com</p>';
    expect(redactHtml(html)).toEqual({
      text: '<p class="x">Call <b>[phone removed]</b> or write to [email removed]</p>',
      redactions: [
        { kind: 'phone', original: '555-123-4567' },
        { kind: 'email', original: 'jane@example.com' },
      ],
    });
  });

  it('neutralises mailto:, tel: and sms: links', () => {
    const html =
      '<a href="mailto:jane@example.com?subject=hi">mail</a> <a HREF=\'tel:+15551234567\'>call</a> <a href=sms:5551234567>text</a>';
    const result = redactHtml(html);
    expect(result.text).toBe('<a href="#">mail</a> <a HREF="#">call</a> <a href="#">text</a>');
    expect(result.redactions).toEqual([
      { kind: 'email', original: 'jane@example.com' },
      { kind: 'phone', original: '+15551234567' },
      { kind: 'phone', original: '5551234567' },
    ]);
  });

  it('keeps mailto: links to allowed addresses and ordinary links', () => {
    const html = '<a href="mailto:p-x@relay.hotlead.test">reply</a> <a href="https://example.com/orders/5551234567">order</a>';
    expect(redactHtml(html, { allowEmail: allowRelayAddresses('hotlead.test') })).toEqual({ text: html, redactions: [] });
  });

  it('sees through character references and keeps the other entities as written', () => {
    const html = '<p>Caf&eacute; &amp; bar: jane&#64;example&#x2e;com &mdash; 555&#45;123&#45;4567&nbsp;!</p>';
    const result = redactHtml(html);
    expect(result.text).toBe('<p>Caf&eacute; &amp; bar: [email removed] &mdash; [phone removed]&nbsp;!</p>');
    expect(result.redactions).toEqual([
      { kind: 'email', original: 'jane@example.com' },
      { kind: 'phone', original: '555-123-4567' },
    ]);
  });

  it('redacts visible attribute text (title, alt) but not other markup', () => {
    const html = '<img alt="call 555-123-4567" src="cid:logo"><span title=\'jane@example.com\'>x</span>';
    expect(redactHtml(html).text).toBe('<img alt="call [phone removed]" src="cid:logo"><span title=\'[email removed]\'>x</span>');
  });

  it('leaves comments, scripts and styles alone, and handles > inside quoted attributes', () => {
    const html =
      '<!-- 555-123-4567 --><style>.a{width:5551234567px}</style><script>var t="555-123-4567"</script><a title="a > b" href="/x">555-123-4567</a>';
    expect(redactHtml(html).text).toBe(
      '<!-- 555-123-4567 --><style>.a{width:5551234567px}</style><script>var t="555-123-4567"</script><a title="a > b" href="/x">[phone removed]</a>',
    );
  });

  it('copes with broken markup without throwing', () => {
    for (const html of ['<p', '<a href="mailto:', 'a < b and 555-123-4567', '<<>>', '&#99999999;', '<a href="mailto:%E0%A4%A">x</a>']) {
      expect(() => redactHtml(html)).not.toThrow();
    }
    expect(redactHtml('a < b and 555-123-4567').text).toBe('a < b and [phone removed]');
  });

  it('redacts text without character references as it redacts the same text with one', () => {
    // Text with no `&` is redacted without the decoded-character map; a reference elsewhere in the
    // same text node takes the other path. Both must find the same contacts at the same places.
    const allowEmail = allowRelayAddresses('hotlead.test');
    for (const text of [
      'Call me on 415-555-0142 or +44 20 7946 0958, or write to jane.doe@example.com.',
      'Write (at) jane [at] example [dot] com, reply to u-abc@relay.hotlead.test, order 12345.',
      'Prices $1,250.00 and 2026-11-21 10:30, ZIP 94105-1234, café 😀 0612345678 ✉ a@b.co',
      '',
    ]) {
      const plain = redactHtml(`<p>${text}</p>`, { allowEmail });
      const withReference = redactHtml(`<p>${text} &amp;</p>`, { allowEmail });
      expect(withReference.text).toBe(plain.text.replace('</p>', ' &amp;</p>'));
      expect(withReference.redactions).toEqual(plain.redactions);
    }
  });
});

describe('redactFilename', () => {
  it('redacts contacts and puts back an extension an address took along', () => {
    expect(redactFilename('jane.doe@gmail.com.pdf').text).toBe('[email removed].pdf');
    expect(redactFilename('cv jane.doe@gmail.com-2026.pdf').text).toBe('cv [email removed].pdf');
    expect(redactFilename('quote 415-555-0199.pdf').text).toBe('quote [phone removed].pdf');
    expect(redactFilename('quote.pdf')).toEqual({ text: 'quote.pdf', redactions: [] });
  });
});
