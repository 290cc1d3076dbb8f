import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';

let app: TestApp;
let session: string;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  session = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

describe('query limits', () => {
  it('refuses an operation whose cost is too high before running it', async () => {
    const aliases = Array.from({ length: 400 }, (_, i) => `a${i}: users(first: 200) { edges { node { email organization { name region } } } }`).join('\n');
    const r = await app.gql(`{ ${aliases} }`, {}, { sessionToken: session });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors?.[0]?.message).toMatch(/cost/i);
    expect(r.data).toBeUndefined();
  });

  it('runs the deepest real operation and refuses one nested deeper than the limit', async () => {
    const deepest = `{ auditEvents { edges { node { actorApiKey { createdBy { organization { name } } } } } } }`;
    expect((await app.gql(deepest, {}, { sessionToken: session })).errors).toBeUndefined();
    const nested = 'ofType { '.repeat(9) + 'name' + ' }'.repeat(9);
    const tooDeep = await app.gql(`{ __type(name: "User") { fields { type { ${nested} } } } }`, {}, { sessionToken: session });
    expect(tooDeep.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(tooDeep.errors?.[0]?.message).toMatch(/depth/i);
  });

  it('answers an unknown field with a validation error and no stack trace', async () => {
    const r = await app.gql(`{ viewer { secretField } }`, {}, { sessionToken: session });
    expect(r.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(JSON.stringify(r.errors)).not.toMatch(/stacktrace|at .*\.js/);
  });
});

describe('one heavy field per request', () => {
  const refusal = (r: { errors?: readonly { message: string; extensions?: Record<string, unknown> }[]; data?: unknown }, what: string) => {
    expect(r.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors?.[0]?.message).toMatch(new RegExp(`^Only one ${what} per request: this operation asks for 2 \\(`));
    expect(r.data).toBeUndefined();
  };

  it('runs one CSV export and refuses two in one operation — aliased, of different lists, or through a fragment', async () => {
    const one = await app.gql('{ vehiclesCsv }', {}, { sessionToken: session });
    expect(one.errors).toBeUndefined();
    expect(one.data?.['vehiclesCsv']).toMatch(/^vin,/);
    refusal(await app.gql('{ a: vehiclesCsv b: vehiclesCsv }', {}, { sessionToken: session }), 'CSV export');
    refusal(await app.gql('{ vehiclesCsv partnersCsv }', {}, { sessionToken: session }), 'CSV export');
    refusal(await app.gql('query { a: ownersCsv ...More } fragment More on Query { b: ownersCsv }', {}, { sessionToken: session }), 'CSV export');
    // the same response key twice runs once
    expect((await app.gql('{ a: vehiclesCsv ... on Query { a: vehiclesCsv } }', {}, { sessionToken: session })).errors).toBeUndefined();
  });

  it('refuses two whoCanAccess in one operation', async () => {
    const id = '00000000-0000-0000-0000-000000000001';
    refusal(await app.gql(`{ a: whoCanAccess(vehicleId: "${id}") { reason } b: whoCanAccess(vehicleId: "${id}") { reason } }`, {}, { sessionToken: session }), 'whoCanAccess');
  });

  it('refuses two signIn attempts in one operation, so aliased guesses neither run nor lock anyone out', async () => {
    const email = world.users.viewerA.email;
    const guesses = Array.from({ length: 6 }, (_, i) => `g${i}: signIn(input: { email: "${email}", password: "wrong-${i}" }) { __typename }`).join(' ');
    const r = await app.gql(`mutation { ${guesses} }`, {}, {}, '198.51.100.9');
    expect(r.errors?.[0]?.extensions?.['code']).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(r.errors?.[0]?.message).toMatch(/^Only one signIn per request: this operation asks for 6/);
    // nothing ran: the account can still sign in from that address
    await expect(app.signIn(email, WORLD_PASSWORD)).resolves.toBeTruthy();
  });

  it('refuses two changePassword in one operation, changing nothing', async () => {
    const own = await app.signIn(world.users.managerA.email, WORLD_PASSWORD);
    const change = (alias: string, current: string) => `${alias}: changePassword(input: { currentPassword: "${current}", newPassword: "another-long-password-1" }) { __typename }`;
    refusal(await app.gql(`mutation { ${change('a', 'guess-1')} ${change('b', WORLD_PASSWORD)} }`, {}, { sessionToken: own }), 'changePassword');
    await expect(app.signIn(world.users.managerA.email, WORLD_PASSWORD)).resolves.toBeTruthy();
  });
});
