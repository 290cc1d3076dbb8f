import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { createCache } from '../../../app/apollo-client';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../test/fixtures';
import { ownerFixture, ownersMock, ownersPage, vehicleAccessFixture } from '../../../test/owner-fixtures';
import { OwnerList } from './OwnerList';

const olga = ownerFixture({
  id: 'o-olga',
  email: 'olga@owners.example',
  name: 'Olga Owner',
  phone: '+49 30 1234567',
  vehicles: [
    vehicleAccessFixture('v-1', 'WAUZZZ8V0KA000001', 'OWNER'),
    vehicleAccessFixture('v-2', 'WAUZZZ8V0KA000002', 'USER'),
  ],
});
const paul = ownerFixture({ id: 'o-paul', email: 'paul@owners.example' });
const rita = ownerFixture({ id: 'o-rita', email: 'rita@owners.example', name: 'Rita' });

function renderList(
  url: string,
  mocks: MockLink.MockedResponse[],
  kind: OrganizationKind = 'PRINCIPAL',
  role: UserRole = 'ADMIN',
) {
  const router = createMemoryRouter(
    [
      { path: '/owners', element: <OwnerList /> },
      { path: '/owners/:id', element: <p>Owner details</p> },
      { path: '/vehicles/:id', element: <p>Vehicle details</p> },
    ],
    { initialEntries: [url] },
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
  return router;
}

const headers = () => screen.getAllByRole('columnheader').map((th) => th.textContent);

describe('OwnerList', () => {
  it("shows the principal's staff each owner with contact data, vehicles linking to their pages, the private display name and a Contact button", async () => {
    renderList('/owners', [
      ownersMock(
        { filter: {}, withAnnotation: true },
        ownersPage([olga, paul], { annotations: { 'o-olga': 'VIP Olga' } }),
      ),
    ]);

    const olgaLink = await screen.findByRole('link', { name: 'Olga Owner' });
    expect(olgaLink.getAttribute('href')).toBe('/owners/o-olga');
    const row = olgaLink.closest('tr') as HTMLElement;
    expect(within(row).getByText('olga@owners.example')).toBeTruthy();
    expect(within(row).getByText('+49 30 1234567')).toBeTruthy();
    expect(within(row).getByText('VIP Olga')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'WAUZZZ8V0KA000001 (Owner)' }).getAttribute('href')).toBe(
      '/vehicles/v-1',
    );
    expect(within(row).getByRole('link', { name: 'WAUZZZ8V0KA000002 (User)' }).getAttribute('href')).toBe(
      '/vehicles/v-2',
    );
    expect(within(row).getByRole('button', { name: 'Contact Olga Owner' })).toBeTruthy();
    // an owner without a name is listed by its e-mail
    expect(screen.getByRole('link', { name: 'paul@owners.example' })).toBeTruthy();
    expect(headers()).toContain(' Display name');
    expect(screen.getByText('Showing 2 of 2')).toBeTruthy();
  });

  it('never asks for the private annotation for a partner, and offers no Contact button', async () => {
    // the only mock answers withAnnotation: false — a request asking for the annotation would fail the list
    renderList(
      '/owners',
      [ownersMock({ filter: {}, withAnnotation: false }, ownersPage([olga]))],
      'PARTNER',
      'ADMIN',
    );

    const row = (await screen.findByRole('link', { name: 'Olga Owner' })).closest('tr') as HTMLElement;
    expect(within(row).getByText('olga@owners.example')).toBeTruthy();
    expect(within(row).getByRole('link', { name: 'WAUZZZ8V0KA000001 (Owner)' })).toBeTruthy();
    expect(within(row).queryByRole('button', { name: /Contact/ })).toBeNull();
    expect(headers().some((h) => h?.includes('Display name'))).toBe(false);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('searches, sorts and shows archived owners through the URL', async () => {
    const router = renderList('/owners', [
      ownersMock({ filter: {}, withAnnotation: true }, ownersPage([olga, paul])),
      ownersMock({ filter: { search: 'olga' }, withAnnotation: true }, ownersPage([olga])),
      ownersMock(
        { filter: { search: 'olga' }, orderBy: { field: 'EMAIL', direction: 'ASC' }, withAnnotation: true },
        ownersPage([olga]),
      ),
      ownersMock(
        {
          filter: { search: 'olga', archived: true },
          orderBy: { field: 'EMAIL', direction: 'ASC' },
          withAnnotation: true,
        },
        ownersPage([]),
      ),
    ]);
    await screen.findByRole('link', { name: 'paul@owners.example' });

    const search = screen.getByRole('searchbox', { name: 'Search owners' });
    fireEvent.change(search, { target: { value: 'olga' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'paul@owners.example' })).toBeNull());
    expect(router.state.location.search).toBe('?q=olga');

    fireEvent.click(
      screen.getAllByRole('columnheader').find((th) => th.textContent === 'E-mail') as HTMLElement,
    );
    await waitFor(() => expect(router.state.location.search).toBe('?q=olga&sort=EMAIL&dir=ASC'));

    fireEvent.mouseDown(screen.getByRole('combobox', { name: 'Active or archived' }));
    fireEvent.click(await screen.findByTitle('Archived'));
    expect(await screen.findByText('No owners match these filters')).toBeTruthy();
    expect(router.state.location.search).toBe('?q=olga&sort=EMAIL&dir=ASC&archived=true');
  });

  it('loads the next page with the end cursor', async () => {
    renderList('/owners', [
      ownersMock(
        { filter: {}, withAnnotation: true },
        ownersPage([olga, paul], { totalCount: 3, hasNextPage: true }),
      ),
      ownersMock(
        { filter: {}, withAnnotation: true, after: 'cursor-o-paul' },
        ownersPage([rita], { totalCount: 3 }),
      ),
    ]);
    expect(await screen.findByText('Showing 2 of 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByRole('link', { name: 'Rita' })).toBeTruthy();
    expect(screen.getByText('Showing 3 of 3')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
