/**
 * The credential cache (issue 12: common/auth/credential-cache.ts): a request over HTTP whose
 * credential was seen a moment ago costs no authentication statement, and yet a revoked key, a blocked
 * partner and a deactivated user are refused on the very next request with the cache warm — on the
 * instance that made the change, and on another instance sharing Redis once the change's event reaches
 * it (skipped loudly without Redis).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';
import { makeApiKey } from '../modules/api-key/api-key.factory.js';
import { makeUser } from '../modules/user/user.factory.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { CredentialCache } from '../common/auth/credential-cache.js';
import { CREDENTIAL_CACHE, startServer } from './create-server.js';
import type { RunningServer } from './create-server.js';
import { TEST_REDIS_URL, sharedRedisAvailable } from '../testing/redis-probe.js';

interface Credential {
  bearer?: string;
  session?: string;
}

const QUERY = '{ viewer { role } }';

/** One GraphQL request over HTTP to `server`: the viewer's role, ANONYMOUS for none, or the error code of a refusal (a blocked partner's). */
async function viewerRole(server: RunningServer, credential: Credential): Promise<string> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (credential.bearer) headers['authorization'] = `Bearer ${credential.bearer}`;
  if (credential.session) headers['cookie'] = `ph_session=${credential.session}`;
  const response = await fetch(`${server.url}/graphql`, { method: 'POST', headers, body: JSON.stringify({ query: QUERY }) });
  const body = (await response.json()) as { data?: { viewer: { role: string } | null } | null; errors?: { extensions?: { code?: string } }[] };
  return body.data?.viewer?.role ?? body.errors?.[0]?.extensions?.code ?? 'ANONYMOUS';
}

/** A world with what these tests withdraw: a principal key, a principal user, a partner user. */
async function world(app: TestApp) {
  const em = app.systemEm();
  const w = await buildWorld(em);
  const secret = app.deps.env.SESSION_SECRET;
  const key = makeApiKey(em, w.principalA, { role: 'ADMIN', name: 'cached system' }, secret);
  const user = await makeUser(em, w.principalA, { role: 'MANAGER', password: WORLD_PASSWORD });
  await em.flush();
  const dealer = await em.findOneOrFail(Partner, { organization: w.dealer }, { filters: false });
  return {
    w,
    key,
    dealer,
    adminA: await app.signIn(w.users.adminA.email, WORLD_PASSWORD),
    user: { entity: user, session: await app.signIn(user.email, WORLD_PASSWORD) },
    dealerAdmin: await app.signIn(w.users.dealerAdmin.email, WORLD_PASSWORD),
  };
}

/** Waits until `condition` holds (bounded by the test's own timeout). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

describe('the credential cache on one instance', () => {
  let app: TestApp;
  let server: RunningServer;
  let cache: CredentialCache;

  beforeAll(async () => {
    app = await createTestApp();
    cache = new CredentialCache({ ...CREDENTIAL_CACHE, hearsAllChanges: () => true });
    server = await startServer(app.orm, { ...app.deps, credentialCache: cache }, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await server?.stop();
    server?.httpServer.close();
    await app?.close();
  });

  it('answers a credential seen a moment ago without an authentication statement', async () => {
    const { key, user } = await world(app);
    for (const [credential, expected] of [[{ bearer: key.token }, 'ADMIN'], [{ session: user.session }, 'MANAGER']] as const) {
      const cold = await app.captureStatements(() => viewerRole(server, credential));
      expect(cold.length).toBeGreaterThan(0);
      let role = '';
      const warm = await app.captureStatements(async () => (role = await viewerRole(server, credential)));
      expect(warm, warm.join('\n')).toEqual([]);
      expect(role).toBe(expected);
    }
  });

  it('refuses a revoked key on the very next request', async () => {
    const { key, adminA } = await world(app);
    expect(await viewerRole(server, { bearer: key.token })).toBe('ADMIN');
    expect(await viewerRole(server, { bearer: key.token })).toBe('ADMIN');
    const r = await app.gql(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }`, { i: { id: key.apiKey.id } }, { sessionToken: adminA });
    expect(r.data?.['revokeApiKey'].__typename).toBe('RevokeApiKeySuccess');
    expect(await viewerRole(server, { bearer: key.token })).toBe('ANONYMOUS');
  });

  it('refuses a deactivated user on the very next request', async () => {
    const { user, adminA } = await world(app);
    expect(await viewerRole(server, { session: user.session })).toBe('MANAGER');
    const r = await app.gql(`mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { __typename } }`, { i: { id: user.entity.id, active: false } }, { sessionToken: adminA });
    expect(r.data?.['setUserActive'].__typename).toBe('SetUserActiveSuccess');
    expect(await viewerRole(server, { session: user.session })).toBe('ANONYMOUS');
  });

  it('refuses a blocked partner\'s user on the very next request', async () => {
    const { dealer, dealerAdmin, adminA } = await world(app);
    expect(await viewerRole(server, { session: dealerAdmin })).toBe('ADMIN');
    const r = await app.gql(
      `mutation($i: UpdatePartnerSettingsInput!) { updatePartnerSettings(input: $i) { __typename } }`,
      { i: { id: dealer.id, allowJobOverride: dealer.allowJobOverride, blocked: true, usersBlocked: dealer.usersBlocked, passwordPolicy: 'SIMPLE' } },
      { sessionToken: adminA },
    );
    expect(r.data?.['updatePartnerSettings'].__typename).toBe('PartnerSuccess');
    expect(await viewerRole(server, { session: dealerAdmin })).toBe('UNAUTHENTICATED');
  });
});

const redisUrl = TEST_REDIS_URL;
const redisAvailable = await sharedRedisAvailable('the credential cache across two instances');

describe.skipIf(!redisAvailable)('the credential cache across two instances sharing Redis', () => {
  /** instance A: where the change is made */
  let appA: TestApp;
  /** instance B: where the credential is cached */
  let appB: TestApp;
  let serverB: RunningServer;
  let cacheB: CredentialCache;

  beforeAll(async () => {
    appA = await createTestApp({ redisUrl });
    appB = await createTestApp({ redisUrl, sameDatabaseAs: appA });
    const { redis } = appB.deps;
    cacheB = new CredentialCache({ ...CREDENTIAL_CACHE, hearsAllChanges: () => !redis || redis.up });
    serverB = await startServer(appB.orm, { ...appB.deps, credentialCache: cacheB }, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await serverB?.stop();
    serverB?.httpServer.close();
    await appB?.close();
    await appA?.close();
  });

  it('a key revoked on A is refused on B as soon as the change reaches B, its cache warm until then', async () => {
    const { key, adminA } = await world(appA);
    expect(await viewerRole(serverB, { bearer: key.token })).toBe('ADMIN');
    expect(cacheB.size).toBeGreaterThan(0);
    const r = await appA.gql(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }`, { i: { id: key.apiKey.id } }, { sessionToken: adminA });
    expect(r.data?.['revokeApiKey'].__typename).toBe('RevokeApiKeySuccess');
    // CREDENTIALS_CHANGED crosses Redis: B forgets every credential when it arrives
    await until(() => cacheB.size === 0);
    expect(await viewerRole(serverB, { bearer: key.token })).toBe('ANONYMOUS');
  });
});
