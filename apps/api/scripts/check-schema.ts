/** Fails when libs/graphql-client/schema.graphql differs from what the code emits. */
import { readFile } from 'node:fs/promises';
import { buildAppSchema, printAppSchema } from '../src/app/build-schema.js';
import { SCHEMA_FILE } from '../src/app/schema-file.js';

const emitted = printAppSchema(await buildAppSchema());
const committed = await readFile(SCHEMA_FILE, 'utf8').catch(() => '');
if (emitted !== committed) {
  process.stderr.write(`${SCHEMA_FILE} is out of date: run \`npx nx run api:emit-schema\` and commit it.\n`);
  process.exit(1);
}
process.stdout.write('schema.graphql matches the code\n');
