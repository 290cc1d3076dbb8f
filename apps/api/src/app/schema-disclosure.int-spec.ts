/**
 * Introspection and "Did you mean …?" hints over real HTTP (and graphql-ws): open to signed-in callers
 * (the in-app explorer), closed to anonymous callers, revoked API keys and blocked partners — and configurable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { startServer } from './create-server.js';
import type { RunningServer } from './create-server.js';

let app: TestApp;
let server: RunningServer;
let world: Awaited<ReturnType<typeof buildWorld>>;
const credentials: Record<'anonymous' | 'revokedKey' | 'blockedPartner' | 'signedIn' | 'apiKey', Record<string, string>> = {
  anonymous: {},
  revokedKey: {},
  blockedPartner: {},
  signedIn: {},
  apiKey: {},
};

const INTROSPECTION = '{ __schema { queryType { name } } }';
const TYPE = '{ __type(name: "Vehicle") { fields { name } } }';
const TYPO = '{ vehicles { edges { node { vinn } } } }';
const VARIABLE_TYPO = 'mutation($input: SignInInput!) { signIn(input: $input) { __typename } }';

interface Answer {
  status: number;
  body: { data?: Record<string, unknown> | null; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

async function post(url: string, query: string, headers: Record<string, string>, variables: Record<string, unknown> = {}): Promise<Answer> {
  const response = await fetch(`${url}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

async function keyOf(session: string, name: string): Promise<{ id: string; secret: string }> {
  const r = await app.gql(`mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { ... on CreateApiKeySuccess { secret apiKey { id } } } }`, { i: { name, role: 'ADMIN' } }, { sessionToken: session });
  return { id: r.data?.['createApiKey'].apiKey.id, secret: r.data?.['createApiKey'].secret };
}

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
  const admin = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
  credentials.signedIn = { cookie: `ph_session=${admin}` };
  credentials.apiKey = { authorization: `Bearer ${(await keyOf(admin, 'explorer')).secret}` };
  const revoked = await keyOf(admin, 'revoked');
  const revoke = await app.gql(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }`, { i: { id: revoked.id } }, { sessionToken: admin });
  expect(revoke.errors).toBeUndefined();
  credentials.revokedKey = { authorization: `Bearer ${revoked.secret}` };
  const dealer = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
  const em = app.systemEm();
  const partner = await em.findOneOrFail(Partner, { organization: world.dealer });
  partner.blocked = true;
  await em.flush();
  credentials.blockedPartner = { cookie: `ph_session=${dealer}` };
});
afterAll(async () => {
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

describe.each(['anonymous', 'revokedKey', 'blockedPartner'] as const)('a caller who is not signed in (%s)', (who) => {
  it('is refused introspection before execution, with a clear validation error', async () => {
    for (const query of [INTROSPECTION, TYPE]) {
      const { status, body } = await post(server.url, query, credentials[who]);
      expect(status).toBe(400);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]).toMatchObject({ message: 'Schema introspection is open only to signed-in callers: sign in, or send a valid API key.', extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
  });

  it('gets validation and variable errors without "Did you mean" hints', async () => {
    const typo = await post(server.url, TYPO, credentials[who]);
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "vinn" on type "Vehicle".');
    const variable = await post(server.url, VARIABLE_TYPO, credentials[who], { input: { emial: 'a@b.example', password: 'x' } });
    expect(variable.body.errors?.length).toBeGreaterThan(0);
    expect(JSON.stringify(variable.body)).not.toMatch(/Did you mean|"email"/);
  });

  it('still gets __typename', async () => {
    expect((await post(server.url, '{ __typename }', credentials[who])).body).toEqual({ data: { __typename: 'Query' } });
  });
});

describe.each(['signedIn', 'apiKey'] as const)('a signed-in caller (%s)', (who) => {
  it('introspects the schema, as the in-app explorer does', async () => {
    const { status, body } = await post(server.url, INTROSPECTION, credentials[who]);
    expect(status).toBe(200);
    expect(body).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await post(server.url, TYPE, credentials[who])).body.data?.['__type']).toBeTruthy();
  });

  it('gets the "Did you mean" hints', async () => {
    const typo = await post(server.url, TYPO, credentials[who]);
    expect(typo.body.errors?.[0]?.message).toBe('Cannot query field "vinn" on type "Vehicle". Did you mean "vin"?');
  });
});

describe('over graphql-ws', () => {
  function once(params: Record<string, string>, query: string): Promise<{ data?: unknown; errors?: readonly { message: string; extensions?: Record<string, unknown> }[] }> {
    const client = createClient({ url: `${server.url.replace('http', 'ws')}/graphql`, webSocketImpl: WebSocket, connectionParams: params, retryAttempts: 0 });
    return new Promise((resolve) => {
      let result = {};
      client.subscribe({ query }, { next: (value) => (result = value), error: (errors) => resolve({ errors: errors as never }), complete: () => resolve(result) });
    }).finally(() => client.dispose()) as never;
  }

  it('refuses introspection and hides hints for a revoked key, and answers both for a valid one', async () => {
    const refused = await once(credentials.revokedKey, INTROSPECTION);
    expect(refused.errors?.[0]).toMatchObject({ message: expect.stringMatching(/^Schema introspection is open only to signed-in callers/), extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    expect((await once(credentials.revokedKey, TYPO)).errors?.[0]?.message).toBe('Cannot query field "vinn" on type "Vehicle".');
    expect(await once(credentials.apiKey, INTROSPECTION)).toEqual({ data: { __schema: { queryType: { name: 'Query' } } } });
    expect((await once(credentials.apiKey, TYPO)).errors?.[0]?.message).toMatch(/Did you mean "vin"\?$/);
  });
});

describe('configuration', () => {
  it('GRAPHQL_INTROSPECTION=everyone and GRAPHQL_SUGGESTIONS=everyone open both to anonymous callers; nobody closes them to everyone', async () => {
    const open = await startServer(app.orm, { ...app.deps, env: { ...app.deps.env, GRAPHQL_INTROSPECTION: 'everyone', GRAPHQL_SUGGESTIONS: 'everyone' } }, 0, '127.0.0.1');
    const closed = await startServer(app.orm, { ...app.deps, env: { ...app.deps.env, GRAPHQL_INTROSPECTION: 'nobody', GRAPHQL_SUGGESTIONS: 'nobody' } }, 0, '127.0.0.1');
    try {
      expect((await post(open.url, INTROSPECTION, {})).body.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
      expect((await post(open.url, TYPO, {})).body.errors?.[0]?.message).toMatch(/Did you mean/);
      const refused = await post(closed.url, INTROSPECTION, credentials.signedIn);
      expect(refused.body.errors?.[0]?.message).toBe('Schema introspection is turned off on this server.');
      expect((await post(closed.url, TYPO, credentials.signedIn)).body.errors?.[0]?.message).toBe('Cannot query field "vinn" on type "Vehicle".');
    } finally {
      for (const s of [open, closed]) {
        await s.stop();
        s.httpServer.close();
      }
    }
  });
});
