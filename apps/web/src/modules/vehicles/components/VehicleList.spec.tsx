import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { AssignVehiclesDocument, UnassignVehiclesDocument } from '@partner-hub/graphql-client';
import type {
  AssignVehiclesMutation,
  UnassignVehiclesMutation,
  VehicleAssignmentInput,
} from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../test/fixtures';
import {
  assignmentFixture,
  partnerPickerMock,
  vehicleFixture,
  vehiclesMock,
  vehiclesPage,
} from '../../../test/vehicle-fixtures';
import { VehicleList } from './VehicleList';

const berlin = { id: 'p-berlin', partnerId: 'BRL7K', name: 'Berlin Autohaus', role: 'DEALER' as const };
const v1 = vehicleFixture({
  id: 'v1',
  vin: 'WAUZZZ8V0KA000001',
  plate: 'B-AB 1',
  deviceSerial: 'TU-1',
  deviceModel: 'T3',
  firmware: '2.1',
  assignments: [assignmentFixture(berlin)],
});
const v2 = vehicleFixture({ id: 'v2', vin: 'WAUZZZ8V0KA000002', make: 'Borealis', model: 'Nova' });
const v3 = vehicleFixture({ id: 'v3', vin: 'WAUZZZ8V0KA000003', archivedAt: '2026-03-05T10:00:00.000Z' });

function renderList(
  url: string,
  mocks: MockLink.MockedResponse[],
  who: [OrganizationKind, UserRole] = ['PRINCIPAL', 'ADMIN'],
) {
  const router = createMemoryRouter(
    [
      { path: '/vehicles', element: <VehicleList /> },
      { path: '/vehicles/:id', element: <p>Vehicle page</p> },
      { path: '/partners/:id', element: <p>Partner page</p> },
    ],
    { initialEntries: [url] },
  );
  render(
    <MockedProvider mocks={[partnerPickerMock([berlin]), ...mocks]} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture(...who)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

const vinLinks = () =>
  screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).queryAllByRole('link')[0]?.textContent ?? '')
    .filter(Boolean);

const rowCheckbox = (vin: string) =>
  screen.getByRole('checkbox', { name: `Select ${vin}` }) as HTMLInputElement;
const selectionText = () =>
  within(screen.getByRole('region', { name: 'Selection' })).getAllByText(/selected/)[0]?.textContent;

function headerCell(title: string): HTMLElement {
  const cell = screen.getAllByRole('columnheader').find((th) => th.textContent === title);
  if (!cell) throw new Error(`no column ${title}`);
  return cell;
}

/**
 * Clicks a dialog's button by its text. (After a first submit antd leaves the button's loading
 * icon in a leave animation that jsdom never finishes, and that icon joins the accessible name.)
 */
function clickButton(container: HTMLElement, text: string) {
  const button = within(container).getByText(text, { selector: 'button span' }).closest('button');
  if (!button) throw new Error(`no button ${text}`);
  fireEvent.click(button);
}

async function choosePartner(dialog: HTMLElement, fieldLabel: string) {
  fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: fieldLabel }));
  fireEvent.click(await screen.findByTitle('Berlin Autohaus (BRL7K) · Dealer'));
}

function assignMock(
  input: VehicleAssignmentInput,
  result: AssignVehiclesMutation['assignVehicles'],
): MockLink.MockedResponse {
  return {
    request: { query: AssignVehiclesDocument, variables: { input } },
    result: { data: { assignVehicles: result } },
  };
}

function unassignMock(
  input: VehicleAssignmentInput,
  result: UnassignVehiclesMutation['unassignVehicles'],
): MockLink.MockedResponse {
  return {
    request: { query: UnassignVehiclesDocument, variables: { input } },
    result: { data: { unassignVehicles: result } },
  };
}

const success = (changedCount: number, unchangedCount: number) => ({
  __typename: 'VehicleAssignmentSuccess' as const,
  changedCount,
  unchangedCount,
  partner: { __typename: 'Partner' as const, id: berlin.id, name: berlin.name, vehicleCount: 3 },
});

describe('VehicleList', () => {
  it('shows each vehicle with its VIN, make and model, plate, telematics unit, partners and archived tag', async () => {
    renderList('/vehicles', [vehiclesMock({ filter: {} }, vehiclesPage([v1, v2, v3]))]);
    const link = await screen.findByRole('link', { name: v1.vin });
    expect(link.getAttribute('href')).toBe('/vehicles/v1');
    const row = link.closest('tr') as HTMLElement;
    expect(within(row).getByRole('button', { name: `Copy VIN ${v1.vin}` })).toBeTruthy();
    expect(within(row).getByText('Aurora Orion')).toBeTruthy();
    expect(within(row).getByText('B-AB 1')).toBeTruthy();
    expect(within(row).getByText('TU-1')).toBeTruthy();
    expect(within(row).getByText('T3 · firmware 2.1')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'Berlin Autohaus' }).getAttribute('href')).toBe(
      '/partners/p-berlin',
    );
    const v2Row = screen.getByRole('link', { name: v2.vin }).closest('tr') as HTMLElement;
    expect(within(v2Row).getByText('Unassigned')).toBeTruthy();
    expect(within(v2Row).getByText('Borealis Nova')).toBeTruthy();
    const v3Row = screen.getByRole('link', { name: v3.vin }).closest('tr') as HTMLElement;
    expect(within(v3Row).getByText('Archived')).toBeTruthy();
    expect(screen.getByText('Showing 3 of 3')).toBeTruthy();
  });

  it('turns the filters in the URL into the query variables and writes each change back', async () => {
    const router = renderList(
      '/vehicles?q=WAU&partner=p-berlin&direct=true&make=Aurora&model=Orion&archived=true&importBatchId=b-1&sort=VIN&dir=ASC',
      [
        vehiclesMock(
          {
            filter: {
              search: 'WAU',
              partnerId: 'p-berlin',
              directOnly: true,
              make: 'Aurora',
              model: 'Orion',
              archived: true,
              importBatchId: 'b-1',
            },
            orderBy: { field: 'VIN', direction: 'ASC' },
          },
          vehiclesPage([v1]),
        ),
        vehiclesMock(
          {
            filter: {
              search: 'WAU',
              partnerId: 'p-berlin',
              make: 'Aurora',
              model: 'Orion',
              archived: true,
              importBatchId: 'b-1',
            },
            orderBy: { field: 'VIN', direction: 'ASC' },
          },
          vehiclesPage([v2]),
        ),
        vehiclesMock(
          {
            filter: {
              search: 'WAU',
              unassigned: true,
              make: 'Aurora',
              model: 'Orion',
              archived: true,
              importBatchId: 'b-1',
            },
            orderBy: { field: 'VIN', direction: 'ASC' },
          },
          vehiclesPage([v3]),
        ),
        vehiclesMock(
          {
            filter: {
              search: 'WAU',
              unassigned: true,
              make: 'Borealis',
              model: 'Orion',
              archived: true,
              importBatchId: 'b-1',
            },
            orderBy: { field: 'VIN', direction: 'ASC' },
          },
          vehiclesPage([]),
        ),
      ],
    );
    expect(await screen.findByRole('link', { name: v1.vin })).toBeTruthy();
    expect((screen.getByRole('searchbox', { name: 'Search vehicles' }) as HTMLInputElement).value).toBe(
      'WAU',
    );
    expect(screen.getByText('From import batch b-1…')).toBeTruthy();
    const includeSub = screen.getByRole('switch', { name: 'Include sub-partners' });
    expect(includeSub.getAttribute('aria-checked')).toBe('false');

    fireEvent.click(includeSub);
    expect(await screen.findByRole('link', { name: v2.vin })).toBeTruthy();
    expect(new URLSearchParams(router.state.location.search).get('direct')).toBeNull();

    // "unassigned" and a partner cannot both hold: switching it on drops the partner
    fireEvent.click(screen.getByRole('switch', { name: 'Unassigned only' }));
    expect(await screen.findByRole('link', { name: v3.vin })).toBeTruthy();
    const params = new URLSearchParams(router.state.location.search);
    expect(params.get('partner')).toBeNull();
    expect(params.get('unassigned')).toBe('true');

    const make = screen.getByRole('searchbox', { name: 'Filter by make' });
    fireEvent.change(make, { target: { value: ' Borealis ' } });
    fireEvent.keyDown(make, { key: 'Enter', code: 'Enter', keyCode: 13 });
    expect(await screen.findByText('No vehicles match these filters')).toBeTruthy();
    expect(new URLSearchParams(router.state.location.search).get('make')).toBe('Borealis');
  });

  it('keeps the rows picked on every page through "Load more" and another order, and assigns exactly those', async () => {
    renderList('/vehicles', [
      vehiclesMock({ filter: {} }, vehiclesPage([v1, v2], { totalCount: 3, hasNextPage: true })),
      vehiclesMock({ filter: {}, after: 'cursor-v2' }, vehiclesPage([v3], { totalCount: 3 })),
      // once for the new order, once more for the refresh after assigning
      vehiclesMock({ filter: {}, orderBy: { field: 'VIN', direction: 'ASC' } }, vehiclesPage([v1, v2, v3]), {
        times: 2,
      }),
      assignMock({ partnerId: 'p-berlin', vehicleIds: ['v1', 'v3'] }, success(1, 1)),
    ]);
    await screen.findByRole('link', { name: v1.vin });
    expect(selectionText()).toBe('No vehicles selected');
    fireEvent.click(rowCheckbox(v1.vin));
    expect(selectionText()).toBe('1 vehicle selected');

    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await screen.findByRole('link', { name: v3.vin });
    expect(rowCheckbox(v1.vin).checked).toBe(true);
    fireEvent.click(rowCheckbox(v3.vin));
    expect(selectionText()).toBe('2 vehicles selected');

    fireEvent.click(headerCell('VIN'));
    await waitFor(() => expect(headerCell('VIN').getAttribute('aria-sort')).toBe('ascending'));
    await waitFor(() => expect(vinLinks()).toEqual([v1.vin, v2.vin, v3.vin]));
    expect(selectionText()).toBe('2 vehicles selected');
    expect(rowCheckbox(v1.vin).checked).toBe(true);
    expect(rowCheckbox(v2.vin).checked).toBe(false);
    expect(rowCheckbox(v3.vin).checked).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Assign to partner…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Assign to partner')).toBeTruthy();
    expect(within(dialog).getByText(/Assign 2 selected vehicles to a partner/)).toBeTruthy();
    // nothing is sent without a partner
    clickButton(dialog, 'Assign');
    expect(await within(dialog).findByText('Choose a partner.')).toBeTruthy();
    await choosePartner(dialog, 'Assign to');
    clickButton(dialog, 'Assign');
    expect(
      await screen.findByText('1 vehicle assigned to Berlin Autohaus, 1 was already assigned.'),
    ).toBeTruthy();
    await waitFor(() => expect(selectionText()).toBe('No vehicles selected'));
  });

  it('sends the filter instead of ids for "Select all N matching", and shows the API\'s refusal on the partner field', async () => {
    const filter = { make: 'Aurora' };
    renderList('/vehicles?make=Aurora', [
      vehiclesMock({ filter }, vehiclesPage([v1, v3], { totalCount: 120, hasNextPage: true }), { times: 2 }),
      unassignMock(
        { partnerId: 'p-berlin', filter },
        {
          __typename: 'NotFoundError',
          code: 'NOT_FOUND',
          message: 'There is no such partner.',
          field: 'partnerId',
        },
      ),
      unassignMock({ partnerId: 'p-berlin', filter }, success(118, 2)),
    ]);
    await screen.findByRole('link', { name: v1.vin });
    fireEvent.click(rowCheckbox(v1.vin));
    fireEvent.click(screen.getByRole('button', { name: 'Select all 120 matching' }));
    expect(selectionText()).toBe('All 120 vehicles matching the filter are selected');
    // every row shows as picked and cannot be unticked one by one
    expect(rowCheckbox(v3.vin).checked).toBe(true);
    expect(rowCheckbox(v3.vin).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Take back from partner…' }));
    const dialog = await screen.findByRole('dialog');
    expect(within(dialog).getByText('Take back from partner')).toBeTruthy();
    expect(within(dialog).getByText(/Take all 120 vehicles matching the filter back/)).toBeTruthy();
    await choosePartner(dialog, 'Take back from');
    clickButton(dialog, 'Take back');
    expect(await within(dialog).findByText('There is no such partner.')).toBeTruthy();
    expect(
      within(dialog).getByRole('combobox', { name: 'Take back from' }).getAttribute('aria-invalid'),
    ).toBe('true');

    clickButton(dialog, 'Take back');
    expect(
      await screen.findByText(
        '118 vehicles taken back from Berlin Autohaus and its sub-partners, 2 were not assigned to it.',
      ),
    ).toBeTruthy();
  });

  it("tells a technician a vehicle is held by a partner it cannot see instead of calling it unassigned", async () => {
    const held = { ...v2, heldOutOfView: true };
    renderList('/vehicles', [vehiclesMock({ filter: {} }, vehiclesPage([held, v3]))], ['PARTNER', 'TECHNICIAN']);
    const heldRow = (await screen.findByRole('link', { name: v2.vin })).closest('tr') as HTMLElement;
    expect(within(heldRow).getByText('Held by a partner')).toBeTruthy();
    expect(within(heldRow).queryByText('Unassigned')).toBeNull();
    const freeRow = screen.getByRole('link', { name: v3.vin }).closest('tr') as HTMLElement;
    expect(within(freeRow).getByText('Unassigned')).toBeTruthy();
  });

  it('offers no selection or bulk actions to a role that cannot change assignments', async () => {
    renderList('/vehicles', [vehiclesMock({ filter: {} }, vehiclesPage([v1, v2]))], ['PARTNER', 'STAFF']);
    await screen.findByRole('link', { name: v1.vin });
    expect(screen.queryByRole('checkbox')).toBeNull();
    expect(screen.queryByRole('button', { name: 'Assign to partner…' })).toBeNull();
    expect(screen.queryByRole('region', { name: 'Selection' })).toBeNull();
  });
});
