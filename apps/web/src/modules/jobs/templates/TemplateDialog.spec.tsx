import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { JOB_CONFIGURATION_MESSAGES, JOB_TEMPLATE_MESSAGES } from '@partner-hub/domain';
import { CreateJobTemplateDocument, UpdateJobTemplateDocument } from '@partner-hub/graphql-client';
import type { CreateJobTemplateInput, JobTemplateFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { servicePartnerOptionsMock } from '../../../test/job-fixtures';
import { jobTemplateFixture } from '../../../test/job-template-fixtures';
import { TemplateDialog } from './TemplateDialog';

function renderDialog(template: JobTemplateFieldsFragment | null, mocks: MockLink.MockedResponse[]) {
  const onClose = vi.fn();
  render(
    <MockedProvider mocks={[servicePartnerOptionsMock('ACCEPTED'), ...mocks]} cache={createCache()}>
      <AntApp>
        <TemplateDialog open template={template} onClose={onClose} />
      </AntApp>
    </MockedProvider>,
  );
  return { onClose };
}

const dialog = () => screen.getByRole('dialog');
const type = (label: string, value: string) => fireEvent.change(within(dialog()).getByLabelText(label), { target: { value } });
const press = (name: string) => fireEvent.click(within(dialog()).getByRole('button', { name: new RegExp(`^(loading ?)?${name}$`) }));

const input: CreateJobTemplateInput = {
  name: 'Yearly check',
  kind: 'MAINTENANCE',
  title: 'Check the unit',
  description: null,
  instructions: null,
  defaultServicePartnerId: null,
  configuration: {
    deviceSerial: null,
    deviceModel: 'T4',
    firmware: null,
    installationVariant: null,
    centralLockConnectionType: null,
    fuelType: null,
    settings: [{ name: 'interval', value: '12m' }],
  },
};

function fill() {
  type('Name', ' Yearly check ');
  fireEvent.click(within(dialog()).getByText('Maintenance'));
  type('Job title', 'Check the unit');
  type('Device model', 'T4');
  fireEvent.click(within(dialog()).getByRole('button', { name: /Add setting/ }));
  type('Setting 1 name', 'interval');
  type('Setting 1 value', '12m');
}

describe('TemplateDialog', () => {
  it("checks a template with the domain's rules before sending it", async () => {
    const { onClose } = renderDialog(null, []);
    fireEvent.click(within(dialog()).getByRole('button', { name: /Add setting/ }));
    type('Setting 1 name', 'bad name!');
    type('Fuel type', 'x'.repeat(41));
    press('Create');
    expect(await within(dialog()).findByText(JOB_TEMPLATE_MESSAGES.name)).toBeTruthy();
    expect(within(dialog()).getByText(JOB_CONFIGURATION_MESSAGES.settingName)).toBeTruthy();
    expect(within(dialog()).getByText(JOB_CONFIGURATION_MESSAGES.fuelType)).toBeTruthy();
    expect(onClose).not.toHaveBeenCalled();
  });

  it("creates a template and puts the API's field errors on their fields", async () => {
    const { onClose } = renderDialog(null, [
      {
        request: { query: CreateJobTemplateDocument, variables: { input } },
        result: {
          data: {
            createJobTemplate: {
              __typename: 'ValidationError',
              code: 'VALIDATION_FAILED',
              message: 'Some fields are invalid.',
              field: 'name',
              fieldErrors: [
                { __typename: 'FieldError', field: 'name', message: 'A template named "Yearly check" already exists.' },
                { __typename: 'FieldError', field: 'configuration.deviceModel', message: 'A device model has at most 60 characters.' },
              ],
            },
          },
        },
      },
      {
        request: { query: CreateJobTemplateDocument, variables: { input: { ...input, name: 'Yearly check 2' } } },
        result: { data: { createJobTemplate: { __typename: 'JobTemplateSuccess', jobTemplate: jobTemplateFixture({ id: 't9', name: 'Yearly check 2' }) } } },
      },
    ]);
    fill();
    press('Create');
    expect(await within(dialog()).findByText('A template named "Yearly check" already exists.')).toBeTruthy();
    expect(within(dialog()).getByLabelText('Name').getAttribute('aria-invalid')).toBe('true');
    expect(within(dialog()).getByLabelText('Device model').getAttribute('aria-invalid')).toBe('true');
    expect(onClose).not.toHaveBeenCalled();

    type('Name', 'Yearly check 2');
    press('Create');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
    expect(await screen.findByText('The template “Yearly check 2” was created.')).toBeTruthy();
  });

  it("edits a template: starts from its values and sends all of them, with the version it read", async () => {
    const template = jobTemplateFixture({ id: 't1', name: 'T3 install' });
    const { onClose } = renderDialog(template, [
      {
        request: {
          query: UpdateJobTemplateDocument,
          variables: {
            input: {
              id: 't1',
              expectedVersion: 1,
              name: 'T3 install',
              kind: 'INSTALLATION',
              title: 'Fit the T3 unit',
              description: 'Standard installation',
              instructions: 'Behind the glovebox',
              defaultServicePartnerId: 'p-fleetfit',
              configuration: {
                deviceSerial: null,
                deviceModel: 'T3',
                firmware: '2.2',
                installationVariant: null,
                centralLockConnectionType: 'CAN',
                fuelType: null,
                settings: [{ name: 'odometer_source', value: 'can' }],
              },
            },
          },
        },
        result: { data: { updateJobTemplate: { __typename: 'JobTemplateSuccess', jobTemplate: template } } },
      },
    ]);
    expect((within(dialog()).getByLabelText('Name') as HTMLInputElement).value).toBe('T3 install');
    expect((within(dialog()).getByLabelText('Setting 1 name') as HTMLInputElement).value).toBe('odometer_source');
    type('Firmware', '2.2');
    press('Save');
    await waitFor(() => expect(onClose).toHaveBeenCalled());
  });
});
