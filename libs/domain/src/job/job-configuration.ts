import { z } from 'zod';
import { telematicsUnitSchema } from '../vehicle/vehicle.js';

/**
 * A job's configuration (DESIGN.md §1, Job): the telematics unit settings the technician must
 * apply — device serial, model, firmware, how it is installed — and any number of named
 * settings. Shared by the job form, templates, the jobs.csv import and the technician's override.
 */
export const JOB_CONFIGURATION_MESSAGES = {
  installationVariant: 'An installation variant has at most 60 characters.',
  centralLockConnectionType: 'A central lock connection type has at most 60 characters.',
  fuelType: 'A fuel type has at most 40 characters.',
  settingName: 'A setting name has 1 to 60 letters, digits, dots, dashes or underscores.',
  settingValue: 'A setting value has at most 500 characters.',
  tooManySettings: 'A job has at most 50 named settings.',
} as const;

const M = JOB_CONFIGURATION_MESSAGES;

const optionalText = (max: number, message: string) =>
  z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), z.string({ message }).trim().max(max, message).nullable().optional());

export const SETTING_NAME = /^[A-Za-z0-9_.-]{1,60}$/;

export const jobSettingsSchema = z
  .record(z.string(), z.string({ message: M.settingValue }).trim().max(500, M.settingValue))
  .superRefine((settings, ctx) => {
    for (const name of Object.keys(settings)) {
      if (!SETTING_NAME.test(name)) ctx.addIssue({ code: 'custom', path: [name], message: M.settingName });
    }
    if (Object.keys(settings).length > 50) ctx.addIssue({ code: 'custom', message: M.tooManySettings });
  });

export const jobConfigurationSchema = telematicsUnitSchema.extend({
  installationVariant: optionalText(60, M.installationVariant),
  centralLockConnectionType: optionalText(60, M.centralLockConnectionType),
  fuelType: optionalText(40, M.fuelType),
  settings: jobSettingsSchema.default({}),
});

export type JobConfiguration = z.output<typeof jobConfigurationSchema>;

/** The configuration fields besides the named settings, in the order forms and CSV files show them. */
export const JOB_CONFIGURATION_FIELDS = ['deviceSerial', 'deviceModel', 'firmware', 'installationVariant', 'centralLockConnectionType', 'fuelType'] as const;
export type JobConfigurationField = (typeof JOB_CONFIGURATION_FIELDS)[number];

/** The changes between two configurations, field by field and setting by setting (for the job's history). */
export function configurationChanges(before: JobConfiguration, after: JobConfiguration): Record<string, { from: string | null; to: string | null }> {
  const changes: Record<string, { from: string | null; to: string | null }> = {};
  for (const field of JOB_CONFIGURATION_FIELDS) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    if (from !== to) changes[field] = { from, to };
  }
  for (const name of new Set([...Object.keys(before.settings), ...Object.keys(after.settings)])) {
    const from = before.settings[name] ?? null;
    const to = after.settings[name] ?? null;
    if (from !== to) changes[`setting.${name}`] = { from, to };
  }
  return changes;
}

/**
 * Fills a job's configuration from a template: by default the job's own values win and the
 * template fills what the job left empty; with `preferTemplate`, the template's values win
 * wherever it has one (the jobs import's "prefer template data").
 */
export function mergeWithTemplate(job: JobConfiguration, template: JobConfiguration, preferTemplate = false): JobConfiguration {
  const [first, second] = preferTemplate ? [template, job] : [job, template];
  const merged = { ...second, ...Object.fromEntries(Object.entries(first).filter(([, v]) => v !== null && v !== undefined)) } as JobConfiguration;
  merged.settings = { ...second.settings, ...first.settings };
  return merged;
}
