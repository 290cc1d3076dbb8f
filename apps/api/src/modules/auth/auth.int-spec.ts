import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { Session } from './session.entity.js';
import { User } from '../user/user.entity.js';

const SIGN_IN = `mutation($input: SignInInput!) {
  signIn(input: $input) {
    __typename
    ... on SignInSuccess { viewer { role organization { name } user { email } } }
    ... on ErrorResult { code message field }
    ... on ValidationError { fieldErrors { field message } }
    ... on TooManyAttemptsError { retryAfterSeconds }
  }
}`;
const VIEWER = `{ viewer { role user { email } permissions } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
});
afterAll(async () => app?.close());

describe('signIn', () => {
  it('signs in with e-mail in any case and sets a session that identifies the user', async () => {
    const { data, sessionCookie } = await app.gql(SIGN_IN, { input: { email: world.users.adminA.email.toUpperCase(), password: WORLD_PASSWORD } });
    expect(data?.['signIn']).toMatchObject({ __typename: 'SignInSuccess', viewer: { role: 'ADMIN', user: { email: world.users.adminA.email } } });
    const me = await app.gql(VIEWER, {}, { sessionToken: sessionCookie });
    expect(me.data?.['viewer']?.user.email).toBe(world.users.adminA.email);
  });

  it('stores only a hash of the session token', async () => {
    const token = await app.signIn(world.users.managerA.email, WORLD_PASSWORD);
    const sessions = await app.systemEm().find(Session, { user: world.users.managerA.id });
    expect(sessions.length).toBeGreaterThan(0);
    expect(sessions.every((s) => s.tokenHash !== token && !s.tokenHash.includes(token))).toBe(true);
  });

  it('answers a wrong password and an unknown e-mail alike, and sets no cookie', async () => {
    const wrong = await app.gql(SIGN_IN, { input: { email: world.users.viewerA.email, password: 'nope-nope-nope' } });
    const unknown = await app.gql(SIGN_IN, { input: { email: 'nobody@nowhere.example', password: 'nope-nope-nope' } });
    expect(wrong.data?.['signIn']).toEqual(unknown.data?.['signIn']);
    expect(wrong.data?.['signIn'].__typename).toBe('InvalidCredentialsError');
    expect(wrong.sessionCookie).toBeUndefined();
  });

  it('names each bad field', async () => {
    const { data } = await app.gql(SIGN_IN, { input: { email: 'not-an-email', password: '' } });
    expect(data?.['signIn'].__typename).toBe('ValidationError');
    expect(data?.['signIn'].fieldErrors.map((e: { field: string }) => e.field).sort()).toEqual(['email', 'password']);
  });

  it('locks an account+address after five failures, even for the right password', async () => {
    const email = world.users.dealerStaff.email;
    const ip = '198.51.100.23';
    for (let i = 0; i < 5; i++) {
      const r = await app.gql(SIGN_IN, { input: { email, password: `wrong-${i}-password` } }, {}, ip);
      expect(r.data?.['signIn'].__typename).toBe('InvalidCredentialsError');
    }
    const locked = await app.gql(SIGN_IN, { input: { email, password: WORLD_PASSWORD } }, {}, ip);
    expect(locked.data?.['signIn']).toMatchObject({ __typename: 'TooManyAttemptsError', code: 'TOO_MANY_ATTEMPTS' });
    expect(locked.data?.['signIn'].retryAfterSeconds).toBeGreaterThan(0);
    // another address is not affected
    const elsewhere = await app.gql(SIGN_IN, { input: { email, password: WORLD_PASSWORD } }, {}, '198.51.100.99');
    expect(elsewhere.data?.['signIn'].__typename).toBe('SignInSuccess');
  });

  it('refuses a deactivated user with a clear message', async () => {
    const em = app.systemEm();
    const user = await em.findOneOrFail(User, { id: world.users.technician.id });
    user.active = false;
    await em.flush();
    const { data } = await app.gql(SIGN_IN, { input: { email: user.email, password: WORLD_PASSWORD } });
    expect(data?.['signIn']).toMatchObject({ __typename: 'AccountBlockedError', code: 'ACCOUNT_BLOCKED' });
    user.active = true;
    await em.flush();
  });
});

describe('sessions', () => {
  it('refuses an expired session at once', async () => {
    const token = await app.signIn(world.users.viewerA.email, WORLD_PASSWORD);
    expect((await app.gql(VIEWER, {}, { sessionToken: token })).data?.['viewer']).not.toBeNull();
    await app.systemEm().nativeUpdate(Session, { user: world.users.viewerA.id }, { expiresAt: new Date(Date.now() - 1000) });
    expect((await app.gql(VIEWER, {}, { sessionToken: token })).data?.['viewer']).toBeNull();
    const guarded = await app.gql(`{ users { totalCount } }`, {}, { sessionToken: token });
    expect(guarded.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
  });

  it('ends the session on sign-out', async () => {
    const token = await app.signIn(world.users.adminB.email, WORLD_PASSWORD);
    const out = await app.gql(`mutation { signOut { signedOut } }`, {}, { sessionToken: token });
    expect(out.data?.['signOut'].signedOut).toBe(true);
    expect(out.sessionCookie).toBeNull();
    expect((await app.gql(VIEWER, {}, { sessionToken: token })).data?.['viewer']).toBeNull();
  });

  it('ends every session of a deactivated user on their next request', async () => {
    const admin = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
    const victim = await app.signIn(world.users.managerA.email, WORLD_PASSWORD);
    const r = await app.gql(
      `mutation($input: SetUserActiveInput!) { setUserActive(input: $input) { __typename } }`,
      { input: { id: world.users.managerA.id, active: false } },
      { sessionToken: admin },
    );
    expect(r.data?.['setUserActive'].__typename).toBe('SetUserActiveSuccess');
    expect((await app.gql(VIEWER, {}, { sessionToken: victim })).data?.['viewer']).toBeNull();
    await app.gql(
      `mutation($input: SetUserActiveInput!) { setUserActive(input: $input) { __typename } }`,
      { input: { id: world.users.managerA.id, active: true } },
      { sessionToken: admin },
    );
  });
});

describe('changePassword', () => {
  const CHANGE = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on ErrorResult { code field message } } }`;

  it('refuses a wrong current password and a new one that breaks the policy, changing nothing', async () => {
    const token = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
    const wrong = await app.gql(CHANGE, { input: { currentPassword: 'wrong-password', newPassword: 'a-good-new-password' } }, { sessionToken: token });
    expect(wrong.data?.['changePassword']).toMatchObject({ __typename: 'InvalidCredentialsError', field: 'currentPassword' });
    const weak = await app.gql(CHANGE, { input: { currentPassword: WORLD_PASSWORD, newPassword: 'short' } }, { sessionToken: token });
    expect(weak.data?.['changePassword']).toMatchObject({ __typename: 'ValidationError', field: 'newPassword' });
    expect(weak.data?.['changePassword'].message).toMatch(/at least 8 characters/);
    await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD); // old password still works
  });

  it('changes the password and ends the other sessions', async () => {
    const other = await app.signIn(world.users.viewerA.email, WORLD_PASSWORD);
    const token = await app.signIn(world.users.viewerA.email, WORLD_PASSWORD);
    const ok = await app.gql(CHANGE, { input: { currentPassword: WORLD_PASSWORD, newPassword: 'a-brand-new-password' } }, { sessionToken: token });
    expect(ok.data?.['changePassword'].__typename).toBe('ChangePasswordSuccess');
    expect((await app.gql(VIEWER, {}, { sessionToken: other })).data?.['viewer']).toBeNull();
    expect((await app.gql(VIEWER, {}, { sessionToken: token })).data?.['viewer']).not.toBeNull();
    await app.signIn(world.users.viewerA.email, 'a-brand-new-password');
  });

  it('throttles wrong current passwords like failed sign-ins: after five, that account is locked from that address', async () => {
    const CHANGE_THROTTLED = `mutation($input: ChangePasswordInput!) { changePassword(input: $input) { __typename ... on TooManyAttemptsError { retryAfterSeconds } } }`;
    const ip = '198.51.100.77';
    const email = world.users.dealerStaff.email;
    const token = await app.signIn(email, WORLD_PASSWORD);
    for (let i = 0; i < 5; i++) {
      const r = await app.gql(CHANGE_THROTTLED, { input: { currentPassword: `guess-${i}-password`, newPassword: 'a-good-new-password' } }, { sessionToken: token }, ip);
      expect(r.data?.['changePassword'].__typename).toBe('InvalidCredentialsError');
    }
    const locked = await app.gql(CHANGE_THROTTLED, { input: { currentPassword: WORLD_PASSWORD, newPassword: 'a-good-new-password' } }, { sessionToken: token }, ip);
    expect(locked.data?.['changePassword']).toMatchObject({ __typename: 'TooManyAttemptsError' });
    expect(locked.data?.['changePassword'].retryAfterSeconds).toBeGreaterThan(0);
    // the same lock as sign-in's: signing in from that address waits too; the password did not change
    const signIn = await app.gql(SIGN_IN, { input: { email, password: WORLD_PASSWORD } }, {}, ip);
    expect(signIn.data?.['signIn'].__typename).toBe('TooManyAttemptsError');
    const elsewhere = await app.gql(SIGN_IN, { input: { email, password: WORLD_PASSWORD } }, {}, '198.51.100.78');
    expect(elsewhere.data?.['signIn'].__typename).toBe('SignInSuccess');
  });
});
