import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';
import { startServer } from './create-server.js';
import type { RunningServer } from './create-server.js';

let app: TestApp;
let server: RunningServer;
let world: Awaited<ReturnType<typeof buildWorld>>;
const clients: Client[] = [];

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

async function keyOf(email: string, role: string): Promise<string> {
  const session = await app.signIn(email, WORLD_PASSWORD);
  const r = await app.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreateApiKeySuccess { secret } } }`, { i: { name: `ws ${role}`, role } }, { sessionToken: session });
  return r.data?.['createApiKey'].secret;
}

function clientWith(secret: string): Client {
  const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: { authorization: `Bearer ${secret}` }, retryAttempts: 0 });
  clients.push(client);
  return client;
}

function once(client: Client, query: string): Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }> {
  return new Promise((resolve, reject) => {
    let result: { data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] } = {};
    client.subscribe({ query }, { next: (value) => (result = value as typeof result), error: (errors) => resolve({ errors: errors as never }), complete: () => resolve(result) });
    setTimeout(() => reject(new Error('no answer over the WebSocket')), 10_000);
  });
}

describe('graphql-ws on the same port', () => {
  it('authenticates an API key from the connection params', async () => {
    const client = clientWith(await keyOf(world.users.adminA.email, 'ADMIN'));
    const r = await once(client, '{ viewer { role apiKey { name } organization { name } } }');
    expect(r.data).toEqual({ viewer: { role: 'ADMIN', apiKey: { name: 'ws ADMIN' }, organization: { name: world.principalA.name } } });
  });

  it('answers a refused operation with its code and no internals, as over HTTP', async () => {
    const client = clientWith(await keyOf(world.users.dealerAdmin.email, 'TECHNICIAN'));
    const r = await once(client, '{ auditEvents { totalCount } }');
    expect(r.errors?.[0]?.extensions).toEqual({ code: 'FORBIDDEN' });
    const invalid = await once(client, '{ viewer { nope } }');
    expect(invalid.errors?.[0]).toMatchObject({ message: expect.stringMatching(/nope/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect(JSON.stringify(invalid.errors)).not.toMatch(/stacktrace|node_modules/);
  });
});
