import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { ROLES, buildAccessWorld } from '../testing/access-world.js';
import type { AccessWorld } from '../testing/access-world.js';
import { createMatrix, databaseSnapshots, operationsOf, unexpected } from '../testing/operation-matrix.js';
import { buildAppSchema } from './build-schema.js';

/**
 * Issue 15's proof, mutations: every Mutation field of the schema (read from the schema itself) as
 * every role of DESIGN.md §3 — on its own objects, and with every ID argument or input field set to
 * each object the role may not see and to a random id: the same answer as the random id's, nothing
 * foreign in it, and no write when refused (a checksum of every table after each call). What a call
 * legitimately changed is put back before the next one, so every call meets the same world.
 * The queries are in access-matrix.queries.int-spec.ts; the machinery in src/testing/operation-matrix.ts.
 */

let app: TestApp;
let world: AccessWorld;
let schema: GraphQLSchema;
let matrix: ReturnType<typeof createMatrix>;

const MUTATIONS = operationsOf(await buildAppSchema()).filter((op) => op.kind === 'mutation').map((op) => op.name);

beforeAll(async () => {
  app = await createTestApp();
  world = await buildAccessWorld(app);
  schema = await buildAppSchema(app.deps.pubSub);
  matrix = createMatrix(app, world, schema, await databaseSnapshots(app));
});
afterAll(async () => app?.close());

describe('access matrix: mutations', () => {
  it('reads the operations from the schema', () => {
    expect(MUTATIONS.length).toBeGreaterThan(40);
    expect(MUTATIONS).toContain('assignVehicles');
  });

  it.each(MUTATIONS)('%s: as every role, nothing foreign in any answer, foreign ids refused like random ones, no write on refusal', async (name) => {
    const op = operationsOf(schema).find((o) => o.name === name)!;
    expect(unexpected(name, await matrix.check(op, ROLES))).toEqual([]);
  });
});
