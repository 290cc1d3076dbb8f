import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { User } from './user.entity.js';

const SET = `mutation($input: SetMyPreferenceInput!) { setMyPreference(input: $input) { __typename ... on SetMyPreferenceSuccess { preferences } ... on ErrorResult { code field message } } }`;
const MINE = `{ viewer { preferences } }`;
const CREATE_KEY = `mutation($input: CreateApiKeyInput!) { createApiKey(input: $input) { ... on CreateApiKeySuccess { secret } } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: string;
let managerA: string;

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
  managerA = await app.signIn(world.users.managerA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

const stored = async (user: User) => (await app.systemEm().findOneOrFail(User, { id: user.id })).preferences;

describe('setMyPreference and Viewer.preferences', () => {
  it('stores the signed-in user’s own choice and answers it on every later request (another browser too)', async () => {
    const saved = await app.gql(SET, { input: { key: 'jobs.columns', value: ['title', 'status'] } }, { sessionToken: managerA });
    expect(saved.data?.['setMyPreference']).toEqual({ __typename: 'SetMyPreferenceSuccess', preferences: { 'jobs.columns': ['title', 'status'] } });
    const otherBrowser = await app.signIn(world.users.managerA.email, WORLD_PASSWORD);
    expect((await app.gql(MINE, {}, { sessionToken: otherBrowser })).data?.['viewer']).toEqual({ preferences: { 'jobs.columns': ['title', 'status'] } });
    expect(await stored(world.users.managerA)).toEqual({ 'jobs.columns': ['title', 'status'] });
  });

  it('keeps each user’s preferences to that user: another user neither sees nor changes them', async () => {
    await app.gql(SET, { input: { key: 'jobs.columns', value: ['vehicle'] } }, { sessionToken: managerA });
    expect((await app.gql(MINE, {}, { sessionToken: adminA })).data?.['viewer']).toEqual({ preferences: {} });
    await app.gql(SET, { input: { key: 'jobs.columns', value: ['kind'] } }, { sessionToken: adminA });
    expect(await stored(world.users.managerA)).toEqual({ 'jobs.columns': ['vehicle'] });
    expect(await stored(world.users.adminA)).toEqual({ 'jobs.columns': ['kind'] });
    // User (what admins list) never carries them
    const listed = await app.gql(`{ users(first: 50) { edges { node { preferences } } } }`, {}, { sessionToken: adminA });
    expect(listed.errors?.[0]?.message).toMatch(/Cannot query field "preferences" on type "User"/);
  });

  it('forgets a preference given null, so the default applies again', async () => {
    await app.gql(SET, { input: { key: 'jobs.columns', value: ['title'] } }, { sessionToken: adminA });
    const cleared = await app.gql(SET, { input: { key: 'jobs.columns', value: null } }, { sessionToken: adminA });
    expect(cleared.data?.['setMyPreference']).toEqual({ __typename: 'SetMyPreferenceSuccess', preferences: {} });
    const audit = await app.systemEm().find(AuditEvent, { objectId: world.users.adminA.id, action: 'user.preference' }, { orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], limit: 1, filters: false });
    expect(audit[0]?.changes).toEqual({ 'jobs.columns': { from: ['title'], to: null } });
  });

  it('refuses an unknown key, a value of the wrong shape and an oversized value, changing nothing', async () => {
    await app.gql(SET, { input: { key: 'jobs.columns', value: ['status'] } }, { sessionToken: managerA });
    const cases: [string, unknown, string, RegExp][] = [
      ['theme', 'dark', 'key', /^Unknown preference "theme"; known: jobs\.columns\.$/],
      ['jobs.columns', [], 'value', /^Keep at least one column\.$/],
      ['jobs.columns', ['colour'], 'value', /^A column is one of title, kind/],
      ['jobs.columns', 'title', 'value', /./],
      ['jobs.columns', Array.from({ length: 300 }, (_, i) => `column-${i}`), 'value', /^A preference holds at most 2048 bytes; this one has \d+\.$/],
    ];
    for (const [key, value, field, message] of cases) {
      const result = await app.gql(SET, { input: { key, value } }, { sessionToken: managerA });
      expect(result.data?.['setMyPreference']).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED', field });
      expect(result.data?.['setMyPreference'].message).toMatch(message);
    }
    expect(await stored(world.users.managerA)).toEqual({ 'jobs.columns': ['status'] });
  });

  it('gives API keys no preferences: empty to read, FORBIDDEN to set; and refuses the signed-out', async () => {
    const key = await app.gql(CREATE_KEY, { input: { name: 'ERP', role: 'MANAGER' } }, { sessionToken: adminA });
    const secret = key.data?.['createApiKey'].secret as string;
    expect((await app.gql(MINE, {}, { bearerToken: secret })).data?.['viewer']).toEqual({ preferences: {} });
    const refused = await app.gql(SET, { input: { key: 'jobs.columns', value: ['title'] } }, { bearerToken: secret });
    expect(refused.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
    expect(refused.errors?.[0]?.message).toBe('API keys have no preferences; only a signed-in user has them.');
    const anonymous = await app.gql(SET, { input: { key: 'jobs.columns', value: ['title'] } });
    expect(anonymous.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });
});
