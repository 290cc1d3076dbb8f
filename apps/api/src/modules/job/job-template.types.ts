import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { JobKind } from '@partner-hub/domain';
import { JobKindEnum, SortDirectionEnum, enumObject } from '../../common/graphql/enums.js';
import { EXPECTED_VERSION_RULE, UPDATE_RULE } from '../../common/graphql/update-rule.js';
import { JobConfigurationInput } from './job-configuration.types.js';
import { JobTemplate } from './job-template.entity.js';
import { JOB_TEMPLATE_SORT_FIELDS } from './job-template.service.js';
import type { JobTemplateSortField } from './job-template.service.js';

export const JobTemplateSortFieldEnum = enumObject<JobTemplateSortField>(JOB_TEMPLATE_SORT_FIELDS);
registerEnumType(JobTemplateSortFieldEnum, { name: 'JobTemplateSortField', description: 'The column a templates list is sorted by: NAME or CREATED_AT.' });

@InputType({ description: 'Narrows a list of job templates; all given conditions must hold.' })
export class JobTemplateFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name (case-insensitive).' })
  search?: string | null;

  @Field(() => JobKindEnum, { nullable: true, description: 'Only templates of this kind.' })
  kind?: JobKind | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only deleted (archived) templates. Default: only active ones.' })
  archived?: boolean | null;
}

@InputType({ description: 'How a templates list is sorted.' })
export class JobTemplateOrder {
  @Field(() => JobTemplateSortFieldEnum, { description: 'The column.' })
  field!: JobTemplateSortField;

  @Field(() => SortDirectionEnum, { description: 'The direction.' })
  direction!: 'ASC' | 'DESC';
}

@InputType({ description: 'A job template\'s fields; empty optional fields are cleared.' })
export class JobTemplateFieldsInput {
  @Field(() => String, { description: 'The name: 1 to 120 characters, unique (in any case) among the principal\'s active templates.' })
  name!: string;

  @Field(() => JobKindEnum, { description: 'The jobs\' kind.' })
  kind!: JobKind;

  @Field(() => String, { nullable: true, description: 'The jobs\' title, at most 200 characters.' })
  title?: string | null;

  @Field(() => String, { nullable: true, description: 'The jobs\' description, at most 5,000 characters.' })
  description?: string | null;

  @Field(() => String, { nullable: true, description: 'Instructions for the technician, at most 5,000 characters.' })
  instructions?: string | null;

  @Field(() => JobConfigurationInput, { nullable: true, description: 'The configuration the jobs start with; omitted: empty.' })
  configuration?: JobConfigurationInput | null;

  @Field(() => ID, { nullable: true, description: 'The default service partner: one of the principal\'s service partners that has accepted and is not archived.' })
  defaultServicePartnerId?: string | null;
}

@InputType({ description: 'A new job template.' })
export class CreateJobTemplateInput extends JobTemplateFieldsInput {}

@InputType({ description: `New fields for a job template. ${UPDATE_RULE} A configuration given replaces the whole configuration.` })
export class UpdateJobTemplateInput extends JobTemplateFieldsInput {
  @Field(() => ID, { description: 'The template.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_RULE })
  expectedVersion?: number | null;
}

@InputType({ description: 'Copies a job template.' })
export class DuplicateJobTemplateInput {
  @Field(() => ID, { description: 'The template to copy.' })
  id!: string;

  @Field(() => String, { nullable: true, description: 'The copy\'s name; omitted: the first free of "<name> (copy)", "<name> (copy 2)", …' })
  name?: string | null;
}

@InputType({ description: 'Names one job template.' })
export class JobTemplateIdInput {
  @Field(() => ID, { description: 'The template.' })
  id!: string;
}

@ObjectType({ description: 'The job template after a successful change.' })
export class JobTemplateSuccess {
  @Field(() => JobTemplate, { description: 'The template as it is now.' })
  jobTemplate!: JobTemplate;
}
