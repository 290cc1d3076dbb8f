import { useEffect, useRef, useState } from 'react';
import { useApolloClient, useSubscription } from '@apollo/client/react';
import { JobDetailsDocument, OnJobEventAddedDocument } from '@partner-hub/graphql-client';
import { useLiveConnection } from '../../shared/utils/live-connection';

/**
 * Keeps the job page live: every event added to the job's history (by anyone: a technician starting
 * it, the principal reassigning it) reads the job again — status, available actions, texts and history
 * together. The subscription resumes after the last event the page has seen (`after`), so a WebSocket
 * that reconnects replays what it missed; the job is read again on each reconnect as well.
 */
export function useLiveJob(id: string, lastEventId: string | null | undefined): void {
  const client = useApolloClient();
  // the resume point is fixed when the page has the job, and moved on only by a reconnect: a new `after`
  // on every event would restart the subscription each time
  const [after, setAfter] = useState<string | null | undefined>(undefined);
  if (after === undefined && lastEventId !== undefined) setAfter(lastEventId);
  const latest = useRef(lastEventId);
  useEffect(() => {
    latest.current = lastEventId;
  });

  const reread = () => void client.query({ query: JobDetailsDocument, variables: { id }, fetchPolicy: 'network-only' }).catch(() => undefined);
  useSubscription(OnJobEventAddedDocument, {
    variables: { jobId: id, after: after ?? null },
    skip: after === undefined,
    onData: () => reread(),
  });

  const { connections } = useLiveConnection();
  const seen = useRef(connections);
  useEffect(() => {
    if (connections > seen.current && seen.current > 0) {
      setAfter(latest.current ?? null);
      reread();
    }
    seen.current = connections;
    // eslint-disable-next-line react-hooks/exhaustive-deps -- only a new connection reads again
  }, [connections]);
}
