import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';
import { startServer } from './create-server.js';
import type { RunningServer } from './create-server.js';
import { WEBSOCKET_LIMITS } from './websocket-admission.js';

let app: TestApp;
let server: RunningServer;
let session: string;
let apiKey: string;
const sockets: WebSocket[] = [];
const clients: Client[] = [];

beforeAll(async () => {
  app = await createTestApp();
  const world = await buildWorld(app.systemEm());
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
  session = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
  const created = await app.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreateApiKeySuccess { secret } } }`, { i: { name: 'ws admission', role: 'ADMIN' } }, { sessionToken: session });
  apiKey = created.data?.['createApiKey'].secret;
});
afterAll(async () => {
  for (const socket of sockets) socket.terminate();
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

const wsUrl = () => `${server.url.replace('http', 'ws')}/graphql`;

/**
 * Opens a raw graphql-ws socket without credentials (or with only `headers`) and has it acknowledged,
 * so it is held open (not closed by the init timeout); resolves with the upgrade's outcome.
 */
function rawSocket(headers: Record<string, string> = {}): Promise<{ opened: true; socket: WebSocket } | { opened: false; status: number }> {
  return new Promise((resolve) => {
    const socket = new WebSocket(wsUrl(), 'graphql-transport-ws', { headers });
    socket.once('open', () => {
      sockets.push(socket);
      socket.send(JSON.stringify({ type: 'connection_init' }));
    });
    socket.once('message', (data) => {
      expect(JSON.parse(String(data))).toEqual({ type: 'connection_ack' });
      resolve({ opened: true, socket });
    });
    socket.once('unexpected-response', (_request, response) => resolve({ opened: false, status: response.statusCode ?? 0 }));
    socket.once('error', () => undefined);
  });
}

/** A graphql-ws client signed in with the API key, resolved once the server acknowledged it. */
function signedInClient(): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = createClient({ url: wsUrl(), webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${apiKey}` }, retryAttempts: 0, lazy: false, onNonLazyError: reject });
    clients.push(client);
    client.on('connected', () => resolve(client));
  });
}

describe('connections nobody signed in on', () => {
  it(`holds at most ${WEBSOCKET_LIMITS.unauthenticatedPerAddress} per address, not counting signed-in ones, and lets the next in once one closes`, async () => {
    // signed-in connections first: once acknowledged they do not count
    await Promise.all(Array.from({ length: 5 }, () => signedInClient()));

    const anonymous = await Promise.all(Array.from({ length: WEBSOCKET_LIMITS.unauthenticatedPerAddress }, () => rawSocket()));
    expect(anonymous.every((outcome) => outcome.opened)).toBe(true);
    expect(await rawSocket()).toEqual({ opened: false, status: 429 });

    // a browser with a valid session cookie still gets in at the limit; a made-up cookie does not
    const withSession = await rawSocket({ cookie: `ph_session=${session}` });
    expect(withSession.opened).toBe(true);
    expect(await rawSocket({ cookie: 'ph_session=made-up' })).toEqual({ opened: false, status: 429 });

    const first = anonymous[0]!;
    if (!first.opened) throw new Error('unreachable');
    const closed = new Promise((resolve) => first.socket.once('close', resolve));
    first.socket.close();
    await closed;
    // the server counts the socket out when it sees the close: wait for that, not for a time
    let next = await rawSocket();
    while (!next.opened) next = await rawSocket();
    expect(next.opened).toBe(true);
  });
});
