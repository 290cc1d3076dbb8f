import { Arg, Ctx, FieldResolver, Int, Resolver } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import type { JobKind } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import type { Page } from '../../common/graphql/connection.js';
import { JobKindEnum } from '../../common/graphql/enums.js';
import type { AuditEvent } from '../audit/audit-event.entity.js';
import { historyPage } from '../audit/audit-query.service.js';
import { AuditEventConnection } from '../audit/audit.resolver.js';
import { Partner } from '../partner/partner.entity.js';
import { JobConfigurationType, toConfigurationType } from './job-configuration.types.js';
import { JobTemplate } from './job-template.entity.js';
import { loaderById } from '../../common/context/loaders.js';

@Resolver(() => JobTemplate)
export class JobTemplateFieldsResolver {
  @Allow('jobs:read')
  @FieldResolver(() => JobKindEnum, { description: 'The jobs\' kind: INSTALLATION or MAINTENANCE.' })
  kind(@Parent() template: JobTemplate): JobKind {
    return template.kind;
  }

  @Allow('jobs:read')
  @FieldResolver(() => JobConfigurationType, { description: 'The configuration jobs created from this template start with.' })
  configuration(@Parent() template: JobTemplate): JobConfigurationType {
    return toConfigurationType(template.configuration);
  }

  @Allow('jobs:read')
  @FieldResolver(() => Partner, { nullable: true, description: 'The service partner jobs created from this template are assigned to by default.' })
  async defaultServicePartner(@Parent() template: JobTemplate, @Ctx() ctx: RequestContext): Promise<Partner | null> {
    const id = template.defaultServicePartner?.id;
    return id ? loaderById(ctx, Partner).load(id) : null;
  }

  @Allow('jobs:read')
  @FieldResolver(() => Date, { description: 'When the template was created.' })
  createdAt(@Parent() template: JobTemplate): Date {
    return template.createdAt;
  }

  @Allow('jobs:read')
  @FieldResolver(() => Date, { description: 'When the template last changed.' })
  updatedAt(@Parent() template: JobTemplate): Date {
    return template.updatedAt;
  }

  @Allow('jobs:read')
  @FieldResolver(() => AuditEventConnection, { description: 'What was done to this template, newest first.' })
  history(
    @Parent() template: JobTemplate,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ): Promise<Page<AuditEvent>> {
    return historyPage(ctx.em, 'JobTemplate', template.id, first, after);
  }
}
