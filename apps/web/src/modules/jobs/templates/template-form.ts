import { z } from 'zod';
import { JOB_CONFIGURATION_FIELDS, jobConfigurationSchema, jobTemplateSchema } from '@partner-hub/domain';
import type { JobKind } from '@partner-hub/domain';
import type { CreateJobTemplateInput, JobTemplateFieldsFragment } from '@partner-hub/graphql-client';
import { configurationValues, emptyConfigurationValues, settingRowsSchema, textOrNull, toConfigurationInput } from '../forms/job-form';
import type { JobConfigurationValues, JobFormValues } from '../forms/job-form';

/**
 * The template dialog's form, checked with libs/domain's `jobTemplateSchema` (the rules the API
 * applies, so the messages match), the configuration's named settings as editable rows.
 */
export const templateFormSchema = jobTemplateSchema.omit({ configuration: true }).extend({
  configuration: jobConfigurationSchema.omit({ settings: true }).extend({ settings: settingRowsSchema }),
  defaultServicePartnerId: z.string().nullable(),
});

export type TemplateFormOutput = z.output<typeof templateFormSchema>;

/** What the template dialog's inputs hold (text everywhere). */
export type TemplateFormValues = {
  name: string;
  kind: JobKind;
  title: string;
  description: string;
  instructions: string;
  defaultServicePartnerId: string | null;
  configuration: JobConfigurationValues;
};

/** The fields the API's ValidationError may name (its paths equal the form's). */
export const TEMPLATE_SERVER_FIELDS = [
  'name',
  'kind',
  'title',
  'description',
  'instructions',
  'defaultServicePartnerId',
  ...JOB_CONFIGURATION_FIELDS.map((field) => `configuration.${field}` as const),
] as const;

/** The inputs for a template: empty (a new one of `kind`) or the template's values (to edit it). */
export function templateFormValues(template: JobTemplateFieldsFragment | null, kind: JobKind = 'INSTALLATION'): TemplateFormValues {
  if (!template) {
    return { name: '', kind, title: '', description: '', instructions: '', defaultServicePartnerId: null, configuration: emptyConfigurationValues() };
  }
  return {
    name: template.name,
    kind: template.kind,
    title: template.title ?? '',
    description: template.description ?? '',
    instructions: template.instructions ?? '',
    defaultServicePartnerId: template.defaultServicePartner?.id ?? null,
    configuration: configurationValues(template.configuration),
  };
}

/** The createJobTemplate / updateJobTemplate fields for checked values: empty texts as null. */
export function toTemplateInput(values: TemplateFormOutput): CreateJobTemplateInput {
  return {
    name: values.name,
    kind: values.kind,
    title: textOrNull(values.title),
    description: textOrNull(values.description),
    instructions: textOrNull(values.instructions),
    defaultServicePartnerId: values.defaultServicePartnerId ?? null,
    configuration: toConfigurationInput(values.configuration),
  };
}

/** "Save as template": the New job dialog's current values as a template's (the vehicle, day and assignment stay with the job). */
export function templateValuesFromJob(name: string, job: JobFormValues): TemplateFormValues {
  return {
    name,
    kind: job.kind,
    title: job.title,
    description: job.description,
    instructions: job.instructions,
    defaultServicePartnerId: job.servicePartnerId,
    configuration: job.configuration,
  };
}

type JobTextField = 'title' | 'description' | 'instructions';
const JOB_TEXT_FIELDS: readonly JobTextField[] = ['title', 'description', 'instructions'];

/**
 * The New job dialog's values after choosing the template `next` in place of `previous` (either
 * may be none). Like the API, the job's own values win: a field takes the new template's value
 * only where it is empty or still holds what the previous template put there; a setting is added
 * only when the job does not name it yet, and the previous template's untouched settings go.
 */
export function applyTemplate(values: JobFormValues, previous: JobTemplateFieldsFragment | null, next: JobTemplateFieldsFragment | null): JobFormValues {
  const before = previous ? templateFormValues(previous) : null;
  const after = next ? templateFormValues(next) : null;
  const pick = (current: string, previousValue: string | undefined, nextValue: string | undefined) =>
    current === '' || current === previousValue ? (nextValue ?? '') : current;

  const result: JobFormValues = { ...values, configuration: { ...values.configuration } };
  if (after) result.kind = after.kind;
  for (const field of JOB_TEXT_FIELDS) result[field] = pick(values[field], before?.[field], after?.[field]);
  for (const field of JOB_CONFIGURATION_FIELDS) {
    result.configuration[field] = pick(values.configuration[field], before?.configuration[field], after?.configuration[field]);
  }
  const fromPrevious = new Set((before?.configuration.settings ?? []).map((row) => `${row.name}\u0000${row.value}`));
  const kept = values.configuration.settings.filter((row) => !fromPrevious.has(`${row.name}\u0000${row.value}`));
  const named = new Set(kept.map((row) => row.name));
  result.configuration.settings = [...kept, ...(after?.configuration.settings ?? []).filter((row) => !named.has(row.name))];
  const partner = values.servicePartnerId;
  result.servicePartnerId =
    partner === null || partner === (before?.defaultServicePartnerId ?? null) ? (after?.defaultServicePartnerId ?? null) : partner;
  return result;
}
