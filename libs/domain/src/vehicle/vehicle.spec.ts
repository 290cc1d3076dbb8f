import { describe, expect, it } from 'vitest';
import { VEHICLE_MESSAGES, maxModelYear, normalizePlate, parseModelYear, vehicleDetailsSchema, vehicleSchema } from './vehicle.js';

const valid = { vin: 'WAUZZZ8V0JA000001', make: 'Aurora', model: 'Orion' };
const problems = (input: object) => {
  const result = vehicleSchema.safeParse(input);
  return result.success ? {} : Object.fromEntries(result.error.issues.map((i) => [String(i.path[0]), i.message]));
};

describe('vehicleSchema', () => {
  it('normalizes the VIN and plate and stores empty optional fields as null', () => {
    expect(vehicleSchema.parse({ ...valid, vin: 'wauzzz8v0ja-000001', plate: ' b-ab  12 ', year: '', deviceSerial: ' ', firmware: '4.2.1' })).toEqual({
      ...valid,
      plate: 'B-AB 12',
      year: null,
      deviceSerial: null,
      firmware: '4.2.1',
    });
  });

  it('reports each bad field with its own message', () => {
    expect(problems({ vin: 'SHORT', make: '', model: 'x'.repeat(61), year: 1899, plate: 'P'.repeat(21), firmware: 'f'.repeat(41) })).toEqual({
      vin: expect.stringContaining('17'),
      make: VEHICLE_MESSAGES.make,
      model: VEHICLE_MESSAGES.model,
      year: VEHICLE_MESSAGES.year,
      plate: VEHICLE_MESSAGES.plate,
      firmware: VEHICLE_MESSAGES.firmware,
    });
  });

  it('keeps the VIN out of the details, which edits use', () => {
    expect(vehicleDetailsSchema.parse({ ...valid })).not.toHaveProperty('vin');
  });
});

describe('parseModelYear', () => {
  const today = new Date(Date.UTC(2026, 10, 23));
  it('accepts 1900 up to next year, as a number or four digits', () => {
    expect(parseModelYear('2024', today)).toBe(2024);
    expect(parseModelYear(1900, today)).toBe(1900);
    expect(parseModelYear(maxModelYear(today), today)).toBe(2027);
    expect(parseModelYear(2028, today)).toBeNull();
    expect(parseModelYear('20x4', today)).toBeNull();
    expect(parseModelYear(2024.5, today)).toBeNull();
  });
});

describe('normalizePlate', () => {
  it('upper-cases, trims and collapses inner spaces', () => {
    expect(normalizePlate('  m-xy   123 ')).toBe('M-XY 123');
  });
});
