import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { OutboxEmail } from '../mail/outbox-email.entity.js';
import { User } from './user.entity.js';

const CREATE = `mutation($input: CreateUserInput!) {
  createUser(input: $input) {
    __typename
    ... on CreateUserSuccess { user { id email name role active organization { name } } }
    ... on ErrorResult { code field message }
    ... on ValidationError { fieldErrors { field message } }
  }
}`;
const UPDATE = `mutation($input: UpdateUserInput!) { updateUser(input: $input) { __typename ... on UpdateUserSuccess { user { name role } } ... on ErrorResult { code field message } } }`;
const USERS = `query($first: Int, $after: String, $filter: UserFilter) {
  users(first: $first, after: $after, filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { email role organization { name } } } }
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

describe('createUser', () => {
  it('creates a colleague who can sign in, e-mails them through the outbox, and audits it', async () => {
    const { data, errors } = await app.gql(CREATE, { input: { email: ' New.Hire@World.Example ', name: 'New Hire', role: 'MANAGER', password: 'welcome-aboard-1' } }, { sessionToken: adminA });
    expect(errors).toBeUndefined();
    expect(data?.['createUser']).toMatchObject({ __typename: 'CreateUserSuccess', user: { email: 'new.hire@world.example', role: 'MANAGER', active: true, organization: { name: world.principalA.name } } });
    await app.signIn('new.hire@world.example', 'welcome-aboard-1');
    const mail = await app.systemEm().findOneOrFail(OutboxEmail, { to: 'new.hire@world.example' });
    expect(mail.subject).toContain(world.principalA.name);
    const audit = await app.gql(`query($f: AuditEventFilter) { auditEvents(filter: $f) { edges { node { action actorLabel changes } } } }`, { f: { objectId: data?.['createUser'].user.id, action: 'user.create' } }, { sessionToken: adminA });
    expect(audit.data?.['auditEvents'].edges[0].node).toMatchObject({ action: 'user.create', actorLabel: world.users.adminA.email, changes: { role: { from: null, to: 'MANAGER' } } });
  });

  it('gives every bad field its own message and creates nothing', async () => {
    const before = await app.systemEm().count(User, {});
    const { data } = await app.gql(CREATE, { input: { email: 'not-mail', name: '', role: 'ADMIN', password: 'x' } }, { sessionToken: adminA });
    expect(data?.['createUser'].__typename).toBe('ValidationError');
    expect(data?.['createUser'].fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'name']);
    const weak = await app.gql(CREATE, { input: { email: 'weak@world.example', name: 'Weak', role: 'ADMIN', password: 'short' } }, { sessionToken: adminA });
    expect(weak.data?.['createUser']).toMatchObject({ __typename: 'ValidationError', field: 'password' });
    const wrongRole = await app.gql(CREATE, { input: { email: 'tech@world.example', name: 'Tech', role: 'TECHNICIAN', password: 'long-enough-pw' } }, { sessionToken: adminA });
    expect(wrongRole.data?.['createUser']).toMatchObject({ __typename: 'ValidationError', field: 'role' });
    expect(await app.systemEm().count(User, {})).toBe(before);
  });

  it('refuses an e-mail that is taken', async () => {
    const { data } = await app.gql(CREATE, { input: { email: world.users.adminB.email, name: 'Dup', role: 'VIEWER', password: 'long-enough-pw' } }, { sessionToken: adminA });
    expect(data?.['createUser']).toMatchObject({ __typename: 'EmailTakenError', field: 'email' });
  });

  it('is refused to managers, viewers and partner staff', async () => {
    for (const user of [world.users.managerA, world.users.viewerA, world.users.dealerStaff, world.users.technician]) {
      const token = await app.signIn(user.email, WORLD_PASSWORD);
      const r = await app.gql(CREATE, { input: { email: `by-${user.id}@world.example`, name: 'X', role: 'VIEWER', password: 'long-enough-pw' } }, { sessionToken: token });
      expect(r.errors?.[0]?.extensions?.['code'], user.email).toBe('FORBIDDEN');
    }
  });

  it("lets a partner admin add partner roles to its own organization only", async () => {
    const dealerAdmin = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
    const { data } = await app.gql(CREATE, { input: { email: 'new.tech@dealer.example', name: 'New Tech', role: 'TECHNICIAN', password: 'long-enough-pw' } }, { sessionToken: dealerAdmin });
    expect(data?.['createUser'].user.organization.name).toBe(world.dealer.name);
    const manager = await app.gql(CREATE, { input: { email: 'mgr@dealer.example', name: 'Mgr', role: 'MANAGER', password: 'long-enough-pw' } }, { sessionToken: dealerAdmin });
    expect(manager.data?.['createUser']).toMatchObject({ __typename: 'ValidationError', field: 'role' });
  });
});

describe('users', () => {
  it('lists only the own organization, searchable and paged by keyset', async () => {
    const page1 = await app.gql(USERS, { first: 2 }, { sessionToken: adminA });
    const all = await app.gql(USERS, { first: 200 }, { sessionToken: adminA });
    const emails = all.data?.['users'].edges.map((e: { node: { email: string } }) => e.node.email);
    expect(emails).toContain(world.users.adminA.email);
    expect(emails).not.toContain(world.users.adminB.email);
    expect(emails).not.toContain(world.users.dealerAdmin.email);
    expect(all.data?.['users'].edges.every((e: { node: { organization: { name: string } } }) => e.node.organization.name === world.principalA.name)).toBe(true);
    expect(page1.data?.['users'].pageInfo.hasNextPage).toBe(true);
    const page2 = await app.gql(USERS, { first: 2, after: page1.data?.['users'].pageInfo.endCursor }, { sessionToken: adminA });
    const firstFour = [...(page1.data?.['users'].edges ?? []), ...(page2.data?.['users'].edges ?? [])].map((e: { node: { email: string } }) => e.node.email);
    expect(firstFour).toEqual(emails.slice(0, 4));
    const search = await app.gql(USERS, { filter: { search: 'viewer-a', role: 'VIEWER' } }, { sessionToken: adminA });
    expect(search.data?.['users'].edges.map((e: { node: { email: string } }) => e.node.email)).toEqual([world.users.viewerA.email]);
  });

  it('refuses a bad cursor and a page size out of range with a clear error', async () => {
    const bad = await app.gql(USERS, { after: 'garbage' }, { sessionToken: adminA });
    expect(bad.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'after' } });
    const big = await app.gql(USERS, { first: 5000 }, { sessionToken: adminA });
    expect(big.errors?.[0]?.message).toMatch(/between 1 and 200/);
  });

  it('keeps the number of SQL statements flat as the page grows (no N+1)', async () => {
    const em = app.systemEm();
    const { makeUser } = await import('./user.factory.js');
    for (let i = 0; i < 100; i++) await makeUser(em, world.principalA, { role: 'VIEWER' });
    await em.flush();
    const count = (first: number) =>
      app.countStatements(async () => {
        const r = await app.gql(USERS, { first }, { sessionToken: adminA });
        expect(r.data?.['users'].edges).toHaveLength(first);
      });
    const small = await count(10);
    const large = await count(100);
    expect(large).toBe(small);
    expect(small).toBeLessThanOrEqual(5);
  });
});

describe('updateUser and setUserActive', () => {
  it("changes a colleague's name and role", async () => {
    const { data } = await app.gql(UPDATE, { input: { id: world.users.viewerA.id, name: 'Vera V.', role: 'VIEWER' } }, { sessionToken: adminA });
    expect(data?.['updateUser']).toMatchObject({ __typename: 'UpdateUserSuccess', user: { name: 'Vera V.', role: 'VIEWER' } });
  });

  it('refuses changing the own role and deactivating oneself', async () => {
    const own = await app.gql(UPDATE, { input: { id: world.users.adminA.id, name: 'A', role: 'VIEWER' } }, { sessionToken: adminA });
    expect(own.data?.['updateUser']).toMatchObject({ __typename: 'ValidationError', field: 'role' });
    const self = await app.gql(`mutation { setUserActive(input: { id: "${world.users.adminA.id}", active: false }) { __typename } }`, {}, { sessionToken: adminA });
    expect(self.data?.['setUserActive'].__typename).toBe('ValidationError');
  });

  it("answers another organization's user exactly as a missing one, and changes nothing", async () => {
    const theirs = await app.gql(UPDATE, { input: { id: world.users.adminB.id, name: 'Hijacked', role: 'VIEWER' } }, { sessionToken: adminA });
    const partner = await app.gql(UPDATE, { input: { id: world.users.dealerAdmin.id, name: 'Hijacked', role: 'STAFF' } }, { sessionToken: adminA });
    const missing = await app.gql(UPDATE, { input: { id: '01900000-0000-7000-8000-000000000000', name: 'X', role: 'VIEWER' } }, { sessionToken: adminA });
    expect(theirs.data?.['updateUser']).toEqual(missing.data?.['updateUser']);
    expect(partner.data?.['updateUser']).toEqual(missing.data?.['updateUser']);
    const b = await app.systemEm().findOneOrFail(User, { id: world.users.adminB.id });
    expect(b.name).not.toBe('Hijacked');
  });
});
