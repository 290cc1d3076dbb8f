import { render, screen } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { GraphQLError } from 'graphql';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { PartnerDetailsDocument } from '@partner-hub/graphql-client';
import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';
import { createCache } from '../../../../app/apollo-client';
import { ViewerContext } from '../../../auth/hooks/viewer-context';
import { viewerFixture } from '../../../../test/fixtures';
import { partnerDetailsFixture } from '../../../../test/partner-fixtures';
import { PartnerDetails } from './PartnerDetails';

function renderDetails(mocks: MockLink.MockedResponse[], tab = 'profile') {
  const router = createMemoryRouter([{ path: '/partners/:id/:tab', element: <PartnerDetails id="partner-1" tab={tab} /> }], {
    initialEntries: [`/partners/partner-1/${tab}`],
  });
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <ViewerContext.Provider value={viewerFixture('PRINCIPAL', 'ADMIN')}>
          <RouterProvider router={router} />
        </ViewerContext.Provider>
      </AntApp>
    </MockedProvider>,
  );
}

function detailsMock(partner: PartnerDetailsFieldsFragment): MockLink.MockedResponse {
  return { request: { query: PartnerDetailsDocument, variables: { id: 'partner-1' } }, result: { data: { partner } } };
}

describe('PartnerDetails', () => {
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
          errors: [new GraphQLError('No Partner with this id exists.', { extensions: { code: 'BAD_USER_INPUT', reason: 'NOT_FOUND' } })],
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
});
