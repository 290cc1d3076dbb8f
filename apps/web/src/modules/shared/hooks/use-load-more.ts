import { useState } from 'react';
import { App as AntApp } from 'antd';
import { describeError } from '../utils/errors';

interface PagedConnection {
  pageInfo: { endCursor?: string | null };
}

/**
 * "Load more" for a Relay connection: fetches the page after the current end cursor (the cache's
 * relayStylePagination appends it), tracks its own loading state and reports a failure as a
 * notification naming `what` ("users", "events", …).
 */
export function useLoadMore(
  connection: PagedConnection | null | undefined,
  fetchMore: (options: { variables: { after: string } }) => Promise<unknown>,
  what: string,
) {
  const { notification } = AntApp.useApp();
  const [loadingMore, setLoadingMore] = useState(false);

  const handleLoadMore = async () => {
    const after = connection?.pageInfo.endCursor;
    if (!after) return;
    setLoadingMore(true);
    try {
      await fetchMore({ variables: { after } });
    } catch (loadError) {
      notification.error({ title: `Could not load more ${what}`, description: describeError(loadError) });
    } finally {
      setLoadingMore(false);
    }
  };

  return { loadingMore, handleLoadMore };
}
