import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';

const AUDIT = `query($first: Int, $after: String, $filter: AuditEventFilter) {
  auditEvents(first: $first, after: $after, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id action objectType objectId actorLabel actorUser { email } actorApiKey { name } changes occurredAt } }
  }
}`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: string;

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

describe('auditEvents', () => {
  it('records who changed what, with the changed fields, for users and API keys alike', async () => {
    await app.gql(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { __typename } }`, { i: { id: world.users.viewerA.id, name: 'Renamed Viewer', role: 'VIEWER' } }, { sessionToken: adminA });
    const key = await app.gql(`mutation { createApiKey(input: { name: "ERP", role: ADMIN }) { ... on CreateApiKeySuccess { secret apiKey { id } } } }`, {}, { sessionToken: adminA });
    const secret = key.data?.['createApiKey'].secret;
    await app.gql(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { __typename } }`, { i: { id: world.users.viewerA.id, name: 'Renamed by key', role: 'VIEWER' } }, { bearerToken: secret });

    const { data } = await app.gql(AUDIT, { filter: { objectId: world.users.viewerA.id, action: 'user.update' } }, { sessionToken: adminA });
    const [byKey, byUser] = (data?.['auditEvents'].edges ?? []).map((e: { node: unknown }) => e.node);
    expect(byUser).toMatchObject({ actorUser: { email: world.users.adminA.email }, actorApiKey: null, changes: { name: { to: 'Renamed Viewer' } } });
    expect(byUser.changes.role).toBeUndefined(); // unchanged fields are not listed
    expect(byKey).toMatchObject({ actorUser: null, actorApiKey: { name: 'ERP' }, actorLabel: 'API key "ERP"', changes: { name: { from: 'Renamed Viewer', to: 'Renamed by key' } } });
  });

  it('pages newest first by keyset and filters by time', async () => {
    const all = await app.gql(AUDIT, { first: 200 }, { sessionToken: adminA });
    const ids = all.data?.['auditEvents'].edges.map((e: { node: { id: string } }) => e.node.id);
    expect(ids.length).toBeGreaterThan(3);
    const first = await app.gql(AUDIT, { first: 2 }, { sessionToken: adminA });
    const next = await app.gql(AUDIT, { first: 2, after: first.data?.['auditEvents'].pageInfo.endCursor }, { sessionToken: adminA });
    expect([...(first.data?.['auditEvents'].edges ?? []), ...(next.data?.['auditEvents'].edges ?? [])].map((e: { node: { id: string } }) => e.node.id)).toEqual(ids.slice(0, 4));
    const future = await app.gql(AUDIT, { filter: { from: new Date(Date.now() + 3_600_000).toISOString() } }, { sessionToken: adminA });
    expect(future.data?.['auditEvents'].totalCount).toBe(0);
    const reversed = await app.gql(AUDIT, { filter: { from: new Date().toISOString(), to: new Date(0).toISOString() } }, { sessionToken: adminA });
    expect(reversed.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.to' });
  });

  it('answers the total of the whole log, an action or an object type from the counters, equal to counting the events', async () => {
    const TOTAL = `query($filter: AuditEventFilter) { auditEvents(first: 1, filter: $filter) { totalCount } }`;
    const count = async (where: string, params: unknown[]) => {
      const [{ n }] = await app.systemEm().getConnection().execute(`select count(*)::int as n from audit_event where organization_id = ? ${where}`, [world.principalA.id, ...params]);
      return n as number;
    };
    for (const [filter, where, params] of [
      [{}, '', []],
      [{ action: 'user.update' }, `and action = ?`, ['user.update']],
      [{ objectType: 'User', action: 'user.update' }, `and object_type = ? and action = ?`, ['User', 'user.update']],
    ] as const) {
      const statements = await app.captureStatements(async () => {
        const { data } = await app.gql(TOTAL, { filter }, { sessionToken: adminA });
        expect(data?.['auditEvents'].totalCount).toBe(await count(where, [...params]));
      });
      expect(statements.some((sql) => /from "audit_event_count"/.test(sql)), statements.join('\n')).toBe(true);
    }
    // one object's events are counted: they are few
    const statements = await app.captureStatements(() => app.gql(TOTAL, { filter: { objectId: world.users.viewerA.id } }, { sessionToken: adminA }));
    expect(statements.some((sql) => /count\(\*\)/.test(sql))).toBe(true);
  });

  it("shows a principal none of another principal's or a partner's events", async () => {
    const adminB = await app.signIn(world.users.adminB.email, WORLD_PASSWORD);
    const b = await app.gql(AUDIT, { first: 200 }, { sessionToken: adminB });
    const labels = b.data?.['auditEvents'].edges.map((e: { node: { actorLabel: string } }) => e.node.actorLabel);
    expect(labels.length).toBeGreaterThan(0); // its own sign-in
    expect(labels.every((l: string) => l === world.users.adminB.email)).toBe(true);
    const byId = await app.gql(AUDIT, { filter: { objectId: world.users.viewerA.id } }, { sessionToken: adminB });
    expect(byId.data?.['auditEvents'].totalCount).toBe(0);
  });

  it('is refused to principal managers and viewers and to every partner role', async () => {
    for (const user of [world.users.managerA, world.users.viewerA, world.users.dealerAdmin, world.users.dealerStaff, world.users.technician]) {
      const token = await app.signIn(user.email, WORLD_PASSWORD);
      const r = await app.gql(AUDIT, {}, { sessionToken: token });
      expect(r.errors?.[0]?.extensions?.['code'], user.email).toBe('FORBIDDEN');
      expect(r.data).toBeNull();
    }
    const anonymous = await app.gql(AUDIT);
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});

describe('auditEventRecorded subscription', () => {
  it("delivers the own organization's new events and nothing of another principal", async () => {
    const { subscribe, parse } = await import('graphql');
    const { contextFor } = await import('../../app/request-context.js');
    const { buildAppSchema } = await import('../../app/build-schema.js');
    const schema = await buildAppSchema(app.deps.pubSub);
    const adminB = await app.signIn(world.users.adminB.email, WORLD_PASSWORD);
    const listen = async (sessionToken: string) => {
      const contextValue = await contextFor(app.orm, app.deps, { sessionToken, bearerToken: null }, null);
      const stream = await subscribe({ schema, document: parse('subscription { auditEventRecorded { action objectId actorLabel } }'), contextValue });
      if (!(Symbol.asyncIterator in stream)) throw new Error(JSON.stringify(stream));
      return stream;
    };
    const streamA = await listen(adminA);
    const streamB = await listen(adminB);
    const nextA = streamA.next();
    const nextB = Promise.race([streamB.next(), new Promise((resolve) => setTimeout(() => resolve('nothing'), 1500))]);
    await app.gql(`mutation($i: UpdateUserInput!) { updateUser(input: $i) { __typename } }`, { i: { id: world.users.managerA.id, name: 'Live Manager', role: 'MANAGER' } }, { sessionToken: adminA });
    const a = await nextA;
    expect(a.value?.data?.auditEventRecorded).toEqual({ action: 'user.update', objectId: world.users.managerA.id, actorLabel: world.users.adminA.email });
    expect(await nextB).toBe('nothing');
    await streamA.return?.(undefined);
    await streamB.return?.(undefined);
  });

  it('refuses anonymous and non-admin subscribers', async () => {
    const { subscribe, parse } = await import('graphql');
    const { contextFor } = await import('../../app/request-context.js');
    const { buildAppSchema } = await import('../../app/build-schema.js');
    const schema = await buildAppSchema(app.deps.pubSub);
    const tech = await app.signIn(world.users.technician.email, WORLD_PASSWORD);
    const contextValue = await contextFor(app.orm, app.deps, { sessionToken: tech, bearerToken: null }, null);
    const result = await subscribe({ schema, document: parse('subscription { auditEventRecorded { id } }'), contextValue });
    expect(Symbol.asyncIterator in result).toBe(false);
    expect(('errors' in result ? result.errors?.[0]?.extensions['code'] : undefined)).toBe('FORBIDDEN');
  });
});

describe('database schema', () => {
  it('matches the entities: the committed migrations leave nothing to generate', async () => {
    const diff = await app.orm.schema.getUpdateSchemaSQL({ wrap: false });
    expect(diff.trim()).toBe('');
  });
});
