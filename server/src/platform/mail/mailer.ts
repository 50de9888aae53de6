// The outbound mail service. An email is recorded in the outbox once per idempotency key and then
// delivered by a job. Delivery records its phase (QUEUED → SENDING → SENT) so that a crash and retry
// sends at most once: a retry that finds SENDING over SMTP cannot know whether the server took the
// message, so it marks it FAILED instead of risking a second copy. The dev mailbox write and the SENT
// mark share one transaction, so local mode is exact.
import { createHash } from 'node:crypto';
import type { Db } from '../db/client.js';
import type { JobDefinition, JobQueue } from '../jobs/queue.js';
import type { Logger } from '../observability/logger.js';
import { devMailboxTransport, type MailTransport } from './transport.js';
import { templates, type RenderedEmail } from './templates.js';

export const MAIL_DELIVER_JOB = 'mail.deliver';

interface DeliverJobData {
  outboundEmailId: string;
  /** Rendered body travels in the job, not the outbox, so links with tokens are not kept in a table. */
  text: string;
  html: string;
}

export type TemplateData<K extends keyof typeof templates> = Parameters<(typeof templates)[K]>[0];

export class Mailer {
  constructor(
    private readonly prisma: Db,
    private readonly jobs: JobQueue,
    private readonly transport: MailTransport,
    private readonly from: string,
    private readonly log: Logger,
  ) {}

  get transportKind(): MailTransport['kind'] {
    return this.transport.kind;
  }

  /** Records and queues an email; a second call with the same key does nothing. */
  async send<K extends keyof typeof templates>(input: {
    idempotencyKey: string;
    to: string;
    template: K;
    data: TemplateData<K>;
  }): Promise<void> {
    const render = templates[input.template] as (data: TemplateData<K>) => RenderedEmail;
    const rendered = render(input.data);
    const inserted = await this.prisma.outboundEmail.createManyAndReturn({
      data: [
        {
          idempotencyKey: input.idempotencyKey,
          template: input.template,
          toAddress: input.to,
          subject: rendered.subject,
        },
      ],
      skipDuplicates: true,
      select: { id: true },
    });
    const row = inserted[0];
    if (!row) return; // already recorded under this key
    await this.jobs.send<DeliverJobData>(
      MAIL_DELIVER_JOB,
      { outboundEmailId: row.id, text: rendered.text, html: rendered.html },
      { singletonKey: row.id },
    );
  }

  /** The delivery job. */
  deliverJob(): JobDefinition<DeliverJobData> {
    return {
      name: MAIL_DELIVER_JOB,
      retryLimit: 5,
      retryDelaySeconds: 10,
      handle: (data) => this.deliver(data),
    };
  }

  private async deliver(data: DeliverJobData): Promise<void> {
    const email = await this.prisma.outboundEmail.findUnique({ where: { id: data.outboundEmailId } });
    if (!email || email.status === 'SENT' || email.status === 'FAILED') return;
    const messageId = `<${createHash('sha256').update(email.idempotencyKey).digest('hex').slice(0, 32)}@hotlead.local>`;
    const mail = { from: this.from, to: email.toAddress, subject: email.subject, text: data.text, html: data.html, messageId };

    if (this.transport.kind === 'dev-mailbox') {
      await this.prisma.$transaction(async (tx) => {
        const claimed = await tx.outboundEmail.updateMany({
          where: { id: email.id, status: 'QUEUED' },
          data: { status: 'SENT', sentAt: new Date(), messageId, attempts: { increment: 1 } },
        });
        if (claimed.count === 1) await devMailboxTransport(tx as unknown as Db).send(mail);
      });
      return;
    }

    const claimed = await this.prisma.outboundEmail.updateMany({
      where: { id: email.id, status: 'QUEUED' },
      data: { status: 'SENDING', attempts: { increment: 1 } },
    });
    if (claimed.count === 0) {
      // A previous attempt died between claiming and confirming: the SMTP server may have the
      // message. Not sending again is the at-most-once promise.
      await this.prisma.outboundEmail.updateMany({
        where: { id: email.id, status: 'SENDING' },
        data: { status: 'FAILED', lastError: 'delivery uncertain after an interrupted attempt; not resent' },
      });
      return;
    }
    try {
      await this.transport.send(mail);
    } catch (error) {
      // The server refused the message: nothing was delivered, so a retry is safe.
      await this.prisma.outboundEmail.update({
        where: { id: email.id },
        data: { status: 'QUEUED', lastError: (error as Error).message.slice(0, 500) },
      });
      throw error;
    }
    await this.prisma.outboundEmail.update({ where: { id: email.id }, data: { status: 'SENT', sentAt: new Date(), messageId } });
    this.log.info({ outboundEmailId: email.id, template: email.template }, 'email sent');
  }

  healthy(): Promise<boolean> {
    return this.transport.healthy();
  }

  close(): void {
    this.transport.close();
  }
}
