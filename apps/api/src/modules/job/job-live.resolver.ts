import { Arg, Field, ID, InputType, ObjectType, Resolver, Subscription, registerEnumType } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import type { JobKind, JobStatus } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import type { JobChangeKind } from '../../common/context/events.js';
import { Allow } from '../../common/auth/authorize.js';
import { JobKindEnum, JobStatusEnum, enumObject } from '../../common/graphql/enums.js';
import { JobEvent } from './job-event.entity.js';
import { Job } from './job.entity.js';
import { jobChanges, jobEventsAdded } from './job-live.js';
import type { JobChangeData } from './job-live.js';

export const JobChangeKindEnum = enumObject<JobChangeKind>(['CREATED', 'UPDATED', 'TRANSITIONED', 'CONFIGURATION_OVERRIDDEN', 'DELETED', 'IMPORTED']);
registerEnumType(JobChangeKindEnum, {
  name: 'JobChangeKind',
  description: 'What happened to a job: CREATED, UPDATED (edited or rescheduled), TRANSITIONED (a lifecycle action), CONFIGURATION_OVERRIDDEN, DELETED — or IMPORTED: a jobs import committed (one change for the whole batch).',
});

@InputType({ description: 'Narrows jobChanged; all given conditions must hold, on the job as it is after the change. A job that left the subscriber\'s view is matched by its kind, vehicle, import batch and the service partner it left.' })
export class JobChangeFilter {
  @Field(() => JobKindEnum, { nullable: true, description: 'Only installations or only maintenance.' })
  kind?: JobKind | null;

  @Field(() => JobStatusEnum, { nullable: true, description: 'Only jobs in this status after the change.' })
  status?: JobStatus | null;

  @Field(() => ID, { nullable: true, description: 'Only jobs of this service partner (an import: one that assigned jobs to it).' })
  servicePartnerId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only jobs on this vehicle.' })
  vehicleId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only jobs of this import batch (and that batch\'s IMPORTED change).' })
  importBatchId?: string | null;
}

@ObjectType({ description: 'One committed change of one job, as the subscriber may see it (or of a whole import batch).' })
export class JobChange implements JobChangeData {
  @Field(() => JobChangeKindEnum, { description: 'What happened.' })
  change!: JobChangeKind;

  @Field(() => ID, { nullable: true, description: 'The job; null for IMPORTED (refetch the batch\'s jobs).' })
  jobId!: string | null;

  @Field(() => ID, { nullable: true, description: 'The import batch that created the job, or the batch of an IMPORTED change (for principal staff and jobs of the subscriber\'s import).' })
  importBatchId!: string | null;

  @Field(() => Job, { nullable: true, description: 'The job as the subscriber may see it now (a technician: no vehicle or configuration without an active grant); null when it was deleted, is no longer the subscriber\'s to see, or for IMPORTED.' })
  job!: Job | null;
}

interface JobChangedArgs {
  filter?: JobChangeFilter | null;
}

interface JobEventAddedArgs {
  jobId: string;
  after?: string | null;
}

@Resolver()
export class JobLiveResolver {
  @Allow('jobs:read')
  @Subscription(() => JobChange, {
    subscribe: ({ args, context }: { args: JobChangedArgs; context: RequestContext }) => jobChanges(context, args.filter ?? {}),
    description:
      'Every committed change of the jobs the subscriber may see (principal staff: their principal\'s; a partner\'s people: the jobs assigned to their partnerships), one JobChange per job — rights checked at each delivery; never before the change commits, never for a rolled-back one. A job taken from the subscriber (unassigned, declined, reassigned elsewhere) arrives once more with job null. A jobs import arrives as one IMPORTED change. After a reconnect, refetch what is shown: changes made meanwhile are not replayed.',
  })
  jobChanged(
    @Arg('filter', () => JobChangeFilter, { nullable: true, description: 'Narrows the changes.' }) _filter: JobChangeFilter | null,
    @Parent() change: JobChangeData,
  ): JobChangeData {
    return change;
  }

  @Allow('jobs:read')
  @Subscription(() => JobEvent, {
    subscribe: ({ args, context }: { args: JobEventAddedArgs; context: RequestContext }) => jobEventsAdded(context, args.jobId, args.after),
    description:
      'The history of one job the subscriber may see (as Job.events shows it), each event as it is recorded — the DELETED one included. With after (the id of the last event the client saw), first the events recorded after it: a client that reconnects misses nothing.',
  })
  jobEventAdded(
    @Arg('jobId', () => ID, { description: 'The job.' }) _jobId: string,
    @Arg('after', () => ID, { nullable: true, description: 'The last event the client saw: events after it are replayed first.' }) _after: string | null,
    @Parent() event: JobEvent,
  ): JobEvent {
    return event;
  }
}
