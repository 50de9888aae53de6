// Outbound mail: real MIME into the dev mailbox through the real job queue, at most once per
// idempotency key even when the job runs again; and real SMTP delivery to a local SMTP server.
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventually, startTestApp, type TestApp } from '../../../test/app.js';
import { MAIL_DELIVER_JOB } from './mailer.js';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app?.stop());

describe('dev mailbox delivery', () => {
  it('delivers once per idempotency key, however often it is sent or redelivered', async () => {
    const send = () =>
      app.api.platform.mail.send({
        idempotencyKey: 'test:welcome:1',
        to: 'once@example.test',
        template: 'verifyEmail',
        data: { name: 'Once', url: 'http://localhost/x' },
      });
    await Promise.all([send(), send(), send()]);
    const email = await eventually(
      () => app.prisma.outboundEmail.findFirst({ where: { idempotencyKey: 'test:welcome:1', status: 'SENT' } }),
      20_000,
      'the email to be sent',
    );
    // A redelivered job (at-least-once queue) must not deliver a second copy.
    await app.api.platform.jobs.send(MAIL_DELIVER_JOB, { outboundEmailId: email.id, text: 'dup', html: 'dup' });
    await new Promise((r) => setTimeout(r, 1500));
    expect(await app.prisma.outboundEmail.count({ where: { idempotencyKey: 'test:welcome:1' } })).toBe(1);
    const messages = await app.prisma.devMailboxMessage.findMany({ where: { toAddresses: { has: 'once@example.test' } } });
    expect(messages).toHaveLength(1);
    const parsed = await simpleParser(messages[0]!.rawMime);
    expect(parsed.subject).toBe('Confirm your email address');
    expect(parsed.messageId).toBe(email.messageId);
    expect(parsed.text).toContain('http://localhost/x');
  });
});

describe('SMTP delivery', () => {
  it('sends over SMTP when SMTP_URL is set, and marks the email sent', async () => {
    const received: { to: string[]; raw: string }[] = [];
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['STARTTLS'],
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          received.push({ to: session.envelope.rcptTo.map((r) => r.address), raw: Buffer.concat(chunks).toString('utf8') });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => smtp.listen(0, '127.0.0.1', resolve));
    const port = (smtp.server.address() as { port: number }).port;
    const smtpApp = await startTestApp({ SMTP_URL: `smtp://127.0.0.1:${port}` });
    try {
      await smtpApp.api.platform.mail.send({
        idempotencyKey: 'smtp:1',
        to: 'smtp@example.test',
        template: 'passwordReset',
        data: { name: 'S', url: 'http://localhost/reset' },
      });
      await eventually(async () => (received.length ? true : null), 20_000, 'the SMTP server to receive the email');
      expect(received[0]!.to).toEqual(['smtp@example.test']);
      expect((await simpleParser(received[0]!.raw)).subject).toBe('Reset your Hotlead password');
      await eventually(
        () => smtpApp.prisma.outboundEmail.findFirst({ where: { idempotencyKey: 'smtp:1', status: 'SENT' } }),
        10_000,
        'SENT status',
      );
      expect(await smtpApp.prisma.devMailboxMessage.count()).toBe(0);
    } finally {
      await smtpApp.stop();
      await new Promise<void>((resolve) => smtp.close(() => resolve()));
    }
  });
});
