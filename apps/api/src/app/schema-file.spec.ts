import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { buildAppSchema, printAppSchema } from './build-schema.js';
import { SCHEMA_FILE } from './schema-file.js';

describe('the committed GraphQL schema', () => {
  it('is exactly what the code emits (run `npx nx run api:emit-schema` after changing the API)', async () => {
    const emitted = printAppSchema(await buildAppSchema());
    expect(await readFile(SCHEMA_FILE, 'utf8')).toBe(emitted);
  });

  it('describes every type and field', async () => {
    const schema = await buildAppSchema();
    const missing: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || ['String', 'Boolean', 'Int', 'Float', 'ID'].includes(type.name)) continue;
      const isRoot = ['Query', 'Mutation', 'Subscription'].includes(type.name); // type-graphql cannot describe root types
      if (!type.description && !isRoot) missing.push(type.name);
      if ('getFields' in type) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description) missing.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(missing).toEqual([]);
  });
});
