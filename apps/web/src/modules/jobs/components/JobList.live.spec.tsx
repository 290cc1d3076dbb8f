import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ApolloClient, ApolloLink } from '@apollo/client';
import { ApolloProvider } from '@apollo/client/react';
import { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { OperationTypeNode } from 'graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { Observable } from 'rxjs';
import type { Subscriber } from 'rxjs';
import { afterEach, describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import type { JobListFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { viewerFixture } from '../../../test/fixtures';
import { fleetFit, jobDetailsFixture, jobDetailsMock, jobFixture, jobsMock, servicePartnerOptionsMock } from '../../../test/job-fixtures';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { liveConnection } from '../../shared/utils/live-connection';
import { JobDetails } from '../details/JobDetails';
import { JobList } from './JobList';

/**
 * The live jobs list and job page against a network that answers queries from mocks and lets the test
 * push subscription events, as the server would over graphql-ws.
 */
class LiveNetwork {
  readonly subscribers: { operationName: string; variables: Record<string, unknown>; subscriber: Subscriber<ApolloLink.Result> }[] = [];
  readonly queries: string[] = [];
  readonly link: ApolloLink;

  constructor(mocks: MockLink.MockedResponse[]) {
    const queries = new MockLink(mocks);
    const subscriptions = new ApolloLink(
      (operation) =>
        new Observable<ApolloLink.Result>((subscriber) => {
          const entry = { operationName: operation.operationName ?? '', variables: operation.variables, subscriber };
          this.subscribers.push(entry);
          return () => this.subscribers.splice(this.subscribers.indexOf(entry), 1);
        }),
    );
    const recorded = new ApolloLink((operation, forward) => {
      this.queries.push(operation.operationName ?? '');
      return forward(operation);
    });
    this.link = ApolloLink.split(({ operationType }) => operationType === OperationTypeNode.SUBSCRIPTION, subscriptions, ApolloLink.from([recorded, queries]));
  }

  /** Sends `data` to every open subscription of `operationName`. */
  push(operationName: string, data: Record<string, unknown>): void {
    const open = this.subscribers.filter((s) => s.operationName === operationName);
    if (open.length === 0) throw new Error(`no open ${operationName} subscription`);
    act(() => {
      for (const s of open) s.subscriber.next({ data });
    });
  }
}

function renderWith(network: LiveNetwork, element: React.ReactElement, url: string, who: [OrganizationKind, UserRole] = ['PRINCIPAL', 'ADMIN']) {
  const client = new ApolloClient({ cache: createCache(), link: network.link, defaultOptions: { watchQuery: { fetchPolicy: 'cache-and-network', nextFetchPolicy: 'cache-first' } } });
  const router = createMemoryRouter(
    [
      { path: '/jobs', element },
      { path: '/jobs/:id', element },
    ],
    { initialEntries: [url] },
  );
  render(
    <ApolloProvider client={client}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture(...who)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </ApolloProvider>,
  );
}

const changed = (change: string, jobId: string, job: JobListFieldsFragment | null) => ({
  jobChanged: { __typename: 'JobChange', change, jobId, importBatchId: null, job },
});

const rowOf = (title: string) => screen.getByRole('link', { name: title }).closest('tr') as HTMLElement;
const titlesInOrder = () => screen.getAllByRole('row').map((row) => row.querySelector('a')?.textContent).filter(Boolean);

const older = jobFixture({ id: 'j1', title: 'Fit unit A', status: 'ASSIGNED', servicePartner: fleetFit });
const newer = jobFixture({ id: 'j2', title: 'Fit unit B', status: 'ASSIGNED', servicePartner: fleetFit, createdAt: '2026-11-02T10:00:00.000Z' });

afterEach(() => {
  // each test starts with the page's first connection
  (liveConnection as unknown as { connections: number }).connections = 0;
});

describe('the live jobs list', () => {
  it('shows a new status in place when another user starts a job: same rows, same order, no notice', async () => {
    const network = new LiveNetwork([servicePartnerOptionsMock(null), jobsMock({ kind: 'INSTALLATION' }, [newer, older])]);
    renderWith(network, <JobList />, '/jobs');
    expect(await screen.findByRole('link', { name: 'Fit unit A' })).toBeTruthy();
    expect(within(rowOf('Fit unit A')).getByText('Assigned')).toBeTruthy();
    await waitFor(() => expect(network.subscribers.map((s) => s.operationName)).toContain('OnJobChanged'));
    // the server narrows by the tab; the status is the list's to check, so rows leaving a status filter still update
    expect(network.subscribers.find((s) => s.operationName === 'OnJobChanged')?.variables).toEqual({ filter: { kind: 'INSTALLATION' } });

    network.push('OnJobChanged', changed('TRANSITIONED', 'j1', { ...older, status: 'RUNNING' }));
    expect(await within(rowOf('Fit unit A')).findByText('Running')).toBeTruthy();
    expect(titlesInOrder()).toEqual(['Fit unit B', 'Fit unit A']);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it('announces jobs created by others ("2 new jobs") instead of inserting them, and shows them on request', async () => {
    const created = [jobFixture({ id: 'j3', title: 'Fit unit C', createdAt: '2026-11-03T10:00:00.000Z' }), jobFixture({ id: 'j4', title: 'Fit unit D', createdAt: '2026-11-04T10:00:00.000Z' })];
    const network = new LiveNetwork([
      servicePartnerOptionsMock(null),
      jobsMock({ kind: 'INSTALLATION' }, [newer, older]),
      jobsMock({ kind: 'INSTALLATION' }, [...created.reverse(), newer, older]),
    ]);
    renderWith(network, <JobList />, '/jobs');
    expect(await screen.findByRole('link', { name: 'Fit unit A' })).toBeTruthy();
    await waitFor(() => expect(network.subscribers.length).toBeGreaterThan(0));

    network.push('OnJobChanged', changed('CREATED', 'j3', jobFixture({ id: 'j3', title: 'Fit unit C' })));
    network.push('OnJobChanged', changed('CREATED', 'j4', jobFixture({ id: 'j4', title: 'Fit unit D' })));
    // the same job announced twice counts once; one the tab does not show (another kind is filtered by the server)
    network.push('OnJobChanged', changed('UPDATED', 'j4', jobFixture({ id: 'j4', title: 'Fit unit D' })));
    const notice = await screen.findByRole('status');
    expect(notice.textContent).toContain('2 new jobs');
    expect(titlesInOrder()).toEqual(['Fit unit B', 'Fit unit A']);

    fireEvent.click(within(notice).getByRole('button', { name: 'Show' }));
    expect(await screen.findByRole('link', { name: 'Fit unit D' })).toBeTruthy();
    expect(titlesInOrder()).toEqual(['Fit unit D', 'Fit unit C', 'Fit unit B', 'Fit unit A']);
    expect(screen.queryByRole('status')).toBeNull();
  });

  it("leaves out a new job that the list's filters exclude, and counts a deleted row", async () => {
    const network = new LiveNetwork([servicePartnerOptionsMock(null), jobsMock({ kind: 'INSTALLATION', status: 'ASSIGNED' }, [newer, older])]);
    renderWith(network, <JobList />, '/jobs?status=ASSIGNED');
    expect(await screen.findByRole('link', { name: 'Fit unit A' })).toBeTruthy();
    await waitFor(() => expect(network.subscribers.length).toBeGreaterThan(0));
    network.push('OnJobChanged', changed('CREATED', 'j5', jobFixture({ id: 'j5', title: 'Pending one', status: 'PENDING' })));
    network.push('OnJobChanged', changed('DELETED', 'j2', null));
    expect((await screen.findByRole('status')).textContent).toContain('1 job removed');
    expect(screen.getByRole('status').textContent).not.toContain('new');
  });

  it('reads what is shown again when the WebSocket connects again', async () => {
    const network = new LiveNetwork([
      servicePartnerOptionsMock(null),
      jobsMock({ kind: 'INSTALLATION' }, [newer, older]),
      jobsMock({ kind: 'INSTALLATION' }, [newer, { ...older, status: 'SUCCEEDED' }]),
    ]);
    renderWith(network, <JobList />, '/jobs');
    expect(await screen.findByRole('link', { name: 'Fit unit A' })).toBeTruthy();
    act(() => liveConnection.handlers.connected());
    expect(network.queries.filter((q) => q === 'Jobs')).toHaveLength(1);
    // the connection dropped (a change was missed meanwhile) and came back
    act(() => {
      liveConnection.handlers.closed();
      liveConnection.handlers.connected();
    });
    expect(await within(rowOf('Fit unit A')).findByText('Succeeded')).toBeTruthy();
    expect(network.queries.filter((q) => q === 'Jobs')).toHaveLength(2);
  });

  it("updates a technician's cards in place on a phone", async () => {
    // a phone: antd's breakpoints read media queries, which jsdom does not evaluate
    const original = window.matchMedia;
    window.matchMedia = ((media: string) => ({
      matches: /max-width:\s*575/.test(media),
      media,
      onchange: null,
      addListener: () => undefined,
      removeListener: () => undefined,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      dispatchEvent: () => false,
    })) as typeof window.matchMedia;
    try {
      const network = new LiveNetwork([jobsMock({ kind: 'INSTALLATION' }, [older])]);
      renderWith(network, <JobList />, '/jobs', ['PARTNER', 'TECHNICIAN']);
      expect(await screen.findByText('Fit unit A')).toBeTruthy();
      expect(screen.queryByRole('table')).toBeNull(); // cards, not the table
      await waitFor(() => expect(network.subscribers.length).toBeGreaterThan(0));
      network.push('OnJobChanged', changed('TRANSITIONED', 'j1', { ...older, status: 'RUNNING' }));
      expect(await screen.findByText('Running')).toBeTruthy();
    } finally {
      window.matchMedia = original;
    }
  });
});

describe('the live job page', () => {
  it('follows a change by someone else: status, actions and history, resuming after the last event it saw', async () => {
    const assigned = jobDetailsFixture({ id: 'j1' });
    const job = {
      ...assigned,
      status: 'ASSIGNED' as const,
      availableActions: ['UNASSIGN' as const, 'CANCEL' as const],
      events: [{ __typename: 'JobEvent' as const, id: 'e1', type: 'CREATED', fromStatus: null, toStatus: 'PENDING' as const, reason: null, changes: null, actorLabel: 'admin@aurora.example', createdAt: '2026-11-01T10:00:00.000Z' }],
    };
    const started = {
      ...job,
      status: 'RUNNING' as const,
      version: 2,
      availableActions: [],
      events: [...job.events, { __typename: 'JobEvent' as const, id: 'e2', type: 'START', fromStatus: 'ASSIGNED' as const, toStatus: 'RUNNING' as const, reason: null, changes: null, actorLabel: 'tech@fleetfit.example', createdAt: '2026-11-01T11:00:00.000Z' }],
    };
    const network = new LiveNetwork([jobDetailsMock(job), jobDetailsMock(started)]);
    renderWith(network, <JobDetails id="j1" />, '/jobs/j1');
    expect(await screen.findByRole('button', { name: 'Cancel job' })).toBeTruthy();
    await waitFor(() => expect(network.subscribers.map((s) => s.operationName)).toContain('OnJobEventAdded'));
    expect(network.subscribers.find((s) => s.operationName === 'OnJobEventAdded')?.variables).toEqual({ jobId: 'j1', after: 'e1' });

    network.push('OnJobEventAdded', { jobEventAdded: { __typename: 'JobEvent', id: 'e2', type: 'START', toStatus: 'RUNNING' } });
    expect(await screen.findByText('tech@fleetfit.example', { exact: false })).toBeTruthy();
    expect(screen.getAllByText('Running').length).toBeGreaterThan(0);
    expect(screen.queryByRole('button', { name: 'Cancel job' })).toBeNull();
  });
});
