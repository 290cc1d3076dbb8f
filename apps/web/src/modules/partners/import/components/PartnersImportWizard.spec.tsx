import { fireEvent, render, screen, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportBatchesDocument, ImportPartnersDocument, ValidatePartnersImportDocument } from '@partner-hub/graphql-client';
import type { ImportPartnersMutation, PartnersImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { heldAnswers } from '../../../../test/held-answers';
import { createCache } from '../../../../app/apollo-client';
import { PartnersImportWizard } from './PartnersImportWizard';

const GOOD = 'partner_id,name,role,parent_partner_id\nWK3DE,Warsaw Motors,DEALER,\nU2YB7,Prague Auto,DEALER,WK3DE\n';
const BAD = 'partner_id,name,role,iin\nWK3DE,Warsaw Motors,DEALER,123\nQQA9M,"Hamburg, Inc.",WIZARD,\n';

const preview = (partnerId: string, name: string, row: number, parentPartnerId: string | null = null) => ({
  __typename: 'PartnersImportPreviewRow' as const,
  row,
  partnerId,
  generatedPartnerId: false,
  name,
  role: 'DEALER' as const,
  parentPartnerId,
  parentInFile: parentPartnerId !== null,
});

const goodReport: PartnersImportReportFieldsFragment = {
  __typename: 'PartnersImportReport',
  fileName: 'partners.csv',
  rowCount: 2,
  valid: true,
  problems: [],
  warnings: [],
  preview: [preview('WK3DE', 'Warsaw Motors', 2), preview('U2YB7', 'Prague Auto', 3, 'WK3DE')],
};

const problem = (row: number, column: string, message: string) => ({ __typename: 'ImportProblem' as const, row, column, message });
const badReport: PartnersImportReportFieldsFragment = {
  __typename: 'PartnersImportReport',
  fileName: 'broken.csv',
  rowCount: 2,
  valid: false,
  problems: [problem(2, 'iin', 'The IIN has 12 digits.'), problem(3, 'role', 'Unknown role "WIZARD": use DEALER, SERVICE_PARTNER or OEM.')],
  warnings: [],
  preview: [],
};

const validateMock = (fileName: string, content: string, report: PartnersImportReportFieldsFragment): MockLink.MockedResponse => ({
  request: { query: ValidatePartnersImportDocument, variables: { input: { fileName, content } } },
  result: { data: { validatePartnersImport: report } },
});

const importMock = (fileName: string, content: string, result: ImportPartnersMutation['importPartners']): MockLink.MockedResponse => ({
  request: { query: ImportPartnersDocument, variables: { input: { fileName, content } } },
  result: { data: { importPartners: result } },
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
          <PartnersImportWizard />
        </MemoryRouter>
      </AntApp>
    </MockedProvider>,
  );
  return release;
}

function chooseFile(content: string | Uint8Array, name: string) {
  const input = document.querySelector('input[type="file"]') as HTMLInputElement;
  fireEvent.change(input, { target: { files: [new File([content as BlobPart], name, { type: 'text/csv' })] } });
}

afterEach(() => vi.restoreAllMocks());

describe('PartnersImportWizard', () => {
  it('shows the chosen file, then every problem by line and column, offers them as CSV, and keeps the import disabled', async () => {
    renderWizard([validateMock('broken.csv', BAD, badReport)]);
    expect(screen.queryByRole('button', { name: 'Validate' })).toBeNull();
    chooseFile(BAD, 'broken.csv');
    expect(await screen.findByText('broken.csv')).toBeTruthy();
    expect(screen.getByText('broken.csv').parentElement?.textContent).toBe(` broken.csv · ${new Blob([BAD]).size} B`);
    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));

    const problems = await screen.findByRole('region', { name: 'Problems' });
    const rows = within(problems).getAllByRole('row').slice(1);
    expect(rows.map((r) => within(r).getAllByRole('cell').map((c) => c.textContent))).toEqual([
      ['2', 'iin', 'The IIN has 12 digits.'],
      ['3', 'role', 'Unknown role "WIZARD": use DEALER, SERVICE_PARTNER or OEM.'],
    ]);
    expect(screen.getByText(/has 2 problem\(s\)/)).toBeTruthy();
    expect((screen.getByRole('button', { name: /Import 0 partner/ }) as HTMLButtonElement).disabled).toBe(true);

    let saved: { blob: Blob; name: string } | null = null;
    let blob: Blob | null = null;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => ((blob = b as Blob), 'blob:problems'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      if (blob) saved = { blob, name: this.download };
    });
    fireEvent.click(screen.getByRole('button', { name: /Download problems as CSV/ }));
    expect(saved).not.toBeNull();
    const { blob: file, name } = saved as unknown as { blob: Blob; name: string };
    expect(name).toBe('broken-problems.csv');
    // Blob.text() would drop the BOM that lets spreadsheet apps read the file as UTF-8
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await file.arrayBuffer());
    expect(text).toBe('\uFEFFline,column,problem\n2,iin,The IIN has 12 digits.\n3,role,"Unknown role ""WIZARD"": use DEALER, SERVICE_PARTNER or OEM."\n');
  });

  it('imports a valid file with progress and links to the imported partners', async () => {
    const release = renderWizard([
      validateMock('partners.csv', GOOD, goodReport),
      importMock('partners.csv', GOOD, {
        __typename: 'PartnersImportSuccess',
        batch: {
          __typename: 'ImportBatch',
          id: 'batch-1',
          kind: 'PARTNERS',
          status: 'SUCCEEDED',
          fileName: 'partners.csv',
          createdAt: '2026-11-23T10:00:00.000Z',
          finishedAt: '2026-11-23T10:00:01.000Z',
          createdByLabel: 'admin@aurora-motors.example',
          rowCount: 2,
          createdCount: 2,
        },
      }),
      batchesMock,
    ], ['ImportPartners']);
    chooseFile(GOOD, 'partners.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));
    const toCreate = await screen.findByRole('region', { name: 'Partners to create' });
    expect(within(toCreate).getByText('Prague Auto')).toBeTruthy();
    expect(within(toCreate).getByText('in this file')).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Download problems/ })).toBeNull();

    const importButton = screen.getByRole('button', { name: 'Import 2 partner(s)' }) as HTMLButtonElement;
    expect(importButton.disabled).toBe(false);
    fireEvent.click(importButton);
    // the import runs in one transaction and reports nothing until it ends: no bar, only what is happening
    expect((await screen.findByRole('status')).textContent).toMatch(/^Importing 2 \w+\(s\) from \w+\.csv — all rows or none, in one transaction…$/);
    expect(screen.queryByRole('progressbar')).toBeNull();
    release();
    expect(await screen.findByText('Imported 2 partner(s)')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Show the imported partners' }).getAttribute('href')).toBe('/partners?importBatchId=batch-1');
  });

  it('shows the new report when the import finds problems the check did not (e.g. a Partner ID taken meanwhile)', async () => {
    const taken = { ...badReport, fileName: 'partners.csv', problems: [problem(2, 'partner_id', 'The Partner ID WK3DE is already used by an existing partner.')] };
    renderWizard([
      validateMock('partners.csv', GOOD, goodReport),
      importMock('partners.csv', GOOD, {
        __typename: 'PartnersImportInvalid',
        code: 'IMPORT_INVALID',
        message: 'The file has 1 problem(s): nothing was imported. Fix them and import again.',
        field: 'content',
        report: taken,
        batch: { __typename: 'ImportBatch', id: 'b2', kind: 'PARTNERS', status: 'FAILED', fileName: 'partners.csv', createdAt: '2026-11-23T10:00:00.000Z', finishedAt: null, createdByLabel: 'x', rowCount: 2, createdCount: 0 },
      }),
      batchesMock,
    ]);
    chooseFile(GOOD, 'partners.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 2 partner(s)' }));
    expect(await screen.findByText('The Partner ID WK3DE is already used by an existing partner.')).toBeTruthy();
    expect(screen.getAllByRole('alert').some((alert) => alert.textContent?.includes('nothing was imported'))).toBe(true);
    expect((screen.getByRole('button', { name: /Import 0 partner/ }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses a file that is not UTF-8 before asking the server', async () => {
    renderWizard([]);
    chooseFile(new Uint8Array([0x6e, 0x61, 0x6d, 0x65, 0x0a, 0x4d, 0xfc, 0x6e]), 'latin1.csv');
    expect(await screen.findByText(/This file is not UTF-8 text/)).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Validate' })).toBeNull();
  });
});
