import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { SCOPE_ROLES, buildScopeWorld } from '../../testing/scope-world.js';
import type { ScopeRole, ScopeWorld } from '../../testing/scope-world.js';

/**
 * Timing tells no existence (issue 15, leak 6): for every role and every by-id query (`vehicle`,
 * `partner`, `owner`, `job`), refusing an object of the world the role may not open sends exactly
 * the statements — the same SQL, in the same order — that a random id sends. (Equal statements
 * are what keeps the two paths equally long; medians of wall-clock time would be a flaky proxy.)
 */

let app: TestApp;
let w: ScopeWorld;

beforeAll(async () => {
  app = await createTestApp();
  w = await buildScopeWorld(app);
});
afterAll(async () => {
  await w?.close();
  await app?.close();
});

const KINDS = ['vehicle', 'partner', 'owner', 'job'] as const;
type Kind = (typeof KINDS)[number];
const objectsOf = (kind: Kind): [string, { id: string }][] =>
  Object.entries({ vehicle: w.vehicles, partner: w.partners, owner: w.owners, job: w.jobs }[kind] as Record<string, { id: string }>);

/** The statements one by-id query sends, as shapes: ids made alike; the session's sliding expiry (time-driven, not id-driven) left out. */
async function statementsOf(role: ScopeRole, kind: Kind, id: string): Promise<{ answer: string; statements: string[] }> {
  let answer = '';
  const statements = await app.captureStatements(async () => {
    const { data, errors } = await w.gql(role, `query($id: ID!) { ${kind}(id: $id) { id } }`, { id });
    answer = JSON.stringify({ data, errors });
  });
  return {
    answer,
    statements: statements
      .filter((sql) => !/^update "session"/i.test(sql))
      .map((sql) => sql.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, '<id>')),
  };
}

describe.each(SCOPE_ROLES)('refusals as %s', (role) => {
  it.each(KINDS)('%s(id): an object it may not open costs the statements of a missing id', async (kind) => {
    const random = await statementsOf(role, kind, uuidv7());
    let refused = 0;
    for (const [name, object] of objectsOf(kind)) {
      const hidden = await statementsOf(role, kind, object.id);
      if (!hidden.answer.includes('"errors"')) continue;
      refused += 1;
      expect(hidden.answer, `${role}: ${kind}(${name})`).toBe(random.answer);
      expect(hidden.statements, `${role}: ${kind}(${name})`).toEqual(random.statements);
    }
    // every role is refused something of each kind
    expect(refused).toBeGreaterThan(0);
  });
});
