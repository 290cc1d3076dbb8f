/**
 * The mutations half of the access matrix as a Vitest suite, split over several spec files (by the
 * operation's place in the sorted list) so that each file stays short on a 2-core machine while the
 * files together cover every Mutation field of the schema.
 */
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAppSchema } from '../app/build-schema.js';
import { createTestApp } from './test-app.js';
import type { TestApp } from './test-app.js';
import { ROLES, buildAccessWorld } from './access-world.js';
import type { AccessWorld } from './access-world.js';
import { createMatrix, databaseSnapshots, operationNamed, operationsOf, unexpected } from './operation-matrix.js';

/** Every Mutation field whose index in the sorted list is `part` modulo `parts`. */
export async function mutationsOfPart(part: number, parts: number): Promise<string[]> {
  const all = operationsOf(await buildAppSchema()).filter((op) => op.kind === 'mutation').map((op) => op.name);
  return all.filter((_name, i) => i % parts === part);
}

/** Declares the matrix over `names` (mutations): its own database and world, one test per operation. */
export function describeMutationMatrix(names: string[]): void {
  let app: TestApp;
  let world: AccessWorld;
  let schema: GraphQLSchema;
  let matrix: ReturnType<typeof createMatrix>;

  beforeAll(async () => {
    app = await createTestApp();
    world = await buildAccessWorld(app);
    schema = await buildAppSchema(app.deps.pubSub);
    matrix = createMatrix(app, world, schema, await databaseSnapshots(app));
  });
  afterAll(async () => app?.close());

  describe('access matrix: mutations', () => {
    it('has its share of the schema\'s mutations', () => {
      expect(names.length).toBeGreaterThan(10);
    });

    it.each(names)('%s: as every role, nothing foreign in any answer, foreign ids refused like random ones, no write on refusal', async (name) => {
      expect(unexpected(name, await matrix.check(operationNamed(schema, name), ROLES))).toEqual([]);
    });
  });
}
