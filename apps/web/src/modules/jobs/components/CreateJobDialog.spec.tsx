import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { JOB_CONFIGURATION_MESSAGES, JOB_TEMPLATE_MESSAGES } from '@partner-hub/domain';
import { CreateJobDocument, CreateJobTemplateDocument, JobTemplateDocument, JobVehicleOptionsDocument } from '@partner-hub/graphql-client';
import type { CreateJobInput, CreateJobMutation } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { jobDetailsFixture, servicePartnerOptionsMock } from '../../../test/job-fixtures';
import { jobTemplateFixture, jobTemplateOptionsMock } from '../../../test/job-template-fixtures';
import { JOB_FORM_MESSAGES } from '../forms/job-form';
import { CreateJobDialog } from './CreateJobDialog';

const vehicleOptions: MockLink.MockedResponse = {
  request: { query: JobVehicleOptionsDocument, variables: { search: '', first: 20 } },
  result: {
    data: {
      vehicles: {
        __typename: 'VehicleConnection',
        edges: [
          { __typename: 'VehicleEdge', node: { __typename: 'Vehicle', id: 'v1', vin: 'WAUZZZ8V0KA000001', make: 'Aurora', model: 'Orion', plate: 'B-AB 1' } },
        ],
      },
    },
  },
  maxUsageCount: Number.POSITIVE_INFINITY,
};

function createMock(input: CreateJobInput, result: CreateJobMutation['createJob']): MockLink.MockedResponse {
  return { request: { query: CreateJobDocument, variables: { input } }, result: { data: { createJob: result } } };
}

const created: CreateJobMutation['createJob'] = { __typename: 'JobSuccess', job: jobDetailsFixture({ id: 'j-new' }) };

const t3 = jobTemplateFixture({ id: 't1', name: 'T3 install' });
const templateOptions = [jobTemplateOptionsMock('MAINTENANCE', []), jobTemplateOptionsMock('INSTALLATION', [t3])];

function renderDialog(mocks: MockLink.MockedResponse[], templateId?: string) {
  const onCreated = vi.fn();
  render(
    <MockedProvider mocks={[vehicleOptions, servicePartnerOptionsMock('ACCEPTED'), ...templateOptions, ...mocks]} cache={createCache()}>
      <AntApp>
        <CreateJobDialog open kind="MAINTENANCE" templateId={templateId} onClose={vi.fn()} onCreated={onCreated} />
      </AntApp>
    </MockedProvider>,
  );
  return { onCreated };
}

const dialog = () => screen.getByRole('dialog');
const type = (label: string, value: string) => fireEvent.change(within(dialog()).getByLabelText(label), { target: { value } });
const press = (name: string) => fireEvent.click(within(dialog()).getByRole('button', { name: new RegExp(`^(loading ?)?${name}$`) }));

async function chooseVehicle() {
  fireEvent.mouseDown(within(dialog()).getByRole('combobox', { name: 'Vehicle' }));
  fireEvent.click(await screen.findByTitle('WAUZZZ8V0KA000001 · Aurora Orion · B-AB 1'));
}

async function choosePartner() {
  fireEvent.mouseDown(within(dialog()).getByRole('combobox', { name: 'Service partner' }));
  fireEvent.click(await screen.findByTitle('FleetFit Service (FFT3Q)'));
}

const baseInput: CreateJobInput = {
  kind: 'MAINTENANCE',
  vehicleId: 'v1',
  title: 'Replace unit',
  description: null,
  instructions: null,
  scheduledFor: null,
  servicePartnerId: null,
  assign: false,
  configuration: {
    deviceSerial: 'TU-77',
    deviceModel: null,
    firmware: null,
    installationVariant: null,
    centralLockConnectionType: null,
    fuelType: null,
    settings: [{ name: 'odometer_source', value: 'can' }],
  },
};

async function fillValid() {
  await chooseVehicle();
  type('Title', ' Replace unit ');
  type('Device serial', 'TU-77');
  fireEvent.click(within(dialog()).getByRole('button', { name: /Add setting/ }));
  type('Setting 1 name', 'odometer_source');
  type('Setting 1 value', 'can');
}

describe('CreateJobDialog', () => {
  it("checks the form with the domain's rules; Save & Assign needs a service partner", async () => {
    const { onCreated } = renderDialog([]);
    press('Save & Assign');
    expect(await within(dialog()).findByText(JOB_FORM_MESSAGES.vehicle)).toBeTruthy();
    expect(within(dialog()).getByText(JOB_FORM_MESSAGES.servicePartner)).toBeTruthy();

    fireEvent.click(within(dialog()).getByRole('button', { name: /Add setting/ }));
    type('Setting 1 name', 'bad name!');
    type('Fuel type', 'x'.repeat(41));
    press('Save');
    // "Save" alone does not need a partner; the other problems stay
    await waitFor(() => expect(within(dialog()).queryByText(JOB_FORM_MESSAGES.servicePartner)).toBeNull());
    expect(within(dialog()).getByText(JOB_FORM_MESSAGES.vehicle)).toBeTruthy();
    expect(within(dialog()).getByText(JOB_CONFIGURATION_MESSAGES.settingName)).toBeTruthy();
    expect(within(dialog()).getByText(JOB_CONFIGURATION_MESSAGES.fuelType)).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('Save sends a pending job without assigning it', async () => {
    const { onCreated } = renderDialog([createMock(baseInput, created)]);
    await fillValid();
    press('Save');
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('j-new'));
  });

  it('Save & Assign sends the chosen service partner with assign', async () => {
    const { onCreated } = renderDialog([createMock({ ...baseInput, servicePartnerId: 'p-fleetfit', assign: true }, created)]);
    await fillValid();
    await choosePartner();
    press('Save & Assign');
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('j-new'));
  });

  it("puts the server's field errors on the fields they name and the rest above the form", async () => {
    const { onCreated } = renderDialog([
      createMock({ ...baseInput, servicePartnerId: 'p-fleetfit', assign: true }, {
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid.',
        field: 'servicePartnerId',
        fieldErrors: [
          { __typename: 'FieldError', field: 'servicePartnerId', message: 'This service partner has not accepted its invitation yet.' },
          { __typename: 'FieldError', field: 'configuration.deviceSerial', message: 'A device serial has at most 60 characters.' },
        ],
      }),
    ]);
    await fillValid();
    await choosePartner();
    press('Save & Assign');
    expect(await within(dialog()).findByText('This service partner has not accepted its invitation yet.')).toBeTruthy();
    expect(within(dialog()).getByText('A device serial has at most 60 characters.')).toBeTruthy();
    expect(within(dialog()).getByLabelText('Device serial').getAttribute('aria-invalid')).toBe('true');
    expect(onCreated).not.toHaveBeenCalled();
  });

  describe('from a template', () => {
    const fromT3: CreateJobInput = {
      kind: 'INSTALLATION',
      vehicleId: 'v1',
      title: 'Fit a T3 in the fleet car',
      description: 'Standard installation',
      instructions: 'Behind the glovebox',
      scheduledFor: null,
      servicePartnerId: 'p-fleetfit',
      assign: true,
      templateId: 't1',
      configuration: {
        deviceSerial: 'TU-77',
        deviceModel: 'T3',
        firmware: '2.1',
        installationVariant: null,
        centralLockConnectionType: 'CAN',
        fuelType: null,
        settings: [{ name: 'odometer_source', value: 'can' }],
      },
    };
    const value = (label: string) => (within(dialog()).getByLabelText(label) as HTMLInputElement).value;

    it('"Create new job" on a template opens the dialog filled from it; the job\'s own values win', async () => {
      const { onCreated } = renderDialog(
        [{ request: { query: JobTemplateDocument, variables: { id: 't1' } }, result: { data: { jobTemplate: t3 } } }, createMock(fromT3, created)],
        't1',
      );
      await screen.findByRole('dialog');
      expect(within(dialog()).getByText('T3 install')).toBeTruthy();
      expect(within(dialog()).getByText('Installation', { selector: '.ant-segmented-item-selected *' })).toBeTruthy();
      expect(value('Title')).toBe('Fit the T3 unit');
      expect(value('Device model')).toBe('T3');
      expect(value('Setting 1 name')).toBe('odometer_source');
      expect(await within(dialog()).findByText('FleetFit Service (FFT3Q)')).toBeTruthy();

      type('Title', 'Fit a T3 in the fleet car');
      type('Device serial', 'TU-77');
      await chooseVehicle();
      press('Save & Assign');
      await waitFor(() => expect(onCreated).toHaveBeenCalledWith('j-new'));
    });

    it('the Template picker offers templates of the chosen kind and fills the form', async () => {
      const { onCreated } = renderDialog([createMock({ ...fromT3, title: 'Fit the T3 unit', assign: false, servicePartnerId: null }, created)]);
      fireEvent.click(within(dialog()).getByText('Installation'));
      fireEvent.mouseDown(within(dialog()).getByRole('combobox', { name: 'Template' }));
      fireEvent.click(await screen.findByTitle('T3 install'));
      await waitFor(() => expect(value('Title')).toBe('Fit the T3 unit'));
      expect(value('Firmware')).toBe('2.1');
      type('Device serial', 'TU-77');
      await chooseVehicle();
      press('Save');
      await waitFor(() => expect(onCreated).toHaveBeenCalledWith('j-new'));
    });
  });

  describe('Save as template', () => {
    const templateInput = {
      name: 'Unit swap',
      kind: 'MAINTENANCE' as const,
      title: 'Replace unit',
      description: null,
      instructions: null,
      defaultServicePartnerId: null,
      configuration: {
        deviceSerial: 'TU-77',
        deviceModel: null,
        firmware: null,
        installationVariant: null,
        centralLockConnectionType: null,
        fuelType: null,
        settings: [{ name: 'odometer_source', value: 'can' }],
      },
    };

    it("asks for a name, shows a taken name on it and saves the dialog's values as a template", async () => {
      renderDialog([
        {
          request: { query: CreateJobTemplateDocument, variables: { input: templateInput } },
          result: {
            data: {
              createJobTemplate: {
                __typename: 'ValidationError',
                code: 'VALIDATION_FAILED',
                message: 'Some fields are invalid.',
                field: 'name',
                fieldErrors: [{ __typename: 'FieldError', field: 'name', message: 'A template named "Unit swap" already exists.' }],
              },
            },
          },
        },
        {
          request: { query: CreateJobTemplateDocument, variables: { input: { ...templateInput, name: 'Unit swap 2' } } },
          result: { data: { createJobTemplate: { __typename: 'JobTemplateSuccess', jobTemplate: jobTemplateFixture({ id: 't5', name: 'Unit swap 2' }) } } },
        },
      ]);
      // no vehicle needed: a template has none
      type('Title', 'Replace unit');
      type('Device serial', 'TU-77');
      fireEvent.click(within(dialog()).getByRole('button', { name: /Add setting/ }));
      type('Setting 1 name', 'odometer_source');
      type('Setting 1 value', 'can');
      press('Save as template…');
      await waitFor(() => expect(screen.getAllByRole('dialog')).toHaveLength(2));
      const prompt = screen.getAllByRole('dialog')[1];
      expect(within(prompt).getByText('Save as template')).toBeTruthy();
      fireEvent.click(within(prompt).getByRole('button', { name: /^(loading ?)?Save template$/ }));
      expect(await within(prompt).findByText(JOB_TEMPLATE_MESSAGES.name)).toBeTruthy();

      fireEvent.change(within(prompt).getByLabelText('Template name'), { target: { value: 'Unit swap' } });
      fireEvent.click(within(prompt).getByRole('button', { name: /^(loading ?)?Save template$/ }));
      expect(await within(prompt).findByText('A template named "Unit swap" already exists.')).toBeTruthy();

      fireEvent.change(within(prompt).getByLabelText('Template name'), { target: { value: 'Unit swap 2' } });
      fireEvent.click(within(prompt).getByRole('button', { name: /^(loading ?)?Save template$/ }));
      expect(await screen.findByText('The template “Unit swap 2” was saved.')).toBeTruthy();
      // the job being created stays open with its values
      expect((within(screen.getAllByRole('dialog')[0]).getByLabelText('Title') as HTMLInputElement).value).toBe('Replace unit');
    });

    it("refuses values that break the job form's rules before asking for a name", async () => {
      renderDialog([]);
      type('Fuel type', 'x'.repeat(41));
      press('Save as template…');
      expect(await within(dialog()).findByText(JOB_CONFIGURATION_MESSAGES.fuelType)).toBeTruthy();
      expect(screen.getAllByRole('dialog')).toHaveLength(1);
    });
  });
});
