import type { RequestContext } from '../context/request-context.js';

export interface MailMessageInput {
  to: string;
  subject: string;
  text: string;
  html?: string;
  /** the organization on whose behalf it is sent (its admins see it in the development outbox) */
  organizationId: string;
}

/**
 * What features send e-mail through (`ctx.deps.mailer`); modules/mail/mailer.ts is the one that
 * delivers. A rolled-back change sends nothing: a message is part of the operation's transaction.
 */
export interface MailSender {
  /** True when messages go to the development outbox instead of an SMTP server. */
  readonly usesOutbox: boolean;
  /** Sends `message` as part of the transaction of the operation `ctx` (its `em`). */
  send(ctx: RequestContext, message: MailMessageInput): Promise<void>;
}
