import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import {
  AddOwnerVehicleAccessDocument,
  RemoveOwnerVehicleAccessDocument,
  UpdateOwnerAnnotationDocument,
} from '@partner-hub/graphql-client';
import { createCache } from '../../../../app/apollo-client';
import { ViewerContext } from '../../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../../test/fixtures';
import {
  annotationFixture,
  ownerDetailsMock,
  ownerFixture,
  vehicleAccessFixture,
  vehicleOptionsMock,
} from '../../../../test/owner-fixtures';
import { OwnerDetails } from './OwnerDetails';
import { PRIVATE_NOTE } from './OwnerAnnotationCard';

const car = vehicleAccessFixture('v-car', 'WAUZZZ8V0KA000001', 'OWNER');
const van = vehicleAccessFixture('v-van', 'WAUZZZ8V0KA000002', 'USER');
const olga = ownerFixture({
  id: 'o-olga',
  email: 'olga@owners.example',
  name: 'Olga Owner',
  phone: '+49 30 1234567',
  vehicles: [car],
});
const annotation = annotationFixture();

function renderDetails(mocks: MockLink.MockedResponse[], kind: OrganizationKind, role: UserRole) {
  const router = createMemoryRouter(
    [
      { path: '/owners/:id', element: <OwnerDetails id="o-olga" tab="overview" /> },
      { path: '/vehicles/:id', element: <p>Vehicle details</p> },
    ],
    { initialEntries: ['/owners/o-olga'] },
  );
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture(kind, role)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

const annotationCard = () => screen.getByRole('region', { name: 'Private annotation' });

describe('OwnerDetails — the private annotation', () => {
  it('lets a principal admin edit it, clearly marked as private', async () => {
    renderDetails(
      [
        ownerDetailsMock(olga, true, annotation),
        {
          request: {
            query: UpdateOwnerAnnotationDocument,
            variables: {
              input: {
                ownerId: 'o-olga',
                externalUserId: 'CRM-4711',
                displayName: 'Olga (VIP)',
                description: null,
                expectedVersion: 1,
              },
            },
          },
          result: {
            data: {
              updateOwnerAnnotation: {
                __typename: 'OwnerSuccess',
                owner: {
                  __typename: 'Owner',
                  id: 'o-olga',
                  annotation: annotationFixture({ displayName: 'Olga (VIP)', description: null }),
                },
              },
            },
          },
        },
      ],
      'PRINCIPAL',
      'ADMIN',
    );
    const card = await screen.findByRole('region', { name: 'Private annotation' });
    expect(within(card).getByText(PRIVATE_NOTE)).toBeTruthy();
    expect((within(card).getByLabelText('Your user id for this person') as HTMLInputElement).value).toBe(
      'CRM-4711',
    );
    fireEvent.change(within(card).getByLabelText('Display name'), { target: { value: 'Olga (VIP)' } });
    fireEvent.change(within(card).getByLabelText('Description'), { target: { value: '' } });
    fireEvent.click(within(card).getByRole('button', { name: 'Save annotation' }));
    expect(await screen.findByText('The private annotation was saved.')).toBeTruthy();
    await waitFor(() =>
      expect((within(annotationCard()).getByLabelText('Display name') as HTMLInputElement).value).toBe(
        'Olga (VIP)',
      ),
    );
  });

  it('shows it read-only to a principal viewer', async () => {
    renderDetails([ownerDetailsMock(olga, true, annotation)], 'PRINCIPAL', 'VIEWER');
    const card = await screen.findByRole('region', { name: 'Private annotation' });
    expect(within(card).getByText(PRIVATE_NOTE)).toBeTruthy();
    expect(within(card).getByText('VIP Olga')).toBeTruthy();
    expect(within(card).getByText('Prefers phone calls.')).toBeTruthy();
    expect(within(card).queryByRole('textbox')).toBeNull();
    expect(within(card).queryByRole('button', { name: 'Save annotation' })).toBeNull();
    // nor may a viewer change the owner or its vehicles
    expect(screen.queryByRole('button', { name: 'Add vehicle access' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Save' })).toBeNull();
  });

  it('is absent for a partner, whose page never asks for it', async () => {
    // the only mock answers withAnnotation: false
    renderDetails([ownerDetailsMock(olga, false)], 'PARTNER', 'ADMIN');
    expect(
      await screen.findByText('olga@owners.example', { selector: '.ant-descriptions-item-content' }),
    ).toBeTruthy();
    expect(screen.getByText('+49 30 1234567')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'WAUZZZ8V0KA000001' }).getAttribute('href')).toBe(
      '/vehicles/v-car',
    );
    expect(screen.queryByRole('region', { name: 'Private annotation' })).toBeNull();
    expect(screen.queryByText(/Private/)).toBeNull();
    expect(screen.queryByRole('tab', { name: 'History' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Contact' })).toBeNull();
    expect(screen.queryByRole('button', { name: 'Archive' })).toBeNull();
  });
});

describe('OwnerDetails — vehicle access', () => {
  it('adds access to a vehicle found by the picker', async () => {
    renderDetails(
      [
        ownerDetailsMock(olga, true, null),
        vehicleOptionsMock(null, [{ id: 'v-van', vin: 'WAUZZZ8V0KA000002', plate: 'B-AB 123' }]),
        {
          request: {
            query: AddOwnerVehicleAccessDocument,
            variables: { input: { ownerId: 'o-olga', vehicleId: 'v-van', kind: 'USER' } },
          },
          result: {
            data: {
              addOwnerVehicleAccess: {
                __typename: 'OwnerSuccess',
                owner: { ...olga, vehicles: [car, van], vehicleCount: 2 },
              },
            },
          },
        },
      ],
      'PRINCIPAL',
      'MANAGER',
    );
    fireEvent.click(await screen.findByRole('button', { name: /Add vehicle access/ }));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByRole('button', { name: 'Add access' }));
    expect(await within(dialog).findByText('Choose a vehicle.')).toBeTruthy();

    fireEvent.mouseDown(within(dialog).getByRole('combobox', { name: 'Vehicle' }));
    fireEvent.click(await screen.findByTitle('WAUZZZ8V0KA000002 · Aurora Orion · B-AB 123'));
    fireEvent.click(within(dialog).getByRole('radio', { name: 'User of the vehicle' }));
    // after the first attempt antd keeps the (collapsed) loading icon in jsdom, which names the button "loading Add access"
    fireEvent.click(within(dialog).getByRole('button', { name: /Add access$/ }));

    expect(await screen.findByText('The vehicle access was saved.')).toBeTruthy();
    const row = (await screen.findByRole('link', { name: 'WAUZZZ8V0KA000002' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('User')).toBeTruthy();
  });

  it('removes an access after confirmation', async () => {
    renderDetails(
      [
        ownerDetailsMock({ ...olga, vehicles: [car, van], vehicleCount: 2 }, true, null),
        {
          request: {
            query: RemoveOwnerVehicleAccessDocument,
            variables: { input: { ownerId: 'o-olga', vehicleId: 'v-car' } },
          },
          result: {
            data: {
              removeOwnerVehicleAccess: {
                __typename: 'OwnerSuccess',
                owner: { ...olga, vehicles: [van], vehicleCount: 1 },
              },
            },
          },
        },
      ],
      'PRINCIPAL',
      'ADMIN',
    );
    fireEvent.click(await screen.findByLabelText('Remove access to WAUZZZ8V0KA000001'));
    // nothing happens before the confirmation (text queries: role queries over the whole page are slow in jsdom)
    const popconfirm = (await screen.findByText('Remove the access to WAUZZZ8V0KA000001?')).closest(
      '.ant-popover',
    ) as HTMLElement;
    expect(screen.getByText('WAUZZZ8V0KA000001')).toBeTruthy();
    fireEvent.click(within(popconfirm).getByText('Remove').closest('button') as HTMLElement);
    expect(await screen.findByText('The access to WAUZZZ8V0KA000001 was removed.')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('WAUZZZ8V0KA000001', { selector: 'a' })).toBeNull());
    expect(screen.getByText('WAUZZZ8V0KA000002', { selector: 'a' })).toBeTruthy();
  });
});
