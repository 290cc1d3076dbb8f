import { z } from 'zod';
import { JOB_CONFIGURATION_FIELDS, JOB_CONFIGURATION_MESSAGES, JOB_KINDS, SETTING_NAME, calendarDaySchema, jobConfigurationSchema, jobTextSchema } from '@partner-hub/domain';
import type { JobConfigurationField, JobKind } from '@partner-hub/domain';
import type { CreateJobInput, JobConfigurationInput, JobDetailsFieldsFragment, UpdateJobInput } from '@partner-hub/graphql-client';

const M = JOB_CONFIGURATION_MESSAGES;

/** Messages of the form's own choices (the texts', the day's and the configuration's rules and messages come from libs/domain). */
export const JOB_FORM_MESSAGES = {
  vehicle: 'Choose the vehicle.',
  servicePartner: 'Choose the service partner to assign the job to.',
  duplicateSetting: 'Each setting name may appear once.',
} as const;

/** The named settings as editable rows: the domain's name and value rules, names unique. */
export const settingRowsSchema = z
  .array(
    z.object({
      name: z.string().trim().regex(SETTING_NAME, M.settingName),
      value: z.string().trim().max(500, M.settingValue),
    }),
  )
  .max(50, M.tooManySettings)
  .superRefine((rows, ctx) => {
    const seen = new Set<string>();
    rows.forEach((row, index) => {
      if (seen.has(row.name)) ctx.addIssue({ code: 'custom', path: [index, 'name'], message: JOB_FORM_MESSAGES.duplicateSetting });
      seen.add(row.name);
    });
  });

/**
 * The New job form, checked with libs/domain's field and configuration rules (the ones the API applies);
 * `assign` is set by the button pressed ("Save & Assign" needs a service partner).
 */
export const jobFormSchema = z
  .object({
    kind: z.enum(JOB_KINDS),
    vehicleId: z.string({ message: JOB_FORM_MESSAGES.vehicle }).min(1, JOB_FORM_MESSAGES.vehicle),
    title: jobTextSchema('title'),
    description: jobTextSchema('description'),
    instructions: jobTextSchema('instructions'),
    scheduledFor: z.literal('').or(calendarDaySchema),
    servicePartnerId: z.string().nullable(),
    assign: z.boolean(),
    templateId: z.string().nullable(),
    configuration: jobConfigurationSchema.omit({ settings: true }).extend({ settings: settingRowsSchema }),
  })
  .superRefine((values, ctx) => {
    if (values.assign && !values.servicePartnerId) {
      ctx.addIssue({ code: 'custom', path: ['servicePartnerId'], message: JOB_FORM_MESSAGES.servicePartner });
    }
  });

export type JobFormOutput = z.output<typeof jobFormSchema>;

/** A configuration as the inputs hold it: text everywhere, the named settings as rows. */
export type JobConfigurationValues = {
  deviceSerial: string;
  deviceModel: string;
  firmware: string;
  installationVariant: string;
  centralLockConnectionType: string;
  fuelType: string;
  settings: { name: string; value: string }[];
};

/** A configuration as the API answers it or as a form checked it: each field a text or nothing, the named settings as rows. */
type ConfigurationData = { [field in JobConfigurationField]?: string | null } & { settings: readonly { name: string; value: string }[] };

/** Empty configuration inputs. */
export function emptyConfigurationValues(): JobConfigurationValues {
  return { deviceSerial: '', deviceModel: '', firmware: '', installationVariant: '', centralLockConnectionType: '', fuelType: '', settings: [] };
}

/** A job's or a template's configuration as the inputs hold it ('' for a field without value). */
export function configurationValues(configuration: ConfigurationData | null | undefined): JobConfigurationValues {
  const values = emptyConfigurationValues();
  if (!configuration) return values;
  for (const field of JOB_CONFIGURATION_FIELDS) values[field] = configuration[field] ?? '';
  values.settings = configuration.settings.map(({ name, value }) => ({ name, value }));
  return values;
}

/** An input's text for the API: empty as null. */
export const textOrNull = (value: string | null | undefined) => (value ? value : null);

/** The API's configuration input for checked values: empty texts as null — shared by jobs, templates and the technician's override. */
export function toConfigurationInput(configuration: ConfigurationData): JobConfigurationInput {
  const input: JobConfigurationInput = { settings: configuration.settings.map(({ name, value }) => ({ name, value })) };
  for (const field of JOB_CONFIGURATION_FIELDS) input[field] = textOrNull(configuration[field]);
  return input;
}

/** What the inputs hold: text everywhere, the day as YYYY-MM-DD ('' for none). */
export type JobFormValues = {
  kind: JobKind;
  vehicleId: string;
  title: string;
  description: string;
  instructions: string;
  scheduledFor: string;
  servicePartnerId: string | null;
  assign: boolean;
  /** the template the job starts from (it fills what the job leaves empty), if any */
  templateId: string | null;
  configuration: JobConfigurationValues;
};

/** The fields the API's ValidationError may name (its paths equal the form's). */
export const JOB_SERVER_FIELDS = [
  'vehicleId',
  'title',
  'description',
  'instructions',
  'scheduledFor',
  'servicePartnerId',
  'templateId',
  'configuration.deviceSerial',
  'configuration.deviceModel',
  'configuration.firmware',
  'configuration.installationVariant',
  'configuration.centralLockConnectionType',
  'configuration.fuelType',
] as const;

/** Empty inputs for "New job" of a kind (the open tab's). */
export function emptyJobValues(kind: JobKind = 'INSTALLATION'): JobFormValues {
  return {
    kind,
    vehicleId: '',
    title: '',
    description: '',
    instructions: '',
    scheduledFor: '',
    servicePartnerId: null,
    assign: false,
    templateId: null,
    configuration: emptyConfigurationValues(),
  };
}

/** The createJob input for checked form values: empty texts as null, settings as name/value rows. */
export function toCreateJobInput(values: JobFormOutput): CreateJobInput {
  return {
    kind: values.kind,
    vehicleId: values.vehicleId,
    title: textOrNull(values.title),
    description: textOrNull(values.description),
    instructions: textOrNull(values.instructions),
    scheduledFor: textOrNull(values.scheduledFor),
    servicePartnerId: values.assign ? values.servicePartnerId : null,
    assign: values.assign,
    ...(values.templateId ? { templateId: values.templateId } : {}),
    configuration: toConfigurationInput(values.configuration),
  };
}

/** A job's details as form inputs — for "Edit" (its own values) and "Duplicate" (a new PENDING job like it). */
export function toJobFormValues(job: JobDetailsFieldsFragment): JobFormValues {
  return {
    kind: job.kind,
    vehicleId: job.vehicle?.id ?? '',
    title: job.title ?? '',
    description: job.description ?? '',
    instructions: job.instructions ?? '',
    scheduledFor: job.scheduledFor ?? '',
    servicePartnerId: job.servicePartner?.id ?? null,
    assign: false,
    // the job's values are already merged with its template: a copy stands on its own
    templateId: null,
    configuration: configurationValues(job.configuration),
  };
}

/** The updateJob input for checked form values (kind, vehicle and service partner are not edited). */
export function toUpdateJobInput(id: string, values: JobFormOutput): UpdateJobInput {
  const { kind: _kind, vehicleId: _vehicleId, servicePartnerId: _partner, assign: _assign, ...rest } = toCreateJobInput(values);
  return { id, ...rest };
}
