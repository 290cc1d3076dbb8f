import { fireEvent, render, screen, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { MemoryRouter } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ImportBatchDocument, ImportBatchesDocument, OnImportBatchProgressDocument, StartJobsImportDocument, ValidateJobsImportDocument } from '@partner-hub/graphql-client';
import type { ImportBatchProgressFieldsFragment, JobsImportReportFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../../app/apollo-client';
import { heldAnswers } from '../../../../test/held-answers';
import { JobsImportWizard } from './JobsImportWizard';

// the file goes to POST /imports/uploads over XHR, which jsdom does not serve: the upload is stood in for
const uploads = vi.hoisted(() => ({ calls: [] as { fileName: string; size: number }[] }));
vi.mock('../../../import/utils/upload-file', () => ({
  uploadCsvFile: async (file: Blob, fileName: string, onProgress?: (share: number) => void) => {
    uploads.calls.push({ fileName, size: file.size });
    onProgress?.(0.5);
    await new Promise((resolve) => setTimeout(resolve, 50));
    onProgress?.(1);
    return 'upload-1';
  },
}));

const GOOD = 'vin,kind,assigned_installer_company_id\nJHM3UJCS5LC402344,installation,GAKGZ\n1FT6UXS73RD830640,maintenance,\n';
const problem = (row: number | null, column: string | null, message: string) => ({ __typename: 'ImportProblem' as const, row, column, message });
const counts = (jobs: number, assigned: number) => ({ __typename: 'JobsImportCounts' as const, jobs, assigned, pending: jobs - assigned, installation: assigned, maintenance: jobs - assigned, fromTemplate: 0 });

const goodReport: JobsImportReportFieldsFragment = {
  __typename: 'JobsImportReport',
  fileName: 'jobs.csv',
  rowCount: 5000,
  valid: true,
  problemCount: 0,
  warningCount: 1,
  problems: [],
  warnings: [problem(2, 'assigned_installer_company_id', 'The service partner GAKGZ (Lyon Auto 6) has not accepted its invitation yet: its technicians see these jobs once it has.')],
  counts: counts(5000, 2500),
  preview: [
    { __typename: 'JobsImportPreviewRow', row: 2, kind: 'INSTALLATION', vin: 'JHM3UJCS5LC402344', plate: null, title: 'Install telematics unit', templateName: null, deviceSerial: null, scheduledFor: '2027-02-22', partnerId: 'GAKGZ', partnerName: 'Lyon Auto 6' },
    { __typename: 'JobsImportPreviewRow', row: 3, kind: 'MAINTENANCE', vin: '1FT6UXS73RD830640', plate: null, title: null, templateName: null, deviceSerial: null, scheduledFor: null, partnerId: null, partnerName: null },
  ],
};

const batch = (fields: Partial<ImportBatchProgressFieldsFragment>): ImportBatchProgressFieldsFragment => ({
  __typename: 'ImportBatch',
  id: 'batch-j1',
  kind: 'JOBS',
  status: 'RUNNING',
  fileName: 'jobs.csv',
  createdAt: '2026-11-24T10:00:00.000Z',
  finishedAt: null,
  createdByLabel: 'manager@aurora-motors.example',
  rowCount: 5000,
  createdCount: 0,
  processedRows: 0,
  problemCount: 0,
  problems: [],
  ...fields,
});

const validateMock = (preferTemplate: boolean, report: JobsImportReportFieldsFragment): MockLink.MockedResponse => ({
  request: { query: ValidateJobsImportDocument, variables: { input: { uploadId: 'upload-1', preferTemplate } } },
  result: { data: { validateJobsImport: report } },
});
const startMock = (preferTemplate: boolean): MockLink.MockedResponse => ({
  request: { query: StartJobsImportDocument, variables: { input: { uploadId: 'upload-1', preferTemplate } } },
  result: { data: { startJobsImport: { __typename: 'JobsImportStarted', batch: batch({}) } } },
});
const progressMock = (event: ImportBatchProgressFieldsFragment, delay: number): MockLink.MockedResponse => ({
  request: { query: OnImportBatchProgressDocument, variables: { id: 'batch-j1' } },
  result: { data: { importBatchProgress: event } },
  delay,
});
const batchMock = (ended: ImportBatchProgressFieldsFragment, maxUsageCount = 10): MockLink.MockedResponse => ({
  request: { query: ImportBatchDocument, variables: { id: 'batch-j1' } },
  result: { data: { importBatch: ended } },
  maxUsageCount,
});
const batchesMock: MockLink.MockedResponse = {
  request: { query: ImportBatchesDocument, variables: () => true },
  result: { data: { importBatches: { __typename: 'ImportBatchConnection', totalCount: 0, pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: null }, edges: [] } } },
  maxUsageCount: 5,
};

/** Renders the wizard; the answers to `held` operations wait for the returned `release()`. */
function renderWizard(mocks: MockLink.MockedResponse[], held: string[] = []) {
  const { link, release } = heldAnswers(mocks, held);
  render(
    <MockedProvider link={link} cache={createCache()}>
      <AntApp>
        <MemoryRouter>
          <JobsImportWizard />
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
const percentOf = (label: string) => screen.getByLabelText(label).querySelector('.ant-progress-text')?.textContent ?? screen.getByLabelText(label).textContent;

/** Every value each progress bar shows, in order (a repeat of the same value once), until `stop`. */
function recordProgressBars() {
  const shown: Record<string, number[]> = {};
  const record = () => {
    for (const bar of document.querySelectorAll('[role="progressbar"]')) {
      const label = bar.getAttribute('aria-label') ?? '(unlabelled)';
      const value = Number(bar.getAttribute('aria-valuenow'));
      const values = (shown[label] ??= []);
      if (values.at(-1) !== value) values.push(value);
    }
  };
  const observer = new MutationObserver(record);
  observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['aria-valuenow'] });
  return { shown, stop: () => observer.disconnect() };
}

afterEach(() => {
  uploads.calls = [];
  vi.restoreAllMocks();
});

describe('JobsImportWizard', () => {
  it('uploads the file once, checks it with "prefer template data", follows the progress to the end and links to the batch', async () => {
    renderWizard([
      validateMock(true, goodReport),
      startMock(true),
      progressMock(batch({ processedRows: 2000 }), 100),
      batchMock(batch({ status: 'SUCCEEDED', processedRows: 5000, createdCount: 5000, finishedAt: '2026-11-24T10:00:09.000Z' })),
      batchesMock,
    ]);
    expect(screen.getByText(/at most 50\.0 MB and 100,000 rows/)).toBeTruthy();
    chooseFile(GOOD, 'jobs.csv');
    fireEvent.click(await screen.findByRole('checkbox', { name: /Prefer template data/ }));
    fireEvent.click(screen.getByRole('button', { name: 'Validate' }));

    expect(await screen.findByText('jobs.csv: all 5000 row(s) can be imported.')).toBeTruthy();
    expect(screen.getByText('5,000 job(s) would be created: 2,500 assigned, 2,500 pending.')).toBeTruthy();
    expect(cellsOf(screen.getByRole('region', { name: 'Warnings' }))).toEqual([['2', 'assigned_installer_company_id', expect.stringContaining('has not accepted its invitation yet')]]);
    expect(screen.getByText('The first 2 of 5,000 jobs')).toBeTruthy();
    expect(cellsOf(screen.getByRole('region', { name: 'Preview' }))).toEqual([
      ['2', 'installation', 'JHM3UJCS5LC402344', 'Install telematics unit', '—', '2027-02-22', 'GAKGZLyon Auto 6'],
      ['3', 'maintenance', '1FT6UXS73RD830640', '—', '—', '—', 'Pending'],
    ]);
    expect(screen.getByText('From a template (template data preferred)')).toBeTruthy();

    fireEvent.click(screen.getByRole('button', { name: 'Import 5000 job(s)' }));
    // the subscription's event drives the bar: 2,000 of 5,000 rows
    expect(await screen.findByText('2,000 of 5,000 rows imported')).toBeTruthy();
    expect(percentOf('Import progress')).toBe('40%');
    // the end (here read by the backing poll) leads to the success screen and the filtered list
    expect(await screen.findByText('Imported 5,000 job(s)')).toBeTruthy();
    expect(screen.getByText('jobs.csv: 5,000 row(s), imported by manager@aurora-motors.example.')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Show the imported jobs' }).getAttribute('href')).toBe('/jobs?importBatchId=batch-j1');
    expect(uploads.calls).toEqual([{ fileName: 'jobs.csv', size: GOOD.length }]);
  });

  it('shows only real progress — bytes uploaded, rows imported — never an estimate and never going backwards', async () => {
    const bars = recordProgressBars();
    const release = renderWizard([
      validateMock(false, goodReport),
      startMock(false),
      progressMock(batch({ processedRows: 3000 }), 600),
      // the backing poll reads the batch once before the next event: an older count than the subscription's
      batchMock(batch({ processedRows: 2000 }), 1),
      batchMock(batch({ status: 'SUCCEEDED', processedRows: 5000, createdCount: 5000, finishedAt: '2026-11-24T10:00:09.000Z' })),
      batchesMock,
    ], ['ValidateJobsImport', 'StartJobsImport']);
    chooseFile(GOOD, 'jobs.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));
    // after the upload the server's check reports nothing: the wizard says what is happening, without a number
    expect((await screen.findByRole('status')).textContent).toBe('Checking jobs.csv on the server…');
    release('ValidateJobsImport');
    fireEvent.click(await screen.findByRole('button', { name: 'Import 5000 job(s)' }));
    // each answer is held until the wizard has been seen saying what it waits for
    expect((await screen.findByRole('status')).textContent).toBe('Starting the import…');
    release('StartJobsImport');
    expect(await screen.findByText('3,000 of 5,000 rows imported')).toBeTruthy();
    expect(await screen.findByText('Imported 5,000 job(s)', {}, { timeout: 8000 })).toBeTruthy();
    bars.stop();
    // only counted values, each bar rising: the upload's halves (the stand-in reports 50 % and 100 % of the
    // bytes; the last may give way to the check before it is painted), then 3,000 and 5,000 of 5,000 rows
    expect(Object.keys(bars.shown).sort()).toEqual(['Import progress', 'Upload progress']);
    expect(bars.shown['Upload progress']?.[0]).toBe(50);
    expect([[50], [50, 100]]).toContainEqual(bars.shown['Upload progress']);
    expect(bars.shown['Import progress']).toEqual([60, 100]);
  });

  it('shows the problems of an import that ended FAILED, and nothing imported', async () => {
    const failed = batch({ status: 'FAILED', processedRows: 5000, problemCount: 1, problems: [problem(5001, 'scheduled_for', '2027-02-30 is not a day of the calendar.')] });
    renderWizard([validateMock(false, goodReport), startMock(false), progressMock(failed, 50), batchMock(failed), batchesMock]);
    chooseFile(GOOD, 'jobs.csv');
    fireEvent.click(await screen.findByRole('button', { name: 'Validate' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Import 5000 job(s)' }));
    expect(await screen.findByText('2027-02-30 is not a day of the calendar.')).toBeTruthy();
    expect(screen.getAllByRole('alert').some((alert) => alert.textContent?.includes('nothing was imported'))).toBe(true);
    expect((screen.getByRole('button', { name: 'Import 0 job(s)' }) as HTMLButtonElement).disabled).toBe(true);
  });

  it('refuses a file over 50 MB before uploading it', async () => {
    renderWizard([]);
    const input = document.querySelector('input[type="file"]') as HTMLInputElement;
    const big = new File(['x'], 'huge.csv', { type: 'text/csv' });
    Object.defineProperty(big, 'size', { value: 50 * 1024 * 1024 + 1 });
    fireEvent.change(input, { target: { files: [big] } });
    expect(await screen.findByText(/at most 50\.0 MB can be imported at once/)).toBeTruthy();
    expect(uploads.calls).toEqual([]);
  });
});
