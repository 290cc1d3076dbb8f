import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { CsvTable } from './csv-table.js';
import { jobKeysNamedIn, parseIsoDay, planJobsImport, readJobsTable } from './jobs-import.js';
import type { ImportServicePartnerRef, ImportTemplateRef, ImportVehicleRef, JobsImportContext } from './jobs-import.js';

const TODAY = '2026-11-23';
const VIN = ['WVWZZZ1JZ3W386752', 'WAUS8TA68TB881817', 'VF11X8KVXSC086828'] as const;
const vehicle = (vin: string, plate: string | null, archived = false): ImportVehicleRef => ({ id: `v-${vin}`, vin, plate, archived });
const partner = (overrides: Partial<ImportServicePartnerRef> = {}): ImportServicePartnerRef => ({
  id: 'p-1',
  name: 'Fit & Fix',
  role: 'SERVICE_PARTNER',
  status: 'ACCEPTED',
  archived: false,
  blocked: false,
  ...overrides,
});
const template: ImportTemplateRef = {
  id: 't-1',
  name: 'CloudBoxx Standard',
  kind: 'INSTALLATION',
  title: 'Install CloudBoxx',
  description: 'Template description',
  instructions: null,
  configuration: { deviceSerial: null, deviceModel: 'CloudBoxx 3', firmware: '5.0.2', installationVariant: 'keyless', centralLockConnectionType: null, fuelType: null, settings: { odometer_source: 'CAN', gps: 'on' } },
};

const context: JobsImportContext = {
  vehiclesByVin: new Map([
    [VIN[0], vehicle(VIN[0], 'B-AB 123')],
    [VIN[1], vehicle(VIN[1], null, true)],
  ]),
  vehiclesByPlate: new Map([
    ['B-AB 123', [vehicle(VIN[0], 'B-AB 123')]],
    ['TWIN 1', [vehicle(VIN[1], 'TWIN 1'), vehicle(VIN[2], 'TWIN 1')]],
  ]),
  partners: new Map([
    ['FIX01', partner()],
    ['DLR01', partner({ id: 'p-2', name: 'Dealer One', role: 'DEALER' })],
    ['NEW01', partner({ id: 'p-3', name: 'Newcomer', status: 'PENDING' })],
    ['BLK01', partner({ id: 'p-4', name: 'Blocked', blocked: true })],
  ]),
  templates: new Map([['cloudboxx standard', template]]),
};

/** A table from CSV text (csv-parse stands in for the API's reader). */
function table(text: string): CsvTable {
  const [header, ...records] = parse(text) as string[][];
  return { header: header ?? [], records: records.map((fields, i) => ({ line: i + 2, fields })) };
}
const plan = (text: string, preferTemplate = false) => planJobsImport(readJobsTable(table(text), TODAY), context, { preferTemplate });

describe('parseIsoDay', () => {
  it('accepts days of the calendar only', () => {
    expect(parseIsoDay(' 2027-02-28 ')).toEqual({ day: '2027-02-28' });
    expect(parseIsoDay('2027-02-29')).toEqual({ error: '2027-02-29 is not a day of the calendar.' });
    expect(parseIsoDay('28.02.2027')).toEqual({ error: '"28.02.2027" is not a date: use YYYY-MM-DD, e.g. 2027-01-31.' });
  });
});

describe('readJobsTable', () => {
  it('reads a good row: kind in any case, header in any case, settings by name, empty cells left out', () => {
    const read = readJobsTable(table(`VIN,Kind,Title,Device_Model,Setting.Odometer_Source,setting.gps,Scheduled_For,Assigned_Installer_Company_ID\n${VIN[0]},Maintenance, Check ,CB 3,CAN,,2027-01-05, fix01 \n`), TODAY);
    expect(read.problems).toEqual([]);
    expect(read.rows).toEqual([
      {
        line: 2,
        kind: 'MAINTENANCE',
        title: 'Check',
        description: null,
        instructions: null,
        configuration: expect.objectContaining({ deviceModel: 'CB 3', settings: { Odometer_Source: 'CAN' } }),
        scheduledFor: '2027-01-05',
      },
    ]);
    expect(read.keys[0]).toEqual({ line: 2, vin: VIN[0], plate: null, kind: 'MAINTENANCE', template: null, partnerId: 'FIX01' });
  });

  it('reports each bad cell on its column, and a past date as a warning', () => {
    const read = readJobsTable(table(`vin,kind,scheduled_for,assigned_installer_company_id,setting.x\nWVWZZZ1JZ3W38675O,repair,2027-13-45,AB,${'v'.repeat(501)}\n,installation,2020-01-01,,\n`), TODAY);
    expect(read.problems.map((p) => [p.row, p.column])).toEqual([
      [2, 'vin'],
      [2, 'kind'],
      [2, 'setting.x'],
      [2, 'scheduled_for'],
      [2, 'assigned_installer_company_id'],
      [3, 'vin'],
    ]);
    expect(read.problems[1]?.message).toBe('"repair" is not a kind of job. The kind is installation or maintenance.');
    expect(read.problems[5]?.message).toBe('Name the vehicle: give its vin or its license_plate.');
    expect(read.warnings).toEqual([{ row: 3, column: 'scheduled_for', message: '2020-01-01 is in the past: the job will be overdue at once.' }]);
    expect(read.rows).toEqual([]);
  });

  it('says once, on line 1, that the header lacks kind or a vehicle column, and names a bad setting column', () => {
    const read = readJobsTable(table('title,setting.bad name\nA,1\nB,2\n'), TODAY);
    expect(read.problems).toEqual([
      { row: 1, column: 'setting.bad name', message: '"setting.bad name" is not a setting column: after "setting." come 1 to 60 letters, digits, dots, dashes or underscores.' },
      { row: 1, column: 'kind', message: 'The required column "kind" is missing from the header.' },
      { row: 1, column: 'vin', message: 'The header needs a "vin" or a "license_plate" column to name each job\'s vehicle.' },
    ]);
  });

  it('names each VIN, plate (only without a VIN), Partner ID and template once for the lookups', () => {
    const read = readJobsTable(table(`vin,license_plate,kind,template,assigned_installer_company_id\n${VIN[0]},X 1,installation,Std,FIX01\n${VIN[0]},,installation,STD,fix01\n,b-ab  123,maintenance,,\n`), TODAY);
    expect(jobKeysNamedIn(read)).toEqual({ vins: [VIN[0]], plates: ['B-AB 123'], partnerCodes: ['FIX01'], templateNames: ['std'] });
  });
});

describe('planJobsImport', () => {
  it('plans a PENDING job by plate and an ASSIGNED one by VIN, with counts per kind', () => {
    const result = plan(`license_plate,vin,kind,assigned_installer_company_id\nb-ab 123,,installation,\n,${VIN[0]},maintenance,FIX01\n`);
    expect(result.problems).toEqual([]);
    expect(result.planned.map((p) => [p.line, p.vehicle.id, p.kind, p.servicePartner?.code ?? null])).toEqual([
      [2, `v-${VIN[0]}`, 'INSTALLATION', null],
      [3, `v-${VIN[0]}`, 'MAINTENANCE', 'FIX01'],
    ]);
    expect(result.counts).toEqual({ jobs: 2, assigned: 1, pending: 1, installation: 1, maintenance: 1, fromTemplate: 0 });
  });

  it('reports unknown, archived and ambiguous vehicles, a plate that contradicts the VIN, and every partner that cannot take jobs; warns of one that has not claimed yet', () => {
    const result = plan(
      [
        'vin,license_plate,kind,assigned_installer_company_id',
        'WAUZZZ8V0JA000001,,installation,',
        `${VIN[1]},,installation,`,
        ',TWIN 1,installation,',
        ',NOPE 9,installation,',
        `${VIN[0]},OTHER 1,installation,`,
        `${VIN[0]},,installation,ZZZZZ`,
        `${VIN[0]},,installation,DLR01`,
        `${VIN[0]},,installation,NEW01`,
        `${VIN[0]},,installation,BLK01`,
      ].join('\n'),
    );
    expect(result.problems).toEqual([
      { row: 2, column: 'vin', message: 'No vehicle with the VIN WAUZZZ8V0JA000001 exists among your vehicles.' },
      { row: 3, column: 'vin', message: `The vehicle ${VIN[1]} is archived: restore it first.` },
      { row: 4, column: 'license_plate', message: '2 of your vehicles have the plate TWIN 1: give the vin instead.' },
      { row: 5, column: 'license_plate', message: 'No vehicle with the plate NOPE 9 exists among your vehicles.' },
      { row: 6, column: 'license_plate', message: `The vehicle ${VIN[0]} has the plate B-AB 123, not OTHER 1: correct one of the two, or leave license_plate empty.` },
      { row: 7, column: 'assigned_installer_company_id', message: 'No partner with the Partner ID ZZZZZ exists among your partners.' },
      { row: 8, column: 'assigned_installer_company_id', message: 'The partner DLR01 (Dealer One) is a dealer, not a service partner: jobs go to service partners.' },
      { row: 10, column: 'assigned_installer_company_id', message: 'The service partner BLK01 (Blocked) is blocked: unblock it first, or leave the column empty.' },
    ]);
    expect(result.warnings).toEqual([
      { row: 9, column: 'assigned_installer_company_id', message: 'The service partner NEW01 (Newcomer) has not accepted its invitation yet: its technicians see these jobs once it has.' },
    ]);
    expect(result.planned.map((p) => [p.line, p.servicePartner?.code])).toEqual([[9, 'NEW01']]);
    expect(result.counts).toMatchObject({ jobs: 1, assigned: 1 });
  });

  it('reports an unknown template and one of the other kind, also on a row with problems of its own', () => {
    const result = plan(`vin,kind,template,scheduled_for\n${VIN[0]},installation,Missing,\n${VIN[0]},maintenance,cloudboxx STANDARD,\n${VIN[0]},installation,CloudBoxx Standard,bad\n`);
    expect(result.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'template', 'No template named "missing" exists (deleted templates cannot be used).'],
      [3, 'template', 'The template "CloudBoxx Standard" is for installation jobs; this row is maintenance.'],
      [4, 'scheduled_for', '"bad" is not a date: use YYYY-MM-DD, e.g. 2027-01-31.'],
    ]);
  });

  it('fills empty cells from the template, or lets the template win with preferTemplate', () => {
    const text = `vin,kind,template,title,firmware,setting.odometer_source\n${VIN[0]},installation,CloudBoxx Standard,Row title,4.3.0,GPS\n`;
    const rowWins = plan(text, false).planned[0];
    expect(rowWins).toMatchObject({
      title: 'Row title',
      description: 'Template description',
      template: { id: 't-1', name: 'CloudBoxx Standard' },
      configuration: { deviceModel: 'CloudBoxx 3', firmware: '4.3.0', installationVariant: 'keyless', settings: { odometer_source: 'GPS', gps: 'on' } },
    });
    const templateWins = plan(text, true).planned[0];
    expect(templateWins).toMatchObject({
      title: 'Install CloudBoxx',
      description: 'Template description',
      configuration: { deviceModel: 'CloudBoxx 3', firmware: '5.0.2', installationVariant: 'keyless', settings: { odometer_source: 'CAN', gps: 'on' } },
    });
    expect(plan(text).counts.fromTemplate).toBe(1);
  });
});

const ERRORS_SAMPLE = fileURLToPath(new URL('../../../../../shared/data/jobs-with-errors.csv', import.meta.url));
describe.skipIf(!existsSync(ERRORS_SAMPLE))('the sample jobs-with-errors.csv', () => {
  it("reports the row's own problems (bad VIN, kind and date) without any lookup", () => {
    const read = readJobsTable(table(readFileSync(ERRORS_SAMPLE, 'utf8')), TODAY);
    expect(read.problems.map((p) => [p.row, p.column])).toEqual([
      [3, 'vin'],
      [4, 'kind'],
      [6, 'scheduled_for'],
    ]);
  });
});
