import { z } from 'zod';
import { jobConfigurationSchema } from '@partner-hub/domain';
import type { JobConfigurationInput, JobDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { settingRowsSchema } from './job-form';

/**
 * The technician's "Edit configuration" form (overrideJobConfiguration): the whole configuration
 * with libs/domain's rules, so its messages are the API's; settings as name/value rows.
 */
export const configurationFormSchema = z.object({
  configuration: jobConfigurationSchema.omit({ settings: true }).extend({ settings: settingRowsSchema }),
});

export type ConfigurationFormOutput = z.output<typeof configurationFormSchema>;

/** What the inputs hold: text everywhere ('' for none). */
export type ConfigurationFormValues = {
  configuration: {
    deviceSerial: string;
    deviceModel: string;
    firmware: string;
    installationVariant: string;
    centralLockConnectionType: string;
    fuelType: string;
    settings: { name: string; value: string }[];
  };
};

/** The fields the API's ValidationError may name (its paths equal the form's). */
export const CONFIGURATION_SERVER_FIELDS = [
  'configuration.deviceSerial',
  'configuration.deviceModel',
  'configuration.firmware',
  'configuration.installationVariant',
  'configuration.centralLockConnectionType',
  'configuration.fuelType',
] as const;

type Configuration = NonNullable<JobDetailsFieldsFragment['configuration']>;

/** The form's starting values: the job's configuration as it is. */
export function configurationFormValues(configuration: Configuration): ConfigurationFormValues {
  return {
    configuration: {
      deviceSerial: configuration.deviceSerial ?? '',
      deviceModel: configuration.deviceModel ?? '',
      firmware: configuration.firmware ?? '',
      installationVariant: configuration.installationVariant ?? '',
      centralLockConnectionType: configuration.centralLockConnectionType ?? '',
      fuelType: configuration.fuelType ?? '',
      settings: configuration.settings.map((setting) => ({ name: setting.name, value: setting.value })),
    },
  };
}

const orNull = (value: string | null | undefined) => (value ? value : null);

/** The overrideJobConfiguration input's configuration for checked values: empty texts as null. */
export function toConfigurationInput(values: ConfigurationFormOutput): JobConfigurationInput {
  const { settings, ...fields } = values.configuration;
  return {
    deviceSerial: orNull(fields.deviceSerial),
    deviceModel: orNull(fields.deviceModel),
    firmware: orNull(fields.firmware),
    installationVariant: orNull(fields.installationVariant),
    centralLockConnectionType: orNull(fields.centralLockConnectionType),
    fuelType: orNull(fields.fuelType),
    settings: settings.map((row) => ({ name: row.name, value: row.value })),
  };
}
