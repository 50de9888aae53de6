// Parses a received message for the relay. Mail from the internet is often malformed, and a message
// that cannot be parsed perfectly must still be relayed as well as possible: parseInbound never
// throws on bad MIME. mailparser does the decoding (it is lenient); a small structural scan of the
// raw bytes names what was wrong, in `problems`, so it can be logged and shown to support.
import { simpleParser, type AddressObject, type ParsedMail } from 'mailparser';
import { DEFAULT_MAX_MESSAGE_BYTES } from './inbound.server.js';

export interface InboundAttachment {
  filename: string | null;
  contentType: string;
  size: number;
  content: Buffer;
  contentId: string | null;
  inline: boolean;
}

export interface ParsedInbound {
  subject: string | null;
  text: string | null;
  html: string | null;
  from: { address: string; name: string } | null;
  to: string[];
  cc: string[];
  /** Every header line of the top-level header, in order, duplicates kept; values unfolded, not decoded. */
  headers: [name: string, value: string][];
  inReplyTo: string | null;
  references: string[];
  messageId: string | null;
  date: Date | null;
  attachments: InboundAttachment[];
  /** What was wrong with the message, empty for a well-formed one. */
  problems: string[];
}

/** The raw message is larger than parseInbound accepts: it is refused without being parsed. */
export class InboundTooLargeError extends Error {
  constructor(
    readonly bytes: number,
    readonly limit: number,
  ) {
    super(`Message of ${bytes} bytes is over the ${limit} bytes parse limit`);
    this.name = 'InboundTooLargeError';
  }
}

/** Headers a message should have at most once (RFC 5322 §3.6). */
const SINGLE_HEADERS = ['from', 'sender', 'reply-to', 'to', 'cc', 'bcc', 'subject', 'date', 'message-id', 'in-reply-to', 'references'];
/** Bounds on the structural scan, so a hostile message cannot make it expensive. */
const MAX_DEPTH = 20;
const MAX_PARTS = 1000;

/**
 * @throws InboundTooLargeError when `raw` is over `maxBytes` (the SMTP server already refuses such
 * messages; this guards other callers). Never throws for malformed content.
 */
export async function parseInbound(raw: Buffer, options: { maxBytes?: number } = {}): Promise<ParsedInbound> {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  if (raw.length > maxBytes) throw new InboundTooLargeError(raw.length, maxBytes);

  const problems = inspectMime(raw);
  let mail: ParsedMail;
  try {
    // keepCidLinks: inlining images as data: URLs would copy attachments into the HTML.
    mail = await simpleParser(raw, { keepCidLinks: true, skipTextToHtml: true });
  } catch (err) {
    problems.push(`unparseable: ${err instanceof Error ? err.message : String(err)}`);
    return { ...emptyParse(), problems };
  }
  if (mail.textConversionError) problems.push(`html to text failed: ${mail.textConversionError.message}`);

  const headers = mail.headerLines.map(({ key, line }) => splitHeaderLine(key, line));
  const counts = new Map<string, number>();
  for (const [name] of headers) counts.set(name.toLowerCase(), (counts.get(name.toLowerCase()) ?? 0) + 1);
  for (const name of SINGLE_HEADERS) {
    const count = counts.get(name) ?? 0;
    if (count > 1) problems.unshift(`duplicate header: ${name} (${count} times, the first is used)`);
  }

  const from = mail.from?.value.find((a) => a.address);
  return {
    subject: mail.subject ?? null,
    text: mail.text ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    from: from?.address ? { address: from.address, name: from.name } : null,
    to: addresses(mail.to),
    cc: addresses(mail.cc),
    headers,
    inReplyTo: mail.inReplyTo ?? null,
    references: mail.references === undefined ? [] : ([] as string[]).concat(mail.references),
    messageId: mail.messageId ?? null,
    date: mail.date && !Number.isNaN(mail.date.getTime()) ? mail.date : null,
    attachments: mail.attachments.map((a) => ({
      filename: a.filename ?? null,
      contentType: a.contentType,
      size: a.size,
      content: a.content,
      contentId: a.contentId ?? null,
      inline: a.contentDisposition === 'inline' || !!a.related,
    })),
    problems,
  };
}

function emptyParse(): Omit<ParsedInbound, 'problems'> {
  return {
    subject: null,
    text: null,
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
  };
}

function addresses(field: AddressObject | AddressObject[] | undefined): string[] {
  if (!field) return [];
  // Groups (`undisclosed-recipients: a@x, b@y;`) nest their members.
  const flatten = (list: AddressObject['value']): string[] =>
    list.flatMap((a) => (a.group ? flatten(a.group) : a.address ? [a.address] : []));
  return ([] as AddressObject[]).concat(field).flatMap((f) => flatten(f.value));
}

function splitHeaderLine(key: string, line: string): [string, string] {
  const colon = line.indexOf(':');
  const name = colon >= 0 ? line.slice(0, colon).trim() : key;
  const value = colon >= 0 ? line.slice(colon + 1) : '';
  return [name, value.replace(/\r?\n[ \t]+/g, ' ').trim()];
}

// ---- Structural scan --------------------------------------------------------------------------
// mailparser repairs silently; this walk over the MIME tree reports what it had to repair. It reads
// the bytes as latin1 (one char per byte) so nothing is lost or re-encoded.

interface PartHeaders {
  contentType: string;
  boundary: string | null;
  charset: string | null;
  encoding: string;
}

function inspectMime(raw: Buffer): string[] {
  const problems: string[] = [];
  const state = { parts: 0 };
  inspectPart(raw.toString('latin1'), '1', 0, problems, state);
  return problems;
}

function inspectPart(source: string, partId: string, depth: number, problems: string[], state: { parts: number }): void {
  if (depth > MAX_DEPTH) return void problems.push(`part ${partId}: nested too deeply, not inspected`);
  if (++state.parts > MAX_PARTS) return;

  const split = /\r?\n\r?\n/.exec(source);
  const head = split ? source.slice(0, split.index) : source;
  const body = split ? source.slice(split.index + split[0].length) : '';
  const headers = partHeaders(head);

  // A field name is printable ASCII without a colon (RFC 5322 §2.2); anything else is not a header.
  const badLine = head
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .some((line) => line !== '' && !/^[!-9;-~]+:/.test(line));
  if (badLine) problems.push(`part ${partId}: malformed header line`);

  if (headers.charset && !isKnownCharset(headers.charset)) {
    problems.push(`part ${partId}: unknown charset "${headers.charset}"`);
  }

  if (headers.contentType.startsWith('multipart/')) {
    if (!headers.boundary) return void problems.push(`part ${partId}: ${headers.contentType} without a boundary`);
    const children = splitMultipart(body, headers.boundary);
    if (!children.closed) problems.push(`part ${partId}: unterminated multipart (no closing boundary)`);
    if (children.parts.length === 0) problems.push(`part ${partId}: multipart with no parts`);
    children.parts.forEach((child, i) => inspectPart(child, `${partId}.${i + 1}`, depth + 1, problems, state));
    return;
  }

  if (headers.encoding === 'base64' && /[^A-Za-z0-9+/=\s]/.test(body)) {
    problems.push(`part ${partId}: invalid base64 content`);
  } else if (headers.encoding === 'quoted-printable' && /=(?![0-9A-Fa-f]{2}|\r?\n)/.test(body)) {
    problems.push(`part ${partId}: invalid quoted-printable content`);
  } else if (!['7bit', '8bit', 'binary', 'base64', 'quoted-printable'].includes(headers.encoding)) {
    problems.push(`part ${partId}: unknown transfer encoding "${headers.encoding}"`);
  }
}

function partHeaders(head: string): PartHeaders {
  // Unfold, then read Content-Type and Content-Transfer-Encoding (the first one, as mailparser does).
  const lines = head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/);
  const value = (name: string) => {
    const line = lines.find((l) => l.toLowerCase().startsWith(`${name}:`));
    return line ? line.slice(name.length + 1).trim() : '';
  };
  const contentType = value('content-type');
  const param = (name: string) => {
    const match = new RegExp(`;\\s*${name}\\s*=\\s*(?:"([^"]*)"|([^;\\s]+))`, 'i').exec(contentType);
    return match ? (match[1] ?? match[2] ?? null) : null;
  };
  return {
    contentType: (contentType.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain',
    boundary: param('boundary'),
    charset: param('charset'),
    encoding: value('content-transfer-encoding').toLowerCase() || '7bit',
  };
}

/**
 * Splits a multipart body on its boundary lines; `closed` tells whether the final `--boundary--` came.
 * A boundary line is `--boundary` (or `--boundary--`) alone on its line, trailing whitespace allowed.
 * Found with indexOf rather than by splitting into lines: a part is often a long base64 attachment.
 */
function splitMultipart(body: string, boundary: string): { parts: string[]; closed: boolean } {
  const delimiter = `--${boundary}`;
  const parts: string[] = [];
  let partStart = -1; // -1: still in the preamble
  let from = 0;
  for (;;) {
    const at = body.indexOf(delimiter, from);
    if (at < 0) break;
    from = at + delimiter.length;
    if (at > 0 && body[at - 1] !== '\n') continue;
    const lineEnd = body.indexOf('\n', from);
    const rest = body.slice(from, lineEnd < 0 ? body.length : lineEnd).trimEnd();
    if (rest !== '' && rest !== '--') continue;
    if (partStart >= 0) {
      // The line break before a boundary belongs to the boundary (RFC 2046 §5.1.1).
      const end = at === 0 ? 0 : body[at - 2] === '\r' ? at - 2 : at - 1;
      parts.push(body.slice(partStart, Math.max(partStart, end)));
    }
    if (rest === '--') return { parts, closed: true };
    partStart = lineEnd < 0 ? body.length : lineEnd + 1;
    from = partStart;
  }
  if (partStart >= 0) parts.push(body.slice(partStart));
  return { parts, closed: false };
}

function isKnownCharset(charset: string): boolean {
  // The WHATWG encoding labels cover what mail clients send; mailparser falls back for the rest.
  try {
    new TextDecoder(charset);
    return true;
  } catch {
    return false;
  }
}
