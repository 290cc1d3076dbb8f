import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { DeleteJobDocument } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { fleetFit, jobFixture, jobsMock, servicePartnerOptionsMock } from '../../../test/job-fixtures';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { JobList } from './JobList';

function renderList(url: string, mocks: MockLink.MockedResponse[], who: [OrganizationKind, UserRole] = ['PRINCIPAL', 'ADMIN']) {
  const router = createMemoryRouter(
    [
      { path: '/jobs', element: <JobList /> },
      { path: '/jobs/:id', element: <p>Job page</p> },
    ],
    { initialEntries: [url] },
  );
  render(
    <MockedProvider mocks={[servicePartnerOptionsMock(null), ...mocks]} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture(...who)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

function headerCell(title: string): HTMLElement {
  const cell = screen.getAllByRole('columnheader').find((th) => th.textContent === title);
  if (!cell) throw new Error(`no column ${title}`);
  return cell;
}

const failed = jobFixture({ id: 'j1', kind: 'MAINTENANCE', status: 'FAILED', title: 'Replace unit', attempt: 2, servicePartner: fleetFit });

describe('JobList', () => {
  it('sends the filters the URL names and shows the matching rows', async () => {
    const router = renderList('/jobs?kind=MAINTENANCE&status=FAILED&partner=p-fleetfit&from=2026-12-01&to=2026-12-31&overdue=true&importBatchId=b1', [
      jobsMock(
        { kind: 'MAINTENANCE', status: 'FAILED', servicePartnerId: 'p-fleetfit', scheduledFrom: '2026-12-01', scheduledTo: '2026-12-31', overdue: true, importBatchId: 'b1' },
        [failed],
      ),
      jobsMock({ kind: 'MAINTENANCE' }, []),
    ]);
    expect(await screen.findByRole('link', { name: 'Replace unit' })).toBeTruthy();
    const row = screen.getByRole('link', { name: 'Replace unit' }).closest('tr') as HTMLElement;
    expect(within(row).getByText('Failed')).toBeTruthy();
    expect(within(row).getByText('FleetFit Service')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'WAUZZZ8V0KA000001' }).getAttribute('href')).toBe('/vehicles/v1');
    expect(screen.getByText('Showing 1 of 1')).toBeTruthy();

    fireEvent.click(screen.getByText('Clear filters'));
    expect(router.state.location.search).toBe('?kind=MAINTENANCE');
    expect(await screen.findByText('No maintenance jobs yet')).toBeTruthy();
  });

  it('changes the kind, the overdue switch and the order through the URL and the query', async () => {
    const router = renderList('/jobs', [
      jobsMock({ kind: 'INSTALLATION' }, [jobFixture({ id: 'j2', title: 'Fit unit' })]),
      jobsMock({ kind: 'MAINTENANCE' }, [failed]),
      jobsMock({ kind: 'MAINTENANCE', overdue: true }, []),
      jobsMock({ kind: 'MAINTENANCE', overdue: true }, [], { field: 'STATUS', direction: 'ASC' }),
    ]);
    expect(await screen.findByRole('link', { name: 'Fit unit' })).toBeTruthy();

    fireEvent.click(screen.getByRole('tab', { name: 'Maintenance' }));
    expect(await screen.findByRole('link', { name: 'Replace unit' })).toBeTruthy();

    fireEvent.click(screen.getByRole('switch'));
    expect(await screen.findByText('No jobs match these filters')).toBeTruthy();
    expect(router.state.location.search).toBe('?kind=MAINTENANCE&overdue=true');

    fireEvent.click(headerCell('Status'));
    await waitFor(() => expect(router.state.location.search).toBe('?kind=MAINTENANCE&overdue=true&sort=STATUS&dir=ASC'));
    expect(await screen.findByText('Showing 0 of 0')).toBeTruthy();
  });

  it("shows a technician its organization's jobs without the partner filter or the delete action", async () => {
    renderList('/jobs', [jobsMock({ kind: 'INSTALLATION' }, [])], ['PARTNER', 'TECHNICIAN']);
    expect(await screen.findByText('No jobs assigned to your organization')).toBeTruthy();
    expect(screen.queryByLabelText('Filter by service partner')).toBeNull();
  });

  it("deletes a job after a confirmation and shows the API's refusal", async () => {
    const running = jobFixture({ id: 'j3', status: 'RUNNING', title: 'Busy job', servicePartner: fleetFit });
    renderList('/jobs', [
      jobsMock({ kind: 'INSTALLATION' }, [running]),
      {
        request: { query: DeleteJobDocument, variables: { input: { id: 'j3' } } },
        result: {
          data: {
            deleteJob: {
              __typename: 'InvalidTransitionError',
              code: 'INVALID_TRANSITION',
              message: 'A running job cannot be deleted.',
              field: null,
              status: 'RUNNING',
            },
          },
        },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: 'Actions for Busy job' }));
    fireEvent.click(await screen.findByText('Delete…'));
    const confirm = await screen.findByRole('dialog');
    expect(within(confirm).getByText('This job is running; the server will refuse to delete it.')).toBeTruthy();
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    expect(await screen.findByText('A running job cannot be deleted.')).toBeTruthy();
  });
});
