import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VehiclesCsvDocument } from '@partner-hub/graphql-client';
import type { VehicleFilter, VehicleOrder } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { ExportVehiclesButton } from './ExportVehiclesButton';
import type { ExportVehiclesButtonProps } from './ExportVehiclesButton';

const filter: VehicleFilter = { make: 'Aurora', partnerId: 'p-1', importBatchId: 'b-1' };
const orderBy: VehicleOrder = { field: 'VIN', direction: 'ASC' };
const CSV = 'vin,make,model,year,license_plate,device_serial,device_model,firmware,owner_email,partner_id\nWVWZZZ1JZ3W386752,Aurora,"Cargo, XL",2024,B-AB 1,,,,olga@mail.example,WK3DE\n';

function renderButton(mocks: MockLink.MockedResponse[], props: ExportVehiclesButtonProps = { filter, orderBy }) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ExportVehiclesButton {...props} />
      </AntApp>
    </MockedProvider>,
  );
}

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

const text = async (blob: Blob | undefined) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blob?.arrayBuffer());

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('ExportVehiclesButton', () => {
  it("exports the list's filter and order and saves vehicles-YYYY-MM-DD.csv with a BOM", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 24, 9, 30));
    const downloads = captureDownloads();
    renderButton([{ request: { query: VehiclesCsvDocument, variables: { filter, orderBy } }, result: { data: { vehiclesCsv: CSV } } }]);
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.name).toBe('vehicles-2026-11-24.csv');
    expect(await text(downloads[0]?.blob)).toBe(`\uFEFF${CSV}`);
  });

  it('sends null filter and order when the list has none (the server then uses the list defaults)', async () => {
    const downloads = captureDownloads();
    renderButton([{ request: { query: VehiclesCsvDocument, variables: { filter: null, orderBy: null } }, result: { data: { vehiclesCsv: 'vin\n' } } }], {});
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(await text(downloads[0]?.blob)).toBe('\uFEFFvin\n');
  });

  it('says why when the export is refused, and saves nothing', async () => {
    const downloads = captureDownloads();
    renderButton([
      {
        request: { query: VehiclesCsvDocument, variables: { filter, orderBy } },
        result: { errors: [new GraphQLError('This view has 150,000 vehicles; narrow the filters to at most 100,000 to export them.', { extensions: { code: 'BAD_USER_INPUT' } })] },
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    expect(await screen.findByText(/narrow the filters to at most 100,000/)).toBeTruthy();
    expect(screen.getByText('Could not export the vehicles')).toBeTruthy();
    expect(downloads).toHaveLength(0);
  });
});
