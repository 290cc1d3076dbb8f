/**
 * Withdrawn credentials stop listening (DESIGN.md §5, issue 15 item 1): revoking or expiring an API key,
 * deactivating a user, signing out, a password change that ends sessions, a role change, blocking or
 * archiving a partner and "block users" end the affected identity's open graphql-ws connections at once
 * (close code 4403), and no event — not even the withdrawal's own audit event — reaches them, while other
 * subscribers keep receiving. The same across two API instances sharing Redis (skipped loudly without one).
 *
 * Partner identities hold no subscription today (auditEventRecorded and importBatchProgress are principal
 * staff's), so for them the test holds their open, authenticated connection.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';
import type { EntityManager } from '@mikro-orm/postgresql';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';
import { makeApiKey } from '../modules/api-key/api-key.factory.js';
import { makeOrganization } from '../modules/organization/organization.factory.js';
import { makeUser } from '../modules/user/user.factory.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { Session } from '../modules/auth/session.entity.js';
import { ImportBatch } from '../modules/import/import-batch.entity.js';
import { hashToken, newToken } from '../common/auth/tokens.js';
import type { User } from '../modules/user/user.entity.js';
import { parse, subscribe } from 'graphql';
import { startServer } from './create-server.js';
import { buildAppSchema } from './build-schema.js';
import { contextFor } from './request-context.js';
import type { RunningServer } from './create-server.js';
import { TEST_REDIS_URL, sharedRedisAvailable } from '../testing/redis-probe.js';

/** Waits until `condition` holds (bounded by the test's own timeout, never by a guess of how long it takes). */
async function until(condition: () => boolean): Promise<void> {
  while (!condition()) await new Promise((resolve) => setTimeout(resolve, 10));
}

interface Credential {
  bearer?: string;
  session?: string;
}

interface AuditSeen {
  id: string;
  action: string;
  objectId: string;
}

/** One graphql-ws connection of one identity, as a client keeps it open (no retries: a close is final here). */
class Line {
  readonly client: Client;
  readonly events: AuditSeen[] = [];
  readonly refusals: unknown[] = [];
  closed: { code: number; reason: string } | null = null;

  constructor(serverUrl: string, credential: Credential) {
    const cookie = credential.session ? `ph_session=${credential.session}` : undefined;
    this.client = createClient({
      url: `${serverUrl.replace('http', 'ws')}/graphql`,
      webSocketImpl: cookie
        ? class extends WebSocket {
            constructor(address: string, protocols?: string | string[]) {
              super(address, protocols, { headers: { cookie } });
            }
          }
        : WebSocket,
      connectionParams: credential.bearer ? { authorization: `Bearer ${credential.bearer}` } : undefined,
      lazy: false,
      retryAttempts: 0,
      onNonLazyError: () => undefined,
      on: {
        closed: (event) => {
          const { code, reason } = event as { code: number; reason: string };
          this.closed ??= { code, reason: String(reason) };
        },
      },
    });
  }

  /** Subscribes to the own organization's audit events. */
  listen(): this {
    this.client.subscribe<{ auditEventRecorded: AuditSeen }>(
      { query: 'subscription { auditEventRecorded { id action objectId } }' },
      {
        next: ({ data, errors }) => {
          if (errors) this.refusals.push(errors);
          else if (data) this.events.push(data.auditEventRecorded);
        },
        error: (error) => this.refusals.push(error),
        complete: () => undefined,
      },
    );
    return this;
  }

  /** Runs one query over this connection (which authenticates it) and answers its result. */
  query(query: string): Promise<{ data?: unknown; errors?: unknown }> {
    return new Promise((resolve) => {
      let result: { data?: unknown; errors?: unknown } = {};
      this.client.subscribe({ query }, { next: (value) => (result = value), error: (errors) => resolve({ errors }), complete: () => resolve(result) });
    });
  }

  eventsSince(mark: number): AuditSeen[] {
    return this.events.slice(mark);
  }
}

type World = Awaited<ReturnType<typeof buildWorld>>;

/** A signed-in session of `user` (as signIn makes one, without paying for the password hash again). */
async function sessionOf(app: TestApp, user: User): Promise<string> {
  const token = newToken();
  const em = app.systemEm();
  const now = Date.now();
  const { env } = app.deps;
  em.persist(em.create(Session, { user: user.id, tokenHash: hashToken(env.SESSION_SECRET, token), expiresAt: new Date(now + env.SESSION_IDLE_HOURS * 3_600_000), absoluteExpiresAt: new Date(now + env.SESSION_MAX_DAYS * 86_400_000) }));
  await em.flush();
  return token;
}

/** A world of its own per test (nothing one test withdraws reaches another), plus what these tests need on top. */
async function freshWorld(app: TestApp) {
  const em: EntityManager = app.systemEm();
  const world: World = await buildWorld(em);
  const secret = app.deps.env.SESSION_SECRET;
  const adminX = await makeUser(em, world.principalA, { role: 'ADMIN', password: WORLD_PASSWORD });
  const dealerPartner = await em.findOneOrFail(Partner, { organization: world.dealer }, { filters: false });
  const servicePartner = await em.findOneOrFail(Partner, { organization: world.service }, { filters: false });
  const subDealer = makeOrganization(em, 'PARTNER', { name: `Sub-dealer of ${world.dealer.name}` });
  em.persist(em.create(Partner, { principal: world.principalA, organization: subDealer, role: 'DEALER', code: `U${Math.random().toString(36).slice(2, 6).toUpperCase()}`, status: 'ACCEPTED', parent: dealerPartner }));
  const subDealerUser = await makeUser(em, subDealer, { role: 'ADMIN', password: WORLD_PASSWORD });
  const keys = {
    principal: makeApiKey(em, world.principalA, { role: 'ADMIN', name: 'principal system' }, secret),
    principalOther: makeApiKey(em, world.principalA, { role: 'ADMIN', name: 'other principal system' }, secret),
    dealer: makeApiKey(em, world.dealer, { role: 'ADMIN', name: 'dealer system' }, secret),
    subDealer: makeApiKey(em, subDealer, { role: 'ADMIN', name: 'sub-dealer system' }, secret),
    service: makeApiKey(em, world.service, { role: 'ADMIN', name: 'service system' }, secret),
  };
  await em.flush();
  const adminA = await sessionOf(app, world.users.adminA);

  /** A real change in principal A (so an audit event every listener of A should get); answers that event's id. */
  let renames = 0;
  const probe = async (): Promise<string> => {
    renames += 1;
    const r = await app.gql(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { __typename } }`, { i: { id: world.users.managerA.id, name: `Manager ${renames}`, role: 'MANAGER' } }, { sessionToken: adminA });
    expect(r.data?.['updateUser'].__typename).toBe('UpdateUserSuccess');
    const newest = await app.gql('{ auditEvents(first: 1) { edges { node { id action } } } }', {}, { sessionToken: adminA });
    const event = newest.data?.['auditEvents'].edges[0].node;
    expect(event.action).toBe('user.update');
    return event.id as string;
  };
  const heard = (line: Line, id: string) => line.events.some((e) => e.id === id);

  /**
   * Resolves once every line hears the same probe (its subscription is in place on the server, and no
   * earlier event is still on its way to it), or is closed or refused.
   */
  const listening = async (...lines: Line[]) => {
    for (;;) {
      const id = await probe();
      const done = () => lines.every((line) => heard(line, id) || line.closed || line.refusals.length > 0);
      const paced = Date.now() + 250; // paces the next probe; how long it all takes is up to the machine
      await until(() => done() || Date.now() > paced);
      if (done()) return;
    }
  };
  /** As `listening`, and every line is open and was accepted. */
  const ready = async (...lines: Line[]) => {
    await listening(...lines);
    for (const line of lines) {
      expect(line.refusals).toEqual([]);
      expect(line.closed).toBeNull();
    }
  };

  /**
   * Withdraws a credential and checks that its line is closed at once with 4403, hearing nothing after the
   * withdrawal (not even `ownAction`, the withdrawal's own audit event), while the bystanders hear it and later events.
   */
  const expectCut = async (victims: Line[], bystanders: Line[], withdraw: () => Promise<void>, ownAction?: string) => {
    const victimMarks = victims.map((line) => line.events.length);
    const marks = bystanders.map((line) => line.events.length);
    await withdraw();
    await until(() => victims.every((line, i) => line.closed !== null || line.events.length > (victimMarks[i] ?? 0)));
    victims.forEach((line, i) => {
      expect(line.eventsSince(victimMarks[i] ?? 0)).toEqual([]);
      expect(line.closed).toMatchObject({ code: 4403, reason: expect.stringMatching(/forbidden/i) });
    });
    const later = await probe();
    await until(() => bystanders.every((line) => heard(line, later)));
    for (const [i, line] of bystanders.entries()) {
      if (ownAction) expect(line.eventsSince(marks[i] ?? 0).map((e) => e.action)).toContain(ownAction);
      expect(line.closed).toBeNull();
    }
    victims.forEach((line, i) => expect(line.eventsSince(victimMarks[i] ?? 0)).toEqual([]));
  };

  /** Changes a partner's block settings as principal A's admin. */
  const settings = async (partner: Partner, change: { blocked?: boolean; usersBlocked?: boolean }) => {
    const r = await app.gql(
      `mutation($i: UpdatePartnerSettingsInput!) { updatePartnerSettings(input: $i) { __typename } }`,
      { i: { id: partner.id, allowJobOverride: partner.allowJobOverride, blocked: change.blocked ?? partner.blocked, usersBlocked: change.usersBlocked ?? partner.usersBlocked, passwordPolicy: 'SIMPLE' } },
      { sessionToken: adminA },
    );
    expect(r.data?.['updatePartnerSettings'].__typename).toBe('PartnerSuccess');
  };

  return { world, adminX, adminA, keys, dealerPartner, servicePartner, subDealer, subDealerUser, probe, listening, ready, expectCut, settings };
}

/** A partner identity's open connection, authenticated by one query. */
async function partnerLine(serverUrl: string, credential: Credential): Promise<Line> {
  const line = new Line(serverUrl, credential);
  const r = await line.query('{ viewer { role } }');
  expect(r.errors).toBeUndefined();
  return line;
}

describe('withdrawn credentials on one instance', () => {
  let app: TestApp;
  let server: RunningServer;
  const lines: Line[] = [];
  const line = (credential: Credential) => {
    const made = new Line(server.url, credential);
    lines.push(made);
    return made;
  };
  const partner = async (credential: Credential) => {
    const made = await partnerLine(server.url, credential);
    lines.push(made);
    return made;
  };

  beforeAll(async () => {
    app = await createTestApp();
    server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await Promise.all(lines.map((l) => l.client.dispose()));
    await server?.stop();
    server?.httpServer.close();
    await app?.close();
  });

  it('revoking an API key ends its subscription before the revocation is published', async () => {
    const w = await freshWorld(app);
    const victim = line({ bearer: w.keys.principal.token }).listen();
    const bystander = line({ bearer: w.keys.principalOther.token }).listen();
    await w.ready(victim, bystander);
    await w.expectCut([victim], [bystander], async () => {
      const r = await app.gql(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }`, { i: { id: w.keys.principal.apiKey.id } }, { sessionToken: w.adminA });
      expect(r.data?.['revokeApiKey'].__typename).toBe('RevokeApiKeySuccess');
    }, 'apiKey.revoke');
  });

  it('deactivating a user ends the subscriptions of their sessions', async () => {
    const w = await freshWorld(app);
    const victim = line({ session: await sessionOf(app, w.adminX) }).listen();
    const bystander = line({ session: w.adminA }).listen();
    await w.ready(victim, bystander);
    await w.expectCut([victim], [bystander], async () => {
      const r = await app.gql(`mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { __typename } }`, { i: { id: w.adminX.id, active: false } }, { sessionToken: w.adminA });
      expect(r.data?.['setUserActive'].__typename).toBe('SetUserActiveSuccess');
    }, 'user.deactivate');
  });

  it('signing out ends the subscription of that session only', async () => {
    const w = await freshWorld(app);
    const leaving = await sessionOf(app, w.adminX);
    const victim = line({ session: leaving }).listen();
    const sameUserElsewhere = line({ session: await sessionOf(app, w.adminX) }).listen();
    await w.ready(victim, sameUserElsewhere);
    await w.expectCut([victim], [sameUserElsewhere], async () => {
      const r = await app.gql('mutation { signOut { signedOut } }', {}, { sessionToken: leaving });
      expect(r.data?.['signOut']).toEqual({ signedOut: true });
    }, 'session.revoke');
  });

  it('a password change ends the subscriptions of the other sessions, not of the one that changed it', async () => {
    const w = await freshWorld(app);
    const other = line({ session: await sessionOf(app, w.adminX) }).listen();
    const changing = await sessionOf(app, w.adminX);
    const same = line({ session: changing }).listen();
    await w.ready(other, same);
    await w.expectCut([other], [same], async () => {
      const r = await app.gql(
        `mutation($i: ChangePasswordInput!) { changePassword(input: $i) { __typename } }`,
        { i: { currentPassword: WORLD_PASSWORD, newPassword: 'A-new-Passw0rd-for-live-tests!' } },
        { sessionToken: changing },
      );
      expect(r.data?.['changePassword'].__typename).toBe('ChangePasswordSuccess');
    }, 'user.changePassword');
  });

  it('a role change ends the subscriptions of that user (they subscribe again with their new rights)', async () => {
    const w = await freshWorld(app);
    const victim = line({ session: await sessionOf(app, w.adminX) }).listen();
    const bystander = line({ session: w.adminA }).listen();
    await w.ready(victim, bystander);
    await w.expectCut([victim], [bystander], async () => {
      const r = await app.gql(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { __typename } }`, { i: { id: w.adminX.id, name: 'Now a viewer', role: 'VIEWER' } }, { sessionToken: w.adminA });
      expect(r.data?.['updateUser'].__typename).toBe('UpdateUserSuccess');
    }, 'user.update');
    // and subscribing again with the new role is refused
    const again = line({ session: await sessionOf(app, w.adminX) }).listen();
    await until(() => again.refusals.length > 0);
    expect(JSON.stringify(again.refusals)).toMatch(/FORBIDDEN/);
  });

  it('an API key ends its subscription when it expires, with no event needed', async () => {
    const w = await freshWorld(app);
    const bystander = line({ session: w.adminA }).listen();
    await w.ready(bystander);
    // the key must expire after its subscription is in place: a window that doubles until the machine makes it
    for (let window = 2000; ; window *= 2) {
      const em = app.systemEm();
      const expiresAt = new Date(Date.now() + window);
      const { token } = makeApiKey(em, w.world.principalA, { role: 'ADMIN', name: `expiring ${window}`, expiresAt }, app.deps.env.SESSION_SECRET);
      await em.flush();
      const victim = line({ bearer: token }).listen();
      await w.listening(victim, bystander);
      if (victim.closed || victim.refusals.length > 0 || Date.now() > expiresAt.getTime() - 250) continue;
      const mark = victim.events.length;
      await until(() => victim.closed !== null);
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
      expect(victim.closed).toMatchObject({ code: 4403 });
      await w.expectCut([victim], [bystander], async () => undefined);
      expect(victim.eventsSince(mark)).toEqual([]);
      return;
    }
  });

  it('a session ends its subscription when it expires, with no event needed', async () => {
    const w = await freshWorld(app);
    const bystander = line({ session: w.adminA }).listen();
    await w.ready(bystander);
    for (let window = 2000; ; window *= 2) {
      const token = await sessionOf(app, w.adminX);
      const expiresAt = new Date(Date.now() + window);
      // as if its idle time were nearly up
      await app.systemEm().nativeUpdate(Session, { tokenHash: hashToken(app.deps.env.SESSION_SECRET, token) }, { expiresAt });
      const victim = line({ session: token }).listen();
      await w.listening(victim, bystander);
      if (victim.closed || victim.refusals.length > 0 || Date.now() > expiresAt.getTime() - 250) continue;
      await until(() => victim.closed !== null);
      expect(Date.now()).toBeGreaterThanOrEqual(expiresAt.getTime());
      await w.expectCut([victim], [bystander], async () => undefined);
      return;
    }
  });

  it('re-authenticates a subscriber outside graphql-ws before each delivery', async () => {
    const w = await freshWorld(app);
    const schema = await buildAppSchema(app.deps.pubSub);
    const contextValue = await contextFor(app.orm, app.deps, { sessionToken: null, bearerToken: w.keys.principal.token }, null);
    const stream = await subscribe({ schema, document: parse('subscription { auditEventRecorded { action } }'), contextValue });
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
    const first = stream.next();
    await w.probe();
    expect((await first).value).toEqual({ data: { auditEventRecorded: { action: 'user.update' } } });
    const next = stream.next();
    const r = await app.gql(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }`, { i: { id: w.keys.principal.apiKey.id } }, { sessionToken: w.adminA });
    expect(r.data?.['revokeApiKey'].__typename).toBe('RevokeApiKeySuccess');
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it('guards every subscription, not only the audit log: importBatchProgress stops at the revocation too', async () => {
    const w = await freshWorld(app);
    const em = app.systemEm();
    const batch = em.create(ImportBatch, { organization: w.world.principalA, kind: 'JOBS', fileName: 'jobs.csv', createdByLabel: 'test', rowCount: 10 });
    await em.flush();
    const schema = await buildAppSchema(app.deps.pubSub);
    const contextValue = await contextFor(app.orm, app.deps, { sessionToken: null, bearerToken: w.keys.principal.token }, null);
    const stream = await subscribe({ schema, document: parse('subscription($id: ID!) { importBatchProgress(id: $id) { id status } }'), variableValues: { id: batch.id }, contextValue });
    if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
    const progress = { id: batch.id, organizationId: w.world.principalA.id };
    const first = stream.next();
    app.deps.pubSub.publish('IMPORT_BATCH_PROGRESS', progress);
    expect((await first).value).toEqual({ data: { importBatchProgress: { id: batch.id, status: 'RUNNING' } } });
    const next = stream.next();
    const r = await app.gql(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }`, { i: { id: w.keys.principal.apiKey.id } }, { sessionToken: w.adminA });
    expect(r.data?.['revokeApiKey'].__typename).toBe('RevokeApiKeySuccess');
    app.deps.pubSub.publish('IMPORT_BATCH_PROGRESS', progress);
    expect(await next).toEqual({ done: true, value: undefined });
  });

  it("blocking a partner ends the open connections of its whole subtree's sessions and keys", async () => {
    const w = await freshWorld(app);
    const victims = [
      await partner({ session: await sessionOf(app, w.world.users.dealerAdmin) }),
      await partner({ bearer: w.keys.dealer.token }),
      await partner({ session: await sessionOf(app, w.subDealerUser) }),
      await partner({ bearer: w.keys.subDealer.token }),
    ];
    const otherPartner = await partner({ session: await sessionOf(app, w.world.users.technician) });
    const principal = line({ session: w.adminA }).listen();
    await w.ready(principal);
    await w.expectCut(victims, [principal], () => w.settings(w.dealerPartner, { blocked: true }), 'partner.updateSettings');
    expect(await otherPartner.query('{ viewer { role } }')).toEqual({ data: { viewer: { role: 'TECHNICIAN' } } });
    expect(otherPartner.closed).toBeNull();
  });

  it('archiving a partner ends the open connections of its sessions and keys', async () => {
    const w = await freshWorld(app);
    const victims = [
      await partner({ session: await sessionOf(app, w.world.users.technician) }),
      await partner({ bearer: w.keys.service.token }),
    ];
    const otherPartner = await partner({ bearer: w.keys.dealer.token });
    const principal = line({ session: w.adminA }).listen();
    await w.ready(principal);
    await w.expectCut(victims, [principal], async () => {
      const r = await app.gql(`mutation($i: PartnerIdInput!) { archivePartner(input: $i) { __typename } }`, { i: { id: w.servicePartner.id } }, { sessionToken: w.adminA });
      expect(r.data?.['archivePartner'].__typename).toBe('PartnerSuccess');
    }, 'partner.archive');
    expect(await otherPartner.query('{ viewer { role } }')).toEqual({ data: { viewer: { role: 'ADMIN' } } });
  });

  it("blocking a partner's users ends its sub-partners' user sessions, not their API keys", async () => {
    const w = await freshWorld(app);
    const victim = await partner({ session: await sessionOf(app, w.subDealerUser) });
    const subKey = await partner({ bearer: w.keys.subDealer.token });
    const dealerItself = await partner({ session: await sessionOf(app, w.world.users.dealerAdmin) });
    const principal = line({ session: w.adminA }).listen();
    await w.ready(principal);
    await w.expectCut([victim], [principal], () => w.settings(w.dealerPartner, { usersBlocked: true }), 'partner.updateSettings');
    expect(await subKey.query('{ viewer { role } }')).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    expect(await dealerItself.query('{ viewer { role } }')).toEqual({ data: { viewer: { role: 'ADMIN' } } });
    expect([subKey.closed, dealerItself.closed]).toEqual([null, null]);
  });
});

const redisUrl = TEST_REDIS_URL;
const redisAvailable = await sharedRedisAvailable('the multi-instance withdrawal tests');

describe.skipIf(!redisAvailable)('withdrawn credentials across two instances sharing Redis', () => {
  /** instance A: where the change is made */
  let appA: TestApp;
  /** instance B: where the subscribers are connected (same database) */
  let appB: TestApp;
  let serverB: RunningServer;
  const lines: Line[] = [];
  const line = (credential: Credential) => {
    const made = new Line(serverB.url, credential);
    lines.push(made);
    return made;
  };

  beforeAll(async () => {
    appA = await createTestApp({ redisUrl });
    appB = await createTestApp({ redisUrl, sameDatabaseAs: appA });
    serverB = await startServer(appB.orm, appB.deps, 0, '127.0.0.1');
  });
  afterAll(async () => {
    await Promise.all(lines.map((l) => l.client.dispose()));
    await serverB?.stop();
    serverB?.httpServer.close();
    await appB?.close();
    await appA?.close();
  });

  it('revoking a key on A ends its subscription on B before the revocation is published', async () => {
    const w = await freshWorld(appA);
    const victim = line({ bearer: w.keys.principal.token }).listen();
    const bystander = line({ bearer: w.keys.principalOther.token }).listen();
    await w.ready(victim, bystander);
    await w.expectCut([victim], [bystander], async () => {
      const r = await appA.gql(`mutation($i: RevokeApiKeyInput!) { revokeApiKey(input: $i) { __typename } }`, { i: { id: w.keys.principal.apiKey.id } }, { sessionToken: w.adminA });
      expect(r.data?.['revokeApiKey'].__typename).toBe('RevokeApiKeySuccess');
    }, 'apiKey.revoke');
  });

  it('deactivating a user on A ends their subscription on B', async () => {
    const w = await freshWorld(appA);
    const victim = line({ session: await sessionOf(appA, w.adminX) }).listen();
    const bystander = line({ session: w.adminA }).listen();
    await w.ready(victim, bystander);
    await w.expectCut([victim], [bystander], async () => {
      const r = await appA.gql(`mutation($i: SetUserActiveInput!) { setUserActive(input: $i) { __typename } }`, { i: { id: w.adminX.id, active: false } }, { sessionToken: w.adminA });
      expect(r.data?.['setUserActive'].__typename).toBe('SetUserActiveSuccess');
    }, 'user.deactivate');
  });

  it("blocking a partner on A ends its subtree's connections on B", async () => {
    const w = await freshWorld(appA);
    const victims = [
      await partnerLine(serverB.url, { session: await sessionOf(appA, w.world.users.dealerAdmin) }),
      await partnerLine(serverB.url, { bearer: w.keys.subDealer.token }),
    ];
    lines.push(...victims);
    const principal = line({ session: w.adminA }).listen();
    await w.ready(principal);
    await w.expectCut(victims, [principal], () => w.settings(w.dealerPartner, { blocked: true }), 'partner.updateSettings');
  });
});
