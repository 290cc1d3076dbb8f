import { z } from 'zod';
import { vinSchema } from './vin.js';

/**
 * A vehicle's record as staff type it and imports bring it (DESIGN.md §1, Vehicle): the VIN,
 * what the vehicle is, its plate and the telematics unit built into it. Shared by the API
 * (authoritative), the web form and the vehicles.csv import, with one message per field.
 */
export const VEHICLE_MESSAGES = {
  make: 'Enter the make, at most 60 characters (e.g. Aurora).',
  model: 'Enter the model, at most 60 characters (e.g. Orion).',
  year: 'The model year is a whole number from 1900 to next year.',
  plate: 'A licence plate has at most 20 characters.',
  deviceSerial: 'A device serial number has at most 60 characters.',
  deviceModel: 'A device model has at most 60 characters.',
  firmware: 'A firmware version has at most 40 characters.',
} as const;

const M = VEHICLE_MESSAGES;

/** Empty text means "not given": optional fields store `null`, never an empty string. */
const optionalText = (max: number, message: string) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
    z.string({ message }).trim().max(max, message).nullable().optional(),
  );

/** The latest model year accepted: next year's models are sold from the summer before. */
export function maxModelYear(today: Date = new Date()): number {
  return today.getUTCFullYear() + 1;
}

/** Reads a model year typed as text or given as a number; `null` when it is not one. */
export function parseModelYear(value: string | number, today: Date = new Date()): number | null {
  const year = typeof value === 'number' ? value : /^\s*\d{4}\s*$/.test(value) ? Number(value) : NaN;
  return Number.isInteger(year) && year >= 1900 && year <= maxModelYear(today) ? year : null;
}

const yearSchema = z.preprocess(
  (v) => (v === '' || v === undefined ? null : v),
  z
    .union([z.number(), z.string()], { message: M.year })
    .nullable()
    .transform((v, ctx) => {
      if (v === null) return null;
      const year = parseModelYear(v);
      if (year === null) ctx.addIssue({ code: 'custom', message: M.year });
      return year;
    }),
);

/** A licence plate as people write it: trimmed, upper-cased, inner runs of spaces made one. */
export function normalizePlate(plate: string): string {
  return plate.trim().toUpperCase().replace(/\s+/g, ' ');
}

const plateSchema = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? null : v),
  z.string({ message: M.plate }).transform(normalizePlate).pipe(z.string().max(20, M.plate)).nullable().optional(),
);

/** The telematics unit's fields, shared by vehicles and (later) a job's configuration. */
export const telematicsUnitSchema = z.object({
  deviceSerial: optionalText(60, M.deviceSerial),
  deviceModel: optionalText(60, M.deviceModel),
  firmware: optionalText(40, M.firmware),
});

/** Everything but the VIN, which cannot change once a vehicle exists (it is the vehicle's identity). */
export const vehicleDetailsSchema = z
  .object({
    make: z.string({ message: M.make }).trim().min(1, M.make).max(60, M.make),
    model: z.string({ message: M.model }).trim().min(1, M.model).max(60, M.model),
    year: yearSchema,
    plate: plateSchema,
  })
  .merge(telematicsUnitSchema);

export const vehicleSchema = vehicleDetailsSchema.extend({ vin: vinSchema });

export type VehicleDetails = z.output<typeof vehicleDetailsSchema>;
export type VehicleFields = z.output<typeof vehicleSchema>;
