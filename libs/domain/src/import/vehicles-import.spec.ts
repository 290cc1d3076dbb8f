import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { VEHICLE_MESSAGES } from '../vehicle/vehicle.js';
import { VIN_MESSAGES } from '../vehicle/vin.js';
import type { CsvTable } from './csv-table.js';
import { VEHICLE_IMPORT_COLUMNS, planVehiclesImport, readVehicleRow, readVehiclesTable, vehicleKeysNamedIn } from './vehicles-import.js';
import type { VehicleImportColumn, VehiclesImportContext } from './vehicles-import.js';

type Cells = Partial<Record<VehicleImportColumn, string>>;

const values = (cells: Cells) => Object.fromEntries(VEHICLE_IMPORT_COLUMNS.map((c) => [c, cells[c] ?? ''])) as Record<VehicleImportColumn, string>;

/** A table with every column; each row gives the cells it cares about. */
function table(rows: Cells[], header: readonly string[] = VEHICLE_IMPORT_COLUMNS): CsvTable {
  return { header: [...header], records: rows.map((row, i) => ({ line: i + 2, fields: header.map((h) => row[h.trim().toLowerCase() as VehicleImportColumn] ?? '') })) };
}

const empty: VehiclesImportContext = { existingVins: new Map(), partners: new Map(), owners: new Map() };
const plan = (rows: Cells[], context: VehiclesImportContext = empty) => planVehiclesImport(readVehiclesTable(table(rows)), context);

// European VINs (no check digit applies), distinct
const VIN = ['WVWZZZ1JZ3W386752', 'WAUS8TA68TB881817', 'VF11X8KVXSC086828', 'TMB4WBJC9PH970168', 'YV1T2K985SF140261'] as const;
const row = (vin: string, extra: Cells = {}): Cells => ({ vin, make: 'Aurora', model: 'Orion', ...extra });

describe('readVehicleRow', () => {
  it('normalizes a good row like the vehicle form: VIN and plate upper-cased, year a number, empty cells null', () => {
    const result = readVehicleRow(5, values({ vin: ' wvwzzz1jz3w-386752 ', make: ' Aurora ', model: 'Orion', year: ' 2024 ', license_plate: ' b-ab  123 ', owner_email: ' Olga@Mail.Example ', partner_id: ' wk3de ' }));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.row).toEqual({
      line: 5,
      vehicle: { vin: 'WVWZZZ1JZ3W386752', make: 'Aurora', model: 'Orion', year: 2024, plate: 'B-AB 123', deviceSerial: null, deviceModel: null, firmware: null },
      ownerEmail: 'olga@mail.example',
      partnerId: 'WK3DE',
    });
  });

  it('reports each bad cell on its own column with the form message', () => {
    const result = readVehicleRow(3, values({
      vin: 'WVWZZZ1JZ3W38675O',
      make: '',
      model: 'M'.repeat(61),
      year: '1850',
      license_plate: 'P'.repeat(21),
      device_serial: 'S'.repeat(61),
      device_model: 'D'.repeat(61),
      firmware: 'F'.repeat(41),
      owner_email: 'not-an-address',
      partner_id: 'TOO-LONG',
    }));
    expect(result.row).toBeNull();
    expect(result.keys).toEqual({ line: 3, vin: null, partnerId: null, ownerEmail: null });
    expect(Object.fromEntries(result.problems.map((p) => [p.column, p.message]))).toEqual({
      vin: VIN_MESSAGES.characters,
      make: VEHICLE_MESSAGES.make,
      model: VEHICLE_MESSAGES.model,
      year: VEHICLE_MESSAGES.year,
      license_plate: VEHICLE_MESSAGES.plate,
      device_serial: VEHICLE_MESSAGES.deviceSerial,
      device_model: VEHICLE_MESSAGES.deviceModel,
      firmware: VEHICLE_MESSAGES.firmware,
      owner_email: 'Enter a valid e-mail address, like name@company.com.',
      partner_id: 'A Partner ID has 5 letters or digits, like VEZ9A.',
    });
    expect(result.problems.every((p) => p.row === 3)).toBe(true);
  });

  it('refuses a VIN of the wrong length and a year that is not a whole number', () => {
    const result = readVehicleRow(2, values(row('WVWZZZ1JZ3W3867', { year: '2020.5' })));
    expect(result.problems).toEqual([
      { row: 2, column: 'vin', message: VIN_MESSAGES.length },
      { row: 2, column: 'year', message: VEHICLE_MESSAGES.year },
    ]);
  });

  it('only warns about a wrong North-American check digit, and still reads the row', () => {
    const result = readVehicleRow(2, values(row('1FT4LDF10TE934072')));
    expect(result.problems).toEqual([]);
    expect(result.warnings).toEqual([{ row: 2, column: 'vin', message: VIN_MESSAGES.checkDigit }]);
    expect(result.row?.vehicle.vin).toBe('1FT4LDF10TE934072');
  });

  it('keeps the valid keys of a row whose other cells have problems, so they are still checked', () => {
    const result = readVehicleRow(2, values(row(VIN[0], { make: '', partner_id: 'wk3de', owner_email: 'bad address' })));
    expect(result.row).toBeNull();
    expect(result.keys).toEqual({ line: 2, vin: VIN[0], partnerId: 'WK3DE', ownerEmail: null });
  });
});

describe('readVehiclesTable', () => {
  it('matches the header case-insensitively and needs vin, make and model', () => {
    const read = readVehiclesTable(table([{ vin: VIN[0], make: 'A', model: 'B' }], ['VIN', ' Make', 'MODEL ']));
    expect(read.problems).toEqual([]);
    expect(read.rows).toHaveLength(1);
    const missing = readVehiclesTable(table([{ vin: VIN[0] }], ['vin', 'owner', 'partner_id']));
    expect(missing.problems).toEqual([
      { row: 1, column: 'owner', message: expect.stringContaining('Unknown column "owner"') },
      { row: 1, column: 'make', message: 'The required column "make" is missing from the header.' },
      { row: 1, column: 'model', message: 'The required column "model" is missing from the header.' },
    ]);
  });

  it('lists what the API must look up, each once', () => {
    const read = readVehiclesTable(table([
      row(VIN[0], { owner_email: 'A@x.example', partner_id: 'wk3de' }),
      row(VIN[1], { owner_email: 'a@x.example', partner_id: 'WK3DE' }),
      row(VIN[2], { make: '', partner_id: 'ZKBVF' }), // a row with problems still has its VIN looked up
    ]));
    expect(vehicleKeysNamedIn(read)).toEqual({ vins: [VIN[0], VIN[1], VIN[2]], partnerCodes: ['WK3DE', 'ZKBVF'], ownerEmails: ['a@x.example'] });
  });
});

describe('planVehiclesImport', () => {
  const partners = new Map([
    ['WK3DE', { id: 'p-wk3de', archived: false }],
    ['OLD01', { id: 'p-old01', archived: true }],
  ]);

  it('plans vehicles, one new owner per new e-mail, existing owners reused, and assignments', () => {
    const result = plan(
      [
        row(VIN[0], { owner_email: 'new@x.example', partner_id: 'WK3DE' }),
        row(VIN[1], { owner_email: 'NEW@x.example' }),
        row(VIN[2], { owner_email: 'known@x.example', partner_id: 'wk3de' }),
        row(VIN[3]),
      ],
      { ...empty, partners, owners: new Map([['known@x.example', { id: 'o-known', archived: false }]]) },
    );
    expect(result.problems).toEqual([]);
    expect(result.counts).toEqual({ vehicles: 4, newOwners: 1, existingOwners: 1, ownerAccesses: 3, assignments: 2 });
    expect(result.newOwners).toEqual([{ email: 'new@x.example', line: 2, vehicleCount: 2 }]);
    expect(result.planned.map((p) => [p.line, p.owner, p.partner])).toEqual([
      [2, { email: 'new@x.example', id: null }, { id: 'p-wk3de', archived: false, code: 'WK3DE' }],
      [3, { email: 'new@x.example', id: null }, null],
      [4, { email: 'known@x.example', id: 'o-known' }, { id: 'p-wk3de', archived: false, code: 'WK3DE' }],
      [5, null, null],
    ]);
  });

  it('reports a VIN twice in the file on the later row, also when the earlier row has problems of its own', () => {
    const result = plan([row(VIN[0]), row(VIN[0].toLowerCase()), row(VIN[1], { year: 'soon' }), row(VIN[1])]);
    expect(result.problems).toEqual([
      { row: 3, column: 'vin', message: `The VIN ${VIN[0]} is already on line 2 of this file.` },
      { row: 4, column: 'year', message: VEHICLE_MESSAGES.year },
      { row: 5, column: 'vin', message: `The VIN ${VIN[1]} is already on line 4 of this file.` },
    ]);
    expect(result.planned.map((p) => p.line)).toEqual([2]);
  });

  it('reports VINs the principal already has, archived ones with a hint to restore', () => {
    const result = plan([row(VIN[0]), row(VIN[1]), row(VIN[2])], {
      ...empty,
      existingVins: new Map([
        [VIN[0], { archived: false }],
        [VIN[1], { archived: true }],
      ]),
    });
    expect(result.problems).toEqual([
      { row: 2, column: 'vin', message: `A vehicle with the VIN ${VIN[0]} already exists.` },
      { row: 3, column: 'vin', message: expect.stringContaining('already exists (archived): restore it') },
    ]);
    expect(result.counts.vehicles).toBe(1);
  });

  it('reports unknown and archived partners and archived owners on their column', () => {
    const result = plan([row(VIN[0], { partner_id: 'NOPE1' }), row(VIN[1], { partner_id: 'OLD01' }), row(VIN[2], { owner_email: 'gone@x.example' })], {
      ...empty,
      partners,
      owners: new Map([['gone@x.example', { id: 'o-gone', archived: true }]]),
    });
    expect(result.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'partner_id', 'No partner with the Partner ID NOPE1 exists among your partners.'],
      [3, 'partner_id', 'The partner OLD01 is archived: restore it first, or leave partner_id empty.'],
      [4, 'owner_email', 'The owner gone@x.example is archived: restore them first, or leave owner_email empty.'],
    ]);
    expect(result.planned).toEqual([]);
    expect(result.counts).toEqual({ vehicles: 0, newOwners: 0, existingOwners: 0, ownerAccesses: 0, assignments: 0 });
  });

  it('checks the partner and VIN of a row that has problems of its own, reporting everything at once', () => {
    const result = plan([row(VIN[0]), row(VIN[0], { year: '1850', partner_id: 'NOPE1' })], { ...empty, partners });
    expect(result.problems).toEqual([
      { row: 3, column: 'year', message: VEHICLE_MESSAGES.year },
      { row: 3, column: 'vin', message: `The VIN ${VIN[0]} is already on line 2 of this file.` },
      { row: 3, column: 'partner_id', message: 'No partner with the Partner ID NOPE1 exists among your partners.' },
    ]);
  });

  it('does not count an owner named only by rows that cannot be imported', () => {
    const result = plan([row(VIN[0], { owner_email: 'solo@x.example', partner_id: 'NOPE1' }), row(VIN[1])], { ...empty, partners });
    expect(result.newOwners).toEqual([]);
    expect(result.counts.newOwners).toBe(0);
  });

  it('keeps the warnings apart from the problems and puts header problems first', () => {
    const result = planVehiclesImport(readVehiclesTable(table([row('1FT4LDF10TE934072')], ['vin', 'make', 'model', 'colour'])), empty);
    expect(result.rowCount).toBe(1);
    expect(result.problems).toEqual([{ row: 1, column: 'colour', message: expect.stringContaining('Unknown column') }]);
    expect(result.warnings).toEqual([{ row: 2, column: 'vin', message: VIN_MESSAGES.checkDigit }]);
  });
});

describe('the sample vehicles.csv', () => {
  const file = fileURLToPath(new URL('../../../../../shared/data/vehicles.csv', import.meta.url));
  if (!existsSync(file)) console.warn(`⚠ SAMPLE vehicles.csv ROW TESTS SKIPPED: ${file} not found`); // eslint-disable-line no-console -- a skipped suite says so loudly
  it.skipIf(!existsSync(file))('passes the row rules on every row, without problems or warnings', () => {
    const [header, ...records] = parse(readFileSync(file), { bom: true }) as string[][];
    const read = readVehiclesTable({ header: header ?? [], records: records.map((fields, i) => ({ line: i + 2, fields })) });
    expect(read.rowCount).toBeGreaterThan(0);
    expect(read.problems).toEqual([]);
    expect(read.warnings).toEqual([]);
    expect(read.rows).toHaveLength(read.rowCount);
    const planned = planVehiclesImport(read, { ...empty, partners: new Map(vehicleKeysNamedIn(read).partnerCodes.map((code) => [code, { id: code, archived: false }])) });
    expect(planned.problems).toEqual([]); // no VIN twice
  });
});
