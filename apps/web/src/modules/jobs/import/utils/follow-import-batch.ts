import type { ApolloClient } from '@apollo/client';
import { ImportBatchDocument, OnImportBatchProgressDocument } from '@partner-hub/graphql-client';
import type { ImportBatchProgressFieldsFragment } from '@partner-hub/graphql-client';

/** How often the batch is read as well, in case the subscription's last event was missed (e.g. a reconnect). */
const POLL_MS = 3000;
const FIRST_CHECK_MS = 1000;

/**
 * Follows a running import batch until it ends: each `importBatchProgress` event (the subscription)
 * goes to `onProgress`; a slow poll of `importBatch` backs it up, so a missed final event cannot
 * leave the wizard waiting. Resolves with the ended batch (SUCCEEDED or FAILED).
 */
export function followImportBatch(
  client: ApolloClient,
  batch: ImportBatchProgressFieldsFragment,
  onProgress: (batch: ImportBatchProgressFieldsFragment) => void,
): Promise<ImportBatchProgressFieldsFragment> {
  if (batch.status !== 'RUNNING') return Promise.resolve(batch);
  return new Promise((resolve, reject) => {
    let ended = false;
    const finish = (latest: ImportBatchProgressFieldsFragment) => {
      if (ended) return;
      onProgress(latest);
      if (latest.status === 'RUNNING') return;
      ended = true;
      subscription.unsubscribe();
      clearTimeout(first);
      clearInterval(poll);
      resolve(latest);
    };
    const subscription = client.subscribe({ query: OnImportBatchProgressDocument, variables: { id: batch.id } }).subscribe({
      next: ({ data }) => {
        if (data?.importBatchProgress) finish(data.importBatchProgress);
      },
      // the poll below carries on without the subscription
      error: () => undefined,
    });
    const check = () =>
      client
        .query({ query: ImportBatchDocument, variables: { id: batch.id }, fetchPolicy: 'network-only' })
        .then(({ data }) => {
          if (data?.importBatch) finish(data.importBatch);
          else if (!ended) {
            ended = true;
            subscription.unsubscribe();
            clearTimeout(first);
            clearInterval(poll);
            reject(new Error('The import batch is gone.'));
          }
        })
        .catch(() => undefined);
    // a small file may be done before the subscription has landed: look once soon, then now and then
    const first = setTimeout(check, FIRST_CHECK_MS);
    const poll = setInterval(check, POLL_MS);
  });
}
