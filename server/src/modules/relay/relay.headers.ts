// Which headers of an incoming message travel on to the other party, how to tell machine-sent mail,
// and what the relay adds. Relayed mail must not reveal the sender: no Received chain (IPs, hosts),
// no original From/Reply-To/Cc, no client or tracking headers.

export type Header = [name: string, value: string];

/**
 * Headers known to identify the sender, their mail system or their recipients. Names are lower-case;
 * an entry ending in `*` is a prefix. Documentation as much as policy: sanitizeHeaders keeps only
 * HEADERS_TO_KEEP, so a header nobody listed here is dropped too.
 */
export const headersToStrip: readonly string[] = [
  'received',
  'from',
  'reply-to',
  'to',
  'cc',
  'bcc',
  'sender',
  'return-path',
  'delivered-to',
  'envelope-to',
  'x-original-to',
  'x-originating-ip',
  'x-sender-ip',
  'x-sender',
  'x-forwarded-for',
  'x-forwarded-to',
  'dkim-signature',
  'domainkey-signature',
  'arc-*',
  'authentication-results',
  'received-spf',
  'x-received',
  'x-google-*',
  'x-gm-*',
  'x-ms-*',
  'x-microsoft-*',
  'x-apple-*',
  'x-yahoo-*',
  'x-mailer',
  'user-agent',
  'x-user-agent',
  'x-mimeole',
  'x-originator-org',
  'organization',
  'disposition-notification-to',
  'return-receipt-to',
  'x-confirm-reading-to',
  'read-receipt-to',
  // The sender generates its own: the original ids carry the sender's host and client.
  'message-id',
  'in-reply-to',
  'references',
  // The relay's own Date is used: the original's time zone hints at where the sender is.
  'date',
];

/** What a relayed message keeps of the original: what it says and how it is encoded, nothing about who sent it. */
const HEADERS_TO_KEEP = new Set([
  'subject',
  'mime-version',
  'content-type',
  'content-transfer-encoding',
  'content-language',
  'importance',
  'priority',
  'x-priority',
]);

function isListedToStrip(lowerName: string): boolean {
  return headersToStrip.some((entry) => (entry.endsWith('*') ? lowerName.startsWith(entry.slice(0, -1)) : lowerName === entry));
}

// Unfolds continuation lines and drops any other CR/LF, so a value cannot smuggle in a header of its own.
function cleanValue(value: string): string {
  return value.replace(/\r?\n[ \t]+/g, ' ').replace(/[\r\n]/g, '');
}

/** The headers that may be relayed, in their original order, values unfolded. */
export function sanitizeHeaders(headers: readonly Header[]): Header[] {
  return headers
    .filter(([name]) => {
      const lower = name.trim().toLowerCase();
      return !isListedToStrip(lower) && HEADERS_TO_KEEP.has(lower);
    })
    .map(([name, value]) => [name.trim(), cleanValue(value)]);
}

function headerValues(headers: readonly Header[], name: string): string[] {
  return headers.filter(([n]) => n.trim().toLowerCase() === name).map(([, v]) => cleanValue(v).trim());
}

// Subjects auto-responders use; checked at the start, after any `Re:`/`Fwd:` a responder added.
const AUTOMATED_SUBJECT =
  /^(?:(?:re|aw|fwd?|sv|tr)\s*:\s*)*(?:auto(?:matic)?[ -]?(?:reply|response)\b|auto\s*:|out of (?:the )?office\b|autoreply\b)/i;

/**
 * Why a message looks machine-sent (auto-reply, bounce, list mail), or null for mail from a person.
 * Relaying such mail between two auto-responders would loop (see relay.loops.ts).
 */
export function isAutomatedMessage(headers: readonly Header[]): string | null {
  for (const value of headerValues(headers, 'auto-submitted')) {
    // RFC 3834: `no` means a person sent it; anything else (auto-replied, auto-generated, …) is automated.
    const keyword = value.split(';')[0]!.trim().toLowerCase();
    if (keyword !== 'no') return `Auto-Submitted: ${value}`;
  }
  for (const value of headerValues(headers, 'precedence')) {
    if (/^(?:bulk|junk|list|auto_reply)$/i.test(value)) return `Precedence: ${value}`;
  }
  if (headerValues(headers, 'x-autoreply').length) return 'X-Autoreply';
  if (headerValues(headers, 'x-autorespond').length) return 'X-Autorespond';
  for (const value of headerValues(headers, 'x-auto-response-suppress')) {
    if (value.split(',').some((v) => /^(?:all|oof|autoreply)$/i.test(v.trim()))) return `X-Auto-Response-Suppress: ${value}`;
  }
  // A null reverse path is what bounces and other delivery reports are sent with.
  if (headerValues(headers, 'return-path').some((v) => v.replace(/\s/g, '') === '<>')) return 'Return-Path: <>';
  if (headerValues(headers, 'list-id').length) return 'List-Id';
  if (headerValues(headers, 'list-unsubscribe').length) return 'List-Unsubscribe';
  for (const value of headerValues(headers, 'content-type')) {
    if (/^multipart\/report\b/i.test(value)) return 'Content-Type: multipart/report';
  }
  for (const value of headerValues(headers, 'subject')) {
    if (AUTOMATED_SUBJECT.test(value)) return `Subject: ${value}`;
  }
  return null;
}

function assertHeaderSafe(label: string, value: string): void {
  if (/[\r\n]/.test(value)) throw new Error(`outboundHeaders: ${label} contains a line break`);
}

/**
 * Headers the relay adds to every relayed message. Deliberately not `Auto-Submitted`: relayed mail was
 * written by a person, and marking it would make the recipient's auto-responder stay silent and
 * some clients hide it. Deliberately no `List-Unsubscribe`: this is a conversation, not a list.
 */
export function outboundHeaders(input: { threadId: string; abuseUrl: string }): Header[] {
  assertHeaderSafe('threadId', input.threadId);
  assertHeaderSafe('abuseUrl', input.abuseUrl);
  return [
    ['X-Hotlead-Thread', input.threadId],
    ['X-Report-Abuse', `Please report abuse here: ${input.abuseUrl}`],
  ];
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The report-abuse footer every relayed email carries, as plain text and as HTML. */
export function abuseFooter(url: string): { text: string; html: string } {
  // Only web links: the URL lands in an href, where `javascript:` would be an attack.
  if (!/^https?:\/\//i.test(url)) throw new Error('abuseFooter: the URL must be http(s)');
  const safe = escapeHtml(url);
  return {
    text: `\n\n-- \nReport abuse: ${url}\n`,
    html: `<hr><p style="font-size:12px;color:#666">Report abuse: <a href="${safe}">${safe}</a></p>`,
  };
}

/** Appends the footer to whichever bodies the message has; in HTML before `</body>` when there is one. */
export function appendAbuseFooter(body: { text?: string; html?: string }, url: string): { text?: string; html?: string } {
  const footer = abuseFooter(url);
  const out: { text?: string; html?: string } = {};
  if (body.text !== undefined) out.text = body.text.replace(/\s*$/, '') + footer.text;
  if (body.html !== undefined) {
    const close = body.html.search(/<\/body\s*>/i);
    out.html = close >= 0 ? body.html.slice(0, close) + footer.html + body.html.slice(close) : body.html + footer.html;
  }
  return out;
}
