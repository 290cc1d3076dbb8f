import { describe, expect, it } from 'vitest';
import { JOB_TEMPLATE_MESSAGES } from '@partner-hub/domain';
import { jobTemplateFixture } from '../../../test/job-template-fixtures';
import { emptyJobValues } from '../forms/job-form';
import { applyTemplate, templateFormSchema, templateFormValues, templateValuesFromJob, toTemplateInput } from './template-form';

const t3 = jobTemplateFixture({ id: 't1' });
const service = jobTemplateFixture({
  id: 't2',
  kind: 'MAINTENANCE',
  title: 'Yearly check',
  description: null,
  instructions: null,
  configuration: { ...t3.configuration, deviceModel: 'T4', firmware: null, centralLockConnectionType: null, settings: [{ __typename: 'JobSetting', name: 'interval', value: '12m' }] },
  defaultServicePartner: null,
});

describe('applyTemplate', () => {
  it('fills an empty job with the template: kind, texts, configuration, settings and service partner', () => {
    const values = applyTemplate(emptyJobValues('MAINTENANCE'), null, t3);
    expect(values.kind).toBe('INSTALLATION');
    expect(values.title).toBe('Fit the T3 unit');
    expect(values.instructions).toBe('Behind the glovebox');
    expect(values.configuration).toMatchObject({ deviceModel: 'T3', firmware: '2.1', centralLockConnectionType: 'CAN', deviceSerial: '' });
    expect(values.configuration.settings).toEqual([{ name: 'odometer_source', value: 'can' }]);
    expect(values.servicePartnerId).toBe('p-fleetfit');
  });

  it("keeps the job's own values, as the API does", () => {
    const own = { ...emptyJobValues(), title: 'My title', servicePartnerId: 'p-other' };
    own.configuration = { ...own.configuration, firmware: '9.9', settings: [{ name: 'odometer_source', value: 'gps' }] };
    const values = applyTemplate(own, null, t3);
    expect(values.title).toBe('My title');
    expect(values.configuration.firmware).toBe('9.9');
    expect(values.configuration.deviceModel).toBe('T3');
    expect(values.configuration.settings).toEqual([{ name: 'odometer_source', value: 'gps' }]);
    expect(values.servicePartnerId).toBe('p-other');
  });

  it("switching templates replaces what the first one filled, not what the user changed", () => {
    const first = applyTemplate(emptyJobValues(), null, t3);
    const edited = { ...first, description: 'Edited by hand', configuration: { ...first.configuration, settings: [...first.configuration.settings, { name: 'mine', value: '1' }] } };
    const values = applyTemplate(edited, t3, service);
    expect(values.kind).toBe('MAINTENANCE');
    expect(values.title).toBe('Yearly check');
    expect(values.description).toBe('Edited by hand');
    expect(values.instructions).toBe('');
    expect(values.configuration).toMatchObject({ deviceModel: 'T4', firmware: '', centralLockConnectionType: '' });
    expect(values.configuration.settings).toEqual([
      { name: 'mine', value: '1' },
      { name: 'interval', value: '12m' },
    ]);
    expect(values.servicePartnerId).toBeNull();
  });

  it('clearing the template removes its untouched values', () => {
    expect(applyTemplate(applyTemplate(emptyJobValues(), null, t3), t3, null)).toEqual({ ...emptyJobValues(), kind: 'INSTALLATION' });
  });
});

describe('template form', () => {
  it("checks a template with the domain's messages", () => {
    const result = templateFormSchema.safeParse({ ...templateFormValues(null), name: '  ', title: 'x'.repeat(201) });
    expect(result.success).toBe(false);
    const messages = result.error?.issues.map((issue) => issue.message);
    expect(messages).toContain(JOB_TEMPLATE_MESSAGES.name);
    expect(messages).toContain(JOB_TEMPLATE_MESSAGES.title);
  });

  it("Save as template takes the job's kind, texts, configuration and service partner as a template", () => {
    const job = applyTemplate({ ...emptyJobValues(), vehicleId: 'v1', scheduledFor: '2026-12-01' }, null, t3);
    const parsed = templateFormSchema.parse(templateValuesFromJob(' Copy of T3 ', job));
    expect(toTemplateInput(parsed)).toEqual({
      name: 'Copy of T3',
      kind: 'INSTALLATION',
      title: 'Fit the T3 unit',
      description: 'Standard installation',
      instructions: 'Behind the glovebox',
      defaultServicePartnerId: 'p-fleetfit',
      configuration: {
        deviceSerial: null,
        deviceModel: 'T3',
        firmware: '2.1',
        installationVariant: null,
        centralLockConnectionType: 'CAN',
        fuelType: null,
        settings: [{ name: 'odometer_source', value: 'can' }],
      },
    });
  });
});
