import { DEMO_PASSWORD, SESSION_COOKIE, SIGN_IN, VIEWER, findSetCookie, gql, gqlData, signIn } from './support/graphql';
import type { SignInData, ViewerData } from './support/graphql';
import { SERVER_START_BUDGET_MS, startServer } from '@partner-hub/e2e-support';
import type { RunningServer } from '@partner-hub/e2e-support';

const ADMIN = 'admin@aurora-motors.example';

describe('signing in over HTTP', () => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer();
  }, SERVER_START_BUDGET_MS);

  afterAll(async () => {
    await server?.stop();
  });

  it('sets an httpOnly ph_session cookie when the password is right', async () => {
    const result = await gql<SignInData>(server.baseUrl, SIGN_IN, {
      variables: { input: { email: ADMIN, password: DEMO_PASSWORD } },
    });

    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn).toMatchObject({
      __typename: 'SignInSuccess',
      viewer: { role: 'ADMIN', user: { email: ADMIN }, organization: { name: 'Aurora Motors' } },
    });
    const cookie = findSetCookie(result.headers, SESSION_COOKIE);
    expect(cookie?.value).toBeTruthy();
    expect(cookie?.attributes).toHaveProperty('httponly');
    expect(cookie?.attributes.samesite?.toLowerCase()).toBe('lax');
  });

  it('answers viewer with the signed-in user when the session cookie is sent', async () => {
    const cookie = await signIn(server.baseUrl, ADMIN);

    const data = await gqlData<ViewerData>(server.baseUrl, VIEWER, { cookie });

    expect(data.viewer).toMatchObject({
      role: 'ADMIN',
      user: { email: ADMIN },
      apiKey: null,
      organization: { name: 'Aurora Motors', kind: 'PRINCIPAL' },
    });
  });

  it('answers viewer with null without a session', async () => {
    const data = await gqlData<ViewerData>(server.baseUrl, VIEWER);
    expect(data.viewer).toBeNull();
  });

  it('returns InvalidCredentialsError and sets no session for a wrong password', async () => {
    const result = await gql<SignInData>(server.baseUrl, SIGN_IN, {
      variables: { input: { email: ADMIN, password: 'not-the-password' } },
    });

    expect(result.errors).toBeUndefined();
    expect(result.data?.signIn.__typename).toBe('InvalidCredentialsError');
    expect(result.data?.signIn.message).toEqual(expect.any(String));
    expect(findSetCookie(result.headers, SESSION_COOKIE)?.value || undefined).toBeUndefined();
  });

  it('ends the session on signOut: viewer is null afterwards with the same cookie', async () => {
    const cookie = await signIn(server.baseUrl, ADMIN);

    const signedOut = await gqlData<{ signOut: { signedOut: boolean } }>(
      server.baseUrl,
      'mutation SignOut { signOut { signedOut } }',
      { cookie },
    );
    expect(signedOut.signOut.signedOut).toBe(true);

    // The old cookie must not work any more, even if a client kept it.
    const after = await gql<ViewerData>(server.baseUrl, VIEWER, { cookie });
    expect(after.data?.viewer ?? null).toBeNull();
  });
});
