import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JOB_KINDS } from '@partner-hub/domain';
import type { JobConfiguration, JobKind } from '@partner-hub/domain';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { Partner } from '../partner/partner.entity.js';

/** A named preset of a job (DESIGN.md §1, Template): kind, configuration, description, default service partner. */
@ObjectType({ description: 'A named preset for jobs: kind, configuration, description and default service partner.' })
@Entity({ tableName: 'job_template' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Index({ properties: ['principal', 'name'] })
@Index({
  name: 'job_template_name_unique',
  expression: 'create unique index "job_template_name_unique" on "job_template" ("principal_id", lower("name")) where "archived_at" is null',
})
export class JobTemplate extends BaseEntity<'title' | 'description' | 'instructions' | 'defaultServicePartner' | 'archivedAt' | 'version'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @Field(() => String, { description: 'The template\'s name, unique per principal (jobs.csv refers to it).' })
  @Property({ type: 'text' })
  name!: string;

  @Enum({ items: () => [...JOB_KINDS], nativeEnumName: 'job_kind' })
  kind!: JobKind;

  @Field(() => String, { nullable: true, description: 'The jobs\' title.' })
  @Property({ type: 'text', nullable: true })
  title?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The jobs\' description.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Instructions for the technician.' })
  @Property({ type: 'text', nullable: true })
  instructions?: string | null = null;

  @Property({ type: 'jsonb' })
  configuration!: JobConfiguration;

  @ManyToOne(() => Partner, { nullable: true, deleteRule: 'set null' })
  defaultServicePartner?: Rel<Partner> | null = null;

  @Field(() => Date, { nullable: true, description: 'When the template was deleted (kept while jobs refer to it).' })
  @Property({ ...timestamptz(), nullable: true })
  archivedAt?: Date | null = null;

  /** optimistic concurrency (common/db/versioned.ts): bumped by every change */
  @Field(() => Int, { description: 'Bumped by every change to the template. Send it back as `expectedVersion` when updating it: if it changed meanwhile the update answers `VersionConflictError` and writes nothing.' })
  @Property({ version: true })
  version = 1;
}
