import { fireEvent, render, screen, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportBatchesDocument, ImportVehiclesDocument, ValidateVehiclesImportDocument } from '@partner-hub/graphql-client';
import type { ImportVehiclesMutation, VehiclesImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { heldAnswers } from '../../../../test/held-answers';
import { createCache } from '../../../../app/apollo-client';
import { VehiclesImportWizard } from './VehiclesImportWizard';

const HEADER = 'vin,make,model,year,license_plate,device_serial,device_model,firmware,owner_email,partner_id';
const GOOD = `${HEADER}\nWVWZZZ1JZ3W386752,Aurora,Orion,2024,B-AB 1,,,,new@mail.example,WK3DE\n1FT4LDF10TE934072,Aurora,Vega,,,,,,known@mail.example,\n`;
const BAD = `${HEADER}\nWVWZZZ1JZ3W38675O,Aurora,Orion,,,,,,,\nWAUS8TA68TB881817,Aurora,Orion,,,,,,,NOPE9\n`;

const problem = (row: number, column: string, message: string) => ({ __typename: 'ImportProblem' as const, row, column, message });
const counts = (vehicles: number, newOwners: number, existingOwners: number, ownerAccesses: number, assignments: number) => ({
  __typename: 'VehiclesImportCounts' as const,
  vehicles,
  newOwners,
  existingOwners,
  ownerAccesses,
  assignments,
});
const preview = (row: number, vin: string, fields: Partial<VehiclesImportReportFieldsFragment['preview'][number]> = {}) => ({
  __typename: 'VehiclesImportPreviewRow' as const,
  row,
  vin,
  make: 'Aurora',
  model: 'Orion',
  year: null,
  plate: null,
  deviceSerial: null,
  ownerEmail: null,
  newOwner: false,
  partnerId: null,
  partnerName: null,
  ...fields,
});

const goodReport: VehiclesImportReportFieldsFragment = {
  __typename: 'VehiclesImportReport',
  fileName: 'vehicles.csv',
  rowCount: 2,
  valid: true,
  problems: [],
  warnings: [problem(3, 'vin', 'The check digit (9th character) does not match this North-American VIN; check it for a typo.')],
  counts: counts(2, 1, 1, 2, 1),
  preview: [
    preview(2, 'WVWZZZ1JZ3W386752', { year: 2024, plate: 'B-AB 1', ownerEmail: 'new@mail.example', newOwner: true, partnerId: 'WK3DE', partnerName: 'Warsaw Motors' }),
    preview(3, '1FT4LDF10TE934072', { model: 'Vega', ownerEmail: 'known@mail.example' }),
  ],
};

const badReport: VehiclesImportReportFieldsFragment = {
  __typename: 'VehiclesImportReport',
  fileName: 'broken.csv',
  rowCount: 2,
  valid: false,
  problems: [problem(2, 'vin', 'A VIN holds only digits and the letters A–Z except I, O and Q.'), problem(3, 'partner_id', 'No partner with the Partner ID NOPE9 exists among your partners.')],
  warnings: [],
  counts: counts(0, 0, 0, 0, 0),
  preview: [],
};

const batch = { __typename: 'ImportBatch' as const, id: 'batch-v1', kind: 'VEHICLES' as const, fileName: 'vehicles.csv', createdAt: '2026-11-24T10:00:00.000Z', createdByLabel: 'admin@aurora-motors.example', rowCount: 2 };

const validateMock = (fileName: string, content: string, report: VehiclesImportReportFieldsFragment): MockLink.MockedResponse => ({
  request: { query: ValidateVehiclesImportDocument, variables: { input: { fileName, content } } },
  result: { data: { validateVehiclesImport: report } },
});

const importMock = (fileName: string, content: string, result: ImportVehiclesMutation['importVehicles']): MockLink.MockedResponse => ({
  request: { query: ImportVehiclesDocument, variables: { input: { fileName, content } } },
  result: { data: { importVehicles: result } },
});

const batchesMock: MockLink.MockedResponse = {
  request: { query: ImportBatchesDocument, variables: () => true },
  result: { data: { importBatches: { __typename: 'ImportBatchConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } },
};

/** Renders the wizard; the answers to `held` operations wait for the returned `release()`. */
function renderWizard(mocks: MockLink.MockedResponse[], held: string[] = []) {
  const { link, release } = heldAnswers(mocks, held);
  render(
    <MockedProvider link={link} cache={createCache()}>
      <AntApp>
        <MemoryRouter>
          <VehiclesImportWizard />
        </MemoryRouter>
      </AntApp>
    </MockedProvider>,
  );
  return release;
}

function chooseFile(content: string, name: string) {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([content], name, { type: 'text/csv' })] } });
}

const cellsOf = (region: HTMLElement) => within(region).getAllByRole('row').slice(1).map((r) => within(r).getAllByRole('cell').map((c) => c.textContent));
const countOf = (label: string) => screen.getAllByText(label).map((cell) => cell.closest('th')?.nextElementSibling?.textContent);

afterEach(() => vi.restoreAllMocks());

describe('VehiclesImportWizard', () => {
  it("names the vehicles.csv columns, then shows a bad file's problems by line and column and keeps the import disabled", async () => {
    renderWizard([validateMock('broken.csv', BAD, badReport)]);
    expect(screen.getByText(/Columns: vin, make, model, year, license_plate, device_serial, device_model, firmware, owner_email, partner_id — vin, make, model are required/)).toBeTruthy();
    chooseFile(BAD, 'broken.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));

    expect(cellsOf(await screen.findByRole('region', { name: 'Problems' }))).toEqual([
      ['2', 'vin', 'A VIN holds only digits and the letters A–Z except I, O and Q.'],
      ['3', 'partner_id', 'No partner with the Partner ID NOPE9 exists among your partners.'],
    ]);
    expect(screen.getByText(/broken\.csv has 2 problem\(s\)/)).toBeTruthy();
    expect(screen.getByRole('button', { name: /Download problems as CSV/ })).toBeTruthy();
    expect(screen.getByText('No row of this file can be created yet.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Import 0 vehicle(s)' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('shows warnings without blocking, the counts, owners new or existing and partners; imports with progress and shows what was created', async () => {
    const release = renderWizard([
      validateMock('vehicles.csv', GOOD, goodReport),
      importMock('vehicles.csv', GOOD, {
        __typename: 'VehiclesImportSuccess',
        batch: { ...batch, status: 'SUCCEEDED', finishedAt: '2026-11-24T10:00:02.000Z', createdCount: 2 },
        counts: counts(2, 1, 1, 2, 1),
      }),
      batchesMock,
    ], ['ImportVehicles']);
    chooseFile(GOOD, 'vehicles.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));

    expect(cellsOf(await screen.findByRole('region', { name: 'Warnings' }))).toEqual([['3', 'vin', expect.stringContaining('check digit')]]);
    expect(screen.getByText('vehicles.csv: all 2 row(s) can be imported.')).toBeTruthy();
    expect(screen.getByText('2 vehicle(s) would be created, with 1 new owner(s) and 1 assignment(s) to partners.')).toBeTruthy();
    expect([countOf('Vehicles'), countOf('New owners'), countOf('Existing owners linked'), countOf('Owner accesses'), countOf('Assignments to partners')]).toEqual([['2'], ['1'], ['1'], ['2'], ['1']]);
    expect(cellsOf(screen.getByRole('region', { name: 'Vehicles to create' }))).toEqual([
      ['2', 'WVWZZZ1JZ3W386752', 'Aurora Orion 2024', 'B-AB 1', 'new@mail.examplenew', 'WK3DEWarsaw Motors'],
      ['3', '1FT4LDF10TE934072', 'Aurora Vega', '—', 'known@mail.exampleexisting', 'Unassigned'],
    ]);
    expect(screen.queryByRole('button', { name: /Download problems/ })).toBeNull();

    const importButton = screen.getByRole('button', { name: 'Import 2 vehicle(s)' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(false);
    fireEvent.click(importButton);
    // the import runs in one transaction and reports nothing until it ends: no bar, only what is happening
    expect((await screen.findByRole('status')).textContent).toMatch(/^Importing 2 \w+\(s\) from \w+\.csv — all rows or none, in one transaction…$/);
    expect(screen.queryByRole('progressbar')).toBeNull();
    release();
    expect(await screen.findByText('Imported 2 vehicle(s)')).toBeTruthy();
    expect(screen.getByText('vehicles.csv: 2 row(s), imported by admin@aurora-motors.example.')).toBeTruthy();
    expect(screen.getByText('Created')).toBeTruthy();
    expect([countOf('Vehicles'), countOf('New owners'), countOf('Assignments to partners')]).toEqual([['2'], ['1'], ['1']]);
    expect(screen.getByRole('link', { name: 'Show the imported vehicles' }).getAttribute('href')).toBe('/vehicles?importBatchId=batch-v1');
  });

  it('says when only the first vehicles of a large file are listed', async () => {
    const large = { ...goodReport, warnings: [], rowCount: 250, counts: counts(250, 0, 0, 0, 0) };
    renderWizard([validateMock('large.csv', GOOD, large)]);
    chooseFile(GOOD, 'large.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));
    expect(await screen.findByText('The first 2 of 250 vehicles.')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Import 250 vehicle(s)' })).toBeTruthy();
  });

  it('shows the new report when the commit finds problems the check did not (a VIN recorded meanwhile)', async () => {
    const taken = { ...badReport, fileName: 'vehicles.csv', problems: [problem(2, 'vin', 'A vehicle with the VIN WVWZZZ1JZ3W386752 already exists.')] };
    renderWizard([
      validateMock('vehicles.csv', GOOD, goodReport),
      importMock('vehicles.csv', GOOD, {
        __typename: 'VehiclesImportInvalid',
        code: 'IMPORT_INVALID',
        message: 'The file has 1 problem(s): nothing was imported. Fix them and import again.',
        field: 'content',
        report: taken,
        batch: { ...batch, status: 'FAILED', finishedAt: null, createdCount: 0 },
      }),
      batchesMock,
    ]);
    chooseFile(GOOD, 'vehicles.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 2 vehicle(s)' }));
    expect(await screen.findByText('A vehicle with the VIN WVWZZZ1JZ3W386752 already exists.')).toBeTruthy();
    expect(screen.getAllByRole('alert').some((alert) => alert.textContent?.includes('nothing was imported'))).toBe(true);
    expect((screen.getByRole('button', { name: 'Import 0 vehicle(s)' }) as HTMLButtonElement).disabled).toBe(true);
  });
});
