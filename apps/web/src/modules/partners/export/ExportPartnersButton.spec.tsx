import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { GraphQLError } from 'graphql';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PartnersCsvDocument } from '@partner-hub/graphql-client';
import type { PartnerFilter, PartnerOrder } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { ExportPartnersButton } from './ExportPartnersButton';

const filter: PartnerFilter = { role: 'DEALER', search: 'berlin' };
const orderBy: PartnerOrder = { field: 'NAME', direction: 'DESC' };
const CSV = 'partner_id,name\nB2222,"Berlin, Nord"\nB1111,Berlin Süd\n';

function renderButton(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ExportPartnersButton filter={filter} orderBy={orderBy} />
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

afterEach(() => {
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('ExportPartnersButton', () => {
  it("exports the list's filter and order and saves partners-YYYY-MM-DD.csv", async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date(2026, 10, 23, 9, 30));
    const downloads = captureDownloads();
    renderButton([{ request: { query: PartnersCsvDocument, variables: { filter, orderBy, columns: null } }, result: { data: { partnersCsv: CSV } } }]);
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(downloads).toHaveLength(1));
    expect(downloads[0]?.name).toBe('partners-2026-11-23.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await downloads[0]?.blob.arrayBuffer());
    expect(text).toBe(`\uFEFF${CSV}`);
  });

  it('says why when the export is refused, and saves nothing', async () => {
    const downloads = captureDownloads();
    renderButton([
      {
        request: { query: PartnersCsvDocument, variables: { filter, orderBy, columns: null } },
        result: { errors: [new GraphQLError('This view has 60,000 partners; narrow the filters to at most 50,000 to export them.', { extensions: { code: 'BAD_USER_INPUT' } })] },
      },
    ]);
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    expect(await screen.findByText(/narrow the filters to at most 50,000/)).toBeTruthy();
    expect(screen.getByText('Could not export the partners')).toBeTruthy();
    expect(downloads).toHaveLength(0);
  });
});
