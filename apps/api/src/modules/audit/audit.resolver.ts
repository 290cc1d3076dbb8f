import { Arg, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Subscription } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import { rowsById } from '../../common/db/plain-rows.js';
import type { RequestContext } from '../../common/context/request-context.js';
import type { Topics } from '../../common/context/events.js';
import { Allow } from '../../common/auth/authorize.js';
import { Connection } from '../../common/graphql/connection.js';
import { User } from '../user/user.entity.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { AuditEvent } from './audit-event.entity.js';
import { listAuditEvents } from './audit-query.service.js';
import { loaderById } from '../../common/context/loaders.js';

export const AuditEventConnection = Connection(AuditEvent);

@InputType({ description: 'Narrows the audit log; all given conditions must hold.' })
class AuditEventFilter {
  @Field(() => String, { nullable: true, description: 'Exact action, e.g. `user.create`.' })
  action?: string | null;

  @Field(() => String, { nullable: true, description: 'Exact object type, e.g. `User`.' })
  objectType?: string | null;

  @Field(() => String, { nullable: true, description: 'Id of one object: its history.' })
  objectId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only what this user did.' })
  actorUserId?: string | null;

  @Field(() => Date, { nullable: true, description: 'From this time on (inclusive).' })
  from?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Up to this time (inclusive).' })
  to?: Date | null;
}

type AuditPayload = Topics['AUDIT_EVENT_RECORDED'][0];

@Resolver(() => AuditEvent)
export class AuditResolver {
  @Allow('audit:read')
  @Query(() => AuditEventConnection, { description: 'The own organization\'s audit log, newest first.' })
  auditEvents(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
    @Arg('filter', () => AuditEventFilter, { nullable: true, description: 'Narrows the log.' }) filter?: AuditEventFilter | null,
  ) {
    return listAuditEvents(ctx, filter ?? {}, first, after);
  }

  @Allow('audit:read')
  @Subscription(() => AuditEvent, {
    topics: 'AUDIT_EVENT_RECORDED',
    filter: ({ payload, context }: { payload: AuditPayload; context: RequestContext }) =>
      payload.organizationId === context.viewer?.organizationId,
    description: 'Each new audit event of the own organization, as it is committed.',
  })
  async auditEventRecorded(@Parent() payload: AuditPayload, @Ctx() ctx: RequestContext): Promise<AuditEvent> {
    // a plain row through the subscriber's scoped EntityManager: nothing is kept between events
    const { rows } = await rowsById(ctx.em, AuditEvent, [payload.id]);
    if (!rows[0]) throw new Error(`audit event ${payload.id} is missing`);
    return rows[0];
  }

  @Allow()
  @FieldResolver(() => Date, { description: 'When it happened.' })
  occurredAt(@Parent() event: AuditEvent): Date {
    return event.createdAt;
  }

  @Allow()
  @FieldResolver(() => User, { nullable: true, description: 'The user who did it, if a user did.' })
  actorUser(@Parent() event: AuditEvent, @Ctx() ctx: RequestContext): Promise<User | null> | null {
    return event.actorUser ? loaderById(ctx, User).load(event.actorUser.id) : null;
  }

  @Allow()
  @FieldResolver(() => ApiKey, { nullable: true, description: 'The API key that did it, if a key did.' })
  actorApiKey(@Parent() event: AuditEvent, @Ctx() ctx: RequestContext): Promise<ApiKey | null> | null {
    return event.actorApiKey ? loaderById(ctx, ApiKey).load(event.actorApiKey.id) : null;
  }
}
