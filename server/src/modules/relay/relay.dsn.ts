// Bounce parsing for the relay: mail that comes back to a VERP return path (relay.verp.ts says which
// message bounced; this file says why). A standard bounce is an RFC 3464 delivery status notification,
// `multipart/report; report-type=delivery-status`; many servers still send free-text bounces, which are
// recognised by their wording (kind HEURISTIC). An INVALID_ADDRESS verdict marks a lead as potentially
// bad, so the heuristic path prefers saying nothing over guessing an address.
//
// Why a MIME splitter of our own for the report: mailparser renders a `message/delivery-status` part as
// inline text and concatenates it into `mail.text` with the human-readable part, so the per-recipient
// field groups lose their part boundaries. The splitter only walks multipart structure and undoes the
// transfer encoding, which is all a report needs. mailparser is still used for the heuristic path,
// where decoding charsets, encoded-word subjects and HTML-only bodies is the hard part.
import { simpleParser, type ParsedMail } from 'mailparser';

export type BounceClass = 'INVALID_ADDRESS' | 'MAILBOX_FULL' | 'POLICY' | 'TECHNICAL' | 'UNKNOWN';

export type DsnAction = 'failed' | 'delayed' | 'delivered' | 'relayed' | 'expanded';

export interface DeliveryRecipient {
  finalRecipient: string | null;
  originalRecipient: string | null;
  action: DsnAction | null;
  /** Enhanced status code (RFC 3463), e.g. `5.1.1`; null when the report gave none. */
  status: string | null;
  /** Diagnostic text without its type prefix (`smtp;`), unfolded. */
  diagnosticCode: string | null;
  remoteMta: string | null;
  bounceClass: BounceClass;
  permanent: boolean;
}

export interface DeliveryReport {
  /** DSN: a real multipart/report; HEURISTIC: a non-standard bounce recognised by its wording. */
  kind: 'DSN' | 'HEURISTIC';
  recipients: DeliveryRecipient[];
  reportingMta: string | null;
  /** Message-ID of the returned message (message/rfc822 or text/rfc822-headers part), with its brackets. */
  originalMessageId: string | null;
}

/**
 * Only the first MAX_SCAN_BYTES of a bounce are read. The report part comes before the returned
 * message (RFC 3462 orders the parts), and only the returned message can be large, so a cut-off input
 * still yields its report; the splitter accepts the missing closing boundary that the cut causes.
 */
export const MAX_SCAN_BYTES = 1024 * 1024;
/** Bounds on the MIME walk and on the report itself, so a hostile message cannot make it expensive. */
const MAX_DEPTH = 10;
const MAX_PARTS = 200;
const MAX_RECIPIENTS = 100;
const MAX_FIELD_CHARS = 1000;

const DELIVERY_STATUS_TYPES = new Set(['message/delivery-status', 'message/global-delivery-status']);
const RETURNED_MESSAGE_TYPES = new Set(['message/rfc822', 'message/global', 'text/rfc822-headers', 'message/global-headers']);
const ACTIONS = new Set<string>(['failed', 'delayed', 'delivered', 'relayed', 'expanded']);

/** Returns null when `raw` is not a bounce (a normal message, an auto-reply, junk). Never throws. */
export async function parseDeliveryReport(raw: Buffer): Promise<DeliveryReport | null> {
  try {
    const input = raw.length > MAX_SCAN_BYTES ? raw.subarray(0, MAX_SCAN_BYTES) : raw;
    const parts = leafParts(input.toString('latin1'));
    const report = parseDsn(parts);
    if (report && report.recipients.length > 0) return report;
    // A report without a usable recipient group: the wording may still say who failed.
    return (await parseHeuristic(input, parts)) ?? report;
  } catch {
    // Defence in depth: every step above is written not to throw, but a bounce parser must not take
    // the inbound pipeline down with it.
    return null;
  }
}

// ---- Classification ---------------------------------------------------------------------------

/** X.1.Y details that mean the recipient address itself is bad (RFC 3463 §3.2, RFC 5248 for 5.1.10). */
const INVALID_ADDRESS_DETAILS = new Set([0, 1, 2, 3, 6, 10]);
const ENHANCED_CODE = /\b([245])\.(\d{1,3})\.(\d{1,3})\b/;
const BASIC_CODE = /\b([245])\d\d(?=[ -]|$)/m;
const MAILBOX_FULL_WORDING =
  /mailbox (?:is )?full|over ?quota|quota exceeded|exceeded (?:the )?(?:storage|quota)|insufficient (?:storage|disk space)/i;
const INVALID_ADDRESS_WORDING =
  /user unknown|unknown (?:user|recipient|mailbox|address)|no such (?:user|mailbox|recipient|address|account)|mailbox (?:unavailable|not found|does not exist)|(?:does not|doesn't|did not) exist|recipient not found|invalid (?:recipient|mailbox|address)|address (?:couldn't|could not) be found|no mailbox here/i;
const POLICY_WORDING = /\b(?:spam|blocked|block ?list(?:ed)?|black ?list(?:ed)?|policy|relay(?:ing)? (?:access )?denied|spf|dmarc|dkim)\b/i;

/**
 * Classifies one recipient's failure. The enhanced status code decides when there is one (from
 * `status`, else found in the diagnostic); wording only decides for codes that say nothing (`X.0.X`,
 * "other or undefined") or when there is no code at all, because wording is language- and
 * vendor-dependent while codes are not. A 2.X.X status is a success: UNKNOWN, not permanent.
 */
export function classifyStatus(status: string | null, diagnostic: string | null): { bounceClass: BounceClass; permanent: boolean } {
  const code = ENHANCED_CODE.exec(status ?? '') ?? ENHANCED_CODE.exec(diagnostic ?? '');
  const text = diagnostic ?? '';
  if (code) {
    const [klass, subject, detail] = [Number(code[1]), Number(code[2]), Number(code[3])];
    const permanent = klass === 5;
    if (klass === 2) return { bounceClass: 'UNKNOWN', permanent: false };
    if (subject === 2 && detail === 2) return { bounceClass: 'MAILBOX_FULL', permanent };
    // A temporary failure is never a verdict on the address or the content: it may go away by itself
    // (greylisting answers 4.7.1, a recipient check whose directory is down answers 4.1.1).
    if (!permanent) return { bounceClass: 'TECHNICAL', permanent };
    if (subject === 1 && INVALID_ADDRESS_DETAILS.has(detail)) return { bounceClass: 'INVALID_ADDRESS', permanent };
    if (subject === 7) return { bounceClass: 'POLICY', permanent };
    if (subject === 0) return { bounceClass: classifyWording(text) ?? 'TECHNICAL', permanent };
    return { bounceClass: 'TECHNICAL', permanent };
  }

  const basic = BASIC_CODE.exec(text);
  if (basic?.[1] === '4') return { bounceClass: 'TECHNICAL', permanent: false };
  const byWording = classifyWording(text);
  if (byWording) return { bounceClass: byWording, permanent: true };
  if (basic?.[1] === '5') return { bounceClass: 'TECHNICAL', permanent: true };
  return { bounceClass: 'UNKNOWN', permanent: false };
}

function classifyWording(text: string): BounceClass | null {
  if (MAILBOX_FULL_WORDING.test(text)) return 'MAILBOX_FULL';
  if (INVALID_ADDRESS_WORDING.test(text)) return 'INVALID_ADDRESS';
  if (POLICY_WORDING.test(text)) return 'POLICY';
  return null;
}

function recipient(fields: Omit<DeliveryRecipient, 'bounceClass' | 'permanent'>): DeliveryRecipient {
  const { bounceClass, permanent } = classifyStatus(fields.status, fields.diagnosticCode);
  // The action is the MTA's own word on whether it gave up: a delayed or successful recipient is never
  // permanent, and a failed one with no usable status or diagnostic is (the MTA will not retry it).
  const settled =
    fields.action && fields.action !== 'failed' ? false : fields.action === 'failed' && bounceClass === 'UNKNOWN' ? true : permanent;
  return { ...fields, bounceClass, permanent: settled };
}

// ---- RFC 3464 reports -------------------------------------------------------------------------

function parseDsn(parts: MimePart[]): DeliveryReport | null {
  const statusPart = parts.find((p) => DELIVERY_STATUS_TYPES.has(p.contentType));
  if (!statusPart) return null;

  const groups = fieldGroups(decodeBody(statusPart));
  let reportingMta: string | null = null;
  const recipients: DeliveryRecipient[] = [];
  for (const group of groups) {
    reportingMta ??= stripType(group.get('reporting-mta'));
    // Per-recipient groups are told apart by their fields rather than by position, because some MTAs
    // omit the per-message group and start straight with a recipient.
    const isRecipient = ['final-recipient', 'original-recipient', 'action', 'status'].some((name) => group.has(name));
    if (!isRecipient || recipients.length >= MAX_RECIPIENTS) continue;
    const action = (group.get('action') ?? '')
      .trim()
      .split(/[\s(;]/)[0]!
      .toLowerCase();
    const status = ENHANCED_CODE.exec(group.get('status') ?? '');
    recipients.push(
      recipient({
        finalRecipient: address(stripType(group.get('final-recipient'))),
        originalRecipient: address(stripType(group.get('original-recipient'))),
        action: ACTIONS.has(action) ? (action as DsnAction) : null,
        status: status ? `${status[1]}.${Number(status[2])}.${Number(status[3])}` : null,
        diagnosticCode: stripType(group.get('diagnostic-code')),
        remoteMta: stripType(group.get('remote-mta')),
      }),
    );
  }
  return { kind: 'DSN', recipients, reportingMta, originalMessageId: returnedMessageId(parts) };
}

/**
 * The delivery-status body: groups of header-style fields separated by blank lines. Names are
 * lower-cased, folded lines unfolded; the first occurrence of a field in a group wins.
 */
function fieldGroups(body: string): Map<string, string>[] {
  const groups: Map<string, string>[] = [];
  let current = new Map<string, string>();
  let last: string | null = null;
  for (const line of body.split(/\r?\n/)) {
    if (line.trim() === '') {
      if (current.size > 0) groups.push(current);
      current = new Map();
      last = null;
    } else if (/^[ \t]/.test(line)) {
      // Continuation of a folded field.
      if (last !== null && current.has(last)) current.set(last, `${current.get(last)} ${line.trim()}`.slice(0, MAX_FIELD_CHARS));
    } else {
      const colon = line.indexOf(':');
      if (colon <= 0) continue;
      last = line.slice(0, colon).trim().toLowerCase();
      if (current.has(last)) last = null;
      else
        current.set(
          last,
          line
            .slice(colon + 1)
            .trim()
            .slice(0, MAX_FIELD_CHARS),
        );
    }
    if (groups.length > MAX_RECIPIENTS + 1) break;
  }
  if (current.size > 0) groups.push(current);
  return groups;
}

/** `rfc822; a@b` → `a@b`, `smtp; 550 …` → `550 …`, `dns; mx.example` → `mx.example`. */
function stripType(value: string | undefined): string | null {
  if (value === undefined) return null;
  const typed = /^[A-Za-z0-9][A-Za-z0-9-]*[ \t]*;(.*)$/s.exec(value);
  const text = (typed ? typed[1]! : value).replace(/\s+/g, ' ').trim();
  return text === '' ? null : text;
}

function address(value: string | null): string | null {
  if (value === null) return null;
  const unbracketed = value.replace(/^<(.*)>$/, '$1').trim();
  return unbracketed === '' ? null : unbracketed;
}

function returnedMessageId(parts: MimePart[]): string | null {
  for (const part of parts) {
    if (!RETURNED_MESSAGE_TYPES.has(part.contentType)) continue;
    const body = decodeBody(part);
    const head = /\r?\n\r?\n/.exec(body);
    const id = headerValue(parseHeaders(head ? body.slice(0, head.index) : body), 'message-id');
    if (id) return messageIdToken(id);
  }
  return null;
}

function messageIdToken(value: string): string | null {
  const bracketed = /<[^<>\s]+>/.exec(value);
  if (bracketed) return bracketed[0];
  const bare = value.trim().split(/\s+/)[0];
  return bare ? bare.slice(0, MAX_FIELD_CHARS) : null;
}

// ---- Non-standard bounces ---------------------------------------------------------------------

const DAEMON_LOCAL_PART = /^(?:mailer-daemon|mailer_daemon|mailerdaemon|mail-daemon|postmaster)$/i;
const DAEMON_NAME = /^mail delivery (?:system|subsystem)$/i;
const BOUNCE_SUBJECT =
  /undeliver(?:ed|able)|delivery status notification \((?:failure|delay)\)|mail delivery (?:failed|failure)|delivery (?:has )?failed|returned mail|failure notice|non[- ]?delivery|could not be delivered|delivery failure|warning: message .{0,200} delayed/i;
/** A reply or forward of a bounce is a person writing about it, not a bounce. */
const REPLY_OR_FORWARD = /^\s*(?:re|fwd?|aw|wg|sv|tr)\s*:/i;
const DELAY_WORDING = /\(delay\)|delayed|will (?:continue|keep) trying|still trying|has not yet been delivered|retry/i;
const FAILURE_WORDING =
  /could not be delivered|couldn't be delivered|wasn't delivered|was not delivered|delivery (?:to the following|has failed|failed)|permanent (?:error|failure)|following address(?:\(es\)|es)? failed|undeliverable/i;
/** Where the copy of the original message starts in common bounce texts (Exim, qmail, sendmail, Gmail). */
const RETURNED_COPY_MARKER =
  /^[ \t]*-{2,}[ \t]*(?:this is a copy of|below this line is a copy|original message|a copy of the original|the original message|returned message|undelivered message|message headers? follows?)/im;
const EMAIL = String.raw`[^\s<>"'(),;:@]+@[A-Za-z0-9](?:[A-Za-z0-9.-]*[A-Za-z0-9])?`;
/** Places where bounce texts name the failed address, most specific first. Free-floating addresses are
 * deliberately not used: picking the wrong one would mark an innocent lead as invalid. */
const FAILED_ADDRESS_PATTERNS = [
  new RegExp(String.raw`^[ \t]*<(${EMAIL})>:`, 'gm'), // Postfix, qmail: `<a@b>: host … said: 550 …`
  new RegExp(String.raw`RCPT TO:[ \t]*<(${EMAIL})>`, 'gi'), // Exim, sendmail transcripts
  new RegExp(String.raw`(?:delivered|delivery) to[ \t]+<?(${EMAIL})>?`, 'gi'), // Gmail: `wasn't delivered to a@b because`
  new RegExp(String.raw`following (?:address|recipient)[^\n]{0,200}:[ \t]*\r?\n(?:[ \t]*\r?\n)?[ \t]*<?(${EMAIL})>?`, 'gi'), // Exim, Exchange
  new RegExp(String.raw`^[ \t]*(?:original-)?recipient(?: address)?:[ \t]*<?(${EMAIL})>?`, 'gim'),
];
const REMOTE_HOST = /\bhost[ \t]+([A-Za-z0-9.-]+\.[A-Za-z]{2,})[ \t]*\[/i;

async function parseHeuristic(raw: Buffer, parts: MimePart[]): Promise<DeliveryReport | null> {
  let mail: ParsedMail;
  try {
    mail = await simpleParser(raw, { skipHtmlToText: false, skipTextToHtml: true, skipImageLinks: true });
  } catch {
    return null;
  }
  const sender = mail.from?.value[0];
  const localPart = sender?.address?.split('@')[0] ?? '';
  const fromDaemon = DAEMON_LOCAL_PART.test(localPart) || DAEMON_NAME.test(sender?.name?.trim() ?? '');
  const subject = mail.subject ?? '';
  const bounceSubject = BOUNCE_SUBJECT.test(subject) && !REPLY_OR_FORWARD.test(subject);
  if (!fromDaemon && !bounceSubject) return null;

  const text = (mail.text ?? '').slice(0, MAX_SCAN_BYTES);
  const marker = RETURNED_COPY_MARKER.exec(text);
  const explanation = marker ? text.slice(0, marker.index) : text;
  const returnedCopy = marker ? text.slice(marker.index) : text;

  const failedHeader = mail.headers.get('x-failed-recipients');
  const addresses = failedAddresses(typeof failedHeader === 'string' ? failedHeader : '', explanation);
  const anyCode = ENHANCED_CODE.test(explanation) || BASIC_CODE.test(explanation);
  const evidence = addresses.length > 0 || anyCode || FAILURE_WORDING.test(explanation);
  // A daemon can send ordinary notes and a person can write "undeliverable" in a subject: it takes two
  // signals out of sender, subject and body before a message counts as a bounce.
  if (!(fromDaemon && bounceSubject) && !evidence) return null;

  const lowerExplanation = explanation.toLowerCase();
  const delayed = DELAY_WORDING.test(subject) || (!FAILURE_WORDING.test(explanation) && DELAY_WORDING.test(explanation));
  const recipients = (addresses.length > 0 ? addresses : [null]).map((finalRecipient) => {
    // The diagnostic for an address is the first code after the address is named, else the first code.
    const from = finalRecipient ? Math.max(0, lowerExplanation.indexOf(finalRecipient.toLowerCase())) : 0;
    const near = explanation.slice(from, from + 2000);
    const diagnosticCode = diagnosticLine(near) ?? diagnosticLine(explanation);
    const enhanced = ENHANCED_CODE.exec(diagnosticCode ?? '');
    return recipient({
      finalRecipient,
      originalRecipient: null,
      action: delayed ? 'delayed' : 'failed',
      status: enhanced ? `${enhanced[1]}.${Number(enhanced[2])}.${Number(enhanced[3])}` : null,
      diagnosticCode: diagnosticCode ?? (finalRecipient ? null : explanation.replace(/\s+/g, ' ').trim().slice(0, 300) || null),
      remoteMta: REMOTE_HOST.exec(near)?.[1] ?? null,
    });
  });

  const returnedId = /^[ \t]*message-id:[ \t]*(.+)$/im.exec(returnedCopy)?.[1];
  return {
    kind: 'HEURISTIC',
    recipients,
    // Not guessed from the sender's domain: a bounce's From is often a shared service address.
    reportingMta: null,
    originalMessageId: returnedMessageId(parts) ?? (returnedId ? messageIdToken(returnedId) : null),
  };
}

function failedAddresses(header: string, explanation: string): string[] {
  const found = new Map<string, string>();
  const add = (candidate: string) => {
    const value = candidate.trim().replace(/^<(.*)>$/, '$1');
    const local = value.split('@')[0] ?? '';
    if (!value.includes('@') || DAEMON_LOCAL_PART.test(local) || found.size >= MAX_RECIPIENTS) return;
    if (!found.has(value.toLowerCase())) found.set(value.toLowerCase(), value);
  };
  header.split(',').forEach(add);
  for (const pattern of FAILED_ADDRESS_PATTERNS) {
    for (const match of explanation.matchAll(pattern)) add(match[1]!);
  }
  return [...found.values()];
}

/** The line (with what follows, up to a sentence's worth) that carries an SMTP reply code. */
function diagnosticLine(text: string): string | null {
  const code = ENHANCED_CODE.exec(text) ?? BASIC_CODE.exec(text);
  if (!code) return null;
  const lineStart = text.lastIndexOf('\n', code.index) + 1;
  const line = text.slice(lineStart, lineStart + 600).split(/\r?\n[ \t]*\r?\n/)[0]!;
  return line.replace(/\s+/g, ' ').trim().slice(0, 300) || null;
}

// ---- MIME ---------------------------------------------------------------------------------------
// Reads the message as latin1 (one char per byte), so transfer decoding sees the original bytes.

interface MimePart {
  contentType: string;
  encoding: string;
  body: string;
}

/** Every non-multipart part, in order. Does not descend into message/rfc822: a bounce quoted inside a
 * forwarded message is not a bounce of ours. */
function leafParts(source: string): MimePart[] {
  const parts: MimePart[] = [];
  const walk = (text: string, depth: number) => {
    if (depth > MAX_DEPTH || parts.length >= MAX_PARTS) return;
    const split = /\r?\n\r?\n/.exec(text);
    const headers = parseHeaders(split ? text.slice(0, split.index) : text);
    const body = split ? text.slice(split.index + split[0].length) : '';
    const contentTypeValue = headerValue(headers, 'content-type') ?? '';
    const contentType = (contentTypeValue.split(';')[0] ?? '').trim().toLowerCase() || 'text/plain';
    const boundary = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentTypeValue);
    if (contentType.startsWith('multipart/') && boundary) {
      for (const child of splitMultipart(body, (boundary[1] ?? boundary[2])!)) walk(child, depth + 1);
      return;
    }
    const encoding = (headerValue(headers, 'content-transfer-encoding') ?? '7bit').trim().toLowerCase();
    parts.push({ contentType, encoding, body });
  };
  walk(source, 0);
  return parts;
}

function parseHeaders(head: string): [name: string, value: string][] {
  return head
    .replace(/\r?\n[ \t]+/g, ' ')
    .split(/\r?\n/)
    .flatMap((line): [string, string][] => {
      const colon = line.indexOf(':');
      return colon > 0 ? [[line.slice(0, colon).trim().toLowerCase(), line.slice(colon + 1).trim()]] : [];
    });
}

function headerValue(headers: [string, string][], name: string): string | null {
  return headers.find(([key]) => key === name)?.[1] ?? null;
}

/** Splits a multipart body on its boundary lines; a missing closing boundary ends the last part at EOF. */
function splitMultipart(body: string, boundary: string): string[] {
  const parts: string[] = [];
  let current: string[] | null = null; // null: in the preamble
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    if (trimmed === `--${boundary}--`) break;
    if (trimmed === `--${boundary}`) {
      if (current) parts.push(current.join('\r\n'));
      if (parts.length >= MAX_PARTS) return parts;
      current = [];
    } else {
      current?.push(line);
    }
  }
  if (current) parts.push(current.join('\r\n'));
  return parts;
}

/** Undoes the transfer encoding and reads the bytes as UTF-8 (US-ASCII for RFC 3464, UTF-8 for RFC 6533). */
function decodeBody(part: MimePart): string {
  let bytes: Buffer;
  if (part.encoding === 'base64') {
    bytes = Buffer.from(part.body.replace(/[^A-Za-z0-9+/]/g, ''), 'base64');
  } else if (part.encoding === 'quoted-printable') {
    const unwrapped = part.body.replace(/=[ \t]*\r?\n/g, '');
    bytes = Buffer.from(
      unwrapped.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
      'latin1',
    );
  } else {
    bytes = Buffer.from(part.body, 'latin1');
  }
  return new TextDecoder('utf-8').decode(bytes);
}
