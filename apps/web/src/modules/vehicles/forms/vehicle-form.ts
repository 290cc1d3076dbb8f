import { vehicleDetailsSchema, vehicleSchema } from '@partner-hub/domain';
import type { VehicleDetails, VehicleFields } from '@partner-hub/domain';
import type { CreateVehicleInput, VehicleListFieldsFragment } from '@partner-hub/graphql-client';

/**
 * The vehicle forms check with libs/domain's rules — the very ones the API applies: `vehicleSchema`
 * for a new vehicle (with its VIN), `vehicleDetailsSchema` for editing one (the VIN is its identity).
 */
export const newVehicleFormSchema = vehicleSchema;
export const vehicleDetailsFormSchema = vehicleDetailsSchema;

/** What the inputs hold: text everywhere (the year too, as typed). */
export type VehicleDetailsFormValues = {
  make: string;
  model: string;
  year: string;
  plate: string;
  deviceSerial: string;
  deviceModel: string;
  firmware: string;
};
export type NewVehicleFormValues = VehicleDetailsFormValues & { vin: string };

/** The fields the API's ValidationError may name (its paths equal the form's). */
export const VEHICLE_DETAILS_SERVER_FIELDS = [
  'make',
  'model',
  'year',
  'plate',
  'deviceSerial',
  'deviceModel',
  'firmware',
] as const;
export const NEW_VEHICLE_SERVER_FIELDS = ['vin', ...VEHICLE_DETAILS_SERVER_FIELDS] as const;

/** Empty inputs for "New vehicle". */
export function emptyNewVehicleValues(): NewVehicleFormValues {
  return {
    vin: '',
    make: '',
    model: '',
    year: '',
    plate: '',
    deviceSerial: '',
    deviceModel: '',
    firmware: '',
  };
}

/** The edit form's inputs for a vehicle as the API returned it. */
export function vehicleDetailsValues(vehicle: VehicleListFieldsFragment): VehicleDetailsFormValues {
  return {
    make: vehicle.make,
    model: vehicle.model,
    year: vehicle.year === null || vehicle.year === undefined ? '' : String(vehicle.year),
    plate: vehicle.plate ?? '',
    deviceSerial: vehicle.deviceSerial ?? '',
    deviceModel: vehicle.deviceModel ?? '',
    firmware: vehicle.firmware ?? '',
  };
}

/** The API input for checked details: cleared optional fields are sent as null (the API clears them). */
export function toVehicleDetailsInput(values: VehicleDetails) {
  return {
    make: values.make,
    model: values.model,
    year: values.year ?? null,
    plate: values.plate ?? null,
    deviceSerial: values.deviceSerial ?? null,
    deviceModel: values.deviceModel ?? null,
    firmware: values.firmware ?? null,
  };
}

/** The createVehicle input for checked form values. */
export function toCreateVehicleInput(values: VehicleFields): CreateVehicleInput {
  return { vin: values.vin, ...toVehicleDetailsInput(values) };
}
