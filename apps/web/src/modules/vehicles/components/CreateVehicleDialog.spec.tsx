import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { describe, expect, it, vi } from 'vitest';
import { VEHICLE_MESSAGES, VIN_MESSAGES } from '@partner-hub/domain';
import { CreateVehicleDocument } from '@partner-hub/graphql-client';
import type { CreateVehicleInput, CreateVehicleMutation } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { vehicleFixture } from '../../../test/vehicle-fixtures';
import { CreateVehicleDialog } from './CreateVehicleDialog';

const VIN = 'WAUZZZ8V0KA000001';

function createMock(
  input: CreateVehicleInput,
  result: CreateVehicleMutation['createVehicle'],
): MockLink.MockedResponse {
  return {
    request: { query: CreateVehicleDocument, variables: { input } },
    result: { data: { createVehicle: result } },
  };
}

const saved = (vin: string, warnings: string[] = []): CreateVehicleMutation['createVehicle'] => ({
  __typename: 'VehicleSuccess',
  warnings,
  vehicle: { ...vehicleFixture({ id: 'v-new', vin, plate: 'B-AB 123', year: 2024 }), version: 1, accessVia: [] },
});

function renderDialog(mocks: MockLink.MockedResponse[]) {
  const onCreated = vi.fn();
  const onClose = vi.fn();
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <CreateVehicleDialog open onClose={onClose} onCreated={onCreated} />
      </AntApp>
    </MockedProvider>,
  );
  return { onCreated, onClose };
}

const dialog = () => screen.getByRole('dialog');
const field = (label: string) => within(dialog()).getByLabelText(label);
const type = (label: string, value: string) => fireEvent.change(field(label), { target: { value } });

function save() {
  const button = within(dialog()).getByText('Save vehicle', { selector: 'button span' }).closest('button');
  if (!button) throw new Error('no save button');
  fireEvent.click(button);
}

const fullInput = (vin: string): CreateVehicleInput => ({
  vin,
  make: 'Aurora',
  model: 'Orion',
  year: 2024,
  plate: 'B-AB 123',
  deviceSerial: null,
  deviceModel: null,
  firmware: null,
});

function fillValid(vin: string) {
  type('VIN', vin);
  type('Make', 'Aurora');
  type('Model', 'Orion');
  type('Year', '2024');
  type('Plate', ' b-ab  123 ');
}

describe('CreateVehicleDialog', () => {
  it("checks the vehicle with the domain's rules before anything is sent", async () => {
    const { onCreated } = renderDialog([]);
    type('VIN', 'WAUZZZ8V0IA00000');
    type('Year', '1850');
    type('Plate', 'X'.repeat(21));
    save();
    expect(await within(dialog()).findByText(VIN_MESSAGES.length)).toBeTruthy();
    expect(within(dialog()).getByText(VEHICLE_MESSAGES.make)).toBeTruthy();
    expect(within(dialog()).getByText(VEHICLE_MESSAGES.model)).toBeTruthy();
    expect(within(dialog()).getByText(VEHICLE_MESSAGES.year)).toBeTruthy();
    expect(within(dialog()).getByText(VEHICLE_MESSAGES.plate)).toBeTruthy();
    expect(field('VIN').getAttribute('aria-invalid')).toBe('true');

    type('VIN', 'WAUZZZ8V0IA000001');
    save();
    expect(await within(dialog()).findByText(VIN_MESSAGES.characters)).toBeTruthy();
    // nothing reached the server: no mutation is mocked, so a request would surface as an alert
    expect(within(dialog()).queryByRole('alert')).toBeNull();
    expect(onCreated).not.toHaveBeenCalled();
  });

  it("puts the server's field errors on the fields they name", async () => {
    const { onCreated } = renderDialog([
      createMock(fullInput(VIN), {
        __typename: 'ValidationError',
        code: 'VALIDATION_FAILED',
        message: 'Some fields are invalid.',
        field: 'vin',
        fieldErrors: [
          {
            __typename: 'FieldError',
            field: 'vin',
            message: `A vehicle with the VIN ${VIN} already exists.`,
          },
        ],
      }),
    ]);
    fillValid(VIN.toLowerCase());
    save();
    expect(await within(dialog()).findByText(`A vehicle with the VIN ${VIN} already exists.`)).toBeTruthy();
    expect(field('VIN').getAttribute('aria-invalid')).toBe('true');
    expect(field('Make').getAttribute('aria-invalid')).toBe('false');
    expect(onCreated).not.toHaveBeenCalled();
  });

  it('opens the new vehicle at once when the API has no doubts', async () => {
    const { onCreated } = renderDialog([createMock(fullInput(VIN), saved(VIN))]);
    fillValid(VIN);
    save();
    await waitFor(() => expect(onCreated).toHaveBeenCalledWith('v-new'));
  });

  it("shows the API's check-digit warning after saving, before the user moves on", async () => {
    const northAmerican = '1HGCM82633A004352'.replace(/^(.{8})./, '$10');
    const warning = VIN_MESSAGES.checkDigit;
    const { onCreated } = renderDialog([
      createMock(fullInput(northAmerican), saved(northAmerican, [warning])),
    ]);
    fillValid(northAmerican);
    save();
    expect(await screen.findByText(warning)).toBeTruthy();
    expect(screen.getByText('Vehicle saved')).toBeTruthy();
    expect(onCreated).not.toHaveBeenCalled();
    fireEvent.click(screen.getByText('Open vehicle', { selector: 'button span' }));
    expect(onCreated).toHaveBeenCalledWith('v-new');
  });
});
