import nodemailer from 'nodemailer';
import type { Transporter } from 'nodemailer';
import type { Logger } from 'pino';
import { OutboxEmail } from './outbox-email.entity.js';
import type { RequestContext } from '../../common/context/request-context.js';
import type { MailMessageInput, MailSender } from '../../common/mail/mail-sender.js';

/**
 * Sends e-mail through nodemailer to SMTP_URL; without it, keeps each message in the
 * development outbox table (shown to admins in the web app). Either way a rolled-back change
 * sends nothing: outbox rows are written in the caller's transaction, SMTP delivery waits for
 * its commit.
 */
export class Mailer implements MailSender {
  private readonly transport: Transporter | null;

  constructor(
    smtpUrl: string | undefined,
    private readonly from: string,
    private readonly logger: Logger,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  /** True when messages go to the development outbox instead of an SMTP server. */
  get usesOutbox(): boolean {
    return this.transport === null;
  }

  /** Sends `message` as part of the transaction of the operation `ctx` (its `em`). */
  async send(ctx: RequestContext, message: MailMessageInput): Promise<void> {
    const transport = this.transport;
    if (!transport) {
      ctx.em.persist(
        ctx.em.create(OutboxEmail, {
          organization: message.organizationId,
          to: message.to,
          subject: message.subject,
          text: message.text,
          html: message.html ?? null,
        }),
      );
      return;
    }
    const { organizationId: _organizationId, ...mail } = message;
    ctx.afterCommit.push(async () => {
      const info = await transport.sendMail({ from: this.from, ...mail });
      this.logger.info({ to: message.to, subject: message.subject, messageId: info.messageId }, 'e-mail sent');
    });
  }

  close(): void {
    this.transport?.close();
  }
}
