import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { JOB_CONFIGURATION_MESSAGES } from '@partner-hub/domain';
import { CreateJobDocument, JobVehicleOptionsDocument } from '@partner-hub/graphql-client';
import type { CreateJobInput, CreateJobMutation } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { jobDetailsFixture, servicePartnerOptionsMock } from '../../../test/job-fixtures';
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

function renderDialog(mocks: MockLink.MockedResponse[]) {
  const onCreated = vi.fn();
  render(
    <MockedProvider mocks={[vehicleOptions, servicePartnerOptionsMock('ACCEPTED'), ...mocks]} cache={createCache()}>
      <AntApp>
        <CreateJobDialog open kind="MAINTENANCE" onClose={vi.fn()} onCreated={onCreated} />
      </AntApp>
    </MockedProvider>,
  );
  return { onCreated };
}

const dialog = () => screen.getByRole('dialog');
const type = (label: string, value: string) => fireEvent.change(within(dialog()).getByLabelText(label), { target: { value } });
const press = (name: string) => fireEvent.click(within(dialog()).getByRole('button', { name: new RegExp(`^(loading )?${name}$`) }));

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
});
