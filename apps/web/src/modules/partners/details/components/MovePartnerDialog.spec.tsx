import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { describe, expect, it } from 'vitest';
import {
  MovePartnerDocument,
  PartnerDescendantsDocument,
  PartnerOptionsDocument,
} from '@partner-hub/graphql-client';
import { createCache } from '../../../../app/apollo-client';
import { partnerDetailsFixture } from '../../../../test/partner-fixtures';
import { MovePartnerDialog } from './MovePartnerDialog';

const partner = partnerDetailsFixture();

function node(id: string, name: string, partnerId: string) {
  return { __typename: 'Partner' as const, id, name, partnerId };
}

const baseMocks: MockLink.MockedResponse[] = [
  {
    request: { query: PartnerOptionsDocument, variables: { search: null, first: 20 } },
    result: {
      data: {
        partners: {
          __typename: 'PartnerConnection',
          edges: [
            { __typename: 'PartnerEdge', node: node('partner-1', 'Berlin Autohaus', 'VEZ9A') },
            { __typename: 'PartnerEdge', node: node('child-1', 'Spandau Cars', 'SPN22') },
            { __typename: 'PartnerEdge', node: node('other-1', 'Hamburg Cars', 'HMB2X') },
          ],
        },
      },
    },
  },
  {
    request: { query: PartnerDescendantsDocument, variables: { id: partner.id } },
    result: {
      data: {
        partner: {
          __typename: 'Partner',
          id: partner.id,
          descendants: [
            {
              __typename: 'PartnerDescendant',
              depth: 1,
              partner: {
                __typename: 'Partner',
                id: 'child-1',
                partnerId: 'SPN22',
                name: 'Spandau Cars',
                role: 'DEALER',
                status: 'DRAFT',
                blocked: false,
                archivedAt: null,
              },
            },
          ],
        },
      },
    },
  },
];

function renderDialog(mocks: MockLink.MockedResponse[]) {
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <MovePartnerDialog partner={partner} open canMoveToTop onClose={() => undefined} />
      </AntApp>
    </MockedProvider>,
  );
}

async function choose(name: string) {
  fireEvent.mouseDown(screen.getByLabelText('New parent partner'));
  fireEvent.click(await screen.findByText(name));
}

describe('MovePartnerDialog', () => {
  it('offers neither the partner itself nor its own sub-partners as the new parent', async () => {
    renderDialog(baseMocks);
    fireEvent.mouseDown(screen.getByLabelText('New parent partner'));
    expect(await screen.findByText('Hamburg Cars (HMB2X)')).toBeTruthy();
    await waitFor(() => expect(screen.queryByText('Spandau Cars (SPN22)')).toBeNull());
    expect(screen.queryByText('Berlin Autohaus (VEZ9A)')).toBeNull();
  });

  it('asks for a destination before moving', async () => {
    renderDialog(baseMocks);
    fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    expect(await screen.findByText('Choose the partner to move it under.')).toBeTruthy();
  });

  it("shows the server's cycle refusal on the parent field", async () => {
    renderDialog([
      ...baseMocks,
      {
        request: {
          query: MovePartnerDocument,
          variables: { input: { id: partner.id, parentId: 'other-1' } },
        },
        result: {
          data: {
            movePartner: {
              __typename: 'PartnerCycleError',
              code: 'PARTNER_CYCLE',
              message: 'A partner cannot be moved under one of its own sub-partners.',
              field: 'parentId',
            },
          },
        },
      },
    ]);
    await choose('Hamburg Cars (HMB2X)');
    fireEvent.click(screen.getByRole('button', { name: 'Move' }));
    const dialog = screen.getByRole('dialog');
    expect(
      await within(dialog).findByText('A partner cannot be moved under one of its own sub-partners.'),
    ).toBeTruthy();
  });
});
