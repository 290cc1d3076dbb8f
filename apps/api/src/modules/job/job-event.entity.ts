import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { JOB_STATUSES } from '@partner-hub/domain';
import type { JobStatus } from '@partner-hub/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/db/base.entity.js';
import { JobStatusEnum } from '../../common/graphql/enums.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';
import { Job } from './job.entity.js';

/**
 * One entry of a job's history (DESIGN.md §2): a transition (from → to, with its reason), an
 * edit, or a configuration override with old and new values — who, when, why.
 */
@ObjectType({ description: 'One entry of a job\'s history: a transition, an edit or a configuration change — who, when, why.' })
@Entity({ tableName: 'job_event' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Index({ properties: ['job', 'createdAt'] })
@Index({ properties: ['principal', 'createdAt'] })
export class JobEvent extends BaseEntity<'fromStatus' | 'toStatus' | 'reason' | 'changes' | 'actorUser'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @Field(() => Date, { description: 'When it happened.' })
  declare createdAt: Date;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @ManyToOne(() => Job, { deleteRule: 'cascade' })
  job!: Rel<Job>;

  /** CREATED, ASSIGN, START, …, EDITED, CONFIGURATION_CHANGED, DELETED */
  @Field(() => String, { description: 'CREATED, a lifecycle action (ASSIGN, START, …), EDITED, CONFIGURATION_CHANGED or DELETED.' })
  @Property({ type: 'text' })
  type!: string;

  @Field(() => JobStatusEnum, { nullable: true, description: 'The status before a transition.' })
  @Enum({ items: () => [...JOB_STATUSES], nativeEnumName: 'job_status', nullable: true })
  fromStatus?: JobStatus | null = null;

  @Field(() => JobStatusEnum, { nullable: true, description: 'The status after a transition.' })
  @Enum({ items: () => [...JOB_STATUSES], nativeEnumName: 'job_status', nullable: true })
  toStatus?: JobStatus | null = null;

  @Field(() => String, { nullable: true, description: 'The reason given (decline, failure, cancellation).' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null = null;

  /** exposed through JobEventFieldsResolver.changes, filtered by the rules of the fields each change describes */
  @Property({ type: 'jsonb', nullable: true })
  changes?: Record<string, { from: unknown; to: unknown }> | null = null;

  @Field(() => String, { description: 'Who: an e-mail or an API key\'s name.' })
  @Property({ type: 'text' })
  actorLabel!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actorUser?: Rel<User> | null = null;
}
