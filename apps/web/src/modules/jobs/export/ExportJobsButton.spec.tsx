import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App as AntApp } from 'antd';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { JobFilter, JobOrder } from '@partner-hub/graphql-client';
import { ExportJobsButton, jobsExportUrl } from './ExportJobsButton';

const filter: JobFilter = { kind: 'INSTALLATION', status: 'FAILED', servicePartnerId: 'p-1' };
const orderBy: JobOrder = { field: 'STATUS', direction: 'ASC' };
const CSV = '\uFEFFvin,license_plate,kind\nWVWZZZ1JZ3W386752,,installation\n';

/** Captures what the button hands to the browser as a download. */
function captureDownloads() {
  const downloads: { name: string; blob: Blob }[] = [];
  let blob: Blob | null = null;
  vi.spyOn(URL, 'createObjectURL').mockImplementation((b) => ((blob = b as Blob), 'blob:export'));
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    if (blob) downloads.push({ name: this.download, blob });
  });
  return downloads;
}

/** Answers the export request as the server would; records which address was asked for. */
function serve(response: Response) {
  const requested: string[] = [];
  vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
    requested.push(String(input));
    return response;
  });
  return requested;
}

const renderButton = () =>
  render(
    <AntApp>
      <ExportJobsButton filter={filter} orderBy={orderBy} />
    </AntApp>,
  );

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('ExportJobsButton', () => {
  it("downloads the list's exact view (filter and order) as jobs-YYYY-MM-DD.csv", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 24, 9, 30));
    const downloads = captureDownloads();
    const requested = serve(new Response(CSV, { status: 200, headers: { 'content-type': 'text/csv; charset=utf-8' } }));
    renderButton();
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    const url = new URL(requested[0]!, 'http://app.example');
    expect(url.pathname).toBe('/exports/jobs.csv');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual(filter);
    expect(JSON.parse(url.searchParams.get('orderBy')!)).toEqual(orderBy);
    expect(downloads[0]?.name).toBe('jobs-2026-11-24.csv');
    expect(new TextDecoder('utf-8', { ignoreBOM: true }).decode(await downloads[0]?.blob.arrayBuffer())).toBe(CSV);
  });

  it('shows the server’s reason when it refuses, and saves nothing', async () => {
    const downloads = captureDownloads();
    serve(new Response(JSON.stringify({ error: { code: 'VALIDATION_FAILED', message: 'This is not an id.', field: 'filter.servicePartnerId' } }), { status: 400, headers: { 'content-type': 'application/json' } }));
    renderButton();
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    expect(await screen.findByText('This is not an id.')).toBeTruthy();
    expect(screen.getByText('Could not export the jobs')).toBeTruthy();
    expect(downloads).toHaveLength(0);
  });

  it('asks for the default view without parameters', () => {
    expect(jobsExportUrl(null, null)).toBe('/exports/jobs.csv');
  });
});
