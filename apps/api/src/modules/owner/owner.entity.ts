import { Entity, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import type { ImportBatch } from '../import/import-batch.entity.js';

/**
 * A person who owns or uses vehicles of one principal (DESIGN.md §1), found by e-mail within
 * that principal. Only basic data lives here; the principal's private annotation is a separate
 * entity that only the principal's own staff can ever read (owner-annotation.entity.ts).
 */
@ObjectType({ description: 'A person who owns or uses vehicles: basic data only.' })
@Entity({ tableName: 'owner' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Unique({ properties: ['principal', 'email'] })
// the list's keyset order, newest first: `(created_at, id) < (…)` seeks on it (by e-mail: the unique index)
@Index({ properties: ['principal', 'createdAt', 'id'] })
@Index({ properties: ['importBatch'] })
@Index({ name: 'owner_name_trgm_index', expression: 'create index "owner_name_trgm_index" on "owner" using gin ("name" gin_trgm_ops)' })
@Index({ name: 'owner_email_trgm_index', expression: 'create index "owner_email_trgm_index" on "owner" using gin ("email" gin_trgm_ops)' })
export class Owner extends BaseEntity<'name' | 'phone' | 'archivedAt' | 'importBatch' | 'version'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @Field(() => String, { description: 'E-mail address (lower case); identifies the owner within the principal.' })
  @Property({ type: 'text' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Full name.' })
  @Property({ type: 'text', nullable: true })
  name?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  @Property({ type: 'text', nullable: true })
  phone?: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the owner was archived; archived owners are hidden from lists by default.' })
  @Property({ ...timestamptz(), nullable: true })
  archivedAt?: Date | null = null;

  @Field(() => Date, { description: 'When the owner was recorded.' })
  declare createdAt: Date;

  @ManyToOne({ entity: 'ImportBatch', nullable: true, deleteRule: 'set null' })
  importBatch?: Rel<ImportBatch> | null = null;

  /** optimistic concurrency (common/db/versioned.ts): bumped by every change */
  @Field(() => Int, { description: 'Bumped by every change to the owner\'s basic data. Send it back as `expectedVersion` when updating it: if it changed meanwhile the update answers `VersionConflictError` and writes nothing.' })
  @Property({ version: true })
  version = 1;
}
