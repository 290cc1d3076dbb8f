import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { Observable } from 'rxjs';
import type { Subscriber } from 'rxjs';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { MemoryRouter, Route, Routes, useLocation } from 'react-router';
import { describe, expect, it } from 'vitest';
import { DashboardDocument } from '@partner-hub/graphql-client';
import type { DashboardFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { DashboardPage } from '../../../pages/DashboardPage';
import { LiveConnection } from '../../shared/utils/live-connection';

const progress = (
  fields: Partial<Record<'pending' | 'assigned' | 'running' | 'succeeded' | 'failed' | 'cancelled', number>>,
) => {
  const p = { pending: 0, assigned: 0, running: 0, succeeded: 0, failed: 0, cancelled: 0, ...fields };
  return {
    __typename: 'DashboardProgress' as const,
    total: Object.values(p).reduce((a, b) => a + b, 0),
    ...p,
  };
};
const days = (last: { succeeded: number; failed: number }) =>
  Array.from({ length: 30 }, (_, i) => ({
    __typename: 'DashboardDay' as const,
    day: `2026-11-${String(3 + i).padStart(2, '0')}`.replace('2026-11-3', '2026-12-0'),
    succeeded: i === 29 ? last.succeeded : 0,
    failed: i === 29 ? last.failed : 0,
  }));

function dashboard(
  fields: Partial<DashboardFieldsFragment> & { running: number; succeeded: number },
): DashboardFieldsFragment {
  const { running, succeeded, ...rest } = fields;
  return {
    __typename: 'Dashboard',
    scope: 'PRINCIPAL',
    readAt: '2026-12-02T10:00:00.000Z',
    today: '2026-12-02',
    total: 10 + running + succeeded,
    overdue: 2,
    statusCounts: [
      { __typename: 'DashboardStatusCount', status: 'PENDING', count: 4 },
      { __typename: 'DashboardStatusCount', status: 'ASSIGNED', count: 6 },
      { __typename: 'DashboardStatusCount', status: 'RUNNING', count: running },
      { __typename: 'DashboardStatusCount', status: 'SUCCEEDED', count: succeeded },
      { __typename: 'DashboardStatusCount', status: 'FAILED', count: 0 },
      { __typename: 'DashboardStatusCount', status: 'CANCELLED', count: 0 },
    ],
    kindCounts: [],
    servicePartnerCount: 1,
    servicePartners: [
      {
        __typename: 'DashboardPartnerProgress',
        partnerId: 'sp-1',
        name: 'Lyon Auto',
        overdue: 1,
        progress: progress({ assigned: 6, running, succeeded }),
      },
    ],
    importBatches: [],
    overdueJobs: [
      {
        __typename: 'DashboardJob',
        id: 'job-late',
        title: 'Fit unit on the red van',
        kind: 'INSTALLATION',
        status: 'ASSIGNED',
        scheduledFor: '2026-11-20',
        servicePartnerName: 'Lyon Auto',
      },
    ],
    openJobs: [],
    recentEvents: [
      {
        __typename: 'DashboardEvent',
        id: 'e1',
        at: '2026-12-02T09:59:00.000Z',
        type: 'START',
        fromStatus: 'ASSIGNED',
        toStatus: 'RUNNING',
        actorLabel: 'tech@lyon.example',
        jobId: 'job-1',
        jobTitle: 'Fit unit on the blue car',
        jobKind: 'INSTALLATION',
      },
    ],
    daily: days({ succeeded, failed: 0 }),
    ...rest,
  };
}

const statOf = (title: string) => {
  const card = screen.getByRole('list', { name: 'Jobs per status' });
  const item = within(card)
    .getAllByRole('listitem')
    .find((i) => i.textContent?.startsWith(title));
  return item?.querySelector('.ant-statistic-content-value')?.textContent;
};

function Where() {
  const location = useLocation();
  return <output data-testid="where">{location.pathname + location.search}</output>;
}

function renderPage(mocks: MockLink.MockedResponse[], path = '/dashboard') {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <MemoryRouter initialEntries={[path]}>
          <Routes>
            <Route
              path="/dashboard"
              element={
                <>
                  <DashboardPage />
                  <Where />
                </>
              }
            />
          </Routes>
        </MemoryRouter>
      </AntApp>
    </MockedProvider>,
  );
}

describe('DashboardPage', () => {
  it("shows the counts, the partner's progress, overdue jobs and the feed, and takes the numbers of each push without a reload", async () => {
    // the server's side: the query's answer, and a subscription the test pushes into when it chooses
    const pushes: Subscriber<ApolloLink.Result>[] = [];
    const link = new ApolloLink(
      (operation) =>
        new Observable<ApolloLink.Result>((observer) => {
          if (operation.operationName === 'OnDashboardChanged') pushes.push(observer);
          else {
            observer.next({ data: { dashboard: dashboard({ running: 1, succeeded: 2 }) } });
            observer.complete();
          }
        }),
    );
    render(
      <ApolloProvider client={new ApolloClient({ cache: createCache(), link })}>
        <AntApp>
          <MemoryRouter initialEntries={['/dashboard']}>
            <DashboardPage />
          </MemoryRouter>
        </AntApp>
      </ApolloProvider>,
    );
    expect(await screen.findByRole('heading', { name: 'Dashboard' })).toBeTruthy();
    expect(statOf('Running')).toBe('1');
    expect(statOf('Succeeded')).toBe('2');
    expect(statOf('Overdue')).toBe('2');
    expect(screen.getByRole('meter', { name: 'Lyon Auto: 2 of 9 finished' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Fit unit on the red van' }).getAttribute('href')).toBe(
      '/jobs/job-late',
    );
    expect(screen.getByText('Start → Running')).toBeTruthy();
    // the push: the job finished
    await waitFor(() => expect(pushes).toHaveLength(1));
    act(() =>
      pushes[0]!.next({
        data: {
          dashboardChanged: dashboard({
            running: 0,
            succeeded: 3,
            recentEvents: [
              {
                __typename: 'DashboardEvent',
                id: 'e2',
                at: '2026-12-02T10:00:30.000Z',
                type: 'SUCCEED',
                fromStatus: 'RUNNING',
                toStatus: 'SUCCEEDED',
                actorLabel: 'tech@lyon.example',
                jobId: 'job-1',
                jobTitle: 'Fit unit on the blue car',
                jobKind: 'INSTALLATION',
              },
            ],
          }),
        },
      }),
    );
    expect(await screen.findByText('Succeed → Succeeded')).toBeTruthy();
    expect(statOf('Running')).toBe('0');
    expect(statOf('Succeeded')).toBe('3');
    expect(screen.getByRole('meter', { name: 'Lyon Auto: 3 of 9 finished' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Fit unit on the blue car' }).getAttribute('href')).toBe(
      '/jobs/job-1',
    );
  });

  it('shows a technician its open work and today\'s finished jobs as "My jobs today"', async () => {
    const mine = dashboard({
      running: 1,
      succeeded: 1,
      scope: 'TECHNICIAN',
      openJobs: [
        {
          __typename: 'DashboardJob',
          id: 'job-run',
          title: 'Running job',
          kind: 'MAINTENANCE',
          status: 'RUNNING',
          scheduledFor: null,
          servicePartnerName: 'Lyon Auto',
        },
      ],
    });
    renderPage([{ request: { query: DashboardDocument }, result: { data: { dashboard: mine } } }]);
    expect(await screen.findByRole('heading', { name: 'My jobs today' })).toBeTruthy();
    expect(statOf('Succeeded today')).toBe('1');
    expect(screen.getByRole('link', { name: 'Running job' })).toBeTruthy();
    expect(screen.queryByText('All jobs')).toBeNull();
  });

  it('opens and leaves the full-screen wall mode through the URL', async () => {
    renderPage([
      {
        request: { query: DashboardDocument },
        result: { data: { dashboard: dashboard({ running: 1, succeeded: 2 }) } },
      },
    ]);
    fireEvent.click(await screen.findByRole('button', { name: /Wall mode/ }));
    expect(screen.getByTestId('where').textContent).toBe('/dashboard?wall=1');
    expect(screen.getByRole('region', { name: 'Wall display' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: /Leave wall mode/ }));
    expect(screen.getByTestId('where').textContent).toBe('/dashboard');
    expect(screen.queryByRole('region', { name: 'Wall display' })).toBeNull();
  });

  it('says when the dashboard could not be loaded', async () => {
    renderPage([{ request: { query: DashboardDocument }, error: new Error('network down') }]);
    expect(await screen.findByText('Could not load the dashboard')).toBeTruthy();
  });
});

describe('LiveConnection', () => {
  it('is connecting, then live, offline when the socket drops, and counts each reconnection', () => {
    const connection = new LiveConnection();
    expect(connection.current().status).toBe('idle');
    connection.handlers.connecting();
    expect(connection.current()).toEqual({ status: 'connecting', connections: 0 });
    connection.handlers.connected();
    expect(connection.current()).toEqual({ status: 'live', connections: 1 });
    connection.handlers.closed();
    expect(connection.current().status).toBe('offline');
    connection.handlers.connecting();
    expect(connection.current().status).toBe('offline');
    connection.handlers.connected();
    expect(connection.current()).toEqual({ status: 'live', connections: 2 });
  });
});
