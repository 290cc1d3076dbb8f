import { z } from 'zod';
import { jobConfigurationSchema } from '@partner-hub/domain';
import type { JobDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { configurationValues, settingRowsSchema } from './job-form';
import type { JobConfigurationValues } from './job-form';

/**
 * The technician's "Edit configuration" form (overrideJobConfiguration): the whole configuration
 * with libs/domain's rules, so its messages are the API's; settings as name/value rows.
 */
export const configurationFormSchema = z.object({
  configuration: jobConfigurationSchema.omit({ settings: true }).extend({ settings: settingRowsSchema }),
});

export type ConfigurationFormOutput = z.output<typeof configurationFormSchema>;

/** What the inputs hold: text everywhere ('' for none). */
export type ConfigurationFormValues = { configuration: JobConfigurationValues };

/** The fields the API's ValidationError may name (its paths equal the form's). */
export const CONFIGURATION_SERVER_FIELDS = [
  'configuration.deviceSerial',
  'configuration.deviceModel',
  'configuration.firmware',
  'configuration.installationVariant',
  'configuration.centralLockConnectionType',
  'configuration.fuelType',
] as const;

/** The form's starting values: the job's configuration as it is. */
export function configurationFormValues(configuration: NonNullable<JobDetailsFieldsFragment['configuration']>): ConfigurationFormValues {
  return { configuration: configurationValues(configuration) };
}
