// Outbound mail transports. With SMTP_URL, nodemailer sends over SMTP. Without it (local mode), the
// message is still built as real MIME by nodemailer and delivered into the dev mailbox table, which
// admins read in web-admin.
import nodemailer from 'nodemailer';
import { simpleParser } from 'mailparser';
import type { Db } from '../db/client.js';

export interface OutgoingMail {
  from: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Deterministic, so a redelivered message is recognisable as the same one. */
  messageId: string;
  headers?: Record<string, string>;
}

export interface MailTransport {
  readonly kind: 'smtp' | 'dev-mailbox';
  send(mail: OutgoingMail): Promise<void>;
  /** True when the transport can send now (SMTP server answers; the dev mailbox always can). */
  healthy(): Promise<boolean>;
  close(): void;
}

export function smtpTransport(url: string): MailTransport {
  const transporter = nodemailer.createTransport(url);
  return {
    kind: 'smtp',
    async send(mail) {
      await transporter.sendMail({ ...mail, messageId: mail.messageId });
    },
    async healthy() {
      try {
        await transporter.verify();
        return true;
      } catch {
        return false;
      }
    },
    close: () => transporter.close(),
  };
}

export function devMailboxTransport(prisma: Db): MailTransport {
  const builder = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    kind: 'dev-mailbox',
    async send(mail) {
      const info = await builder.sendMail({ ...mail, messageId: mail.messageId });
      const raw = (info.message as Buffer).toString('utf8');
      const parsed = await simpleParser(raw);
      await prisma.devMailboxMessage.create({
        data: {
          messageId: mail.messageId,
          fromAddress: mail.from,
          toAddresses: [mail.to],
          subject: parsed.subject ?? mail.subject,
          textBody: parsed.text ?? null,
          htmlBody: typeof parsed.html === 'string' ? parsed.html : null,
          rawMime: raw,
        },
      });
    },
    healthy: async () => true,
    close: () => builder.close(),
  };
}
