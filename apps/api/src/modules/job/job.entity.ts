import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JOB_KINDS, JOB_STATUSES } from '@partner-hub/domain';
import type { JobConfiguration, JobKind, JobStatus } from '@partner-hub/domain';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { JobKindEnum, JobStatusEnum } from '../../common/graphql/enums.js';
import { Organization } from '../organization/organization.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { User } from '../user/user.entity.js';
import { Vehicle } from '../vehicle/vehicle.entity.js';
import type { ImportBatch } from '../import/import-batch.entity.js';
import type { JobTemplate } from './job-template.entity.js';
import { LocalDateScalar } from '../../common/graphql/local-date.scalar.js';

/**
 * An installation or maintenance job on one vehicle (DESIGN.md §1, §2). Its status moves only
 * through the lifecycle table of libs/domain (job-lifecycle.ts); `version` guards concurrent
 * transitions (two technicians pressing Start: exactly one wins). Deleted jobs are kept
 * (`deletedAt`) with their history.
 */
@ObjectType({ description: 'An installation or maintenance job on one vehicle.' })
@Entity({ tableName: 'job' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
// the list always has its tab (kind): partial indexes over live jobs serve its pages in order and
// its counts as index-only scans (bench-jobs.ts)
@Index({ name: 'job_list_kind_index', expression: 'create index "job_list_kind_index" on "job" ("principal_id", "kind", "created_at", "id") where "deleted_at" is null' })
@Index({ name: 'job_list_kind_status_index', expression: 'create index "job_list_kind_status_index" on "job" ("principal_id", "kind", "status", "created_at", "id") where "deleted_at" is null' })
@Index({ name: 'job_list_status_index', expression: 'create index "job_list_status_index" on "job" ("principal_id", "status", "created_at", "id") where "deleted_at" is null' })
// overdue = scheduled before today and not finished: its count reads only unfinished jobs
@Index({
  name: 'job_list_overdue_index',
  expression: `create index "job_list_overdue_index" on "job" ("principal_id", "kind", "scheduled_for") where "deleted_at" is null and "status" in ('PENDING', 'ASSIGNED', 'RUNNING')`,
})
// the dashboard (docs/dashboard.md): overdue counts per service partner as an index-only scan, and the
// overdue jobs oldest first; a partner's recent activity from its most recently changed jobs
@Index({
  name: 'job_dashboard_overdue_index',
  expression: `create index "job_dashboard_overdue_index" on "job" ("principal_id", "scheduled_for", "service_partner_id", "kind") where "deleted_at" is null and "status" in ('PENDING', 'ASSIGNED', 'RUNNING')`,
})
@Index({ name: 'job_partner_recent_index', expression: 'create index "job_partner_recent_index" on "job" ("service_partner_id", "updated_at") where "deleted_at" is null' })
@Index({ properties: ['principal', 'scheduledFor'] })
@Index({ properties: ['servicePartner', 'status'] })
@Index({ properties: ['vehicle'] })
@Index({ properties: ['importBatch'] })
/*
 * Relations carry `filters: false`: a job's own tenant filter already confines it to its principal,
 * and its vehicle, partner, technician, template and batch are that principal's. Without it
 * MikroORM joins all five into every list page and count to apply their tenant filters — the
 * count of a 500,000-job tab then hash-joined the vehicle table (see docs/benchmarks.md, Jobs benchmark).
 */
export class Job extends BaseEntity<
  'status' | 'title' | 'description' | 'instructions' | 'scheduledFor' | 'servicePartner' | 'technician' | 'failureReason' | 'cancelReason' | 'attempt' | 'template' | 'importBatch' | 'deletedAt' | 'version'
> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @Field(() => JobKindEnum, { description: 'INSTALLATION or MAINTENANCE.' })
  @Enum({ items: () => [...JOB_KINDS], nativeEnumName: 'job_kind' })
  kind!: JobKind;

  @Field(() => JobStatusEnum, { description: 'Where the job is in its lifecycle.' })
  @Enum({ items: () => [...JOB_STATUSES], nativeEnumName: 'job_status' })
  status: JobStatus = 'PENDING';

  @Field(() => String, { nullable: true, description: 'A short title.' })
  @Property({ type: 'text', nullable: true })
  title?: string | null = null;

  @Field(() => String, { nullable: true, description: 'What the job is about.' })
  @Property({ type: 'text', nullable: true })
  description?: string | null = null;

  @Field(() => String, { nullable: true, description: 'Instructions for the technician.' })
  @Property({ type: 'text', nullable: true })
  instructions?: string | null = null;

  @ManyToOne(() => Vehicle, { deleteRule: 'restrict', filters: false })
  vehicle!: Rel<Vehicle>;

  /** the telematics unit settings to apply (see jobConfigurationSchema) */
  @Property({ type: 'jsonb' })
  configuration!: JobConfiguration;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day the job is planned for (YYYY-MM-DD).' })
  @Property({ type: 'date', nullable: true })
  scheduledFor?: string | null = null;

  @ManyToOne(() => Partner, { nullable: true, deleteRule: 'restrict', filters: false })
  servicePartner?: Rel<Partner> | null = null;

  /** the technician who started the current attempt */
  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null', filters: false })
  technician?: Rel<User> | null = null;

  @Field(() => String, { nullable: true, description: 'The technician\'s explanation of a failure.' })
  @Property({ type: 'text', nullable: true })
  failureReason?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The principal\'s reason for cancelling.' })
  @Property({ type: 'text', nullable: true })
  cancelReason?: string | null = null;

  @Field(() => Int, { description: 'The attempt: 1, and one more after each reassignment of a failed job.' })
  @Property({ type: 'integer' })
  attempt = 1;

  @ManyToOne({ entity: 'JobTemplate', nullable: true, deleteRule: 'set null', filters: false })
  template?: Rel<JobTemplate> | null = null;

  @ManyToOne({ entity: 'ImportBatch', nullable: true, deleteRule: 'set null', filters: false })
  importBatch?: Rel<ImportBatch> | null = null;

  @Property({ ...timestamptz(), nullable: true })
  deletedAt?: Date | null = null;

  /** optimistic concurrency (common/db/versioned.ts): a transition or edit applies only to the version it read */
  @Field(() => Int, { description: 'Bumped by every change to the job. Send it back as `expectedVersion` when updating it: if it changed meanwhile the update answers `VersionConflictError` and writes nothing.' })
  @Property({ version: true })
  version = 1;

  @Field(() => Date, { description: 'When the job was created.' })
  declare createdAt: Date;
}
