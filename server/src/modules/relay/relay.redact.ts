// Removes email addresses and phone numbers typed into message bodies, so the two parties cannot take
// the conversation off the platform. The caller keeps the original message for admins; `redactions`
// lists what was removed. Detection leans towards redacting: a leaked phone number is worse than a
// redacted order number, but prices, dates, times, ZIP codes and short numbers are left alone.

export type RedactionKind = 'email' | 'phone';
export type Redaction = { kind: RedactionKind; original: string };
export type RedactResult = { text: string; redactions: Redaction[] };
export type RedactOptions = {
  /** Addresses that may stay, e.g. the relay's own (see allowRelayAddresses). Gets the address as written. */
  allowEmail?: (address: string) => boolean;
};

export const EMAIL_PLACEHOLDER = '[email removed]';
export const PHONE_PLACEHOLDER = '[phone removed]';

// Emails, including the common dodges `name [at] host [dot] com`, `name(at)host.com`, `name @ host.com`.
const LABEL = String.raw`[\p{L}\p{N}](?:[\p{L}\p{N}-]*[\p{L}\p{N}])?`;
const AT = String.raw`(?:\s?@\s?|\s?[[({]\s?at\s?[\])}]\s?)`;
const DOT = String.raw`(?:\.|\s?[[({]\s?dot\s?[\])}]\s?)`;
const EMAIL = new RegExp(String.raw`(?<![\p{L}\p{N}._%+-])[\p{L}\p{N}._%+-]+${AT}(?:${LABEL}${DOT})+\p{L}{2,}(?![\p{L}\p{N}-])`, 'giu');

// Phone candidates: an optional `+` (or `00`), then digit groups joined by one space, dot or dash each
// (`555 - 1234` included), with optional `(area)` groups. Not preceded by a letter, digit or `/`
// (identifiers, URL paths), not followed by a letter or digit (`1234567abc` is an identifier).
// Separators are never empty between digit groups, so the pattern cannot backtrack exponentially.
const SEP = String.raw`(?:[ \u00A0]?[-.\u2013][ \u00A0]?|[ \u00A0])`;
const PAREN = String.raw`\(\+?\d{1,5}\)`;
const PHONE = new RegExp(
  String.raw`(?<![\p{L}\p{N}_/@.,+-])(?:(?:\+|00)[ \u00A0]?)?(?:${PAREN}|\d+)(?:${SEP}?${PAREN}|${SEP}\d+|(?<=\))\d+)*(?![\p{L}\p{N}_@%]|[.,-]\d)`,
  'gu',
);

const CURRENCY_BEFORE = /(?:[$€£¥₹]|\b(?:USD|EUR|GBP|CHF|CAD|AUD|SEK|NOK|DKK|PLN|kr|Rs)\.?)\s?$/i;
const CURRENCY_AFTER = /^\s?(?:[$€£¥₹%]|(?:USD|EUR|GBP|CHF|CAD|AUD|SEK|NOK|DKK|PLN|kr|dollars?|euros?|pounds?)\b)/i;

function isValidDate(year: number | null, month: number, day: number): boolean {
  return (year === null || (year >= 1900 && year <= 2199) || year < 100) && month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

// A whole date, or a date and the hour of a time (`2026-11-21 10` out of `2026-11-21 10:30`).
function isDate(candidate: string): boolean {
  const ymd = /^(\d{4})([-. /])(\d{1,2})\2(\d{1,2})(?:[ T]\d{1,2})?$/.exec(candidate);
  if (ymd) return isValidDate(Number(ymd[1]), Number(ymd[3]), Number(ymd[4]));
  const dmy = /^(\d{1,2})([-. /])(\d{1,2})\2(\d{2}|\d{4})(?:[ T]\d{1,2})?$/.exec(candidate);
  if (dmy) {
    const [a, b, year] = [Number(dmy[1]), Number(dmy[3]), Number(dmy[4])];
    // Day-month or month-day: either reading will do.
    return isValidDate(year, b, a) || isValidDate(year, a, b);
  }
  return false;
}

function isTimeRange(candidate: string): boolean {
  const m = /^(\d{1,2})\.(\d{2}) ?[-–] ?(\d{1,2})\.(\d{2})$/.exec(candidate);
  return !!m && Number(m[1]) <= 24 && Number(m[2]) < 60 && Number(m[3]) <= 24 && Number(m[4]) < 60;
}

/** Whether a candidate run of digits is a phone number rather than a date, amount, ZIP code, IP, … */
function isPhoneNumber(candidate: string, before: string, after: string): boolean {
  const digits = candidate.replace(/\D/g, '');
  // E.164 allows at most 15 digits; fewer than 7 is an extension, a short code or just a number.
  if (digits.length < 7 || digits.length > 15) return false;
  const international = /^(?:\+|00)/.test(candidate);
  if (!international) {
    if (isDate(candidate)) return false;
    if (/^(?:19|20)\d\d ?[-–] ?(?:19|20)\d\d$/.test(candidate)) return false; // year range 1999-2003
    if (/^\d{5}-\d{4}$/.test(candidate)) return false; // US ZIP+4
    if (isTimeRange(candidate)) return false; // 9.30 - 17.30
    if (/^\d{1,3}(?:\.\d{1,3}){3}$/.test(candidate)) return false; // IPv4 address
    if (/^[^.]*\.[^.]*$/.test(candidate) && !/[ ()-]/.test(candidate)) return false; // one dot only: a decimal
    if (/^[1-9]\d{0,2}(?:\.\d{3})+$/.test(candidate)) return false; // 1.250.000 (thousands)
    // An amount: currency next to it and nothing only phone numbers have (dashes, parentheses).
    if ((CURRENCY_BEFORE.test(before) || CURRENCY_AFTER.test(after)) && !/[-()]/.test(candidate)) return false;
  }
  return true;
}

type Span = { start: number; end: number; kind: RedactionKind; original: string };

function findEmails(text: string): Span[] {
  return [...text.matchAll(EMAIL)].map((m) => ({ start: m.index, end: m.index + m[0].length, kind: 'email', original: m[0] }));
}

function findPhones(text: string, taken: Span[]): Span[] {
  const spans: Span[] = [];
  for (const m of text.matchAll(PHONE)) {
    const [start, end] = [m.index, m.index + m[0].length];
    if (taken.some((t) => start < t.end && end > t.start)) continue;
    if (!isPhoneNumber(m[0], text.slice(Math.max(0, start - 5), start), text.slice(end, end + 10))) continue;
    spans.push({ start, end, kind: 'phone', original: m[0] });
  }
  return spans;
}

function findContacts(text: string, options: RedactOptions): Span[] {
  const emails = findEmails(text);
  // Allowed emails still count as taken, so digits inside them are never read as a phone number.
  const kept = emails.filter((e) => !options.allowEmail?.(e.original));
  return [...kept, ...findPhones(text, emails)].sort((a, b) => a.start - b.start);
}

const placeholder = (kind: RedactionKind) => (kind === 'email' ? EMAIL_PLACEHOLDER : PHONE_PLACEHOLDER);

/** Replaces each span of `text` (positions given by `at`) with its placeholder. */
function replaceSpans(text: string, spans: Span[], at: (span: Span) => [number, number] = (s) => [s.start, s.end]): string {
  let out = '';
  let cursor = 0;
  for (const span of spans) {
    const [start, end] = at(span);
    out += text.slice(cursor, start) + placeholder(span.kind);
    cursor = end;
  }
  return out + text.slice(cursor);
}

const toRedactions = (spans: Span[]): Redaction[] => spans.map(({ kind, original }) => ({ kind, original }));

/**
 * A file name as the other party sees it: contacts redacted like text, and the extension put back
 * when an address at the end of the name took it along (`jane@example.com.pdf` → `[email removed].pdf`).
 */
export function redactFilename(filename: string, options: RedactOptions = {}): RedactResult {
  const result = redactContacts(filename, options);
  const extension = /\.[\p{L}\p{N}]{1,10}$/u.exec(filename)?.[0] ?? '';
  const text = result.text !== filename && !result.text.endsWith(extension) ? result.text + extension : result.text;
  return { text, redactions: result.redactions };
}

/** Replaces emails and phone numbers in plain text with placeholders. */
export function redactContacts(text: string, options: RedactOptions = {}): RedactResult {
  const spans = findContacts(text, options);
  return { text: spans.length ? replaceSpans(text, spans) : text, redactions: toRedactions(spans) };
}

/** An allow-list predicate for any address on the relay's own host (quoted replies mention them). */
export function allowRelayAddresses(domain: string): (address: string) => boolean {
  const host = `@relay.${domain.toLowerCase()}`;
  return (address) => address.trim().toLowerCase().endsWith(host);
}

// --- HTML -------------------------------------------------------------------------------------------

// Markup is split into pieces that are left alone (comments, doctype, script and style contents),
// tags (whose attributes are checked) and text. Quoted attribute values may contain `>`.
const HTML_PIECE =
  /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<![^>]*>|<\?[\s\S]*?\?>|<(script|style)\b(?:[^>"']|"[^"]*"|'[^']*')*>[\s\S]*?<\/\1\s*>|<\/?[A-Za-z][^\s/>]*(?:[^>"']|"[^"]*"|'[^']*')*>/gi;
const ATTRIBUTE = /(\s+)([^\s=/>"']+)(?:(\s*=\s*)(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const CONTACT_SCHEME = /^\s*(mailto|tel|sms|callto|facetime|whatsapp):\s*([^?#]*)/i;
const URL_ATTRIBUTES = new Set(['href', 'src', 'action', 'formaction', 'cite', 'background', 'poster', 'srcset']);

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  commat: '@',
  plus: '+',
  period: '.',
};
const ENTITY_OR_CHAR = /&(#x[0-9a-f]+|#\d+|[a-z]+);|[\s\S]/giu;

/**
 * Decodes character references so `name&#64;host.com` is caught too, remembering where each decoded
 * character came from: redactions are then applied to the raw markup, and everything not redacted
 * (other entities included) stays byte for byte as it was.
 */
function decodeWithMap(raw: string): { decoded: string; rawStart: number[]; rawEnd: number[] } {
  let decoded = '';
  const rawStart: number[] = [];
  const rawEnd: number[] = [];
  for (const m of raw.matchAll(ENTITY_OR_CHAR)) {
    let value = m[0];
    const body = m[1];
    if (body?.[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      if (code > 0 && code <= 0x10ffff) value = String.fromCodePoint(code);
    } else if (body) {
      value = NAMED_ENTITIES[body.toLowerCase()] ?? value;
    }
    decoded += value;
    for (let i = 0; i < value.length; i++) {
      rawStart.push(m.index);
      rawEnd.push(m.index + m[0].length);
    }
  }
  return { decoded, rawStart, rawEnd };
}

/** Redacts contacts in raw (entity-encoded) HTML text or attribute value; returns the spans found. */
function redactRaw(raw: string, options: RedactOptions): { raw: string; spans: Span[] } {
  // Without a character reference the decoded text is the markup itself: no per-character map to build
  // (that map was most of the cost of redacting a body).
  if (!raw.includes('&')) {
    const spans = findContacts(raw, options);
    return { raw: spans.length ? replaceSpans(raw, spans) : raw, spans };
  }
  const { decoded, rawStart, rawEnd } = decodeWithMap(raw);
  const spans = findContacts(decoded, options);
  if (spans.length === 0) return { raw, spans };
  return { raw: replaceSpans(raw, spans, (s) => [rawStart[s.start]!, rawEnd[s.end - 1]!]), spans };
}

function decodeUriSafely(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

function redactTag(tag: string, options: RedactOptions, redactions: Redaction[]): string {
  return tag.replace(ATTRIBUTE, (whole, space: string, name: string, equals?: string, dq?: string, sq?: string, bare?: string) => {
    const raw = dq ?? sq ?? bare;
    if (raw === undefined) return whole;
    if (URL_ATTRIBUTES.has(name.toLowerCase())) {
      // A contact link is neutralised whole: `href="#"` keeps the element valid but leads nowhere.
      const link = CONTACT_SCHEME.exec(decodeWithMap(raw).decoded);
      if (!link) return whole;
      const target = decodeUriSafely(link[2]!).trim();
      const kind: RedactionKind = link[1]!.toLowerCase() === 'mailto' ? 'email' : 'phone';
      if (kind === 'email' && target && options.allowEmail?.(target)) return whole;
      redactions.push({ kind, original: target || raw });
      return `${space}${name}${equals}"#"`;
    }
    // Other attributes (title, alt, data-*) hold text a reader can see on hover or copy.
    const result = redactRaw(raw, options);
    if (result.spans.length === 0) return whole;
    redactions.push(...toRedactions(result.spans));
    const quote = sq !== undefined ? "'" : '"';
    return `${space}${name}${equals}${quote}${result.raw}${quote}`;
  });
}

function redactTextNode(text: string, options: RedactOptions, redactions: Redaction[]): string {
  const result = redactRaw(text, options);
  redactions.push(...toRedactions(result.spans));
  return result.raw;
}

/**
 * Redacts emails and phone numbers in the text of an HTML body and in mailto:/tel: links, leaving the
 * markup intact. Not a full HTML parser: a number split across tags (`555-<b>1234</b>`) is not seen.
 */
export function redactHtml(html: string, options: RedactOptions = {}): RedactResult {
  const redactions: Redaction[] = [];
  let out = '';
  let cursor = 0;
  for (const m of html.matchAll(HTML_PIECE)) {
    out += redactTextNode(html.slice(cursor, m.index), options, redactions);
    const piece = m[0];
    const isTag = /^<\/?[A-Za-z]/.test(piece) && !m[1];
    out += isTag ? redactTag(piece, options, redactions) : piece;
    cursor = m.index + piece.length;
  }
  out += redactTextNode(html.slice(cursor), options, redactions);
  return { text: out, redactions };
}
