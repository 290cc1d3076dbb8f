import { Field, InputType, ObjectType, registerEnumType } from 'type-graphql';
import { CONFIGURATION_OVERRIDE_STATES } from '@partner-hub/domain';
import type { ConfigurationOverrideState, JobConfiguration } from '@partner-hub/domain';
import { ValidationFailed } from '../../common/errors/app-errors.js';
import { enumObject } from '../../common/graphql/enums.js';

export const ConfigurationOverrideStateEnum = enumObject<ConfigurationOverrideState>(CONFIGURATION_OVERRIDE_STATES);
registerEnumType(ConfigurationOverrideStateEnum, {
  name: 'ConfigurationOverrideState',
  description: 'Whether the viewer may change a job\'s configuration now (overrideJobConfiguration).',
  valuesConfig: {
    ALLOWED: { description: 'Yes: the viewer runs the job (or is its service partner\'s admin), it runs, and the partner allows overrides.' },
    PARTNER_DISALLOWS: { description: 'No: the viewer\'s organization (the job\'s service partner) does not have allowJobOverride.' },
    NOT_RUNNING: { description: 'No: the partner may override, but only while the job runs.' },
    NOT_YOURS: { description: 'No: only the technician running the job or the service partner\'s admin may.' },
  },
});

@ObjectType({ description: 'One named configuration setting.' })
export class JobSetting {
  @Field(() => String, { description: 'The setting\'s name, e.g. odometer_source.' })
  name!: string;

  @Field(() => String, { description: 'Its value.' })
  value!: string;
}

@ObjectType({ description: 'The telematics unit configuration a technician must apply.' })
export class JobConfigurationType {
  @Field(() => String, { nullable: true, description: 'Device serial number.' })
  deviceSerial!: string | null;

  @Field(() => String, { nullable: true, description: 'Device model.' })
  deviceModel!: string | null;

  @Field(() => String, { nullable: true, description: 'Firmware version.' })
  firmware!: string | null;

  @Field(() => String, { nullable: true, description: 'Installation variant, e.g. keyless.' })
  installationVariant!: string | null;

  @Field(() => String, { nullable: true, description: 'Central lock connection type, e.g. CAN or analog.' })
  centralLockConnectionType!: string | null;

  @Field(() => String, { nullable: true, description: 'Fuel type.' })
  fuelType!: string | null;

  @Field(() => [JobSetting], { description: 'Named settings, sorted by name.' })
  settings!: JobSetting[];
}

@InputType({ description: 'One named configuration setting.' })
export class JobSettingInput {
  @Field(() => String, { description: 'Letters, digits, dots, dashes or underscores, at most 60.' })
  name!: string;

  @Field(() => String, { description: 'At most 500 characters.' })
  value!: string;
}

@InputType({ description: 'A telematics unit configuration; empty fields are cleared.' })
export class JobConfigurationInput {
  @Field(() => String, { nullable: true, description: 'Device serial number.' })
  deviceSerial?: string | null;

  @Field(() => String, { nullable: true, description: 'Device model.' })
  deviceModel?: string | null;

  @Field(() => String, { nullable: true, description: 'Firmware version.' })
  firmware?: string | null;

  @Field(() => String, { nullable: true, description: 'Installation variant.' })
  installationVariant?: string | null;

  @Field(() => String, { nullable: true, description: 'Central lock connection type.' })
  centralLockConnectionType?: string | null;

  @Field(() => String, { nullable: true, description: 'Fuel type.' })
  fuelType?: string | null;

  @Field(() => [JobSettingInput], { nullable: true, description: 'Named settings (names unique).' })
  settings?: JobSettingInput[] | null;
}

/** The stored configuration in its GraphQL form. */
export function toConfigurationType(configuration: JobConfiguration): JobConfigurationType {
  return Object.assign(new JobConfigurationType(), {
    deviceSerial: configuration.deviceSerial ?? null,
    deviceModel: configuration.deviceModel ?? null,
    firmware: configuration.firmware ?? null,
    installationVariant: configuration.installationVariant ?? null,
    centralLockConnectionType: configuration.centralLockConnectionType ?? null,
    fuelType: configuration.fuelType ?? null,
    settings: Object.entries(configuration.settings)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([name, value]) => Object.assign(new JobSetting(), { name, value })),
  });
}

/** A configuration input as the domain schema reads it (settings as a record); a setting named twice is refused. */
export function fromConfigurationInput(input: JobConfigurationInput | null | undefined): Record<string, unknown> {
  const { settings, ...fields } = input ?? {};
  const names = (settings ?? []).map((s) => s.name.trim());
  const twice = names.find((name, i) => names.indexOf(name) !== i);
  if (twice !== undefined) throw ValidationFailed.of('configuration.settings', `The setting "${twice}" is named twice; give each setting once.`);
  return { ...fields, settings: Object.fromEntries((settings ?? []).map((s) => [s.name.trim(), s.value])) };
}
