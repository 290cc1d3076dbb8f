import { z } from 'zod';
import { JOB_CONFIGURATION_MESSAGES, JOB_KINDS, SETTING_NAME, jobConfigurationSchema } from '@partner-hub/domain';
import type { JobKind } from '@partner-hub/domain';
import type { CreateJobInput, JobDetailsFieldsFragment, UpdateJobInput } from '@partner-hub/graphql-client';

const M = JOB_CONFIGURATION_MESSAGES;

/** Messages of the job form's own fields (the configuration's come from libs/domain). */
export const JOB_FORM_MESSAGES = {
  vehicle: 'Choose the vehicle.',
  servicePartner: 'Choose the service partner to assign the job to.',
  title: 'A title has at most 200 characters.',
  description: 'A description has at most 5000 characters.',
  instructions: 'Instructions have at most 5000 characters.',
  duplicateSetting: 'Each setting name may appear once.',
} as const;

const text = (max: number, message: string) => z.string().trim().max(max, message);

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
 * The New job form, checked with libs/domain's configuration rules (the ones the API applies);
 * `assign` is set by the button pressed ("Save & Assign" needs a service partner).
 */
export const jobFormSchema = z
  .object({
    kind: z.enum(JOB_KINDS),
    vehicleId: z.string({ message: JOB_FORM_MESSAGES.vehicle }).min(1, JOB_FORM_MESSAGES.vehicle),
    title: text(200, JOB_FORM_MESSAGES.title),
    description: text(5000, JOB_FORM_MESSAGES.description),
    instructions: text(5000, JOB_FORM_MESSAGES.instructions),
    scheduledFor: z.string(),
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
    configuration: {
      deviceSerial: '',
      deviceModel: '',
      firmware: '',
      installationVariant: '',
      centralLockConnectionType: '',
      fuelType: '',
      settings: [],
    },
  };
}

const orNull = (value: string | null | undefined) => (value ? value : null);

/** The createJob input for checked form values: empty texts as null, settings as name/value rows. */
export function toCreateJobInput(values: JobFormOutput): CreateJobInput {
  const { settings, ...configuration } = values.configuration;
  return {
    kind: values.kind,
    vehicleId: values.vehicleId,
    title: orNull(values.title),
    description: orNull(values.description),
    instructions: orNull(values.instructions),
    scheduledFor: orNull(values.scheduledFor),
    servicePartnerId: values.assign ? values.servicePartnerId : null,
    assign: values.assign,
    ...(values.templateId ? { templateId: values.templateId } : {}),
    configuration: {
      deviceSerial: orNull(configuration.deviceSerial),
      deviceModel: orNull(configuration.deviceModel),
      firmware: orNull(configuration.firmware),
      installationVariant: orNull(configuration.installationVariant),
      centralLockConnectionType: orNull(configuration.centralLockConnectionType),
      fuelType: orNull(configuration.fuelType),
      settings: settings.map((row) => ({ name: row.name, value: row.value })),
    },
  };
}

/** A job's details as form inputs — for "Edit" (its own values) and "Duplicate" (a new PENDING job like it). */
export function toJobFormValues(job: JobDetailsFieldsFragment): JobFormValues {
  const configuration = job.configuration;
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
    configuration: {
      deviceSerial: configuration?.deviceSerial ?? '',
      deviceModel: configuration?.deviceModel ?? '',
      firmware: configuration?.firmware ?? '',
      installationVariant: configuration?.installationVariant ?? '',
      centralLockConnectionType: configuration?.centralLockConnectionType ?? '',
      fuelType: configuration?.fuelType ?? '',
      settings: (configuration?.settings ?? []).map((setting) => ({ name: setting.name, value: setting.value })),
    },
  };
}

/** The updateJob input for checked form values (kind, vehicle and service partner are not edited). */
export function toUpdateJobInput(id: string, values: JobFormOutput): UpdateJobInput {
  const { kind: _kind, vehicleId: _vehicleId, servicePartnerId: _partner, assign: _assign, ...rest } = toCreateJobInput(values);
  return { id, ...rest };
}
