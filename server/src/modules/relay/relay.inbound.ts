// The relay's inbound SMTP server wired to the store: who may receive (RCPT TO), and what happens to a
// message (DATA): bounces to VERP addresses are recorded, mail to a thread's relay address is checked
// (sender is a party, automated-loop rules, malformed MIME) and posted. Every refusal is an SMTP reply
// a human sender's mail server turns into a clear bounce; temporary ones (451) are retried by the
// sender, so nothing is lost. No global lock: one thread's mail never waits for another's.
//
// One message to several relay addresses has one DATA reply for all of them: every recipient's rules
// are checked before anything is stored, so a refusal for one is a refusal of the whole message (the
// sender's server bounces it; nothing was delivered to anyone) instead of a 250 that silently drops it.
import type { Logger } from '../../platform/observability/logger.js';
import { InboundTooLargeError, parseInbound, type ParsedInbound } from './inbound/inbound.parse.js';
import { startInboundSmtp, type InboundDecision, type InboundEnvelope, type InboundHandlers } from './inbound/inbound.server.js';
import { parseRelayAddress, relayHost, relayTokensEqual, type RelayParty } from './relay.addresses.js';
import { RelayRefusal, smtpReplyFor } from './relay.errors.js';
import { isAutomatedMessage } from './relay.headers.js';
import type { RelayServiceImpl } from './relay.service.js';
import { closerLabel, domainOfAddress, threadByToken, threadRefusal, type RelayEventInput, type ThreadRow } from './relay.shared.js';
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
type ThreadTarget = Extract<Target, { kind: 'thread' }>;
type Direction = 'USER_TO_PROVIDER' | 'PROVIDER_TO_USER';
/** Who wrote: a user, or (null) the person of a request without an account, known by the request's email address. */
type Sender = { userId: string | null };

/**
 * Guessed tokens and forged or expired bounce addresses are refused every time, but a prober must not
 * be able to fill relay_events: per remote address and kind, the first refusal of a 10-minute window is
 * logged, then the 10th, 100th, 1,000th … with the count so far (so a burst's size stays visible).
 */
const PROBE_LOG_WINDOW_MS = 10 * 60 * 1000;
/** The limiter counts; it never refuses (the probe is refused anyway), so the limit is out of reach. */
const PROBE_COUNTER_LIMIT = Number.MAX_SAFE_INTEGER;
/** 1, 10, 100, 1,000 … (exact in decimal, unlike a logarithm). */
const isLoggedProbe = (count: number) => /^10*$/.test(String(count));

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

  /** Logs a probe's refusal unless this remote address already had one of this kind logged in the window (isLoggedProbe). */
  async function logProbe(event: RelayEventInput, remoteAddress: string | null): Promise<void> {
    const counted = await relay.platform.limiter.hit(
      { name: `relay:probe:${event.kind}`, limit: PROBE_COUNTER_LIMIT, windowMs: PROBE_LOG_WINDOW_MS },
      remoteAddress ?? 'unknown',
    );
    const count = counted.limit - counted.remaining;
    if (!isLoggedProbe(count)) return;
    // The remote address is the throttle's key only: it is not written to the event.
    await relay.logEvent({ ...event, details: { ...event.details, count, windowMinutes: PROBE_LOG_WINDOW_MS / 60_000 } });
  }

  /** What an address is to us, or a refusal (logged as a relay event where it says something). */
  async function classify(
    address: string,
    remoteAddress: string | null,
    atData = false,
  ): Promise<{ target: Target; thread?: ThreadRow } | { refusal: InboundDecision }> {
    const at = address.lastIndexOf('@');
    const local = at > 0 ? address.slice(0, at).toLowerCase() : '';
    if (local.startsWith('b-')) {
      const verp = parseVerp(address, secret(), domain, new Date());
      if (verp.ok) return { target: { kind: 'bounce', messageId: verp.messageId } };
      if (verp.reason === 'FORGED') {
        await logProbe(
          {
            kind: 'BOUNCE_FORGED',
            reason: 'bounce address with a signature we did not make',
            details: { domain: domainOfAddress(address) },
          },
          remoteAddress,
        );
        return { refusal: refuse(550, '5.7.1 This bounce address was not issued by this server') };
      }
      if (verp.reason === 'EXPIRED') {
        await logProbe(
          { kind: 'BOUNCE_EXPIRED', reason: 'bounce address past its expiry', details: { domain: domainOfAddress(address) } },
          remoteAddress,
        );
        return { refusal: refuse(550, '5.1.1 This bounce address has expired') };
      }
    }
    const parsed = parseRelayAddress(address, domain);
    if (!parsed) {
      if (domainOfAddress(address) !== host) return { refusal: refuse(550, '5.7.1 Relaying to other domains is not permitted') };
      await logProbe({ kind: 'REFUSED_RECIPIENT', reason: 'not a relay address', details: { domain: host } }, remoteAddress);
      return { refusal: NO_SUCH_ADDRESS };
    }
    const key = `${parsed.party}-${parsed.token}`;
    const thread = (atData ? recall(key) : null) ?? (await threadByToken(pool, parsed.party, parsed.token));
    // The lookup is by the whole token (an index): the comparison is for code that may one day compare
    // a prefix or a cached copy, and costs nothing.
    if (!thread || !relayTokensEqual(parsed.token, parsed.party === 'u' ? thread.userToken : thread.providerToken)) {
      await logProbe(
        { kind: 'REFUSED_RECIPIENT', reason: 'unknown relay token', details: { domain: host, party: parsed.party } },
        remoteAddress,
      );
      return { refusal: NO_SUCH_ADDRESS };
    }
    if (!atData) remember(key, thread);
    return { target: { kind: 'thread', party: parsed.party, token: parsed.token }, thread };
  }

  /**
   * The sender must be the party on the other side: the end user (to `p-`), or a provider member (to
   * `u-`). A request without an account (the person did not ask to hide their email) has no end user:
   * the provider's messages went to the request's email address, so a reply from that address is theirs.
   */
  async function identifySender(
    thread: ThreadRow,
    party: RelayParty,
    parsed: ParsedInbound,
    envelope: InboundEnvelope,
  ): Promise<Sender | { refusal: RelayRefusal }> {
    const candidates = [
      ...new Set([parsed.from?.address, envelope.mailFrom].filter((a): a is string => !!a).map((a) => a.trim().toLowerCase())),
    ];
    const notAParty = new RelayRefusal('NOT_A_PARTY', 'The sender is not a party to this conversation; your message was not delivered.');
    if (party === 'p') {
      if (thread.userId) {
        if (thread.userEmail && candidates.includes(thread.userEmail.toLowerCase())) return { userId: thread.userId };
        return { refusal: notAParty };
      }
      if (candidates.length === 0) return { refusal: notAParty };
      // Only for threads without an account (rare), so the common case keeps its single thread read.
      const { rowCount } = await pool.query({
        name: 'relay-inbound-request-email',
        text: `SELECT 1 FROM service_requests WHERE id = $1 AND user_id IS NULL AND email = ANY($2::citext[])`,
        values: [thread.requestId, candidates],
      });
      return rowCount ? { userId: null } : { refusal: notAParty };
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

  /**
   * Whether this thread takes this message from this sender now, checked for every recipient before
   * anything is stored (see the top of the file). Refusals are logged here; all of them are permanent.
   */
  async function checkThread(
    target: ThreadTarget,
    thread: ThreadRow,
    parsed: ParsedInbound,
    raw: Buffer,
    envelope: InboundEnvelope,
  ): Promise<{ direction: Direction; sender: Sender } | { refusal: InboundDecision }> {
    const closed = closedThreadDecision(thread);
    if (closed) {
      await relay.logEvent({ kind: 'THREAD_CLOSED', threadId: thread.id, reason: `mail to a ${thread.status.toLowerCase()} conversation` });
      return { refusal: closed };
    }
    const direction: Direction = target.party === 'p' ? 'USER_TO_PROVIDER' : 'PROVIDER_TO_USER';
    const sender = await identifySender(thread, target.party, parsed, envelope);
    if ('refusal' in sender) {
      await relay.logEvent({
        kind: sender.refusal.code,
        threadId: thread.id,
        reason: sender.refusal.message,
        details: { fromDomain: domainOfAddress(parsed.from?.address), envelopeDomain: domainOfAddress(envelope.mailFrom), direction },
      });
      return { refusal: smtpReplyFor(sender.refusal) };
    }
    // The rules postMessage applies first (suspended accounts, provider-first …), from the same function.
    const refusal = threadRefusal(thread, direction);
    if (refusal) {
      await relay.logEvent({
        kind: refusal.code,
        threadId: thread.id,
        reason: refusal.message,
        details: { direction, sizeBytes: raw.length },
      });
      return { refusal: smtpReplyFor(refusal) };
    }
    return { direction, sender };
  }

  /** Stores the message for one thread that passed checkThread; a refusal found only now is returned, not logged. */
  async function postToThread(
    thread: ThreadRow,
    direction: Direction,
    sender: Sender,
    parsed: ParsedInbound,
    raw: Buffer,
    envelope: InboundEnvelope,
  ): Promise<{ decision: InboundDecision; refusal?: RelayRefusal }> {
    const hasBody = !!parsed.text?.trim() || !!parsed.html?.trim() || parsed.attachments.length > 0;
    if (!hasBody && parsed.problems.length > 0) {
      // Accepted (the sender did nothing wrong we could explain) but nothing to relay: admins can read it.
      await relay.quarantine(thread.id, `MALFORMED: ${parsed.problems[0]}`.slice(0, 500), raw, { problems: parsed.problems.slice(0, 20) });
      return { decision: OK };
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
      return { decision: OK };
    } catch (error) {
      if (!(error instanceof RelayRefusal)) throw error;
      return { decision: smtpReplyFor(error), refusal: error };
    }
  }

  return {
    async recipient(address, session) {
      const result = await classify(address, session.remoteAddress);
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
      const threads = new Map<string, { address: string; target: ThreadTarget; thread: ThreadRow }>();
      for (const address of envelope.rcptTo) {
        const result = await classify(address, envelope.remoteAddress, true);
        if (!('target' in result)) continue;
        if (result.target.kind === 'bounce') await relay.delivery.recordBounce(result.target.messageId, raw);
        else if (result.thread) threads.set(result.thread.id, { address, target: result.target, thread: result.thread });
      }
      if (threads.size === 0) return OK;

      let parsed: ParsedInbound;
      try {
        parsed = await parseInbound(raw, { maxBytes: settings.maxMessageBytes });
      } catch (error) {
        if (error instanceof InboundTooLargeError) return refuse(552, `5.3.4 Message too big (limit ${settings.maxMessageBytes} bytes)`);
        throw error;
      }

      // Every recipient's rules first: one refused recipient refuses the message before anything is stored.
      const accepted: { thread: ThreadRow; direction: Direction; sender: Sender }[] = [];
      const refused: { address: string; refusal: InboundDecision }[] = [];
      for (const { address, target, thread } of threads.values()) {
        const checked = await checkThread(target, thread, parsed, raw, envelope);
        if ('refusal' in checked) refused.push({ address, refusal: checked.refusal });
        else accepted.push({ thread, ...checked });
      }
      const first = refused[0];
      if (first && !first.refusal.ok) {
        if (threads.size === 1) return first.refusal;
        // The address is the sender's own recipient: it tells them which one, and that the rest did not go either.
        return refuse(first.refusal.code, `${first.refusal.message} (${first.address}; not delivered to the other recipients either)`);
      }

      // One after another: each thread's rules and row lock are its own, and a message rarely has two.
      const outcomes: { thread: ThreadRow; direction: Direction; decision: InboundDecision; refusal?: RelayRefusal }[] = [];
      for (const { thread, direction, sender } of accepted) {
        outcomes.push({ thread, direction, ...(await postToThread(thread, direction, sender, parsed, raw, envelope)) });
      }
      const stored = outcomes.filter((o) => o.decision.ok).length;
      for (const { thread, direction, refusal } of outcomes) {
        // Rate limits and attachments log their own events (bursts once, files with their metadata).
        if (!refusal || refusal.code === 'RATE_LIMITED' || refusal.code === 'ATTACHMENT_REFUSED') continue;
        await relay.logEvent({
          kind: refusal.code,
          threadId: thread.id,
          reason: refusal.message,
          // Stored for other recipients: the sender had a 250 and no bounce, this event is the only trace.
          details: { direction, sizeBytes: raw.length, ...(stored ? { storedForOtherRecipients: stored } : {}) },
        });
      }
      if (stored === outcomes.length) return OK;
      // A temporary refusal for any recipient: the sender retries the whole message, and the copies
      // already stored are recognised by their bytes (stored once).
      const temporary = outcomes.find((o) => !o.decision.ok && o.decision.code < 500);
      if (temporary) return temporary.decision;
      if (stored > 0) {
        // Refused for good only while storing (the thread closed after the checks, a file clamd could not
        // scan this time): the copies stored stay, and no bounce of ours goes to a return path anyone can forge.
        log.info({ smtp: 'data', recipients: outcomes.length, stored }, 'relay: message stored for some recipients, refused for others');
        return OK;
      }
      return outcomes.find((o) => !o.decision.ok)!.decision;
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
