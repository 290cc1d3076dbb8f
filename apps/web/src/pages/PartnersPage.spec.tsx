import { fireEvent, render, screen } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { PartnersCsvDocument, PartnerTreeLevelDocument } from '@partner-hub/graphql-client';
import { createCache } from '../app/apollo-client';
import { ViewerContext } from '../modules/auth/hooks/viewer-context';
import { TREE_PAGE_SIZE } from '../modules/partners/components/PartnerTree';
import { viewerFixture } from '../test/fixtures';
import { partnerFixture, partnersMock, partnersPage } from '../test/partner-fixtures';
import { PartnersPage } from './PartnersPage';

const berlin = partnerFixture({ id: 'p-berlin', name: 'Berlin Autohaus', partnerId: 'BRL7K' });

function renderPage(url: string, mocks: MockLink.MockedResponse[], role: 'VIEWER' | 'ADMIN' = 'VIEWER') {
  const router = createMemoryRouter([{ path: '/partners', element: <PartnersPage /> }], {
    initialEntries: [url],
  });
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PRINCIPAL', role)}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

describe('PartnersPage', () => {
  afterEach(() => vi.restoreAllMocks());

  it('exports exactly the filter and order in view', async () => {
    const filter = { status: 'DRAFT' } as const;
    const orderBy = { field: 'ROLE', direction: 'DESC' } as const;
    const blobs: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => (blobs.push(blob as Blob), 'blob:export'));
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    renderPage('/partners?status=DRAFT&sort=ROLE&dir=DESC', [
      partnersMock({ filter, orderBy }, partnersPage([berlin])),
      { request: { query: PartnersCsvDocument, variables: { filter, orderBy, columns: null } }, result: { data: { partnersCsv: 'partner_id,name\nBRL7K,Berlin Autohaus\n' } } },
    ]);
    expect(await screen.findByRole('link', { name: 'Berlin Autohaus' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Import CSV/ })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: /Export CSV/ }));
    await vi.waitFor(() => expect(blobs).toHaveLength(1));
    expect(await blobs[0]?.text()).toContain('BRL7K,Berlin Autohaus');
  });

  it('offers the import to principal staff who may change partners', async () => {
    renderPage('/partners', [partnersMock({ filter: {} }, partnersPage([berlin]))], 'ADMIN');
    expect(await screen.findByRole('button', { name: /Import CSV/ })).toBeTruthy();
  });

  it('switches between the list and the tree and keeps the choice in the URL', async () => {
    const router = renderPage('/partners', [
      partnersMock({ filter: {} }, partnersPage([berlin])),
      {
        request: {
          query: PartnerTreeLevelDocument,
          variables: { filter: { topLevel: true }, first: TREE_PAGE_SIZE },
        },
        result: {
          data: {
            partners: {
              __typename: 'PartnerConnection',
              totalCount: 1,
              pageInfo: { __typename: 'PageInfo', hasNextPage: false, endCursor: 'c1' },
              edges: [
                {
                  __typename: 'PartnerEdge',
                  cursor: 'c1',
                  node: {
                    __typename: 'Partner',
                    id: 'p-berlin',
                    partnerId: 'BRL7K',
                    name: 'Berlin Autohaus',
                    role: 'DEALER',
                    status: 'ACCEPTED',
                    blocked: false,
                    subPartnerCount: 0,
                  },
                },
              ],
            },
          },
        },
      },
    ]);
    expect(await screen.findByRole('columnheader', { name: /Partner ID/ })).toBeTruthy();
    fireEvent.click(screen.getByText('Tree'));
    expect(await screen.findByText('1 of 1 top-level partners')).toBeTruthy();
    expect(router.state.location.search).toBe('?view=tree');
    expect(screen.queryByRole('columnheader', { name: /Partner ID/ })).toBeNull();
  });
});
