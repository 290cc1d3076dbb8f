import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import type { PartnerRole } from '@partner-hub/domain';
import { createCache } from '../../../app/apollo-client';
import { ViewerContext } from '../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../test/fixtures';
import { partnerFixture, partnersMock, partnersPage } from '../../../test/partner-fixtures';
import { PartnerList } from './PartnerList';

// A mutation, its refetch and the antd re-render take more than the default second on a busy CI machine.
const berlin = partnerFixture({
  id: 'p-berlin',
  name: 'Berlin Autohaus',
  partnerId: 'BRL7K',
  status: 'ACCEPTED',
  subPartnerCount: 2,
});
const potsdam = partnerFixture({
  id: 'p-potsdam',
  name: 'Potsdam Autohaus',
  partnerId: 'PTS4M',
  status: 'PENDING',
  parent: { __typename: 'Partner', id: 'p-berlin', partnerId: 'BRL7K', name: 'Berlin Autohaus' },
  organization: {
    __typename: 'Organization',
    id: 'org-potsdam',
    email: 'info@potsdam.example',
    phone: '+49 331 123',
    region: 'Brandenburg',
  },
});
const fleetfit = partnerFixture({
  id: 'p-fleetfit',
  name: 'FleetFit Service',
  partnerId: 'FFT3Q',
  role: 'SERVICE_PARTNER',
  status: 'ACCEPTED',
  allowJobOverride: true,
});
const altona = partnerFixture({ id: 'p-altona', name: 'Altona Motors', partnerId: 'ALT9R', blocked: true });

function renderList(url: string, mocks: MockLink.MockedResponse[], fixedRole?: PartnerRole) {
  const router = createMemoryRouter(
    [
      { path: '/partners', element: <PartnerList fixedRole={fixedRole} /> },
      { path: '/partners/:id', element: <p>Partner details</p> },
    ],
    { initialEntries: [url] },
  );
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PRINCIPAL', 'ADMIN')}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

/** The partner names in the order the table shows them. */
function shownNames(): string[] {
  return screen
    .getAllByRole('row')
    .slice(1)
    .map((row) => within(row).queryAllByRole('link')[0]?.textContent ?? '')
    .filter(Boolean);
}

function headerCell(title: string): HTMLElement {
  const cell = screen.getAllByRole('columnheader').find((th) => th.textContent === title);
  if (!cell) throw new Error(`no column ${title}`);
  return cell;
}

async function choose(label: string, option: string) {
  fireEvent.mouseDown(screen.getByRole('combobox', { name: label }));
  fireEvent.click(await screen.findByTitle(option));
}

describe('PartnerList', () => {
  it('shows each partner with its Partner ID, tags, parent link, contact data and the total', async () => {
    renderList('/partners', [
      partnersMock({ filter: {} }, partnersPage([altona, berlin, fleetfit, potsdam], { totalCount: 4 })),
    ]);

    const potsdamLink = await screen.findByRole('link', { name: 'Potsdam Autohaus' });
    expect(potsdamLink.getAttribute('href')).toBe('/partners/p-potsdam');
    const potsdamRow = potsdamLink.closest('tr') as HTMLElement;
    expect(within(potsdamRow).getByText('PTS4M')).toBeTruthy();
    expect(within(potsdamRow).getByRole('button', { name: /Copy Partner ID PTS4M/ })).toBeTruthy();
    expect(within(potsdamRow).getByText('Invitation sent')).toBeTruthy();
    expect(within(potsdamRow).getByRole('link', { name: 'Berlin Autohaus' }).getAttribute('href')).toBe(
      '/partners/p-berlin',
    );
    expect(within(potsdamRow).getByText('info@potsdam.example')).toBeTruthy();
    expect(within(potsdamRow).getByText('+49 331 123')).toBeTruthy();
    expect(within(potsdamRow).getByText('Brandenburg')).toBeTruthy();

    const fleetfitRow = screen.getByRole('link', { name: 'FleetFit Service' }).closest('tr') as HTMLElement;
    expect(within(fleetfitRow).getByText('Service partner')).toBeTruthy();
    expect(within(fleetfitRow).getByText('Accepted')).toBeTruthy();
    expect(within(fleetfitRow).getByText('Job override allowed')).toBeTruthy();
    expect(within(fleetfitRow).queryByText('Blocked')).toBeNull();

    const altonaRow = screen.getByRole('link', { name: 'Altona Motors' }).closest('tr') as HTMLElement;
    expect(within(altonaRow).getByText('Draft')).toBeTruthy();
    expect(within(altonaRow).getByText('Blocked')).toBeTruthy();
    expect(within(altonaRow).queryByText('Job override allowed')).toBeNull();

    const berlinRow = screen
      .getAllByRole('link', { name: 'Berlin Autohaus' })[0]
      ?.closest('tr') as HTMLElement;
    expect(within(berlinRow).getByText('2')).toBeTruthy();
    expect(screen.getByText('Showing 4 of 4')).toBeTruthy();
  });

  it('shows a partner whose invitation was declined as Declined, not Draft', async () => {
    const lyon = partnerFixture({ id: 'p-lyon', name: 'Lyon Auto', partnerId: 'LYN2A', invitation: { __typename: 'PartnerInvitationInfo', state: 'DECLINED' } });
    renderList('/partners', [partnersMock({ filter: {} }, partnersPage([lyon, altona]))]);
    const lyonRow = (await screen.findByRole('link', { name: 'Lyon Auto' })).closest('tr') as HTMLElement;
    expect(within(lyonRow).getByText('Declined')).toBeTruthy();
    expect(within(lyonRow).queryByText('Draft')).toBeNull();
    const altonaRow = screen.getByRole('link', { name: 'Altona Motors' }).closest('tr') as HTMLElement;
    expect(within(altonaRow).getByText('Draft')).toBeTruthy();
  });

  it('sorts on the server by the clicked column and keeps the order in the URL', async () => {
    const router = renderList('/partners', [
      partnersMock({ filter: {} }, partnersPage([altona, berlin])),
      partnersMock(
        { filter: {}, orderBy: { field: 'NAME', direction: 'DESC' } },
        partnersPage([berlin, altona]),
      ),
      partnersMock(
        { filter: {}, orderBy: { field: 'PARTNER_ID', direction: 'ASC' } },
        partnersPage([altona, berlin]),
      ),
      partnersMock(
        { filter: {}, orderBy: { field: 'PARTNER_ID', direction: 'DESC' } },
        partnersPage([berlin, altona]),
      ),
    ]);
    await screen.findByRole('link', { name: 'Altona Motors' });
    expect(shownNames()).toEqual(['Altona Motors', 'Berlin Autohaus']);

    fireEvent.click(headerCell('Name'));
    await waitFor(() => expect(shownNames()).toEqual(['Berlin Autohaus', 'Altona Motors']));
    expect(router.state.location.search).toBe('?sort=NAME&dir=DESC');

    fireEvent.click(headerCell('Partner ID'));
    await waitFor(() => expect(shownNames()).toEqual(['Altona Motors', 'Berlin Autohaus']));
    expect(router.state.location.search).toBe('?sort=PARTNER_ID');

    fireEvent.click(headerCell('Partner ID'));
    await waitFor(() => expect(shownNames()).toEqual(['Berlin Autohaus', 'Altona Motors']));
    expect(router.state.location.search).toBe('?sort=PARTNER_ID&dir=DESC');
    expect(headerCell('Partner ID').getAttribute('aria-sort')).toBe('descending');
  });

  it('reads its filters from the URL and writes each change back', async () => {
    const router = renderList('/partners?q=autohaus&status=PENDING', [
      partnersMock({ filter: { search: 'autohaus', status: 'PENDING' } }, partnersPage([potsdam])),
      partnersMock({ filter: { search: 'autohaus', status: 'PENDING', role: 'DEALER' } }, partnersPage([])),
      partnersMock({ filter: {} }, partnersPage([altona, berlin, potsdam])),
    ]);
    expect(await screen.findByRole('link', { name: 'Potsdam Autohaus' })).toBeTruthy();
    expect((screen.getByRole('searchbox', { name: 'Search partners' }) as HTMLInputElement).value).toBe(
      'autohaus',
    );

    await choose('Filter by role', 'Dealer');
    expect(await screen.findByText('No partners match these filters')).toBeTruthy();
    expect(new URLSearchParams(router.state.location.search).get('role')).toBe('DEALER');
    expect(new URLSearchParams(router.state.location.search).get('status')).toBe('PENDING');

    fireEvent.click(screen.getAllByRole('button', { name: 'Clear filters' })[0] as HTMLElement);
    expect(await screen.findByRole('link', { name: 'Altona Motors' })).toBeTruthy();
    expect(router.state.location.search).toBe('');
  });

  it('puts a search into the URL when submitted', async () => {
    const router = renderList('/partners', [
      partnersMock({ filter: {} }, partnersPage([altona, berlin])),
      partnersMock({ filter: { search: 'ALT9R' } }, partnersPage([altona])),
    ]);
    await screen.findByRole('link', { name: 'Berlin Autohaus' });
    const search = screen.getByRole('searchbox', { name: 'Search partners' });
    fireEvent.change(search, { target: { value: ' ALT9R ' } });
    fireEvent.keyDown(search, { key: 'Enter', code: 'Enter', keyCode: 13 });
    await waitFor(() => expect(screen.queryByRole('link', { name: 'Berlin Autohaus' })).toBeNull());
    expect(router.state.location.search).toBe('?q=ALT9R');
    expect(shownNames()).toEqual(['Altona Motors']);
  });

  it('fixes the role in the service partners view and leaves out the role column and filter', async () => {
    renderList(
      '/partners?role=DEALER',
      [partnersMock({ filter: { role: 'SERVICE_PARTNER' } }, partnersPage([fleetfit]))],
      'SERVICE_PARTNER',
    );
    expect(await screen.findByRole('link', { name: 'FleetFit Service' })).toBeTruthy();
    expect(screen.queryByRole('combobox', { name: 'Filter by role' })).toBeNull();
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).not.toContain('Role');
  });

  it('says when no partner matches and offers to clear the filters', async () => {
    renderList('/partners?status=ACCEPTED&blocked=true', [
      partnersMock({ filter: { status: 'ACCEPTED', blocked: true } }, partnersPage([])),
    ]);
    expect(await screen.findByText('No partners match these filters')).toBeTruthy();
    expect(screen.getAllByRole('button', { name: 'Clear filters' })).toHaveLength(2);
  });

  it("names each row's principal for a company working for two principals, and no principal column otherwise", async () => {
    const forAurora = partnerFixture({ id: 'p-ff-a', name: 'FleetFit Service', partnerId: 'FFT3Q', principalName: 'Aurora Motors' });
    const forBorealis = partnerFixture({ id: 'p-ff-b', name: 'FleetFit Service', partnerId: 'FFT3Q', principalName: 'Borealis Fleet' });
    renderList('/partners', [partnersMock({ filter: {} }, partnersPage([forAurora, forBorealis]))]);
    await screen.findAllByRole('link', { name: 'FleetFit Service' });
    expect(headerCell('Principal')).toBeTruthy();
    const rows = screen.getAllByRole('link', { name: 'FleetFit Service' }).map((link) => link.closest('tr') as HTMLElement);
    expect(within(rows[0] as HTMLElement).getByText('Aurora Motors')).toBeTruthy();
    expect(within(rows[1] as HTMLElement).getByText('Borealis Fleet')).toBeTruthy();
  });

  it('leaves the principal column out when every row has the same principal', async () => {
    renderList('/partners', [partnersMock({ filter: {} }, partnersPage([altona, berlin]))]);
    await screen.findByRole('link', { name: 'Altona Motors' });
    expect(screen.getAllByRole('columnheader').map((th) => th.textContent)).not.toContain('Principal');
  });

  it('says when there are no partners at all', async () => {
    renderList('/partners', [partnersMock({ filter: {} }, partnersPage([]))]);
    expect(await screen.findByText('No partners yet')).toBeTruthy();
  });

  it('shows a failed load with a retry that loads the list', async () => {
    renderList('/partners', [
      partnersMock({ filter: {} }, new Error('connection reset')),
      partnersMock({ filter: {} }, partnersPage([berlin])),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load partners');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Berlin Autohaus' })).toBeTruthy();
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('loads the next page after the last cursor', async () => {
    renderList('/partners', [
      partnersMock({ filter: {} }, partnersPage([altona, berlin], { totalCount: 3, hasNextPage: true })),
      partnersMock({ filter: {}, after: 'cursor-p-berlin' }, partnersPage([potsdam], { totalCount: 3 })),
    ]);
    expect(await screen.findByText('Showing 2 of 3')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    expect(await screen.findByText('Showing 3 of 3')).toBeTruthy();
    expect(shownNames()).toEqual(['Altona Motors', 'Berlin Autohaus', 'Potsdam Autohaus']);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
  });
});
