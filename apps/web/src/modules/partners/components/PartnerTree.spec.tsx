import { fireEvent, render, screen, within } from '@testing-library/react';
import { MockedProvider } from '@apollo/client/testing/react';
import type { MockLink } from '@apollo/client/testing';
import { App as AntApp } from 'antd';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { describe, expect, it } from 'vitest';
import { PartnerTreeLevelDocument } from '@partner-hub/graphql-client';
import type { PartnerFilter, PartnerTreeLevelQuery } from '@partner-hub/graphql-client';
import { createCache } from '../../../app/apollo-client';
import { PartnerTree, TREE_PAGE_SIZE } from './PartnerTree';

// A query, its answer and the antd re-render take more than the default second on a busy CI machine.
type TreePartner = PartnerTreeLevelQuery['partners']['edges'][number]['node'];

const node = (id: string, name: string, subPartnerCount = 0): TreePartner => ({
  __typename: 'Partner',
  id,
  partnerId: id.slice(2, 7).toUpperCase().padEnd(5, 'X'),
  name,
  role: 'DEALER',
  status: 'ACCEPTED',
  blocked: false,
  subPartnerCount,
});

function levelMock(
  filter: PartnerFilter,
  nodes: TreePartner[] | Error,
  {
    after,
    totalCount,
    hasNextPage = false,
  }: { after?: string; totalCount?: number; hasNextPage?: boolean } = {},
): MockLink.MockedResponse {
  return {
    request: {
      query: PartnerTreeLevelDocument,
      variables: { filter, first: TREE_PAGE_SIZE, ...(after ? { after } : {}) },
    },
    ...(nodes instanceof Error
      ? { error: nodes }
      : {
          result: {
            data: {
              partners: {
                __typename: 'PartnerConnection',
                totalCount: totalCount ?? nodes.length,
                pageInfo: { __typename: 'PageInfo', hasNextPage, endCursor: nodes.at(-1)?.id ?? null },
                edges: nodes.map((partner) => ({
                  __typename: 'PartnerEdge',
                  cursor: partner.id,
                  node: partner,
                })),
              },
            },
          },
        }),
  };
}

function renderTree(mocks: MockLink.MockedResponse[]) {
  const router = createMemoryRouter([{ path: '/', element: <PartnerTree /> }]);
  render(
    <MockedProvider mocks={mocks} cache={createCache()}>
      <AntApp>
        <RouterProvider router={router} />
      </AntApp>
    </MockedProvider>,
  );
}

function expand(name: string) {
  const treeNode = screen.getByRole('link', { name }).closest('.ant-tree-treenode');
  const switcher = treeNode?.querySelector('.ant-tree-switcher');
  if (!switcher) throw new Error(`no expander for ${name}`);
  fireEvent.click(switcher);
}

describe('PartnerTree', () => {
  it('loads the top level, then the sub-partners of a partner when it is expanded', async () => {
    renderTree([
      levelMock({ topLevel: true }, [
        node('p-berlin', 'Berlin Autohaus', 2),
        node('p-fleet', 'FleetFit Service'),
      ]),
      levelMock({ parentId: 'p-berlin' }, [
        node('p-potsdam', 'Potsdam Autohaus', 1),
        node('p-spandau', 'Spandau Cars'),
      ]),
    ]);
    expect(await screen.findByRole('link', { name: 'Berlin Autohaus' })).toBeTruthy();
    expect(screen.getByText('2 sub-partners')).toBeTruthy();
    expect(screen.getByText('0 sub-partners')).toBeTruthy();
    expect(screen.getByText('2 of 2 top-level partners')).toBeTruthy();
    expect(screen.queryByRole('link', { name: 'Potsdam Autohaus' })).toBeNull();

    expand('Berlin Autohaus');
    expect(await screen.findByRole('link', { name: 'Potsdam Autohaus' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Spandau Cars' }).getAttribute('href')).toBe(
      '/partners/p-spandau',
    );
    expect(screen.getByText('1 sub-partner')).toBeTruthy();
  });

  it('pages through a long level with a load-more node', async () => {
    renderTree([
      levelMock({ topLevel: true }, [node('p-berlin', 'Berlin Autohaus', 3)]),
      levelMock({ parentId: 'p-berlin' }, [node('p-a', 'Autohaus A'), node('p-b', 'Autohaus B')], {
        totalCount: 3,
        hasNextPage: true,
      }),
      levelMock({ parentId: 'p-berlin' }, [node('p-c', 'Autohaus C')], { after: 'p-b', totalCount: 3 }),
    ]);
    await screen.findByRole('link', { name: 'Berlin Autohaus' });
    expand('Berlin Autohaus');
    fireEvent.click(await screen.findByRole('button', { name: /Load more \(2 of 3\)/ }));
    expect(await screen.findByRole('link', { name: 'Autohaus C' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Autohaus A' })).toBeTruthy();
    expect(screen.queryByRole('button', { name: /Load more/ })).toBeNull();
  });

  it('shows a failed level under its partner with a retry', async () => {
    renderTree([
      levelMock({ topLevel: true }, [node('p-berlin', 'Berlin Autohaus', 1)]),
      levelMock({ parentId: 'p-berlin' }, new Error('connection reset')),
      levelMock({ parentId: 'p-berlin' }, [node('p-potsdam', 'Potsdam Autohaus')]),
    ]);
    await screen.findByRole('link', { name: 'Berlin Autohaus' });
    expand('Berlin Autohaus');
    const failure = await screen.findByText(/Could not load the sub-partners of Berlin Autohaus/);
    fireEvent.click(within(failure).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByRole('link', { name: 'Potsdam Autohaus' })).toBeTruthy();
  });

  it('says when there are no partners, and shows a failed load with a retry', async () => {
    renderTree([
      levelMock({ topLevel: true }, new Error('connection reset')),
      levelMock({ topLevel: true }, []),
    ]);
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load the partner tree');
    fireEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    expect(await screen.findByText('No partners yet')).toBeTruthy();
  });
});
