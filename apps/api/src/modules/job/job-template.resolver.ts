import { Arg, Ctx, ID, Int, Mutation, Query, Resolver, createUnionType } from 'type-graphql';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { Connection } from '../../common/graphql/connection.js';
import { NotFoundError, ValidationError, VersionConflictError } from '../../common/errors/error-results.js';
import { JobTemplate } from './job-template.entity.js';
import {
  DEFAULT_JOB_TEMPLATE_ORDER,
  createJobTemplate,
  duplicateJobTemplate,
  findVisibleTemplate,
  listJobTemplates,
  setJobTemplateArchived,
  updateJobTemplate,
} from './job-template.service.js';
import {
  CreateJobTemplateInput,
  DuplicateJobTemplateInput,
  JobTemplateFilter,
  JobTemplateIdInput,
  JobTemplateOrder,
  JobTemplateSuccess,
  UpdateJobTemplateInput,
} from './job-template.types.js';

export const JobTemplateConnection = Connection(JobTemplate);

const JobTemplateResult = createUnionType({
  name: 'JobTemplateResult',
  description: 'The outcome of a change to a job template.',
  types: () => [JobTemplateSuccess, ValidationError, NotFoundError, VersionConflictError] as const,
});

const success = (jobTemplate: JobTemplate) => Object.assign(new JobTemplateSuccess(), { jobTemplate });

@Resolver(() => JobTemplate)
export class JobTemplateResolver {
  @Allow('jobs:read')
  @Query(() => JobTemplateConnection, { description: 'The principal\'s job templates (its own staff only), by name unless ordered otherwise.' })
  jobTemplates(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
    @Arg('filter', () => JobTemplateFilter, { nullable: true, description: 'Narrows the list; active templates only unless `archived` is set.' }) filter?: JobTemplateFilter | null,
    @Arg('orderBy', () => JobTemplateOrder, { nullable: true, description: 'Sort order; by name, A to Z, when omitted.' }) orderBy?: JobTemplateOrder | null,
  ) {
    return listJobTemplates(ctx, filter ?? {}, orderBy ?? DEFAULT_JOB_TEMPLATE_ORDER, first, after);
  }

  @Allow('jobs:read')
  @Query(() => JobTemplate, { description: 'One job template, deleted ones included (NOT_FOUND for anyone who may not see it, whether or not it exists).' })
  jobTemplate(@Arg('id', () => ID, { description: 'The template\'s id.' }) id: string, @Ctx() ctx: RequestContext): Promise<JobTemplate> {
    return findVisibleTemplate(ctx, id);
  }

  @Allow('jobs:write')
  @Mutation(() => JobTemplateResult, { description: 'Records a new job template; its name must be free among the principal\'s active templates.' })
  async createJobTemplate(
    @Arg('input', () => CreateJobTemplateInput, { description: 'The template.' }) input: CreateJobTemplateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof JobTemplateResult> {
    return success(await createJobTemplate(ctx, input));
  }

  @Allow('jobs:write')
  @Mutation(() => JobTemplateResult, { description: 'Changes the fields of a job template it is given; jobs created from it earlier keep their values.' })
  async updateJobTemplate(
    @Arg('input', () => UpdateJobTemplateInput, { description: 'The template and its new fields.' }) input: UpdateJobTemplateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof JobTemplateResult> {
    const { id, ...fields } = input;
    return success(await updateJobTemplate(ctx, id, fields));
  }

  @Allow('jobs:write')
  @Mutation(() => JobTemplateResult, { description: 'Copies a job template, by default as "<name> (copy)" (then "(copy 2)", …).' })
  async duplicateJobTemplate(
    @Arg('input', () => DuplicateJobTemplateInput, { description: 'The template and, optionally, the copy\'s name.' }) input: DuplicateJobTemplateInput,
    @Ctx() ctx: RequestContext,
  ): Promise<typeof JobTemplateResult> {
    return success(await duplicateJobTemplate(ctx, input.id, input.name));
  }

  @Allow('jobs:write')
  @Mutation(() => JobTemplateResult, { description: 'Deletes a job template: it is archived (kept for the jobs and history that refer to it) and its name is free again.' })
  async deleteJobTemplate(@Arg('input', () => JobTemplateIdInput, { description: 'The template.' }) input: JobTemplateIdInput, @Ctx() ctx: RequestContext): Promise<typeof JobTemplateResult> {
    return success(await setJobTemplateArchived(ctx, input.id, true));
  }

  @Allow('jobs:write')
  @Mutation(() => JobTemplateResult, { description: 'Restores a deleted job template; no active template may have its name.' })
  async restoreJobTemplate(@Arg('input', () => JobTemplateIdInput, { description: 'The template.' }) input: JobTemplateIdInput, @Ctx() ctx: RequestContext): Promise<typeof JobTemplateResult> {
    return success(await setJobTemplateArchived(ctx, input.id, false));
  }
}
