import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { AssignVehiclesDocument, UnassignVehiclesDocument } from '@partner-hub/graphql-client';
import type { VehicleAssignmentInput, VehicleFilter } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../test/fixtures';
import {
  assignmentFixture,
  vehicleFixture,
  vehicleSeries,
  vehiclesMock,
  vehiclesPage,
} from '../../../test/vehicle-fixtures';
import { PartnerVehiclesTab } from './PartnerVehiclesTab';
import type { PartnerVehiclesTabProps } from './PartnerVehiclesTab';

const potsdam: PartnerVehiclesTabProps['partner'] = {
  id: 'p-potsdam',
  name: 'Potsdam Autohaus',
  manageable: true,
  archivedAt: null,
  vehicleCount: 0,
};
const BY_VIN = { field: 'VIN', direction: 'ASC' } as const;

/** The tab's own list: the vehicles assigned to the partner (and its sub-partners). */
const tabMock = (rows: ReturnType<typeof vehicleSeries>, filter: VehicleFilter = { partnerId: potsdam.id }) =>
  vehiclesMock({ first: 25, filter, orderBy: BY_VIN }, vehiclesPage(rows));

/** One page of the "Add vehicles" dialog. */
const dialogMock = (
  filter: VehicleFilter,
  after: string | null,
  rows: ReturnType<typeof vehicleSeries>,
  totalCount: number,
  times = 1,
) =>
  vehiclesMock(
    { first: 10, after, filter, orderBy: BY_VIN },
    vehiclesPage(rows, { totalCount, hasNextPage: rows.length === 10 }),
    { times },
  );

const success = (changedCount: number, unchangedCount: number) => ({
  __typename: 'VehicleAssignmentSuccess' as const,
  changedCount,
  unchangedCount,
  partner: { __typename: 'Partner' as const, id: potsdam.id, name: potsdam.name, vehicleCount: changedCount },
});

function assignMock(
  input: VehicleAssignmentInput,
  result: ReturnType<typeof success>,
): MockLink.MockedResponse {
  return {
    request: { query: AssignVehiclesDocument, variables: { input } },
    result: { data: { assignVehicles: result } },
  };
}

function renderTab(
  mocks: MockLink.MockedResponse[],
  partner = potsdam,
  who: [OrganizationKind, UserRole] = ['PRINCIPAL', 'ADMIN'],
) {
  const router = createMemoryRouter(
    [
      { path: '/partners/:id/vehicles', element: <PartnerVehiclesTab partner={partner} /> },
      { path: '/vehicles/:id', element: <p>Vehicle page</p> },
      { path: '/partners/:id', element: <p>Partner page</p> },
    ],
    { initialEntries: [`/partners/${partner.id}/vehicles`] },
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

const checkbox = (container: HTMLElement, vin: string) =>
  within(container).getByRole('checkbox', { name: `Select ${vin}` }) as HTMLInputElement;

function clickButton(container: HTMLElement, text: string) {
  const button = within(container).getByText(text, { selector: 'button span' }).closest('button');
  if (!button) throw new Error(`no button ${text}`);
  fireEvent.click(button);
}

function submitSearch(container: HTMLElement, label: string, value: string) {
  const box = within(container).getByRole('searchbox', { name: label });
  fireEvent.change(box, { target: { value } });
  fireEvent.keyDown(box, { key: 'Enter', code: 'Enter', keyCode: 13 });
}

async function openDialog(): Promise<HTMLElement> {
  fireEvent.click(await screen.findByRole('button', { name: /Add vehicles/ }));
  const dialog = await screen.findByRole('dialog');
  expect(within(dialog).getByText('Add vehicles to Potsdam Autohaus')).toBeTruthy();
  return dialog;
}

describe('Add vehicles dialog', () => {
  it('keeps the picks of page 1 on page 2 and through a search, assigns exactly those and refreshes the tab', async () => {
    const all = vehicleSeries(23);
    // v2 is already Potsdam's: it shows, but cannot be picked
    all[1] = {
      ...all[1],
      assignments: [assignmentFixture({ id: potsdam.id, name: potsdam.name })],
    } as (typeof all)[number];
    const [v1, v2, , , , , , , , v10, v11, v12] = all;
    if (!v1 || !v2 || !v10 || !v11 || !v12) throw new Error('fixture');
    const search = { search: 'KA00001' };
    renderTab([
      tabMock([]),
      // page 1 again after "Previous page": the dialog's pages are not cached
      dialogMock({}, null, all.slice(0, 10), 23, 2),
      dialogMock({}, 'cursor-v10', all.slice(10, 20), 23),
      // once for the search, once more for the refresh after assigning
      dialogMock(search, null, all.slice(9, 19), 10, 2),
      assignMock({ partnerId: potsdam.id, vehicleIds: ['v1', 'v12'] }, success(2, 0)),
      tabMock([v1, v12]),
    ]);
    expect(await screen.findByText('No vehicles assigned')).toBeTruthy();

    const dialog = await openDialog();
    await within(dialog).findByRole('link', { name: v1.vin });
    expect(within(dialog).getByText('Page 1 of 3 · 23 matching')).toBeTruthy();
    expect(checkbox(dialog, v2.vin).disabled).toBe(true);
    fireEvent.click(checkbox(dialog, v1.vin));
    expect(within(dialog).getByText('1 vehicle selected')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Next page' }));
    await within(dialog).findByRole('link', { name: v11.vin });
    expect(within(dialog).queryByRole('link', { name: v1.vin })).toBeNull();
    expect(within(dialog).getByText('Page 2 of 3 · 23 matching')).toBeTruthy();
    fireEvent.click(checkbox(dialog, v12.vin));
    expect(within(dialog).getByText('2 vehicles selected')).toBeTruthy();

    fireEvent.click(within(dialog).getByRole('button', { name: 'Previous page' }));
    await within(dialog).findByRole('link', { name: v1.vin });
    expect(checkbox(dialog, v1.vin).checked).toBe(true);

    submitSearch(dialog, 'Search vehicles to add', 'KA00001');
    await within(dialog).findByText('Page 1 of 1 · 10 matching');
    expect(within(dialog).getByText('2 vehicles selected')).toBeTruthy();
    expect(checkbox(dialog, v12.vin).checked).toBe(true);
    expect(within(dialog).getByText('2 to assign')).toBeTruthy();

    clickButton(dialog, 'Assign');
    expect(await screen.findByText('2 vehicles assigned to Potsdam Autohaus.')).toBeTruthy();
    // the tab (outside the closing dialog) shows what was assigned
    await waitFor(() =>
      expect(screen.queryAllByRole('link', { name: v12.vin }).some((link) => !dialog.contains(link))).toBe(
        true,
      ),
    );
  });

  it('assigns every vehicle matching the filters with "Select all N matching"', async () => {
    const page = vehicleSeries(10);
    const filter = { make: 'Aurora', unassigned: true };
    renderTab([
      tabMock([]),
      dialogMock({}, null, page, 23),
      dialogMock({ make: 'Aurora' }, null, page, 23),
      dialogMock(filter, null, page, 17, 2),
      assignMock({ partnerId: potsdam.id, filter }, success(17, 0)),
      tabMock(page),
    ]);
    const dialog = await openDialog();
    await within(dialog).findByText('Page 1 of 3 · 23 matching');
    submitSearch(dialog, 'Filter vehicles to add by make', 'Aurora');
    await waitFor(() => expect(within(dialog).getByText('Page 1 of 3 · 23 matching')).toBeTruthy());
    fireEvent.click(within(dialog).getByRole('switch', { name: 'Unassigned only' }));
    await within(dialog).findByText('Page 1 of 2 · 17 matching');

    fireEvent.click(within(dialog).getByRole('button', { name: 'Select all 17 matching' }));
    expect(within(dialog).getByText('All 17 vehicles matching the filter are selected')).toBeTruthy();
    clickButton(dialog, 'Assign');
    expect(await screen.findByText('17 vehicles assigned to Potsdam Autohaus.')).toBeTruthy();
  });
});

describe('PartnerVehiclesTab', () => {
  it('takes one vehicle back after a confirmation, from the partner and its sub-partners', async () => {
    const v1 = vehicleFixture({
      id: 'v1',
      vin: 'WAUZZZ8V0KA000001',
      assignments: [assignmentFixture({ id: 'p-sub', name: 'Potsdam Süd' })],
    });
    renderTab([
      tabMock([v1]),
      {
        request: {
          query: UnassignVehiclesDocument,
          variables: { input: { partnerId: potsdam.id, vehicleIds: ['v1'] } },
        },
        result: { data: { unassignVehicles: success(1, 0) } },
      },
      tabMock([]),
    ]);
    const row = (await screen.findByRole('link', { name: v1.vin })).closest('tr') as HTMLElement;
    fireEvent.click(within(row).getByRole('button', { name: 'Take back' }));
    const confirm = await screen.findByRole('dialog');
    expect(within(confirm).getAllByText(`Take ${v1.vin} back from Potsdam Autohaus?`).length).toBeGreaterThan(
      0,
    );
    expect(
      within(confirm).getByText(/also taken back from every partner below Potsdam Autohaus/),
    ).toBeTruthy();
    clickButton(confirm, 'Take back');
    expect(
      await screen.findByText('1 vehicle taken back from Potsdam Autohaus and its sub-partners.'),
    ).toBeTruthy();
    expect(await screen.findByText('No vehicles assigned')).toBeTruthy();
  });

  it('lists only the partner itself when sub-partners are switched off', async () => {
    const v1 = vehicleFixture({ id: 'v1', vin: 'WAUZZZ8V0KA000001' });
    const v2 = vehicleFixture({ id: 'v2', vin: 'WAUZZZ8V0KA000002' });
    renderTab([tabMock([v1, v2]), tabMock([v1], { partnerId: potsdam.id, directOnly: true })]);
    await screen.findByRole('link', { name: v2.vin });
    fireEvent.click(screen.getByRole('switch', { name: 'Include sub-partners' }));
    await waitFor(() => expect(screen.queryByRole('link', { name: v2.vin })).toBeNull());
    expect(screen.getByRole('link', { name: v1.vin })).toBeTruthy();
  });

  it('is read-only for a partner admin looking at its own partnership', async () => {
    const v1 = vehicleFixture({ id: 'v1', vin: 'WAUZZZ8V0KA000001' });
    renderTab([tabMock([v1])], { ...potsdam, manageable: false }, ['PARTNER', 'ADMIN']);
    await screen.findByRole('link', { name: v1.vin });
    expect(screen.queryByRole('button', { name: /Add vehicles/ })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Take back' })).toBeNull();
    expect(screen.queryByRole('checkbox')).toBeNull();
  });
});
