// Inbound SMTP for the masked email relay: the MX that receives mail sent to relay addresses.
// It only speaks the protocol and enforces limits; deciding who may receive (recipient) and what
// happens to a message (message: store, then relay) belongs to the handlers.
//
// Not in this version:
// - AUTH: this is an MX that anyone on the internet delivers to, not a submission server.
// - STARTTLS: senders fall back to plain SMTP, which every MTA supports; TLS needs certificate
//   management and will come with the production deployment (smtp-server's `key`/`cert`).
import { SMTPServer, type SMTPServerDataStream, type SMTPServerSession } from 'smtp-server';
import type { Logger } from '../../../platform/observability/logger.js';

export interface InboundEnvelope {
  mailFrom: string | null;
  rcptTo: string[];
  remoteAddress: string | null;
}

/** A refusal's message is the sentence the sender sees; it may start with an enhanced code ("5.1.1 …"). */
export type InboundDecision = { ok: true } | { ok: false; code: number; message: string };

export interface InboundHandlers {
  /** At RCPT TO: may this address receive mail? (unknown/closed relay address → 550 with a sentence) */
  recipient(address: string, session: { mailFrom: string | null; remoteAddress: string | null }): Promise<InboundDecision>;
  /** After DATA: the raw message (Buffer) — store it, then relay. A thrown error → 451 (try again later). */
  message(raw: Buffer, envelope: InboundEnvelope): Promise<InboundDecision>;
}

export interface InboundSmtpOptions {
  host: string;
  /** 0 picks a free port; the bound one is returned. */
  port: number;
  /** Announced in EHLO (SIZE) and enforced on the stream. */
  maxMessageBytes: number;
  /** The name in the greeting and EHLO reply. */
  hostname?: string;
  log: Logger;
  handlers: InboundHandlers;
  /** A relay address maps to one person; a long list of recipients is a spam pattern. */
  maxRecipients?: number;
  /** Idle time before a connection is dropped, so stalled clients do not hold sockets. */
  socketTimeoutMs?: number;
  /** Concurrent connections; more are answered 421 and can retry. */
  maxClients?: number;
}

export interface InboundSmtp {
  port: number;
  close(): Promise<void>;
}

/** The product's attachment limit (10 MB), applied to the whole raw message. */
export const DEFAULT_MAX_MESSAGE_BYTES = 10 * 1024 * 1024;
const DEFAULT_MAX_RECIPIENTS = 20;
const DEFAULT_SOCKET_TIMEOUT_MS = 60_000;
const DEFAULT_MAX_CLIENTS = 500;
/** How long close() waits for connections in progress before dropping them. */
const CLOSE_TIMEOUT_MS = 5_000;

const TRY_AGAIN = { code: 451, message: '4.3.0 Temporary failure, please try again later' };

export async function startInboundSmtp(options: InboundSmtpOptions): Promise<InboundSmtp> {
  const { log, handlers, maxMessageBytes } = options;

  const server = new SMTPServer({
    name: options.hostname,
    banner: 'Hotlead relay',
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    size: maxMessageBytes,
    maxRecipients: options.maxRecipients ?? DEFAULT_MAX_RECIPIENTS,
    socketTimeout: options.socketTimeoutMs ?? DEFAULT_SOCKET_TIMEOUT_MS,
    maxClients: options.maxClients ?? DEFAULT_MAX_CLIENTS,
    closeTimeout: CLOSE_TIMEOUT_MS,
    // Reverse DNS would slow every connection and we do not use the result.
    disableReverseLookup: true,
    // smtp-server's own logger would print addresses; we log what we decide, redacted, below.
    logger: false,

    onRcptTo(address, session, callback) {
      const context = { mailFrom: mailFromOf(session), remoteAddress: session.remoteAddress || null };
      handlers.recipient(address.address, context).then(
        (decision) => {
          if (decision.ok) return callback();
          log.info({ smtp: 'rcpt', rcptDomain: domainOf(address.address), code: decision.code }, 'inbound recipient refused');
          callback(smtpError(decision.code, decision.message));
        },
        (err: unknown) => {
          log.error({ smtp: 'rcpt', rcptDomain: domainOf(address.address), err }, 'inbound recipient check failed');
          callback(smtpError(TRY_AGAIN.code, TRY_AGAIN.message));
        },
      );
    },

    onData(stream, session, callback) {
      receive(stream, session, options, callback);
    },
  });

  // A socket-level error (reset by peer, …) must not take the process down; the server keeps serving.
  server.on('error', (err) => log.warn({ smtp: 'server', err }, 'inbound SMTP error'));

  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.server.off('error', reject);
      resolve();
    });
  });
  const port = (server.server.address() as { port: number }).port;
  log.info({ smtp: 'listen', host: options.host, port, maxMessageBytes }, 'inbound SMTP listening');

  return {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Buffers one message, then hands it to `handlers.message` unless it went over the limit or the client left. */
function receive(
  stream: SMTPServerDataStream,
  session: SMTPServerSession,
  { log, handlers, maxMessageBytes }: InboundSmtpOptions,
  callback: (err?: Error | null, message?: string) => void,
): void {
  const envelope: InboundEnvelope = {
    mailFrom: mailFromOf(session),
    rcptTo: session.envelope.rcptTo.map((r) => r.address),
    remoteAddress: session.remoteAddress || null,
  };
  const logContext = { smtp: 'data', rcptDomains: [...new Set(envelope.rcptTo.map(domainOf))] };
  let chunks: Buffer[] = [];
  let settled = false;
  const settle = (err?: Error | null, message?: string) => {
    if (settled) return;
    settled = true;
    chunks = [];
    callback(err, message);
  };

  stream.on('data', (chunk: Buffer) => {
    // Past the limit the rest is read (so the client gets its reply) but not kept in memory.
    if (stream.sizeExceeded) chunks = [];
    else chunks.push(chunk);
  });

  // The client disconnected mid-DATA: smtp-server destroys the stream, 'end' never comes.
  stream.on('error', (err) => {
    log.info({ ...logContext, err: err.message }, 'inbound message abandoned by the client');
    settle(err);
  });
  stream.on('close', () => {
    if (!settled && !stream.readableEnded) {
      log.info(logContext, 'inbound message abandoned by the client');
      settle(new Error('Connection closed before the message was received in full'));
    }
  });

  stream.on('end', () => {
    if (stream.sizeExceeded) {
      log.info({ ...logContext, bytes: stream.byteLength, limit: maxMessageBytes }, 'inbound message too big');
      settle(smtpError(552, `5.3.4 Message too big (limit ${maxMessageBytes} bytes)`));
      return;
    }
    const raw = Buffer.concat(chunks);
    handlers.message(raw, envelope).then(
      (decision) => {
        if (decision.ok) {
          log.info({ ...logContext, bytes: raw.length }, 'inbound message accepted');
          return settle(null, '2.6.0 Message accepted');
        }
        log.info({ ...logContext, bytes: raw.length, code: decision.code }, 'inbound message refused');
        settle(smtpError(decision.code, decision.message));
      },
      (err: unknown) => {
        log.error({ ...logContext, bytes: raw.length, err }, 'inbound message handler failed');
        settle(smtpError(TRY_AGAIN.code, TRY_AGAIN.message));
      },
    );
  });
}

function mailFromOf(session: SMTPServerSession): string | null {
  const from = session.envelope.mailFrom;
  // `false` before MAIL FROM; an empty address is the null sender of bounces (MAIL FROM:<>).
  return from && from.address ? from.address : null;
}

/** The domain part only: addresses are personal data and never reach a log line in full. */
export function domainOf(address: string | null | undefined): string {
  if (!address) return '(none)';
  const at = address.lastIndexOf('@');
  return at >= 0 ? address.slice(at + 1).toLowerCase() : '(no domain)';
}

/**
 * An error smtp-server answers with `code`. A refusal must be a 4xx/5xx (anything else would read as
 * success to the client), and it gets a generic enhanced status code when the handler gave none.
 */
function smtpError(code: number, message: string): Error & { responseCode: number } {
  const responseCode = code >= 400 && code < 600 ? code : TRY_AGAIN.code;
  const sentence = message.trim() || 'Refused';
  const text = /^[245]\.\d{1,3}\.\d{1,3}\s/.test(sentence) ? sentence : `${Math.floor(responseCode / 100)}.0.0 ${sentence}`;
  return Object.assign(new Error(text), { responseCode });
}
