import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';

let app: TestApp;
let session: string;

beforeAll(async () => {
  app = await createTestApp();
  const world = await buildWorld(app.systemEm());
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
