import { useState } from 'react';
import type { ReactNode } from 'react';
import { Button, Card, Flex, Spin, Tree, Typography } from 'antd';
import type { TreeDataNode } from 'antd';
import { useApolloClient, useQuery } from '@apollo/client/react';
import { Link } from 'react-router';
import { PartnerTreeLevelDocument } from '@partner-hub/graphql-client';
import type { PartnerTreeLevelQuery } from '@partner-hub/graphql-client';
import { EmptyState } from '@partner-hub/ui';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useLoadMore } from '../../shared/hooks/use-load-more';
import { describeError } from '../../shared/utils/errors';
import { PartnerRoleTag } from '../details/components/PartnerTags';
import { PartnerFlagTags } from './PartnerFlagTags';

/** Partners fetched per level and per "load more" of the tree. */
export const TREE_PAGE_SIZE = 100;

type TreePartner = PartnerTreeLevelQuery['partners']['edges'][number]['node'];

/** The loaded children of one partner. */
type Level = {
  items: TreePartner[];
  totalCount: number;
  endCursor: string | null;
  hasNextPage: boolean;
  loading: boolean;
  error: string | null;
};

function subPartnerLabel(count: number): string {
  return count === 1 ? '1 sub-partner' : `${count} sub-partners`;
}

function PartnerTreeTitle({ partner }: { partner: TreePartner }) {
  return (
    <Flex gap={8} align="center" wrap>
      <Link to={`/partners/${partner.id}`}>{partner.name}</Link>
      <Typography.Text code>{partner.partnerId}</Typography.Text>
      <PartnerRoleTag role={partner.role} />
      <PartnerFlagTags allowJobOverride={false} blocked={partner.blocked} />
      <Typography.Text type="secondary">{subPartnerLabel(partner.subPartnerCount)}</Typography.Text>
    </Flex>
  );
}

/**
 * The sub-partner hierarchy as a tree with lazy expansion: the top level first, each partner's
 * direct sub-partners when it is expanded, 100 at a time with a "load more" node per level.
 */
export function PartnerTree() {
  const client = useApolloClient();
  const { data, error, loading, fetchMore, refetch } = useQuery(PartnerTreeLevelDocument, {
    variables: { filter: { topLevel: true }, first: TREE_PAGE_SIZE },
    notifyOnNetworkStatusChange: true,
  });
  const root = data?.partners;
  const { loadingMore, handleLoadMore } = useLoadMore(root, fetchMore, 'partners');
  const [levels, setLevels] = useState<Record<string, Level>>({});

  const updateLevel = (parentId: string, update: (level: Level | undefined) => Level) =>
    setLevels((current) => ({ ...current, [parentId]: update(current[parentId]) }));

  /** Fetches (the next page of) a partner's direct sub-partners. */
  const loadChildren = async (parentId: string, after?: string) => {
    updateLevel(parentId, (level) => ({
      items: level?.items ?? [],
      totalCount: level?.totalCount ?? 0,
      endCursor: level?.endCursor ?? null,
      hasNextPage: level?.hasNextPage ?? false,
      loading: true,
      error: null,
    }));
    try {
      const result = await client.query({
        query: PartnerTreeLevelDocument,
        variables: { filter: { parentId }, first: TREE_PAGE_SIZE, ...(after ? { after } : {}) },
        fetchPolicy: 'no-cache',
      });
      const page = result.data?.partners;
      if (!page) throw result.error ?? new Error('The server sent no sub-partners.');
      updateLevel(parentId, (level) => ({
        items: [...(after ? (level?.items ?? []) : []), ...page.edges.map((edge) => edge.node)],
        totalCount: page.totalCount,
        endCursor: page.pageInfo.endCursor ?? null,
        hasNextPage: page.pageInfo.hasNextPage,
        loading: false,
        error: null,
      }));
    } catch (loadError) {
      updateLevel(parentId, (level) => ({
        items: level?.items ?? [],
        totalCount: level?.totalCount ?? 0,
        endCursor: level?.endCursor ?? null,
        hasNextPage: level?.hasNextPage ?? false,
        loading: false,
        error: describeError(loadError),
      }));
    }
  };

  const statusNode = (key: string, title: ReactNode): TreeDataNode => ({
    key,
    title,
    isLeaf: true,
    selectable: false,
  });

  const toNodes = (items: readonly TreePartner[]): TreeDataNode[] =>
    items.map((partner) => {
      const level = levels[partner.id];
      const node: TreeDataNode = {
        key: partner.id,
        title: <PartnerTreeTitle partner={partner} />,
        isLeaf: partner.subPartnerCount === 0,
      };
      if (level && !(level.loading && level.items.length === 0)) {
        const extra: TreeDataNode[] = [];
        if (level.error) {
          extra.push(
            statusNode(
              `error:${partner.id}`,
              <Typography.Text type="danger">
                Could not load the sub-partners of {partner.name}: {level.error}{' '}
                <Button
                  size="small"
                  onClick={() => void loadChildren(partner.id, level.endCursor ?? undefined)}
                >
                  Retry
                </Button>
              </Typography.Text>,
            ),
          );
        } else if (level.hasNextPage) {
          extra.push(
            statusNode(
              `more:${partner.id}`,
              <Button
                size="small"
                loading={level.loading}
                onClick={() => void loadChildren(partner.id, level.endCursor ?? undefined)}
              >
                Load more ({level.items.length} of {level.totalCount})
              </Button>,
            ),
          );
        } else if (level.items.length === 0) {
          extra.push(
            statusNode(
              `empty:${partner.id}`,
              <Typography.Text type="secondary">No active sub-partners</Typography.Text>,
            ),
          );
        }
        node.children = [...toNodes(level.items), ...extra];
      }
      return node;
    });

  if (error && !root) {
    return (
      <QueryErrorAlert title="Could not load the partner tree" error={error} onRetry={() => void refetch()} />
    );
  }
  if (!root) {
    return (
      <Card>
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin description="Loading the partner tree…" />
        </Flex>
      </Card>
    );
  }
  const topLevel = root.edges.map((edge) => edge.node);
  if (topLevel.length === 0) {
    return (
      <Card>
        <EmptyState title="No partners yet" text="Partners and their sub-partners appear here as a tree." />
      </Card>
    );
  }

  return (
    <Card>
      {error ? (
        <QueryErrorAlert
          title="Could not refresh the partner tree"
          error={error}
          onRetry={() => void refetch()}
        />
      ) : null}
      <Tree
        aria-label="Partner tree"
        showLine
        blockNode
        selectable={false}
        treeData={toNodes(topLevel)}
        loadData={(node) => (levels[String(node.key)] ? Promise.resolve() : loadChildren(String(node.key)))}
      />
      <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
        <Typography.Text type="secondary">
          {topLevel.length} of {root.totalCount} top-level partners{' '}
          {loading && !loadingMore ? '(refreshing…)' : ''}
        </Typography.Text>
        {root.pageInfo.hasNextPage ? (
          <Button onClick={() => void handleLoadMore()} loading={loadingMore}>
            Load more
          </Button>
        ) : null}
      </Flex>
    </Card>
  );
}
