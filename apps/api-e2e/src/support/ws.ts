/**
 * graphql-ws helpers: a client that never retries (a refused connection fails the test at
 * once), a one-shot query, and a subscription whose events a test can wait for.
 */
import { createClient } from 'graphql-ws';
import type { Client, FormattedExecutionResult } from 'graphql-ws';
import WebSocket from 'ws';

/** One result as it arrives over the socket. */
export type WsResult<TData> = FormattedExecutionResult<TData, unknown>;

export function wsClient(url: string, connectionParams?: Record<string, unknown>): Client {
  return createClient({
    url,
    webSocketImpl: WebSocket,
    connectionParams,
    retryAttempts: 0,
    lazy: true,
  });
}

/** Runs one query or mutation over the socket and resolves with its single result. */
export function wsExecute<TData = Record<string, unknown>>(
  client: Client,
  query: string,
  variables?: Record<string, unknown>,
): Promise<WsResult<TData>> {
  return new Promise((resolve, reject) => {
    let result: WsResult<TData> | undefined;
    client.subscribe<TData>(
      { query, variables },
      {
        next: (value) => (result = value),
        error: (error) => reject(describeWsError(error)),
        complete: () => (result ? resolve(result) : reject(new Error('The operation completed without a result.'))),
      },
    );
  });
}

export interface LiveSubscription<TData> {
  /** Every result received so far. */
  results: WsResult<TData>[];
  /** Resolves with the first result (already received or still to come) that matches. */
  waitFor(match: (result: WsResult<TData>) => boolean, timeoutMs: number): Promise<WsResult<TData> | undefined>;
  unsubscribe(): void;
}

/** Starts a subscription and records what arrives. */
export function wsSubscribe<TData = Record<string, unknown>>(client: Client, query: string): LiveSubscription<TData> {
  const results: WsResult<TData>[] = [];
  const waiters = new Set<() => void>();
  let failure: Error | undefined;
  const unsubscribe = client.subscribe<TData>(
    { query },
    {
      next: (value) => {
        results.push(value);
        waiters.forEach((wake) => wake());
      },
      error: (error) => {
        failure = describeWsError(error);
        waiters.forEach((wake) => wake());
      },
      complete: () => undefined,
    },
  );

  const waitFor: LiveSubscription<TData>['waitFor'] = (match, timeoutMs) =>
    new Promise((resolve, reject) => {
      const check = () => {
        if (failure) return finish(() => reject(failure));
        const found = results.find(match);
        if (found) finish(() => resolve(found));
      };
      const timer = setTimeout(() => finish(() => resolve(undefined)), timeoutMs);
      const finish = (settle: () => void) => {
        clearTimeout(timer);
        waiters.delete(check);
        settle();
      };
      waiters.add(check);
      check();
    });

  return { results, waitFor, unsubscribe };
}

/** graphql-ws reports failures as GraphQL error arrays, CloseEvents or Errors; make them readable. */
function describeWsError(error: unknown): Error {
  if (error instanceof Error) return error;
  if (Array.isArray(error)) return new Error(`GraphQL errors: ${JSON.stringify(error)}`);
  if (error && typeof error === 'object' && 'code' in error) {
    const close = error as { code: number; reason?: string };
    return new Error(`The socket closed with code ${close.code}: ${close.reason || '(no reason)'}`);
  }
  return new Error(`graphql-ws error: ${JSON.stringify(error)}`);
}
