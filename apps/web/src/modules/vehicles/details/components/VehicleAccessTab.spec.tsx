import { fireEvent, render, screen, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import dayjs from 'dayjs';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { WhoCanAccessDocument } from '@partner-hub/graphql-client';
import type {
  VehicleAccessEntryFieldsFragment,
  VehicleDetailsFieldsFragment,
} from '@partner-hub/graphql-client';
import { createCache } from '../../../../app/apollo-client';
import { ViewerContext } from '../../../auth/hooks/viewer-context';
import { formatDateTime } from '../../../shared/utils/format';
import { viewerFixture } from '../../../../test/fixtures';
import { vehicleFixture } from '../../../../test/vehicle-fixtures';
import { VehicleAccessTab } from './VehicleAccessTab';

const partner = (id: string, name: string) => ({
  __typename: 'Partner' as const,
  id,
  partnerId: id.slice(2, 7).toUpperCase(),
  name,
});
const berlin = partner('p-berlin', 'Berlin Autohaus');
const potsdam = partner('p-potsdam', 'Potsdam');
const fleetfit = partner('p-fleetfit', 'FleetFit Service');

function entry(
  overrides: Partial<VehicleAccessEntryFieldsFragment> & Pick<VehicleAccessEntryFieldsFragment, 'reason'>,
): VehicleAccessEntryFieldsFragment {
  return {
    __typename: 'VehicleAccessEntry',
    roles: ['ADMIN', 'STAFF'],
    since: null,
    until: null,
    jobId: null,
    job: null,
    partner: null,
    assignedPartner: null,
    ...overrides,
  };
}

const SINCE = '2026-02-01T09:00:00.000Z';
const UNTIL = '2026-04-30T18:00:00.000Z';
const staff = entry({ reason: 'PRINCIPAL_STAFF', roles: ['ADMIN', 'MANAGER', 'VIEWER'] });
const throughPotsdam = entry({
  reason: 'ASSIGNMENT',
  partner: berlin,
  assignedPartner: potsdam,
  since: SINCE,
});
const direct = entry({ reason: 'ASSIGNMENT', partner: potsdam, assignedPartner: potsdam, since: SINCE });
const grant = entry({
  reason: 'JOB_GRANT',
  partner: fleetfit,
  jobId: 'job-42',
  job: { __typename: 'Job', id: 'job-42', title: 'Fit the tracker', kind: 'INSTALLATION' },
  since: SINCE,
  until: UNTIL,
  roles: ['ADMIN', 'STAFF', 'TECHNICIAN'],
});

const vehicle = (accessVia: VehicleAccessEntryFieldsFragment[]): VehicleDetailsFieldsFragment => ({
  ...vehicleFixture({ id: 'v1', vin: 'WAUZZZ8V0KA000001' }),
  version: 1,
  accessVia,
});

function whoMock(at: string | null, entries: VehicleAccessEntryFieldsFragment[]): MockLink.MockedResponse {
  return {
    request: { query: WhoCanAccessDocument, variables: { vehicleId: 'v1', at } },
    result: { data: { whoCanAccess: entries } },
  };
}

function renderTab(
  accessVia: VehicleAccessEntryFieldsFragment[],
  who: [OrganizationKind, UserRole],
  mocks: MockLink.MockedResponse[] = [],
) {
  const router = createMemoryRouter(
    [
      { path: '/vehicles/:id/access', element: <VehicleAccessTab vehicle={vehicle(accessVia)} /> },
      { path: '/partners/:id', element: <p>Partner page</p> },
      { path: '/jobs/:id', element: <p>Job page</p> },
    ],
    { initialEntries: ['/vehicles/v1/access'] },
  );
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture(...who)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

const reasons = () =>
  within(screen.getByRole('list', { name: 'Why you see this vehicle' }))
    .getAllByRole('listitem')
    .map((item) => item.textContent);

describe('VehicleAccessTab', () => {
  it("explains a partner's access through a sub-partner's assignment, its own, and a job grant", () => {
    renderTab([throughPotsdam, direct, grant], ['PARTNER', 'ADMIN']);
    expect(reasons()).toEqual([
      `You see this vehicle because it is assigned to Berlin Autohaus through its sub-partner Potsdam (since ${formatDateTime(SINCE)}).`,
      `You see this vehicle because it is assigned to Potsdam (since ${formatDateTime(SINCE)}).`,
      `You see this vehicle through the grant of job “Fit the tracker” until ${formatDateTime(UNTIL)}.`,
    ]);
    expect(screen.getByRole('link', { name: 'job “Fit the tracker”' }).getAttribute('href')).toBe('/jobs/job-42');
    // who else can access is for holders of vehicleAccess:read only
    expect(screen.queryByText('Who can access')).toBeNull();
  });

  it('names an untitled job by its kind, and a job the viewer may not see only as "a job"', () => {
    const untitled = { ...grant, job: { __typename: 'Job' as const, id: 'job-7', title: null, kind: 'MAINTENANCE' as const } };
    const hidden = { ...grant, jobId: 'job-9', job: null };
    renderTab([untitled, hidden], ['PARTNER', 'TECHNICIAN']);
    expect(reasons()).toEqual([
      `You see this vehicle through the grant of the maintenance job until ${formatDateTime(UNTIL)}.`,
      `You see this vehicle through the grant of a job until ${formatDateTime(UNTIL)}.`,
    ]);
    expect(screen.getByRole('link', { name: 'the maintenance job' }).getAttribute('href')).toBe('/jobs/job-7');
    expect(screen.queryByText(/job-9/)).toBeNull();
  });

  it('explains principal staff access and lists who can access now, then at a past moment', async () => {
    const past = '2026-01-15 10:30:00';
    const pastIso = dayjs(past).toISOString();
    renderTab(
      [staff],
      ['PRINCIPAL', 'ADMIN'],
      [
        whoMock(null, [staff, throughPotsdam, direct, grant]),
        whoMock(pastIso, [staff, { ...direct, until: '2026-01-20T00:00:00.000Z' }]),
      ],
    );
    expect(reasons()).toEqual([
      'You see this vehicle as principal staff of Aurora Motors: staff see every vehicle of their principal.',
    ]);

    const table = await screen.findByRole('table');
    await within(table).findByText('job “Fit the tracker”');
    expect(within(table).queryByText(/job-42/)).toBeNull();
    const rows = within(table).getAllByRole('row').slice(1);
    expect(rows.map((row) => within(row).getAllByRole('cell')[0]?.textContent)).toEqual([
      'Aurora Motors staff',
      'Berlin Autohaus',
      'Potsdam',
      'FleetFit Service',
    ]);
    expect(within(rows[1] as HTMLElement).getByText('Assigned to its sub-partner Potsdam')).toBeTruthy();
    expect(within(rows[2] as HTMLElement).getByText('Assigned to it directly')).toBeTruthy();
    expect(within(rows[3] as HTMLElement).getByText('Technician')).toBeTruthy();
    expect(within(rows[3] as HTMLElement).getByText(formatDateTime(UNTIL))).toBeTruthy();

    const picker = screen.getByLabelText('At');
    fireEvent.mouseDown(picker);
    fireEvent.change(picker, { target: { value: past } });
    fireEvent.keyDown(picker, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(await screen.findByText(/Who could access this vehicle on/)).toBeTruthy();
    await within(table).findByText(formatDateTime('2026-01-20T00:00:00.000Z'));
    expect(within(table).getAllByRole('row')).toHaveLength(3);
  });
});
