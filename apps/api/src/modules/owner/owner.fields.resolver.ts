import { Arg, Ctx, FieldResolver, Int, Resolver } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import type { Page } from '../../common/graphql/connection.js';
import type { AuditEvent } from '../audit/audit-event.entity.js';
import { historyPage } from '../audit/audit-query.service.js';
import { AuditEventConnection } from '../audit/audit.resolver.js';
import { OwnerAnnotation } from './owner-annotation.entity.js';
import { OwnerVehicleAccess } from './owner-vehicle-access.entity.js';
import { Owner } from './owner.entity.js';
import { ownerLoaders } from './owner.loaders.js';

@Resolver(() => Owner)
export class OwnerFieldsResolver {
  /**
   * Two independent guards keep the annotation private: this permission (only the principal's
   * staff hold it), and the annotation's tenant filter, under which a partner's or another
   * principal's request can never load a row.
   */
  @Allow('ownerAnnotations:read')
  @FieldResolver(() => OwnerAnnotation, {
    nullable: true,
    description: 'The principal\'s private annotation (null when there is none). Only the principal\'s own staff may ask; anyone else is refused.',
  })
  annotation(@Parent() owner: Owner, @Ctx() ctx: RequestContext): Promise<OwnerAnnotation | null> {
    return ownerLoaders(ctx).ownerAnnotationByOwner.load(owner.id);
  }

  @Allow('owners:read')
  @FieldResolver(() => [OwnerVehicleAccess], {
    description: 'The vehicles the owner owns or uses — for a partner, only those the partner may see.',
  })
  vehicles(@Parent() owner: Owner, @Ctx() ctx: RequestContext): Promise<OwnerVehicleAccess[]> {
    return ownerLoaders(ctx).visibleOwnerAccessByOwner.load(owner.id);
  }

  @Allow('owners:read')
  @FieldResolver(() => Int, { description: 'How many vehicles the owner owns or uses (for a partner: of those it may see).' })
  async vehicleCount(@Parent() owner: Owner, @Ctx() ctx: RequestContext): Promise<number> {
    return (await ownerLoaders(ctx).visibleOwnerAccessByOwner.load(owner.id)).length;
  }

  // the history records annotation changes, so it is for those who may read annotations
  @Allow('ownerAnnotations:read')
  @FieldResolver(() => AuditEventConnection, { description: 'What was done to this owner (including contacts and annotation changes), newest first; the principal\'s staff only.' })
  history(
    @Parent() owner: Owner,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ): Promise<Page<AuditEvent>> {
    return historyPage(ctx.em, 'Owner', owner.id, first, after);
  }
}
