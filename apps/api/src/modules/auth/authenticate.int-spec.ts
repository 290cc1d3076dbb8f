/**
 * Authentication is one indexed statement per request (issue 12): the key or session, its user,
 * its organization and, for a partner, its partnerships' blocks, as plain rows. A write follows only
 * when a session's slide or a key's last-used time is due. Refusals still take effect on the next request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeApiKey } from '../api-key/api-key.factory.js';
import { ApiKey } from '../api-key/api-key.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { User } from '../user/user.entity.js';
import { makeUser } from '../user/user.factory.js';
import { makeOrganization } from '../organization/organization.factory.js';
import { BLOCKED, authenticate, partnershipsFor } from './authenticate.js';
import type { Credentials } from './authenticate.js';

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let principalKey: string;
let dealerKey: string;

const bearer = (token: string): Credentials => ({ bearerToken: token, sessionToken: null });
const session = (token: string): Credentials => ({ bearerToken: null, sessionToken: token });
const authenticateNow = (credentials: Credentials) => authenticate(app.orm.em.fork(), app.deps.env, credentials);

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  principalKey = makeApiKey(em, world.principalA, { role: 'MANAGER' }, app.deps.env.SESSION_SECRET).token;
  dealerKey = makeApiKey(em, world.dealer, { role: 'STAFF' }, app.deps.env.SESSION_SECRET).token;
  await em.flush();
});
afterAll(async () => app?.close());

describe('authenticate', () => {
  it('sends exactly one statement for an API key, a principal session and a partner session once no touch is due', async () => {
    const credentials = [
      bearer(principalKey),
      bearer(dealerKey),
      session(await app.signIn(world.users.managerA.email, WORLD_PASSWORD)),
      session(await app.signIn(world.users.dealerStaff.email, WORLD_PASSWORD)),
    ];
    for (const credential of credentials) {
      await authenticateNow(credential); // the key's first use writes its last-used time
      const statements = await app.captureStatements(async () => expect(await authenticateNow(credential)).toMatchObject({ organizationId: expect.any(String) }));
      expect(statements).toHaveLength(1);
    }
  });

  it('resolves the same partnerships as the partnership access rule on its own', async () => {
    const viewer = await authenticateNow(session(await app.signIn(world.users.dealerStaff.email, WORLD_PASSWORD)));
    const expected = await partnershipsFor(app.systemEm(), world.dealer, 'USER');
    expect(viewer).toMatchObject({ kind: 'USER', organizationId: world.dealer.id, organizationKind: 'PARTNER', role: 'STAFF', partnerships: expected });
    expect(expected).toEqual([{ partnerId: expect.any(String), principalId: world.principalA.id }]);
    const principal = await authenticateNow(bearer(principalKey));
    expect(principal).toMatchObject({ kind: 'API_KEY', organizationId: world.principalA.id, organizationKind: 'PRINCIPAL', role: 'MANAGER', partnerships: [] });
  });

  it("refuses a blocked partner's subtree, and a sub-partner's users (not its keys) under \"block users\", on the very next request", async () => {
    const em = app.systemEm();
    const dealerPartner = await em.findOneOrFail(Partner, { organization: world.dealer });
    const subOrganization = makeOrganization(em, 'PARTNER', { name: 'Sub-dealer' });
    em.persist(em.create(Partner, { principal: world.principalA, organization: subOrganization, parent: dealerPartner, role: 'DEALER', code: 'SUB1', status: 'ACCEPTED' }));
    const subUser = await makeUser(em, subOrganization, { role: 'STAFF', email: 'sub-staff@world.example', name: 'sub staff', password: WORLD_PASSWORD });
    const subKey = makeApiKey(em, subOrganization, { role: 'STAFF' }, app.deps.env.SESSION_SECRET).token;
    await em.flush();
    const dealerSession = session(await app.signIn(world.users.dealerStaff.email, WORLD_PASSWORD));
    const subSession = session(await app.signIn(subUser.email, WORLD_PASSWORD));

    dealerPartner.usersBlocked = true;
    await em.flush();
    expect(await authenticateNow(subSession)).toBe(BLOCKED);
    expect(await authenticateNow(bearer(subKey))).toMatchObject({ kind: 'API_KEY', organizationId: subOrganization.id });
    expect(await authenticateNow(dealerSession)).toMatchObject({ kind: 'USER', organizationId: world.dealer.id });

    dealerPartner.usersBlocked = false;
    dealerPartner.blocked = true;
    await em.flush();
    for (const credential of [dealerSession, subSession, bearer(dealerKey), bearer(subKey)]) expect(await authenticateNow(credential)).toBe(BLOCKED);

    dealerPartner.blocked = false;
    await em.flush();
    expect(await authenticateNow(subSession)).toMatchObject({ kind: 'USER', organizationId: subOrganization.id });
  });

  it('refuses a revoked key, an expired key and a deactivated user on the very next request', async () => {
    const em = app.systemEm();
    const revoked = makeApiKey(em, world.principalA, { role: 'VIEWER' }, app.deps.env.SESSION_SECRET);
    const expired = makeApiKey(em, world.principalA, { role: 'VIEWER' }, app.deps.env.SESSION_SECRET);
    await em.flush();
    expect(await authenticateNow(bearer(revoked.token))).toMatchObject({ kind: 'API_KEY' });
    expect(await authenticateNow(bearer(expired.token))).toMatchObject({ kind: 'API_KEY' });
    await em.nativeUpdate(ApiKey, { id: revoked.apiKey.id }, { revokedAt: new Date() });
    await em.nativeUpdate(ApiKey, { id: expired.apiKey.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect(await authenticateNow(bearer(revoked.token))).toBeNull();
    expect(await authenticateNow(bearer(expired.token))).toBeNull();

    const viewerSession = session(await app.signIn(world.users.viewerA.email, WORLD_PASSWORD));
    expect(await authenticateNow(viewerSession)).toMatchObject({ kind: 'USER', userId: world.users.viewerA.id });
    await em.nativeUpdate(User, { id: world.users.viewerA.id }, { active: false });
    expect(await authenticateNow(viewerSession)).toBeNull();
  });
});
