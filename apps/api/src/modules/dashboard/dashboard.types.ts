import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { JobKind, JobStatus } from '@partner-hub/domain';
import { JobKindEnum, JobStatusEnum, enumObject } from '../../common/graphql/enums.js';
import { LocalDateScalar } from '../../common/graphql/local-date.scalar.js';

export const DASHBOARD_SCOPES = ['PRINCIPAL', 'PARTNER', 'TECHNICIAN'] as const;
export type DashboardScope = (typeof DASHBOARD_SCOPES)[number];
export const DashboardScopeEnum = enumObject<DashboardScope>(DASHBOARD_SCOPES);
registerEnumType(DashboardScopeEnum, {
  name: 'DashboardScope',
  description:
    "Whose jobs a dashboard shows: PRINCIPAL all of the principal's; PARTNER those assigned to the partner's partnerships; TECHNICIAN the same, centred on today's work.",
});

@ObjectType({ description: 'Live jobs with one status.' })
export class DashboardStatusCount {
  @Field(() => JobStatusEnum, { description: 'The status.' })
  status!: JobStatus;

  @Field(() => Int, { description: 'How many live jobs have it.' })
  count!: number;
}

@ObjectType({ description: 'Live jobs of one kind.' })
export class DashboardKindCount {
  @Field(() => JobKindEnum, { description: 'The kind.' })
  kind!: JobKind;

  @Field(() => Int, { description: 'How many live jobs are of this kind.' })
  count!: number;

  @Field(() => Int, { description: 'How many of them are overdue.' })
  overdue!: number;
}

@ObjectType({ description: 'How far a set of jobs has come: how many are in each status.' })
export class DashboardProgress {
  @Field(() => Int, { description: 'All live jobs of the set.' })
  total!: number;

  @Field(() => Int, { description: 'PENDING: not assigned yet.' })
  pending!: number;

  @Field(() => Int, { description: 'ASSIGNED: waiting for a technician.' })
  assigned!: number;

  @Field(() => Int, { description: 'RUNNING.' })
  running!: number;

  @Field(() => Int, { description: 'SUCCEEDED.' })
  succeeded!: number;

  @Field(() => Int, { description: 'FAILED.' })
  failed!: number;

  @Field(() => Int, { description: 'CANCELLED.' })
  cancelled!: number;
}

@ObjectType({ description: 'The jobs assigned to one service partner and how far they have come.' })
export class DashboardPartnerProgress {
  @Field(() => ID, {
    description: 'The partnership (Partner.id); list its jobs with JobFilter.servicePartnerId.',
  })
  partnerId!: string;

  @Field(() => String, { description: "The partner's name." })
  name!: string;

  @Field(() => DashboardProgress, { description: 'Its jobs per status.' })
  progress!: DashboardProgress;

  @Field(() => Int, { description: 'How many of its unfinished jobs are overdue.' })
  overdue!: number;
}

@ObjectType({
  description: 'A jobs import that is running or ended in the last 24 hours, and how far its jobs have come.',
})
export class DashboardImportBatch {
  @Field(() => ID, { description: 'The batch; list its jobs with JobFilter.importBatchId.' })
  id!: string;

  @Field(() => String, { description: "The imported file's name." })
  fileName!: string;

  @Field(() => String, { description: 'RUNNING, SUCCEEDED or FAILED.' })
  status!: string;

  @Field(() => Int, { description: 'The rows of the file (while RUNNING: as its dry run counted them).' })
  rowCount!: number;

  @Field(() => Int, { description: "The rows checked so far (the import's own progress while RUNNING)." })
  processedRows!: number;

  @Field(() => Date, { description: 'When it was started.' })
  createdAt!: Date;

  @Field(() => Date, { nullable: true, description: 'When it ended.' })
  finishedAt!: Date | null;

  @Field(() => DashboardProgress, { description: 'Its jobs per status (as far as the viewer sees them).' })
  progress!: DashboardProgress;
}

@ObjectType({ description: 'A job as the dashboard lists it: no vehicle and no configuration.' })
export class DashboardJob {
  @Field(() => ID, { description: 'The job; open it with the job query.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'Its title.' })
  title!: string | null;

  @Field(() => JobKindEnum, { description: 'Its kind.' })
  kind!: JobKind;

  @Field(() => JobStatusEnum, { description: 'Its status.' })
  status!: JobStatus;

  @Field(() => LocalDateScalar, { nullable: true, description: 'The day it is planned for.' })
  scheduledFor!: string | null;

  @Field(() => String, { nullable: true, description: 'The service partner it is assigned to.' })
  servicePartnerName!: string | null;
}

@ObjectType({ description: 'One entry of the feed: something that happened to a job, by whom.' })
export class DashboardEvent {
  @Field(() => ID, { description: 'The job event.' })
  id!: string;

  @Field(() => Date, { description: 'When it happened.' })
  at!: Date;

  @Field(() => String, {
    description: 'CREATED, a lifecycle action (ASSIGN, START, …), EDITED, CONFIGURATION_CHANGED.',
  })
  type!: string;

  @Field(() => JobStatusEnum, { nullable: true, description: 'The status before a transition.' })
  fromStatus!: JobStatus | null;

  @Field(() => JobStatusEnum, { nullable: true, description: 'The status after a transition.' })
  toStatus!: JobStatus | null;

  @Field(() => String, { description: "Who: an e-mail or an API key's name." })
  actorLabel!: string;

  @Field(() => ID, { description: 'The job it happened to.' })
  jobId!: string;

  @Field(() => String, { nullable: true, description: "The job's title." })
  jobTitle!: string | null;

  @Field(() => JobKindEnum, { description: "The job's kind." })
  jobKind!: JobKind;
}

@ObjectType({ description: 'Jobs finished on one day (UTC).' })
export class DashboardDay {
  @Field(() => LocalDateScalar, { description: 'The day (UTC).' })
  day!: string;

  @Field(() => Int, { description: 'Jobs that succeeded that day.' })
  succeeded!: number;

  @Field(() => Int, { description: 'Jobs that failed that day.' })
  failed!: number;
}

@ObjectType({
  description:
    'The live job-progress dashboard over the jobs the viewer may see (docs/dashboard.md): counts per status and kind with the overdue number, progress per service partner and per recent import batch, overdue jobs, the latest events and the last 30 days. Every number comes from counters kept exact in the same transaction as each change.',
})
export class Dashboard {
  @Field(() => DashboardScopeEnum, { description: 'Whose jobs these are.' })
  scope!: DashboardScope;

  @Field(() => Date, { description: 'When the numbers were read.' })
  readAt!: Date;

  @Field(() => LocalDateScalar, {
    description: 'Today (UTC): jobs scheduled before it and not finished are overdue.',
  })
  today!: string;

  @Field(() => Int, { description: 'All live jobs.' })
  total!: number;

  @Field(() => Int, { description: 'Unfinished jobs (PENDING, ASSIGNED, RUNNING) scheduled before today.' })
  overdue!: number;

  @Field(() => [DashboardStatusCount], { description: 'Live jobs per status, every status listed.' })
  statusCounts!: DashboardStatusCount[];

  @Field(() => [DashboardKindCount], { description: 'Live jobs per kind, every kind listed.' })
  kindCounts!: DashboardKindCount[];

  @Field(() => [DashboardPartnerProgress], {
    description:
      'Progress per service partner with live jobs: the 25 with the most open work (pending, assigned, running) first.',
  })
  servicePartners!: DashboardPartnerProgress[];

  @Field(() => Int, {
    description: 'How many service partners have live jobs (servicePartners lists at most 25).',
  })
  servicePartnerCount!: number;

  @Field(() => [DashboardImportBatch], {
    description: 'Jobs imports running or ended in the last 24 hours, newest first (principal staff).',
  })
  importBatches!: DashboardImportBatch[];

  @Field(() => [DashboardJob], { description: 'The most overdue jobs, oldest schedule first (at most 10).' })
  overdueJobs!: DashboardJob[];

  @Field(() => [DashboardJob], {
    description:
      'A partner\'s open work (ASSIGNED and RUNNING jobs, running first; at most 20) — a technician\'s "my jobs today". Empty for principal staff.',
  })
  openJobs!: DashboardJob[];

  @Field(() => [DashboardEvent], {
    description: "The latest events of the viewer's jobs, newest first (at most 20).",
  })
  recentEvents!: DashboardEvent[];

  @Field(() => [DashboardDay], {
    description:
      'Jobs succeeded and failed per day over the last 30 days (UTC), oldest first, every day listed.',
  })
  daily!: DashboardDay[];
}
