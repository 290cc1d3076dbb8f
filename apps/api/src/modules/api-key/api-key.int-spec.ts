import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { ApiKey } from './api-key.entity.js';

const CREATE = `mutation($input: CreateApiKeyInput!) {
  createApiKey(input: $input) {
    __typename
    ... on CreateApiKeySuccess { secret apiKey { id name role prefix active createdBy { email } } }
    ... on ErrorResult { code field message }
  }
}`;
const REVOKE = `mutation($input: RevokeApiKeyInput!) { revokeApiKey(input: $input) { __typename ... on RevokeApiKeySuccess { apiKey { active revokedAt } } ... on ErrorResult { code } } }`;
const VIEWER = `{ viewer { role apiKey { name } user { email } organization { name } } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: string;

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

async function createKey(session: string, input: Record<string, unknown>) {
  const { data } = await app.gql(CREATE, { input }, { sessionToken: session });
  return data?.['createApiKey'];
}

describe('signOut with an API key', () => {
  it('is refused with a clear error (a key ends by revocation), and the key keeps working', async () => {
    const created = await createKey(adminA, { name: 'Sign-out probe', role: 'ADMIN' });
    const out = await app.gql(`mutation { signOut { signedOut } }`, {}, { bearerToken: created.secret });
    expect(out.errors?.[0]).toMatchObject({ message: expect.stringContaining('revokes the key'), extensions: { code: 'BAD_USER_INPUT' } });
    expect((await app.gql(VIEWER, {}, { bearerToken: created.secret })).data?.['viewer']?.apiKey).toEqual({ name: 'Sign-out probe' });
  });
});

describe('createApiKey', () => {
  it('shows the secret once, stores only its hash, and the key acts with its role', async () => {
    const created = await createKey(adminA, { name: 'Fleet ERP', role: 'VIEWER' });
    expect(created).toMatchObject({ __typename: 'CreateApiKeySuccess', apiKey: { name: 'Fleet ERP', role: 'VIEWER', active: true, createdBy: { email: world.users.adminA.email } } });
    expect(created.secret).toMatch(/^ph_/);
    expect(created.secret.startsWith(created.apiKey.prefix)).toBe(true);

    const row = await app.systemEm().findOneOrFail(ApiKey, { id: created.apiKey.id });
    expect(JSON.stringify(row)).not.toContain(created.secret);
    expect(row.tokenHash).not.toContain(created.secret);

    const me = await app.gql(VIEWER, {}, { bearerToken: created.secret });
    expect(me.data?.['viewer']).toEqual({ role: 'VIEWER', apiKey: { name: 'Fleet ERP' }, user: null, organization: { name: world.principalA.name } });
    // a VIEWER key cannot manage users
    const refused = await app.gql(`mutation { createUser(input: { email: "x@y.example", name: "X", role: VIEWER, password: "long-enough-pw" }) { __typename } }`, {}, { bearerToken: created.secret });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });

  it('records the last use', async () => {
    const created = await createKey(adminA, { name: 'Telematics gateway', role: 'MANAGER' });
    await app.gql(VIEWER, {}, { bearerToken: created.secret });
    const row = await app.systemEm().findOneOrFail(ApiKey, { id: created.apiKey.id });
    expect(row.lastUsedAt).toBeInstanceOf(Date);
  });

  it('refuses a role the organization does not have, a blank name and a past expiry — creating nothing', async () => {
    const before = await app.systemEm().count(ApiKey, {});
    expect(await createKey(adminA, { name: 'x', role: 'TECHNICIAN' })).toMatchObject({ __typename: 'ValidationError', field: 'role' });
    expect(await createKey(adminA, { name: '  ', role: 'VIEWER' })).toMatchObject({ __typename: 'ValidationError', field: 'name' });
    expect(await createKey(adminA, { name: 'old', role: 'VIEWER', expiresAt: '2020-01-01T00:00:00Z' })).toMatchObject({ __typename: 'ValidationError', field: 'expiresAt' });
    expect(await app.systemEm().count(ApiKey, {})).toBe(before);
  });

  it('is refused to non-admins', async () => {
    const manager = await app.signIn(world.users.managerA.email, WORLD_PASSWORD);
    const r = await app.gql(CREATE, { input: { name: 'x', role: 'VIEWER' } }, { sessionToken: manager });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
  });
});

describe('revoking and expiry', () => {
  it('refuses a revoked key on its very next request', async () => {
    const created = await createKey(adminA, { name: 'Revoke me', role: 'VIEWER' });
    expect((await app.gql(VIEWER, {}, { bearerToken: created.secret })).data?.['viewer']).not.toBeNull();
    const revoked = await app.gql(REVOKE, { input: { id: created.apiKey.id } }, { sessionToken: adminA });
    expect(revoked.data?.['revokeApiKey'].apiKey.active).toBe(false);
    expect((await app.gql(VIEWER, {}, { bearerToken: created.secret })).data?.['viewer']).toBeNull();
    const guarded = await app.gql(`{ apiKeys { id } }`, {}, { bearerToken: created.secret });
    expect(guarded.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('refuses an expired key', async () => {
    const created = await createKey(adminA, { name: 'Short-lived', role: 'VIEWER', expiresAt: new Date(Date.now() + 60_000).toISOString() });
    await app.systemEm().nativeUpdate(ApiKey, { id: created.apiKey.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await app.gql(VIEWER, {}, { bearerToken: created.secret })).data?.['viewer']).toBeNull();
  });

  it("cannot revoke another principal's key: it answers as a missing one", async () => {
    const created = await createKey(adminA, { name: 'Mine', role: 'VIEWER' });
    const adminB = await app.signIn(world.users.adminB.email, WORLD_PASSWORD);
    const theirs = await app.gql(REVOKE, { input: { id: created.apiKey.id } }, { sessionToken: adminB });
    const missing = await app.gql(REVOKE, { input: { id: '01900000-0000-7000-8000-000000000000' } }, { sessionToken: adminB });
    expect(theirs.data?.['revokeApiKey']).toEqual(missing.data?.['revokeApiKey']);
    expect(theirs.data?.['revokeApiKey'].__typename).toBe('NotFoundError');
    expect((await app.gql(VIEWER, {}, { bearerToken: created.secret })).data?.['viewer']).not.toBeNull();
    const listB = await app.gql(`{ apiKeys { id } }`, {}, { sessionToken: adminB });
    expect(listB.data?.['apiKeys'].map((k: { id: string }) => k.id)).not.toContain(created.apiKey.id);
  });
});
