import { describe, expect, it } from 'vitest';
import { JOB_CONFIGURATION_MESSAGES, configurationChanges, jobConfigurationSchema, mergeWithTemplate } from './job-configuration.js';

const parse = (input: object) => jobConfigurationSchema.parse(input);

describe('jobConfigurationSchema', () => {
  it('stores empty fields as null and defaults the settings', () => {
    expect(parse({ deviceSerial: ' CB1 ', fuelType: '' })).toEqual({ deviceSerial: 'CB1', fuelType: null, settings: {} });
  });

  it('refuses bad setting names and too long values', () => {
    const result = jobConfigurationSchema.safeParse({ settings: { 'bad name': 'x', ok: 'v'.repeat(501) } });
    expect(result.error?.issues.map((i) => i.message).sort()).toEqual([JOB_CONFIGURATION_MESSAGES.settingName, JOB_CONFIGURATION_MESSAGES.settingValue].sort());
  });
});

describe('mergeWithTemplate', () => {
  const template = parse({ deviceModel: 'CloudBoxx 4', firmware: '5.0.2', settings: { odometer_source: 'CAN', speed_limit: '120' } });
  const job = parse({ deviceSerial: 'CB9', firmware: '4.3.0', settings: { odometer_source: 'GPS' } });

  it('lets the job win and the template fill the gaps by default', () => {
    expect(mergeWithTemplate(job, template)).toEqual({
      deviceSerial: 'CB9',
      deviceModel: 'CloudBoxx 4',
      firmware: '4.3.0',
      settings: { odometer_source: 'GPS', speed_limit: '120' },
    });
  });

  it('lets the template win with "prefer template data"', () => {
    expect(mergeWithTemplate(job, template, true)).toEqual({
      deviceSerial: 'CB9',
      deviceModel: 'CloudBoxx 4',
      firmware: '5.0.2',
      settings: { odometer_source: 'CAN', speed_limit: '120' },
    });
  });
});

describe('configurationChanges', () => {
  it('lists changed fields and settings with old and new values', () => {
    const before = parse({ firmware: '4.3.0', settings: { a: '1', b: '2' } });
    const after = parse({ firmware: '5.0.2', settings: { a: '1', c: '3' } });
    expect(configurationChanges(before, after)).toEqual({
      firmware: { from: '4.3.0', to: '5.0.2' },
      'setting.b': { from: '2', to: null },
      'setting.c': { from: null, to: '3' },
    });
  });
});
