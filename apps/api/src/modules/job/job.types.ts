import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import { BULK_JOB_ACTIONS } from '@partner-hub/domain';
import type { BulkJobAction, JobAction, JobKind, JobStatus } from '@partner-hub/domain';
import { JobActionEnum, JobKindEnum, JobStatusEnum, SortDirectionEnum, enumObject } from '../../common/graphql/enums.js';
import { EXPECTED_VERSION_RULE, UPDATE_RULE } from '../../common/graphql/update-rule.js';
import { JobConfigurationInput } from './job-configuration.types.js';
import { Job } from './job.entity.js';
import { JOB_SORT_FIELDS } from './job.service.js';
import type { JobSortField } from './job.service.js';
import { LocalDateScalar } from '../../common/graphql/local-date.scalar.js';

export const JobSortFieldEnum = enumObject<JobSortField>(JOB_SORT_FIELDS);
registerEnumType(JobSortFieldEnum, { name: 'JobSortField', description: 'The column a jobs list is sorted by.' });

export const BulkJobActionEnum = enumObject<BulkJobAction>(BULK_JOB_ACTIONS);
registerEnumType(BulkJobActionEnum, {
  name: 'BulkJobAction',
  description: 'What a bulk action does to each selected job: the lifecycle\'s ASSIGN, UNASSIGN, REASSIGN and CANCEL; RESCHEDULE (where updateJob may change the schedule: PENDING and ASSIGNED); DELETE (anything but a running job).',
});

@InputType({ description: 'Narrows a list of jobs; all given conditions must hold.' })
export class JobFilter {
  @Field(() => JobStatusEnum, { nullable: true, description: 'Only jobs in this status (e.g. FAILED).' })
  status?: JobStatus | null;

  @Field(() => JobKindEnum, { nullable: true, description: 'Only installations or only maintenance.' })
  kind?: JobKind | null;

  @Field(() => ID, { nullable: true, description: 'Only jobs of this service partner.' })
  servicePartnerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only jobs on this vehicle.' })
  vehicleId?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Scheduled on or after this date (YYYY-MM-DD).' })
  scheduledFrom?: string | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'Scheduled on or before this date (YYYY-MM-DD).' })
  scheduledTo?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only jobs created by this import batch.' })
  importBatchId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Only jobs scheduled before today and not finished.' })
  overdue?: boolean | null;
}

@InputType({ description: 'How a jobs list is sorted.' })
export class JobOrder {
  @Field(() => JobSortFieldEnum, { description: 'The column.' })
  field!: JobSortField;

  @Field(() => SortDirectionEnum, { description: 'The direction.' })
  direction!: 'ASC' | 'DESC';
}

@InputType({ description: 'A new job: "Save" keeps it PENDING; with assign and a service partner ("Save & Assign") it is ASSIGNED at once.' })
export class CreateJobInput {
  @Field(() => JobKindEnum, { description: 'INSTALLATION or MAINTENANCE.' })
  kind!: JobKind;

  @Field(() => ID, { description: 'The vehicle.' })
  vehicleId!: string;

  @Field(() => String, { nullable: true, description: 'A short title.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'What the job is about.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Instructions for the technician.' })
  instructions?: string | null;

  @Field(() => JobConfigurationInput, { nullable: true, description: 'The telematics unit configuration to apply.' })
  configuration?: JobConfigurationInput | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The planned day (YYYY-MM-DD).' })
  scheduledFor?: string | null;

  @Field(() => ID, { nullable: true, description: 'The service partner (an accepted service partner of the principal).' })
  servicePartnerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'Assign to the service partner at once.' })
  assign?: boolean | null;

  @Field(() => Date, { nullable: true, description: 'When the technicians\' access to the vehicle ends at the latest (it also ends with the job).' })
  accessUntil?: Date | null;

  @Field(() => ID, { nullable: true, description: 'Create from this template: its title, texts, configuration and default service partner fill what the job leaves empty.' })
  templateId?: string | null;
}

@InputType({ description: 'One lifecycle action on a job (DESIGN.md §2).' })
export class TransitionJobInput {
  @Field(() => ID, { description: 'The job.' })
  id!: string;

  @Field(() => JobActionEnum, { description: 'The action.' })
  action!: JobAction;

  @Field(() => String, { nullable: true, description: 'Required to decline, fail and cancel; kept in the history.' })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: 'ASSIGN and REASSIGN: the service partner.' })
  servicePartnerId?: string | null;

  @Field(() => Date, { nullable: true, description: 'ASSIGN and REASSIGN: when the technicians\' access ends at the latest.' })
  accessUntil?: Date | null;
}

@InputType({ description: 'Names one job.' })
export class JobIdInput {
  @Field(() => ID, { description: 'The job.' })
  id!: string;
}

@ObjectType({ description: 'The job after a successful change.' })
export class JobSuccess {
  @Field(() => Job, { description: 'The job as it is now.' })
  job!: Job;
}

@InputType({ description: `New details for a job: a PENDING job changes fully; an ASSIGNED one only its schedule and instructions. ${UPDATE_RULE}` })
export class UpdateJobInput {
  @Field(() => ID, { description: 'The job.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_RULE })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'A short title.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'What the job is about.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Instructions for the technician.' })
  instructions?: string | null;

  @Field(() => JobConfigurationInput, { nullable: true, description: 'The whole configuration to apply (replaces the one before); null: an empty configuration.' })
  configuration?: JobConfigurationInput | null;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The planned day (YYYY-MM-DD).' })
  scheduledFor?: string | null;
}

@InputType({ description: 'A running job\'s configuration as the technician applied it (only with the partner\'s allowJobOverride).' })
export class OverrideJobConfigurationInput {
  @Field(() => ID, { description: 'The job.' })
  id!: string;

  @Field(() => JobConfigurationInput, { description: 'The whole configuration as applied.' })
  configuration!: JobConfigurationInput;
}

@InputType({ description: 'One action on many jobs (assign, unassign, reassign, cancel, reschedule, delete).' })
export class BulkJobActionInput {
  @Field(() => [ID], { description: 'The jobs, at most 1,000.' })
  ids!: string[];

  @Field(() => BulkJobActionEnum, { description: 'The action.' })
  action!: BulkJobAction;

  @Field(() => LocalDateScalar, { nullable: true, description: 'RESCHEDULE: the new day (YYYY-MM-DD).' })
  scheduledFor?: string | null;

  @Field(() => String, { nullable: true, description: 'Required to cancel; kept in each job\'s history.' })
  reason?: string | null;

  @Field(() => ID, { nullable: true, description: 'ASSIGN and REASSIGN: the service partner.' })
  servicePartnerId?: string | null;

  @Field(() => Date, { nullable: true, description: 'ASSIGN and REASSIGN: when the technicians\' access ends at the latest.' })
  accessUntil?: Date | null;
}

@ObjectType({ description: 'A selected job the action refuses, and why.' })
export class RefusedJob {
  @Field(() => Job, { description: 'The job.' })
  job!: Job;

  @Field(() => String, { description: 'Why the action is refused for it (the same sentence the single mutation would answer).' })
  message!: string;
}

@ObjectType({ description: 'What a bulk action changes and what it refuses (the preview), or changed and refused (the result).' })
export class BulkJobActionPlan {
  @Field(() => [Job], { description: 'The jobs the action changes.' })
  applicable!: Job[];

  @Field(() => [RefusedJob], { description: 'The jobs it refuses, each with the reason.' })
  refused!: RefusedJob[];
}
