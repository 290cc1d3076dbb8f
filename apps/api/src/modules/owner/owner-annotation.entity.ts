import { Entity, Filter, ManyToOne, OneToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, Int, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/db/base.entity.js';
import { TENANT_FILTER, tenantCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { Owner } from './owner.entity.js';

/**
 * The principal's private annotation on an owner (DESIGN.md §1). Its tenant filter matches the
 * *viewer's own organization*, not the principals it works for: a partner's request can never
 * read a row, whatever a resolver asks — the guarantee is in the data layer, not in each query.
 */
@ObjectType({ description: 'The principal\'s private annotation on an owner; only the principal\'s own staff ever see it.' })
@Entity({ tableName: 'owner_annotation' })
@Filter({ name: TENANT_FILTER, cond: tenantCondition('principal'), default: true })
export class OwnerAnnotation extends BaseEntity<'externalUserId' | 'displayName' | 'description' | 'version'> {
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @OneToOne(() => Owner, { owner: true, deleteRule: 'cascade', unique: true })
  owner!: Rel<Owner>;

  @Field(() => String, { nullable: true, description: 'The principal\'s own user id for this person.' })
  @Property({ type: 'text', nullable: true })
  externalUserId?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The name the principal shows for this person.' })
  @Property({ type: 'text', nullable: true })
  displayName?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The principal\'s notes on this person.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field(() => Date, { description: 'When the annotation was last changed.' })
  declare updatedAt: Date;

  /** optimistic concurrency (common/db/versioned.ts): bumped by every change */
  @Field(() => Int, { description: 'Bumped by every change to the annotation. Send it back as `expectedVersion` when updating it: if it changed meanwhile the update answers `VersionConflictError` and writes nothing.' })
  @Property({ version: true })
  version = 1;
}
