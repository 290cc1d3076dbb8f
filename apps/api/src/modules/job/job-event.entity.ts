import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { JOB_STATUSES } from '@partner-hub/domain';
import type { JobStatus } from '@partner-hub/domain';
import { BaseEntity } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';
import { Job } from './job.entity.js';

/**
 * One entry of a job's history (DESIGN.md §2): a transition (from → to, with its reason), an
 * edit, or a configuration override with old and new values — who, when, why.
 */
@Entity({ tableName: 'job_event' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Index({ properties: ['job', 'createdAt'] })
@Index({ properties: ['principal', 'createdAt'] })
export class JobEvent extends BaseEntity<'fromStatus' | 'toStatus' | 'reason' | 'changes' | 'actorUser'> {
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @ManyToOne(() => Job, { deleteRule: 'cascade' })
  job!: Rel<Job>;

  /** CREATED, ASSIGN, START, …, EDITED, CONFIGURATION_CHANGED, DELETED */
  @Property({ type: 'text' })
  type!: string;

  @Enum({ items: () => [...JOB_STATUSES], nativeEnumName: 'job_status', nullable: true })
  fromStatus?: JobStatus | null = null;

  @Enum({ items: () => [...JOB_STATUSES], nativeEnumName: 'job_status', nullable: true })
  toStatus?: JobStatus | null = null;

  @Property({ type: 'text', nullable: true })
  reason?: string | null = null;

  @Property({ type: 'jsonb', nullable: true })
  changes?: Record<string, { from: unknown; to: unknown }> | null = null;

  @Property({ type: 'text' })
  actorLabel!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actorUser?: Rel<User> | null = null;
}
