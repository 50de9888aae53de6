// Helpers for relay tests: a routed request with its thread and relay addresses, SMTP clients for the
// inbound server (nodemailer for well-behaved senders, a raw socket for the rest), an outbound SMTP
// sink, and waits on delivery status.
import nodemailer, { type SendMailOptions } from 'nodemailer';
import { SMTPServer } from 'smtp-server';
import { relayAddress } from '../src/modules/relay/relay.addresses.js';
import { Topic, type ConversationEventPayload } from '../src/platform/pubsub/pubsub.js';
import type { TestApp } from './app.js';
import { eventually } from './app.js';
import { buildProvider, buildRoutedRequest } from './routing.js';
import { rawSmtp } from './smtpClient.js';

export { rawSmtp };

export type Party = Awaited<ReturnType<typeof buildRelayThread>>;

/** A provider (manager + sales user), a routed request by a new end user, and the thread's two addresses. */
export async function buildRelayThread(
  app: TestApp,
  options: { provider?: Awaited<ReturnType<typeof buildProvider>>; nicheId?: string; endUserEmail?: string } = {},
) {
  const provider = options.provider ?? (await buildProvider(app));
  const routed = await buildRoutedRequest(app, provider, { nicheId: options.nicheId, endUserEmail: options.endUserEmail });
  const domain = app.api.platform.config.RELAY_DOMAIN;
  return {
    provider,
    ...routed,
    /** The end user writes here to reach the provider. */
    providerAddress: relayAddress('p', routed.thread.providerToken, domain),
    /** The provider writes here to reach the end user. */
    userAddress: relayAddress('u', routed.thread.userToken, domain),
  };
}

/** The provider's sales user writes first from the console; resolves when it reached the dev mailbox. */
export async function providerWritesFirst(app: TestApp, party: Party, text = 'Hello, we can help with that. When suits you?') {
  const { messageId } = await app.api.services.relay.postMessage({
    threadId: party.thread.id,
    direction: 'PROVIDER_TO_USER',
    source: 'CONSOLE',
    senderUserId: party.provider.sales.user.id,
    subject: 'About your request',
    text,
    html: null,
  });
  await waitForStatus(app, messageId, ['DELIVERED']);
  return messageId;
}

export async function waitForStatus(app: TestApp, messageId: string, statuses: string[], timeoutMs = 15_000) {
  return eventually(
    async () => {
      const delivery = await app.prisma.relayDelivery.findUnique({ where: { messageId } });
      return delivery && statuses.includes(delivery.status) ? delivery : null;
    },
    timeoutMs,
    `message ${messageId} to be ${statuses.join(' or ')}`,
  );
}

export function inboundPort(app: TestApp): number {
  const port = app.api.relayInbound?.port;
  if (!port) throw new Error('the relay inbound server is not running in this app');
  return port;
}

/** nodemailer against the inbound server, as a sender's mail server would connect. */
export function smtpTo(port: number, extra: Record<string, unknown> = {}) {
  return nodemailer.createTransport({ host: '127.0.0.1', port, secure: false, ignoreTLS: true, ...extra });
}

export type SmtpError = { responseCode?: number; response?: string; message: string };

/** sendMail that returns the SMTP error instead of throwing, for refusal assertions. */
export async function trySend(port: number, mail: SendMailOptions): Promise<{ ok: true; response: string } | ({ ok: false } & SmtpError)> {
  const transport = smtpTo(port);
  try {
    const info = await transport.sendMail(mail);
    return { ok: true, response: info.response };
  } catch (error) {
    return { ok: false, ...(error as SmtpError) };
  } finally {
    transport.close();
  }
}

/** Sends raw bytes as one message over a raw SMTP session; returns the reply to the final dot (or the first refusal). */
export async function sendRaw(port: number, raw: Buffer, envelope: { from: string; to: string[] }): Promise<string> {
  const client = await rawSmtp(port);
  try {
    await client.command('EHLO client.test');
    const mail = await client.command(`MAIL FROM:<${envelope.from}>`);
    if (!mail.startsWith('250')) return mail;
    for (const to of envelope.to) {
      const rcpt = await client.command(`RCPT TO:<${to}>`);
      if (!rcpt.startsWith('250')) return rcpt;
    }
    const data = await client.command('DATA');
    if (!data.startsWith('354')) return data;
    return await client.data(raw);
  } finally {
    await client.command('QUIT').catch(() => undefined);
    client.close();
  }
}

export const crlf = (text: string) => Buffer.from(text.replace(/\r?\n/g, '\r\n'), 'latin1');

/** An outbound SMTP server standing in for the next hop: records what it accepts, or refuses with `reply`. */
export async function startSink(options: { reply?: { code: number; message: string } } = {}) {
  const received: { from: string | null; to: string[]; raw: Buffer }[] = [];
  let reply = options.reply ?? null;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['AUTH', 'STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (reply) return callback(Object.assign(new Error(reply.message), { responseCode: reply.code }));
        const from = session.envelope.mailFrom;
        received.push({ from: from ? from.address : null, to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks) });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as { port: number }).port;
  return {
    port,
    url: `smtp://127.0.0.1:${port}`,
    received,
    setReply(next: { code: number; message: string } | null) {
      reply = next;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Lowers relay settings for a test and makes the running service see them at once. */
export async function setRelaySettings(app: TestApp, data: Parameters<TestApp['prisma']['relaySettings']['update']>[0]['data']) {
  await app.prisma.relaySettings.update({ where: { id: 1 }, data });
  app.api.services.relay.settings.invalidate();
}

/** Collects the CONVERSATION_EVENTs published to one party (`workspace:<id>` / `user:<id>`) until stop(). */
export function collectEvents(app: TestApp, party: string) {
  const events: ConversationEventPayload[] = [];
  const subscription = app.api.platform.pubsub.subscribe(Topic.CONVERSATION_EVENT, party);
  const iterator = subscription[Symbol.asyncIterator]();
  void (async () => {
    for (;;) {
      const next = await iterator.next();
      if (next.done) break;
      events.push(next.value);
    }
  })();
  return {
    events,
    stop: () => void iterator.return?.(),
  };
}
