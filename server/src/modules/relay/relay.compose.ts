// Builds the email the relay sends on to the other party, out of a parsed inbound message. The
// result must not reveal the sender: it is rebuilt from scratch (never the original bytes), so only
// what is copied here on purpose reaches the recipient: the redacted subject and bodies, the
// attachments, and the few headers sanitizeHeaders lets through.
import type { SendMailOptions } from 'nodemailer';
import MailComposer from 'nodemailer/lib/mail-composer/index.js';
import type { ParsedInbound } from './inbound/inbound.parse.js';
import { parseRelayAddress, relayHost } from './relay.addresses.js';
import { type Header, appendAbuseFooter, outboundHeaders, sanitizeHeaders } from './relay.headers.js';
import { type Redaction, allowRelayAddresses, redactContacts, redactFilename, redactHtml } from './relay.redact.js';
import { verpReturnPath } from './relay.verp.js';

export interface RelayAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
  /** As parsed, with or without `<>`; only used to match the `cid:` links in the HTML. */
  contentId?: string | null;
  inline?: boolean;
}

export interface RelayComposeInput {
  /** The inbound message as parseInbound returned it. */
  parsed: ParsedInbound;
  /** The sender party's relay address (`u-…`/`p-…@relay.<domain>`). */
  fromRelayAddress: string;
  /** e.g. "Jamie (via Hotlead)". */
  fromDisplayName: string;
  /** The recipient's real address. */
  to: string;
  /** Platform domain; the relay host is relay.<domain>. */
  domain: string;
  threadId: string;
  /** Our id (uuid) of this relayed message: Message-ID, VERP return path. */
  messageId: string;
  verpSecret: string;
  verpExpiresAt: Date;
  abuseUrl: string;
  trackingPixelUrl: string | null;
  /** Already scanned by the caller. */
  attachments: RelayAttachment[];
  /** Our id (uuid) of the relayed message this one answers, for In-Reply-To. */
  inReplyToMessageId?: string | null;
  /** Our ids (uuids) of the thread's earlier relayed messages, oldest first, for References. */
  referenceMessageIds?: readonly string[];
}

export interface ComposedRelay {
  envelope: { from: string; to: string[] };
  raw: Buffer;
  /** `<messageId@relay.<domain>>`, as written in the Message-ID header. */
  messageIdHeader: string;
  /** What was removed from the subject and bodies, for the store. */
  redactions: Redaction[];
}

// A bare address and nothing else: no display name, no list, no whitespace or line break that could
// turn the To header or the SMTP RCPT into something other than one recipient.
const BARE_ADDRESS = /^[^\s<>,;:"()[\]\\@]+@[^\s<>,;:"()[\]\\@]+\.[^\s<>,;:"()[\]\\@]+$/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The sanitized headers the composed message still takes from the original. The MIME headers
 * (MIME-Version, Content-Type, Content-Transfer-Encoding) describe the original tree, its boundary
 * and encoding; the message is rebuilt, so MailComposer writes its own. Subject is set redacted.
 */
const REBUILT_HEADERS = new Set(['mime-version', 'content-type', 'content-transfer-encoding', 'subject']);

/** `<uuid@relay.<domain>>`: every Message-ID the relay writes, so none carries the sender's host. */
export function relayMessageIdHeader(messageId: string, domain: string): string {
  if (!UUID_PATTERN.test(messageId)) throw new Error('relayMessageIdHeader: messageId is not a UUID');
  return `<${messageId.toLowerCase()}@${relayHost(domain)}>`;
}

// Any line break or other control character becomes a space: a header value can then never end
// early and start a header of its own (nodemailer folds safely, but this does not rely on it).
function singleLine(value: string): string {
  return value.replace(/[\p{Cc}\u2028\u2029]+/gu, ' ').trim();
}

function escapeHtmlAttribute(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function trackingPixel(url: string): string {
  // Only web URLs: the value lands in a src attribute the recipient's client loads.
  if (!/^https?:\/\//i.test(url)) throw new Error('composeRelay: the tracking pixel URL must be http(s)');
  return `<img src="${escapeHtmlAttribute(url)}" width="1" height="1" alt="" style="display:none">`;
}

/** Inserts markup before `</body>` when there is one, as appendAbuseFooter does, else at the end. */
function appendToHtml(html: string, markup: string): string {
  const close = html.search(/<\/body\s*>/i);
  return close >= 0 ? html.slice(0, close) + markup + html.slice(close) : html + markup;
}

function stripAngles(contentId: string): string {
  return contentId.trim().replace(/^<|>$/g, '');
}

function decodeUriSafely(component: string): string {
  try {
    return decodeURIComponent(component);
  } catch {
    return component;
  }
}

/**
 * New Content-IDs on our host for the inline parts, and the HTML's `cid:` links rewritten to match.
 * Clients build Content-IDs from the sender's host (Thunderbird: `part1.xyz@example.com`), so the
 * originals would reveal the sender's domain.
 */
function renumberContentIds(
  html: string | null,
  attachments: readonly RelayAttachment[],
  messageId: string,
  domain: string,
): { html: string | null; cids: (string | undefined)[] } {
  const renamed = new Map<string, string>();
  const cids = attachments.map((attachment, index) => {
    if (!attachment.contentId) return undefined;
    const original = stripAngles(attachment.contentId);
    if (!original) return undefined;
    const existing = renamed.get(original);
    if (existing) return existing;
    const fresh = `part${index + 1}.${messageId.toLowerCase()}@${relayHost(domain)}`;
    renamed.set(original, fresh);
    return fresh;
  });
  if (html === null || renamed.size === 0) return { html, cids };
  // RFC 2392: the id in a cid: URL is URL-encoded; links to parts we do not have stay as they are.
  const rewritten = html.replace(/\bcid:([^\s"'<>)]+)/gi, (whole, id: string) => {
    const fresh = renamed.get(decodeUriSafely(id)) ?? renamed.get(id);
    return fresh ? `cid:${fresh}` : whole;
  });
  return { html: rewritten, cids };
}

/** The original's headers that travel on, beyond what MailComposer writes itself. */
function carriedHeaders(parsed: ParsedInbound, threadId: string, abuseUrl: string): { key: string; value: string }[] {
  const kept = sanitizeHeaders(parsed.headers).filter(([name]) => !REBUILT_HEADERS.has(name.toLowerCase()));
  const all: Header[] = [...kept, ...outboundHeaders({ threadId, abuseUrl })];
  return all.map(([key, value]) => ({ key, value: singleLine(value) }));
}

/** The relayed message as nodemailer message options, with what the caller records about it. */
export interface RelayMail {
  envelope: { from: string; to: string[] };
  /** `<messageId@relay.<domain>>`, as written in the Message-ID header. */
  messageIdHeader: string;
  /** What was removed from the subject and bodies, for the store. */
  redactions: Redaction[];
  /**
   * For MailComposer. Line breaks are left as composed (mailparser hands the bodies over with bare LF):
   * SMTP's DATA stream writes every bare LF or CR as CRLF, so these options built and sent over SMTP
   * put the same bytes on the wire as composeRelay's CRLF build.
   */
  message: SendMailOptions;
}

/**
 * The relayed message's options, without building it (composeRelay builds it for the dev mailbox; the
 * SMTP delivery builds it without the CRLF pass, see RelayMail.message). Throws on inputs that are
 * programming errors (a From that is not a relay address, a recipient that is not one bare address,
 * ids that are not UUIDs, non-http URLs) rather than sending something that could leak or misroute.
 */
export function relayMail(input: RelayComposeInput): RelayMail {
  const { parsed, domain } = input;
  if (!parseRelayAddress(input.fromRelayAddress, domain)) throw new Error('composeRelay: fromRelayAddress is not a relay address');
  if (!BARE_ADDRESS.test(input.to)) throw new Error('composeRelay: to must be one bare address');

  const messageIdHeader = relayMessageIdHeader(input.messageId, domain);
  const returnPath = verpReturnPath({ messageId: input.messageId, expiresAt: input.verpExpiresAt }, input.verpSecret, domain);
  // Only our own ids, which the caller maps from the store: the sender's originals carry their host.
  const inReplyTo = input.inReplyToMessageId ? relayMessageIdHeader(input.inReplyToMessageId, domain) : undefined;
  const references = (input.referenceMessageIds ?? []).map((id) => relayMessageIdHeader(id, domain));
  if (inReplyTo && !references.includes(inReplyTo)) references.push(inReplyTo);

  // Quoted replies mention the relay's own addresses; those are the ones that must stay.
  const redactOptions = { allowEmail: allowRelayAddresses(domain) };
  const redactions: Redaction[] = [];
  const redactInto = (result: { text: string; redactions: Redaction[] }): string => {
    redactions.push(...result.redactions);
    return result.text;
  };

  const subject = parsed.subject === null ? '' : redactInto(redactContacts(singleLine(parsed.subject), redactOptions));
  const { html: relinkedHtml, cids } = renumberContentIds(parsed.html, input.attachments, input.messageId, domain);
  const text = parsed.text === null ? null : redactInto(redactContacts(parsed.text, redactOptions));
  const html = relinkedHtml === null ? null : redactInto(redactHtml(relinkedHtml, redactOptions));

  // The footer goes on after redaction so nothing in it is ever mistaken for a contact. A message
  // with no body at all still gets a text part: every relayed email carries the abuse link.
  const withFooter = appendAbuseFooter({ text: text ?? (html === null ? '' : undefined), html: html ?? undefined }, input.abuseUrl);
  // No HTML part is made up for text-only mail just to hold the pixel: it would change how the
  // message renders, and a read receipt is not worth rewriting what the sender wrote.
  const finalHtml =
    withFooter.html !== undefined && input.trackingPixelUrl
      ? appendToHtml(withFooter.html, trackingPixel(input.trackingPixelUrl))
      : withFooter.html;

  const envelope = { from: returnPath, to: [input.to] };
  const message: SendMailOptions = {
    from: { name: singleLine(input.fromDisplayName), address: input.fromRelayAddress },
    to: input.to,
    subject,
    messageId: messageIdHeader,
    inReplyTo,
    references: references.length ? references : undefined,
    text: withFooter.text,
    html: finalHtml,
    headers: carriedHeaders(parsed, input.threadId, input.abuseUrl),
    attachments: input.attachments.map((attachment, index) => ({
      filename: redactInto(redactFilename(singleLine(attachment.filename), redactOptions)),
      contentType: attachment.contentType,
      content: attachment.content,
      cid: cids[index],
      contentDisposition: attachment.inline ? 'inline' : 'attachment',
    })),
    envelope,
    // Everything is in memory; a content that named a path or URL would be read from our server.
    disableFileAccess: true,
    disableUrlAccess: true,
  };
  return { envelope, messageIdHeader, redactions, message };
}

/** Builds the relayed message (relayMail's options, with CRLF line breaks: mailparser hands the bodies over with bare LF). */
export async function composeRelay(input: RelayComposeInput): Promise<ComposedRelay> {
  const mail = relayMail(input);
  const raw = await new MailComposer({ ...mail.message, newline: 'win' }).compile().build();
  return { envelope: mail.envelope, raw, messageIdHeader: mail.messageIdHeader, redactions: mail.redactions };
}
