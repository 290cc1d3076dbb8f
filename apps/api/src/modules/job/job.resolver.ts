import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver, createUnionType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { Connection } from '../../common/graphql/connection.js';
import { nodeSelection } from '../../common/graphql/node-selection.js';
import { NotFoundError, ValidationError, VersionConflictError } from '../../common/errors/error-results.js';
import { fromConfigurationInput } from './job-configuration.types.js';
import { InvalidTransitionError } from './job.errors.js';
import { Job } from './job.entity.js';
import { findVisibleJob } from '../access/job-scope.js';
import { bulkJobAction, createJob, deleteJob, listJobs, overrideJobConfiguration, planBulkJobAction, transitionJob, updateJob } from './job.service.js';
import type { BulkJobPlan } from './job.service.js';
import { BulkJobActionInput, BulkJobActionPlan, CreateJobInput, JobFilter, RefusedJob, JobIdInput, JobOrder, JobSuccess, OverrideJobConfigurationInput, TransitionJobInput, UpdateJobInput } from './job.types.js';

export const JobConnection = Connection(Job);

const JobResult = createUnionType({
  name: 'JobResult',
  description: 'The outcome of a change to a job.',
  types: () => [JobSuccess, ValidationError, NotFoundError, InvalidTransitionError, VersionConflictError] as const,
});

const success = (job: Job) => Object.assign(new JobSuccess(), { job });

const BulkJobActionResult = createUnionType({
  name: 'BulkJobActionResult',
  description: 'The outcome of bulkJobAction.',
  types: () => [BulkJobActionPlan, ValidationError, NotFoundError] as const,
});

const toPlan = (plan: BulkJobPlan) =>
  Object.assign(new BulkJobActionPlan(), { applicable: plan.applicable, refused: plan.refused.map((r) => Object.assign(new RefusedJob(), r)) });

@Resolver(() => Job)
export class JobResolver {
  @Allow('jobs:read')
  @Query(() => JobConnection, { description: 'Jobs the viewer may see: all of a principal\'s; a partner\'s people those assigned to it.' })
  jobs(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
    @Arg('filter', () => JobFilter, { nullable: true, description: 'Narrows the list.' }) filter?: JobFilter | null,
    @Arg('orderBy', () => JobOrder, { nullable: true, description: 'Sort order; newest first when omitted.' }) orderBy?: JobOrder | null,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listJobs(ctx, filter ?? {}, orderBy ?? { field: 'CREATED_AT', direction: 'DESC' }, first, after, info ? nodeSelection(info, Job) : undefined);
  }

  @Allow('jobs:read')
  @Query(() => Job, { description: 'One job the viewer may see (NOT_FOUND otherwise, whether or not it exists).' })
  job(@Arg('id', () => ID, { description: 'The job\'s id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Job> {
    return findVisibleJob(ctx, id);
  }

  @Allow('jobs:write')
  @Mutation(() => JobResult, { description: 'Creates a job: PENDING ("Save"), or ASSIGNED at once with assign and a service partner ("Save & Assign").' })
  async createJob(@Arg('input', () => CreateJobInput, { description: 'The job.' }) input: CreateJobInput, @Ctx() ctx: RequestContext) {
    return success(await createJob(ctx, { ...input, configuration: fromConfigurationInput(input.configuration) }));
  }

  @Allow('jobs:read')
  @Mutation(() => JobResult, {
    description: 'Takes one lifecycle action (DESIGN.md §2): the principal assigns, unassigns, reassigns and cancels; the service partner\'s admin declines; its technicians start; the starting technician or the admin succeed or fail. Anything else is an InvalidTransitionError.',
  })
  async transitionJob(@Arg('input', () => TransitionJobInput, { description: 'The job and the action.' }) input: TransitionJobInput, @Ctx() ctx: RequestContext) {
    return success(await transitionJob(ctx, input));
  }

  @Allow('jobs:write')
  @Mutation(() => JobResult, { description: 'Edits a job: a PENDING one fully, an ASSIGNED one only its schedule and instructions.' })
  async updateJob(@Arg('input', () => UpdateJobInput, { description: 'The job and its new details.' }) input: UpdateJobInput, @Ctx() ctx: RequestContext) {
    return success(await updateJob(ctx, { ...input, configuration: input.configuration === undefined ? undefined : fromConfigurationInput(input.configuration) }));
  }

  @Allow('jobWork:write')
  @Mutation(() => JobResult, {
    description: 'The running technician (or the partner admin) records the configuration actually applied — only if the service partner has allowJobOverride; every change is kept with old and new values.',
  })
  async overrideJobConfiguration(@Arg('input', () => OverrideJobConfigurationInput, { description: 'The job and its configuration.' }) input: OverrideJobConfigurationInput, @Ctx() ctx: RequestContext) {
    return success(await overrideJobConfiguration(ctx, input.id, fromConfigurationInput(input.configuration)));
  }

  @Allow('jobs:write')
  @Query(() => BulkJobActionPlan, { description: 'The confirmation of a bulk action: which selected jobs it would change, and which it would refuse and why.' })
  async bulkJobActionPreview(@Arg('input', () => BulkJobActionInput, { description: 'The jobs and the action.' }) input: BulkJobActionInput, @Ctx() ctx: RequestContext) {
    return toPlan(await planBulkJobAction(ctx, input));
  }

  @Allow('jobs:write')
  @Mutation(() => BulkJobActionResult, { description: 'Applies one action to every selected job the lifecycle allows (all of them or none) and reports the refused ones; one e-mail per service partner.' })
  async bulkJobAction(@Arg('input', () => BulkJobActionInput, { description: 'The jobs and the action.' }) input: BulkJobActionInput, @Ctx() ctx: RequestContext) {
    return toPlan(await bulkJobAction(ctx, input));
  }

  @Allow('jobs:write')
  @Mutation(() => JobResult, { description: 'Deletes a job (kept with its history, hidden from lists) and ends its access grant; running jobs cannot be deleted.' })
  async deleteJob(@Arg('input', () => JobIdInput, { description: 'The job.' }) input: JobIdInput, @Ctx() ctx: RequestContext) {
    return success(await deleteJob(ctx, input.id));
  }
}
