import { Arg, Ctx, Field, Int, ObjectType, Query, Resolver } from 'type-graphql';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow, Public } from '../../common/auth/authorize.js';
import { Connection, keysetPage } from '../../common/graphql/connection.js';
import { OutboxEmail } from './outbox-email.entity.js';

const MailMessageConnection = Connection(OutboxEmail, 'MailMessage');

@ObjectType({ description: 'Facts about this Partner Hub installation that the web app adapts to.' })
class AppInfo {
  @Field(() => Boolean, { description: 'True when no SMTP server is configured and e-mails go to the development outbox.' })
  mailOutboxEnabled!: boolean;

  @Field(() => String, { description: 'Version of the API.' })
  version!: string;
}

export const API_VERSION = '0.1.0';

@Resolver()
export class MailboxResolver {
  @Public()
  @Query(() => AppInfo, { description: 'Facts about this installation.' })
  appInfo(@Ctx() ctx: RequestContext): AppInfo {
    return Object.assign(new AppInfo(), { mailOutboxEnabled: ctx.deps.mailer.usesOutbox, version: API_VERSION });
  }

  @Allow('mailbox:read')
  @Query(() => MailMessageConnection, {
    description: 'E-mails the own organization sent while no SMTP server was configured (development mailbox), newest first.',
  })
  mailOutbox(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ) {
    return keysetPage(ctx.em, OutboxEmail, {}, { first, after, orderBy: 'id', direction: 'desc' });
  }
}
