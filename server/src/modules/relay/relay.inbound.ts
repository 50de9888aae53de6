// The relay's inbound SMTP server wired to the store: who may receive (RCPT TO), and what happens to a
// message (DATA): bounces to VERP addresses are recorded, mail to a thread's relay address is checked
// (sender is a party, automated-loop rules, malformed MIME) and posted. Every refusal is an SMTP reply
// a human sender's mail server turns into a clear bounce; temporary ones (451) are retried by the
// sender, so nothing is lost. No global lock: one thread's mail never waits for another's.
import type { Logger } from '../../platform/observability/logger.js';
import { InboundTooLargeError, parseInbound, type ParsedInbound } from './inbound/inbound.parse.js';
import { startInboundSmtp, type InboundDecision, type InboundEnvelope, type InboundHandlers } from './inbound/inbound.server.js';
import { parseRelayAddress, relayHost, relayTokensEqual, type RelayParty } from './relay.addresses.js';
import { RelayRefusal, smtpReplyFor } from './relay.errors.js';
import { isAutomatedMessage } from './relay.headers.js';
import type { RelayServiceImpl } from './relay.service.js';
import { closerLabel, domainOfAddress, threadByToken, type ThreadRow } from './relay.shared.js';
import { parseVerp } from './relay.verp.js';

const OK: InboundDecision = { ok: true };
const NO_SUCH_ADDRESS: InboundDecision = {
  ok: false,
  code: 550,
  message: '5.1.1 No such relay address here; your message was not delivered',
};

export interface RelayInbound {
  port: number;
  close(): Promise<void>;
}

type Target = { kind: 'bounce'; messageId: string } | { kind: 'thread'; party: RelayParty; token: string };

function refuse(code: number, message: string): InboundDecision {
  return { ok: false, code, message };
}

/** The sentence for a thread that takes no mail, or null when it is open. */
function closedThreadDecision(thread: ThreadRow): InboundDecision | null {
  if (thread.status === 'CLOSED') {
    return refuse(550, `5.7.1 This conversation was closed by ${closerLabel(thread.closedBy)}; your message was not delivered`);
  }
  if (thread.status === 'SUSPENDED' || thread.workspaceStatus === 'SUSPENDED') {
    return refuse(550, '5.7.1 This conversation is suspended; your message was not delivered');
  }
  return null;
}

export function relayInboundHandlers(relay: RelayServiceImpl, platform: { pool: import('pg').Pool; log: Logger }): InboundHandlers {
  const { pool, log } = platform;
  const domain = relay.domain;
  const host = relayHost(domain);
  const secret = () => relay.verpSecret;
  // The thread read at RCPT TO, reused at DATA moments later (one query less per message); the store
  // re-reads it under a row lock before anything is written, so a thread closed in between is caught.
  const recent = new Map<string, { thread: ThreadRow; at: number }>();
  const RECENT_MS = 2_000;
  const remember = (key: string, thread: ThreadRow) => {
    if (recent.size > 1_000) {
      const cutoff = Date.now() - RECENT_MS;
      for (const [k, v] of recent) if (v.at < cutoff) recent.delete(k);
    }
    recent.set(key, { thread, at: Date.now() });
  };
  const recall = (key: string): ThreadRow | null => {
    const hit = recent.get(key);
    recent.delete(key);
    return hit && Date.now() - hit.at < RECENT_MS ? hit.thread : null;
  };

  /** What an address is to us, or a refusal (logged as a relay event where it says something). */
  async function classify(address: string, atData = false): Promise<{ target: Target; thread?: ThreadRow } | { refusal: InboundDecision }> {
    const at = address.lastIndexOf('@');
    const local = at > 0 ? address.slice(0, at).toLowerCase() : '';
    if (local.startsWith('b-')) {
      const verp = parseVerp(address, secret(), domain, new Date());
      if (verp.ok) return { target: { kind: 'bounce', messageId: verp.messageId } };
      if (verp.reason === 'FORGED') {
        await relay.logEvent({
          kind: 'BOUNCE_FORGED',
          reason: 'bounce address with a signature we did not make',
          details: { domain: domainOfAddress(address) },
        });
        return { refusal: refuse(550, '5.7.1 This bounce address was not issued by this server') };
      }
      if (verp.reason === 'EXPIRED') {
        await relay.logEvent({
          kind: 'BOUNCE_EXPIRED',
          reason: 'bounce address past its expiry',
          details: { domain: domainOfAddress(address) },
        });
        return { refusal: refuse(550, '5.1.1 This bounce address has expired') };
      }
    }
    const parsed = parseRelayAddress(address, domain);
    if (!parsed) {
      if (domainOfAddress(address) !== host) return { refusal: refuse(550, '5.7.1 Relaying to other domains is not permitted') };
      await relay.logEvent({ kind: 'REFUSED_RECIPIENT', reason: 'not a relay address', details: { domain: host } });
      return { refusal: NO_SUCH_ADDRESS };
    }
    const key = `${parsed.party}-${parsed.token}`;
    const thread = (atData ? recall(key) : null) ?? (await threadByToken(pool, parsed.party, parsed.token));
    // The lookup is by the whole token (an index): the comparison is for code that may one day compare
    // a prefix or a cached copy, and costs nothing.
    if (!thread || !relayTokensEqual(parsed.token, parsed.party === 'u' ? thread.userToken : thread.providerToken)) {
      await relay.logEvent({ kind: 'REFUSED_RECIPIENT', reason: 'unknown relay token', details: { domain: host, party: parsed.party } });
      return { refusal: NO_SUCH_ADDRESS };
    }
    if (!atData) remember(key, thread);
    return { target: { kind: 'thread', party: parsed.party, token: parsed.token }, thread };
  }

  /** The sender must be the party on the other side: the end user (to `p-`), or a provider member (to `u-`). */
  async function identifySender(
    thread: ThreadRow,
    party: RelayParty,
    parsed: ParsedInbound,
    envelope: InboundEnvelope,
  ): Promise<{ userId: string } | { refusal: RelayRefusal }> {
    const candidates = [
      ...new Set([parsed.from?.address, envelope.mailFrom].filter((a): a is string => !!a).map((a) => a.trim().toLowerCase())),
    ];
    const notAParty = new RelayRefusal('NOT_A_PARTY', 'The sender is not a party to this conversation; your message was not delivered.');
    if (party === 'p') {
      if (thread.userId && thread.userEmail && candidates.includes(thread.userEmail.toLowerCase())) return { userId: thread.userId };
      return { refusal: notAParty };
    }
    if (candidates.length === 0) return { refusal: notAParty };
    const { rows } = await pool.query<{ id: string; status: string }>({
      name: 'relay-inbound-members',
      text: `SELECT u.id, u.status FROM workspace_memberships m JOIN users u ON u.id = m.user_id
              WHERE m.workspace_id = $1 AND u.email = ANY($2::citext[]) ORDER BY m.created_at`,
      values: [thread.workspaceId, candidates],
    });
    // Once someone handles the thread, only they write to the customer by email (others use the console).
    const member = thread.handlerUserId ? rows.find((r) => r.id === thread.handlerUserId) : rows[0];
    if (!member) return { refusal: notAParty };
    if (member.status !== 'ACTIVE') return { refusal: new RelayRefusal('THREAD_SUSPENDED', 'Your account may not send messages now.') };
    return { userId: member.id };
  }

  async function receiveForThread(
    target: Extract<Target, { kind: 'thread' }>,
    thread: ThreadRow,
    parsed: ParsedInbound,
    raw: Buffer,
    envelope: InboundEnvelope,
  ): Promise<InboundDecision> {
    const closed = closedThreadDecision(thread);
    if (closed) {
      await relay.logEvent({ kind: 'THREAD_CLOSED', threadId: thread.id, reason: `mail to a ${thread.status.toLowerCase()} conversation` });
      return closed;
    }
    const direction = target.party === 'p' ? 'USER_TO_PROVIDER' : 'PROVIDER_TO_USER';
    const sender = await identifySender(thread, target.party, parsed, envelope);
    if ('refusal' in sender) {
      await relay.logEvent({
        kind: sender.refusal.code,
        threadId: thread.id,
        reason: sender.refusal.message,
        details: { fromDomain: domainOfAddress(parsed.from?.address), envelopeDomain: domainOfAddress(envelope.mailFrom), direction },
      });
      return smtpReplyFor(sender.refusal);
    }

    const hasBody = !!parsed.text?.trim() || !!parsed.html?.trim() || parsed.attachments.length > 0;
    if (!hasBody && parsed.problems.length > 0) {
      // Accepted (the sender did nothing wrong we could explain) but nothing to relay: admins can read it.
      await relay.quarantine(thread.id, `MALFORMED: ${parsed.problems[0]}`.slice(0, 500), raw, { problems: parsed.problems.slice(0, 20) });
      return OK;
    }

    // Copies to anyone but the relay are not passed on: the relayed copy goes to the other party only.
    const others = [...parsed.to, ...parsed.cc].filter((a) => domainOfAddress(a) !== host);
    const notes: Record<string, unknown> = {
      fromDomain: domainOfAddress(parsed.from?.address),
      envelopeFromDomain: domainOfAddress(envelope.mailFrom),
      ...(parsed.problems.length ? { problems: parsed.problems.slice(0, 20) } : {}),
    };
    if (others.length) {
      const domains = [...new Set(others.map(domainOfAddress))].slice(0, 20);
      notes['ccStripped'] = { count: others.length, domains };
      await relay.logEvent({
        kind: 'CC_STRIPPED',
        threadId: thread.id,
        reason: `${others.length} other recipient(s) not relayed`,
        details: { count: others.length, domains },
      });
    }
    // A null return path (MAIL FROM:<>) is what machines send with: treated as automated too.
    const automatedReason = isAutomatedMessage(parsed.headers) ?? (envelope.mailFrom === null ? 'null return path' : null);
    try {
      await relay.post({
        threadId: thread.id,
        direction,
        source: 'EMAIL',
        senderUserId: sender.userId,
        senderVerified: true,
        thread,
        subject: parsed.subject ?? '',
        text: parsed.text,
        html: parsed.html,
        attachments: parsed.attachments.map((a) => ({
          filename: a.filename ?? '',
          contentType: a.contentType,
          content: a.content,
          contentId: a.contentId,
        })),
        raw,
        automated: automatedReason !== null,
        automatedReason,
        parseNotes: notes,
      });
      return OK;
    } catch (error) {
      if (!(error instanceof RelayRefusal)) throw error;
      // Rate limits and attachments log their own events (bursts once, files with their metadata).
      if (error.code !== 'RATE_LIMITED' && error.code !== 'ATTACHMENT_REFUSED') {
        await relay.logEvent({
          kind: error.code,
          threadId: thread.id,
          reason: error.message,
          details: { direction, sizeBytes: raw.length },
        });
      }
      return smtpReplyFor(error);
    }
  }

  return {
    async recipient(address) {
      const result = await classify(address);
      if ('refusal' in result) return result.refusal;
      if (result.thread) {
        const closed = closedThreadDecision(result.thread);
        if (closed) {
          await relay.logEvent({
            kind: 'THREAD_CLOSED',
            threadId: result.thread.id,
            reason: `mail to a ${result.thread.status.toLowerCase()} conversation`,
          });
          return closed;
        }
      }
      return OK;
    },

    async message(raw, envelope) {
      const settings = await relay.settings.get();
      if (raw.length > settings.maxMessageBytes) {
        await relay.logEvent({
          kind: 'TOO_LARGE',
          reason: `message over ${settings.maxMessageBytes} bytes`,
          details: { sizeBytes: raw.length },
        });
        return refuse(552, `5.3.4 Message too big (limit ${settings.maxMessageBytes} bytes)`);
      }
      const threads = new Map<string, { target: Extract<Target, { kind: 'thread' }>; thread: ThreadRow }>();
      for (const address of envelope.rcptTo) {
        const result = await classify(address, true);
        if (!('target' in result)) continue;
        if (result.target.kind === 'bounce') await relay.delivery.recordBounce(result.target.messageId, raw);
        else if (result.thread) threads.set(result.thread.id, { target: result.target, thread: result.thread });
      }
      if (threads.size === 0) return OK;

      let parsed: ParsedInbound;
      try {
        parsed = await parseInbound(raw, { maxBytes: settings.maxMessageBytes });
      } catch (error) {
        if (error instanceof InboundTooLargeError) return refuse(552, `5.3.4 Message too big (limit ${settings.maxMessageBytes} bytes)`);
        throw error;
      }
      const decisions: InboundDecision[] = [];
      // One after another: each thread's rules and row lock are its own, and a message rarely has two.
      for (const { target, thread } of threads.values()) decisions.push(await receiveForThread(target, thread, parsed, raw, envelope));
      if (decisions.every((d) => d.ok)) return OK;
      // A temporary refusal for any recipient: the sender retries the whole message, and the copies
      // already stored are recognised by their bytes (stored once).
      const temporary = decisions.find((d) => !d.ok && d.code < 500);
      if (temporary) return temporary;
      if (decisions.some((d) => d.ok)) {
        log.info({ smtp: 'data', recipients: decisions.length }, 'relay: message stored for some recipients, refused for others');
        return OK;
      }
      return decisions[0]!;
    },
  };
}

/** Starts the relay's inbound SMTP server (with the API in local mode, or in src/relay.ts). */
export async function startRelayInbound(
  relay: RelayServiceImpl,
  platform: { pool: import('pg').Pool; log: Logger },
  options: { host: string; port: number },
): Promise<RelayInbound> {
  const settings = await relay.settings.get();
  const smtp = await startInboundSmtp({
    host: options.host,
    port: options.port,
    // The stream limit is fixed at start; a lower limit set later by an admin is checked per message.
    maxMessageBytes: settings.maxMessageBytes,
    hostname: relayHost(relay.domain),
    log: platform.log.child({ component: 'relay-smtp' }),
    handlers: relayInboundHandlers(relay, platform),
  });
  relay.inboundPort = smtp.port;
  return {
    port: smtp.port,
    async close() {
      await smtp.close();
      if (relay.inboundPort === smtp.port) relay.inboundPort = null;
    },
  };
}
