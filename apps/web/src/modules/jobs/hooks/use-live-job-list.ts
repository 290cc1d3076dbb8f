import { useEffect, useRef, useState } from 'react';
import { useSubscription } from '@apollo/client/react';
import { OnJobChangedDocument } from '@partner-hub/graphql-client';
import type { JobFilter } from '@partner-hub/graphql-client';
import { useLiveConnection } from '../../shared/utils/live-connection';
import { NO_NEWS, matchesJobListFilter, toJobChangeFilter } from '../utils/live-list';
import type { LiveListNews } from '../utils/live-list';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Keeps a jobs list live without moving rows under the cursor: a job on screen that changes is updated
 * in place (the subscription's job lands in the normalized cache under its id); jobs that newly match —
 * created by others, or moved into the filter — and rows that were deleted are only counted, for a notice
 * whose "show" reads the list again. Each time the WebSocket connects again, what is shown is read again
 * (changes made while offline are not replayed).
 */
export function useLiveJobList(options: { filter: JobFilter; shownIds: readonly string[]; skip?: boolean; onReconnected: () => void }): { news: LiveListNews; clearNews: () => void } {
  const { filter, shownIds, skip = false, onReconnected } = options;
  const view = JSON.stringify(filter);
  const [state, setState] = useState<{ view: string; news: LiveListNews }>({ view, news: NO_NEWS });
  const news = state.view === view ? state.news : NO_NEWS;
  const shown = useRef<ReadonlySet<string>>(new Set());
  // the rows on screen as of the last render, for the subscription's handler
  useEffect(() => {
    shown.current = new Set(shownIds);
  });

  useSubscription(OnJobChangedDocument, {
    variables: { filter: toJobChangeFilter(filter) },
    skip,
    onData: ({ data }) => {
      const change = data.data?.jobChanged;
      if (!change) return;
      setState((previous) => {
        const current = previous.view === view ? previous.news : NO_NEWS;
        if (change.change === 'IMPORTED') return { view, news: { ...current, imported: true } };
        const id = change.jobId;
        if (!id) return previous;
        if (shown.current.has(id)) {
          // on screen: the cache already holds its new state; a row that left the view is only counted
          return change.job || current.removed.includes(id) ? previous : { view, news: { ...current, removed: [...current.removed, id] } };
        }
        if (!change.job || current.added.includes(id) || !matchesJobListFilter(change.job, filter, today())) return previous;
        return { view, news: { ...current, added: [...current.added, id] } };
      });
    },
  });

  const { connections } = useLiveConnection();
  const seen = useRef(connections);
  const reconnected = useRef(onReconnected);
  useEffect(() => {
    reconnected.current = onReconnected;
  });
  useEffect(() => {
    if (connections > seen.current && seen.current > 0) reconnected.current();
    seen.current = connections;
  }, [connections]);

  return { news, clearNews: () => setState({ view, news: NO_NEWS }) };
}
