import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { GraphQLError } from 'graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { PartnerDescendantsDocument, PartnerDetailsDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../../app/apollo-client';
import { ViewerContext } from '../../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../../test/fixtures';
import { partnerDetailsFixture } from '../../../../test/partner-fixtures';
import { PartnerDetails } from './PartnerDetails';

function renderDetails(mocks: MockLink.MockedResponse[], tab = 'profile', viewer = viewerFixture('PRINCIPAL', 'ADMIN')) {
  const router = createMemoryRouter(
    [
      { path: '/partners/:id/:tab', element: <PartnerDetails id="partner-1" tab={tab} /> },
      { path: '/partners', element: <p>Partners list</p> },
    ],
    {
      initialEntries: [`/partners/partner-1/${tab}`],
    },
  );
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewer}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
  return router;
}

function detailsMock(partner: PartnerDetailsFieldsFragment): MockLink.MockedResponse {
  return {
    request: { query: PartnerDetailsDocument, variables: { id: 'partner-1' } },
    result: { data: { partner } },
  };
}

describe('PartnerDetails', () => {
  it('offers the Users tab only to those the API shows a partner\'s users: admins, not a principal manager', async () => {
    renderDetails([detailsMock(partnerDetailsFixture())]);
    expect(await screen.findByRole('tab', { name: 'Users' })).toBeTruthy();
  });

  it('hides the Users tab from a principal manager, whom the API refuses them', async () => {
    renderDetails([detailsMock(partnerDetailsFixture())], 'profile', viewerFixture('PRINCIPAL', 'MANAGER'));
    expect(await screen.findByText('VEZ9A')).toBeTruthy();
    expect(screen.queryByRole('tab', { name: 'Users' })).toBeNull();
  });

  it('shows the name, Partner ID, tags and the path through the tree', async () => {
    renderDetails([
      detailsMock(
        partnerDetailsFixture({
          blocked: true,
          ancestors: [
            { __typename: 'Partner', id: 'top', partnerId: 'TOP22', name: 'Nordic Group' },
            { __typename: 'Partner', id: 'mid', partnerId: 'MID33', name: 'Nordic Dealers' },
          ],
        }),
      ),
    ]);
    expect(await screen.findByText('VEZ9A')).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Nordic Group' }).getAttribute('href')).toBe('/partners/top');
    expect(screen.getByRole('link', { name: 'Nordic Dealers' }).getAttribute('href')).toBe('/partners/mid');
    expect(screen.getByText('Dealer')).toBeTruthy();
    expect(screen.getByText('Draft')).toBeTruthy();
    expect(screen.getByText('Blocked')).toBeTruthy();
    expect(screen.getByRole('tab', { name: 'Sub-partners' })).toBeTruthy();
    // unclaimed and manageable: the invitation card is on the profile tab
    expect(screen.getByRole('button', { name: 'Send invitation' })).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Move…' })).toBeTruthy();
  });

  it('offers no invitation once the partner has claimed its organization', async () => {
    renderDetails([detailsMock(partnerDetailsFixture({ status: 'ACCEPTED', profileEditable: false }))]);
    expect(await screen.findByText('Accepted')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Send invitation' })).toBeNull();
  });

  it('says so when the partner does not exist or is not visible', async () => {
    renderDetails([
      {
        request: { query: PartnerDetailsDocument, variables: { id: 'partner-1' } },
        result: {
          errors: [
            new GraphQLError('No Partner with this id exists.', {
              extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_FOUND' },
            }),
          ],
        },
      },
    ]);
    expect(await screen.findByText('Partner not found')).toBeTruthy();
  });

  it('shows the agreement with the pricing plan pointing to the pricing section', async () => {
    renderDetails([detailsMock(partnerDetailsFixture())], 'agreement');
    expect(((await screen.findByLabelText('Deposit')) as HTMLInputElement).value).toBe('1500.00');
    expect(screen.getAllByText('Set under Pricing (coming)')).toHaveLength(2);
  });

  it('lists the sub-partners by level and links "Add sub-partner" to the list\'s add dialog', async () => {
    const child = (id: string, name: string, depth: number) => ({
      __typename: 'PartnerDescendant' as const,
      depth,
      partner: {
        __typename: 'Partner' as const,
        id,
        partnerId: `${id.toUpperCase().slice(0, 3)}22`,
        name,
        role: 'DEALER' as const,
        status: 'DRAFT' as const,
        blocked: false,
        archivedAt: null,
      },
    });
    const router = renderDetails(
      [
        detailsMock(partnerDetailsFixture({ subPartnerCount: 1 })),
        {
          request: { query: PartnerDescendantsDocument, variables: { id: 'partner-1' } },
          result: {
            data: {
              partner: {
                __typename: 'Partner',
                id: 'partner-1',
                descendants: [child('spandau', 'Spandau Cars', 1), child('falkensee', 'Falkensee Mobil', 2)],
              },
            },
          },
        },
      ],
      'sub-partners',
    );
    expect((await screen.findByRole('link', { name: 'Falkensee Mobil' })).getAttribute('href')).toBe(
      '/partners/falkensee',
    );
    expect(screen.getByRole('link', { name: 'Spandau Cars' }).getAttribute('href')).toBe('/partners/spandau');
    fireEvent.click(screen.getByRole('button', { name: /Add sub-partner/ }));
    await waitFor(() =>
      expect(`${router.state.location.pathname}${router.state.location.search}`).toBe(
        '/partners?new=1&parent=partner-1',
      ),
    );
  });

  it('says so when the partner has no sub-partners', async () => {
    renderDetails(
      [
        detailsMock(partnerDetailsFixture()),
        {
          request: { query: PartnerDescendantsDocument, variables: { id: 'partner-1' } },
          result: { data: { partner: { __typename: 'Partner', id: 'partner-1', descendants: [] } } },
        },
      ],
      'sub-partners',
    );
    expect(await screen.findByText('No sub-partners')).toBeTruthy();
  });
});
