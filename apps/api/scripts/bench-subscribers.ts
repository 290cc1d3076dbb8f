/**
 * The load generator of bench-subscriptions.ts, in a process of its own (so neither its sockets nor its
 * CPU count as the server's): opens graphql-ws connections, one subscription each, and timestamps every
 * event each receives (wall clock, sub-millisecond, comparable with the server process's instants).
 *
 * IPC, one request at a time: `{ open }` → `{ opened }`; `'reset'` → `{ reset }` (forgets receipts);
 * `'count'` → `{ count }`; `'collect'` → `{ receipts }`; `'close'` → `{ closed }` (closes every connection).
 */
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface OpenRequest {
  url: string;
  query: string;
  /** one entry per connection: its API key and the group it counts in */
  connections: { token: string; group: string }[];
  /** connections being opened at once (the server admits 50 unauthenticated sockets per address) */
  concurrency: number;
}

export type GeneratorRequest = { open: OpenRequest } | 'reset' | 'count' | 'collect' | 'close';
export interface Receipt {
  group: string;
  at: number;
}
export type GeneratorAnswer =
  | { opened: { open: number; refused: string[] } }
  | { reset: true }
  | { count: number }
  | { receipts: Receipt[] }
  | { closed: true };

const now = () => performance.timeOrigin + performance.now();
const send = (answer: GeneratorAnswer) => process.send?.(answer);

const clients: Client[] = [];
let receipts: Receipt[] = [];

/** Opens one connection and subscribes; resolves once the server acknowledged the connection, or with why it could not. */
function open(url: string, query: string, token: string, group: string): Promise<string | null> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (problem: string | null) => {
      if (settled) return;
      settled = true;
      resolve(problem);
    };
    const client = createClient({
      url: `${url.replace('http', 'ws')}/graphql`,
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      lazy: false,
      retryAttempts: 0,
      keepAlive: 0,
      onNonLazyError: (error) => settle(`connection failed: ${String((error as { reason?: string }).reason ?? error)}`),
      on: { connected: () => settle(null), closed: (event) => settle(`closed: ${(event as { code?: number }).code}`) },
    });
    clients.push(client);
    client.subscribe(
      { query },
      {
        next: ({ errors }) => {
          if (errors) settle(`refused: ${JSON.stringify(errors).slice(0, 200)}`);
          else receipts.push({ group, at: now() });
        },
        error: (error) => settle(`refused: ${JSON.stringify(error).slice(0, 200)}`),
        complete: () => undefined,
      },
    );
  });
}

process.on('message', (raw) => {
  const request = raw as GeneratorRequest;
  if (request === 'reset') {
    receipts = [];
    send({ reset: true });
  } else if (request === 'count') send({ count: receipts.length });
  else if (request === 'collect') send({ receipts });
  else if (request === 'close') {
    void Promise.all(clients.splice(0).map((c) => c.dispose())).then(() => send({ closed: true }));
  } else {
    void (async () => {
      const { url, query, connections, concurrency } = request.open;
      const refused: string[] = [];
      let next = 0;
      const worker = async () => {
        while (next < connections.length) {
          const { token, group } = connections[next++]!;
          const problem = await open(url, query, token, group);
          if (problem) refused.push(problem);
        }
      };
      await Promise.all(Array.from({ length: concurrency }, worker));
      send({ opened: { open: connections.length - refused.length, refused: refused.slice(0, 5) } });
    })();
  }
});
process.on('disconnect', () => process.exit(0));
