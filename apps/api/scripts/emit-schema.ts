/** Writes the GraphQL schema the code defines to libs/graphql-client/schema.graphql (the committed contract). */
import { writeFile } from 'node:fs/promises';
import { buildAppSchema, printAppSchema } from '../src/app/build-schema.js';
import { SCHEMA_FILE } from '../src/app/schema-file.js';

await writeFile(SCHEMA_FILE, printAppSchema(await buildAppSchema()));
process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
