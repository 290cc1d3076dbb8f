import { render, screen, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { MemoryRouter } from 'react-router';
import { describe, expect, it } from 'vitest';
import { ImportBatchesDocument } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { ImportBatchesList } from './ImportBatchesList';

const node = (id: string, fileName: string, status: 'SUCCEEDED' | 'FAILED', createdCount: number, problems: number) => ({
  __typename: 'ImportBatch' as const,
  id,
  kind: 'VEHICLES' as const,
  status,
  fileName,
  createdAt: '2026-11-24T10:00:00.000Z',
  finishedAt: '2026-11-24T10:00:01.000Z',
  createdByLabel: 'admin@aurora-motors.example',
  rowCount: 3,
  createdCount,
  problems: Array.from({ length: problems }, (_, i) => ({ __typename: 'ImportProblem' as const, row: i + 2, column: 'vin', message: 'bad' })),
});

const batches: MockLink.MockedResponse = {
  request: { query: ImportBatchesDocument, variables: { kind: 'VEHICLES', first: 10 } },
  result: {
    data: {
      importBatches: {
        __typename: 'ImportBatchConnection',
        totalCount: 2,
        pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c2' },
        edges: [
          { __typename: 'ImportBatchEdge', cursor: 'c1', node: node('b-ok', 'fleet.csv', 'SUCCEEDED', 3, 0) },
          { __typename: 'ImportBatchEdge', cursor: 'c2', node: node('b-bad', 'broken.csv', 'FAILED', 0, 2) },
        ],
      },
    },
  },
};

describe('ImportBatchesList', () => {
  it('lists the imports of its kind, linking what a batch created to the list filtered by it', async () => {
    render(
      <MockedProvider mocks={[batches]} cache={createCache()}>
        <MemoryRouter>
          <ImportBatchesList kind="VEHICLES" noun="vehicle" listPath="/vehicles" />
        </MemoryRouter>
      </MockedProvider>,
    );
    const region = screen.getByRole('region', { name: 'Earlier imports' });
    expect(await within(region).findByText('fleet.csv')).toBeTruthy();
    expect(within(region).getByRole('link', { name: '3 vehicle(s)' }).getAttribute('href')).toBe('/vehicles?importBatchId=b-ok');
    expect(within(region).getByText('2 problem(s)')).toBeTruthy();
    expect(within(region).getByText('Not imported')).toBeTruthy();
  });
});
