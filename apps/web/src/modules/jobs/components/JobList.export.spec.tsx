import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { jobFixture, jobsMock, servicePartnerOptionsMock } from '../../../test/job-fixtures';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { JobList } from './JobList';

afterEach(() => vi.restoreAllMocks());

describe('JobList: Export CSV', () => {
  it('exports exactly the view the list shows: its tab, filters and order', async () => {
    const requested: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      requested.push(String(input));
      return new Response('vin,kind\n', { status: 200 });
    });
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => 'blob:export');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    const filter = { kind: 'MAINTENANCE' as const, status: 'FAILED' as const, overdue: true };
    const orderBy = { field: 'STATUS' as const, direction: 'DESC' as const };
    const router = createMemoryRouter([{ path: '/jobs', element: <JobList /> }], { initialEntries: ['/jobs?kind=MAINTENANCE&status=FAILED&overdue=true&sort=STATUS&dir=DESC'] });
    render(
      <MockedProvider mocks={[servicePartnerOptionsMock(null), jobsMock(filter, [jobFixture({ id: 'j1', kind: 'MAINTENANCE', status: 'FAILED', title: 'Replace unit' })], orderBy)]} cache={createCache()}>
        <AntApp>
          <ViewerContext.Provider value={viewerFixture('PRINCIPAL', 'VIEWER')}>
            <RouterProvider router={router} />
          </ViewerContext.Provider>
        </AntApp>
      </MockedProvider>,
    );
    expect(await screen.findByRole('link', { name: 'Replace unit' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await waitFor(() => expect(requested).toHaveLength(1));
    const url = new URL(requested[0]!, 'http://app.example');
    expect(url.pathname).toBe('/exports/jobs.csv');
    expect(JSON.parse(url.searchParams.get('filter')!)).toEqual(filter);
    expect(JSON.parse(url.searchParams.get('orderBy')!)).toEqual(orderBy);
  });
});
