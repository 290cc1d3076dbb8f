import { Button, Flex, Typography } from 'antd';

export type LoadMoreProps = {
  shown: number;
  total: number;
  hasNextPage: boolean;
  loading: boolean;
  onLoadMore: () => void;
};

/** "Showing n of m" with a button that fetches the next page of a connection. */
export function LoadMore({ shown, total, hasNextPage, loading, onLoadMore }: LoadMoreProps) {
  return (
    <Flex justify="space-between" align="center" style={{ marginTop: 12 }}>
      <Typography.Text type="secondary">
        Showing {shown} of {total}
      </Typography.Text>
      {hasNextPage ? (
        <Button onClick={onLoadMore} loading={loading}>
          Load more
        </Button>
      ) : null}
    </Flex>
  );
}
