import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { getNamedType, isInputObjectType } from 'graphql';
import type { GraphQLSchema } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { ROLES, buildAccessWorld, randomId, seesOf } from '../testing/access-world.js';
import type { AccessWorld, ObjectKind, Role } from '../testing/access-world.js';
import { createMatrix, databaseSnapshots, inBatches, leaksIn, operationNamed, operationsOf, unexpected } from '../testing/operation-matrix.js';
import type { Finding } from '../testing/operation-matrix.js';
import { jobsExportHandler } from '../modules/job/jobs-export.route.js';
import { buildAppSchema } from './build-schema.js';
import { SESSION_COOKIE } from './request-context.js';

/**
 * Issue 15's proof, queries: every Query field of the schema (read from the schema itself) as every
 * role of DESIGN.md §3 — no foreign object or withheld field in any answer, and each id the role may
 * not see answered exactly like a random id — plus GET /exports/jobs.csv with its filter. Queries
 * write nothing: the database is compared with the world as built after each operation.
 * The mutations are in access-matrix.mutations-1/-2.int-spec.ts; the machinery in src/testing/operation-matrix.ts.
 */

let app: TestApp;
let world: AccessWorld;
let schema: GraphQLSchema;
let matrix: ReturnType<typeof createMatrix>;
let db: Awaited<ReturnType<typeof databaseSnapshots>>;
let server: Server;
let baseUrl: string;

/**
 * Queries that may write, and why. Each call of these is then checked on its own: a refusal still
 * must write nothing.
 */
const QUERIES_THAT_WRITE: Record<string, string> = {
  validateJobsImport: 'the dry run records the row count on the caller\'s own upload (import_upload.row_count), the total the import\'s progress bar counts towards',
};

const QUERIES = operationsOf(await buildAppSchema()).filter((op) => op.kind === 'query').map((op) => op.name);

beforeAll(async () => {
  app = await createTestApp();
  world = await buildAccessWorld(app);
  schema = await buildAppSchema(app.deps.pubSub);
  db = await databaseSnapshots(app);
  matrix = createMatrix(app, world, schema, db);
  const web = express();
  web.get('/exports/jobs.csv', jobsExportHandler(app.deps, app.contextOf));
  server = createServer(web);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await app?.close();
});

describe('access matrix: queries', () => {
  it('reads the operations from the schema', () => {
    expect(QUERIES.length).toBeGreaterThan(20);
    expect(QUERIES).toContain('vehiclesCsv');
  });

  it.each(QUERIES)('%s: as every role, nothing foreign in any answer, foreign ids refused like random ones, nothing written', async (name) => {
    const op = operationNamed(schema, name);
    const findings = await matrix.check(op, ROLES);
    const written = await db.changed();
    await db.restore(written);
    if (written.length && name in QUERIES_THAT_WRITE) findings.push(...(await matrix.check(op, ROLES, { watchWrites: true })));
    const unexpectedWrites = name in QUERIES_THAT_WRITE ? [] : written.map((table) => `${name} wrote to ${table}`);
    expect([...unexpected(name, findings), ...unexpectedWrites]).toEqual([]);
  });
});

describe('access matrix: GET /exports/jobs.csv', () => {
  const ROUTE = 'GET /exports/jobs.csv';
  /** the export as `role` downloads it: a session cookie or a bearer API key, as a browser or a partner system sends it */
  async function download(role: Role, filter?: Record<string, unknown>) {
    const credentials = world.credentials[role];
    const headers: Record<string, string> = {};
    if (credentials.sessionToken) headers['cookie'] = `${SESSION_COOKIE}=${credentials.sessionToken}`;
    if (credentials.bearerToken) headers['authorization'] = `Bearer ${credentials.bearerToken}`;
    const query = filter ? `?${new URLSearchParams({ filter: JSON.stringify(filter) })}` : '';
    const response = await fetch(`${baseUrl}/exports/jobs.csv${query}`, { headers });
    return `${response.status} ${await response.text()}`;
  }

  it('as every role, with every id of its filter: nothing foreign, foreign ids filtered like random ones', async () => {
    // the route's filter is the jobs list's JobFilter: its ID fields are read from the schema
    const filterArg = operationNamed(schema, 'jobs').field.args.find((a) => a.name === 'filter');
    const filterType = filterArg && getNamedType(filterArg.type);
    if (!isInputObjectType(filterType)) throw new Error('jobs(filter) is not an input object');
    const KINDS: Record<string, ObjectKind> = { vehicleId: 'vehicle', servicePartnerId: 'partner', importBatchId: 'importBatch' };
    const idFields = Object.values(filterType.getFields()).filter((f) => getNamedType(f.type).name === 'ID').map((f) => f.name);
    const missing = idFields.filter((f) => !KINDS[f]);
    expect(missing, 'add the kind of these JobFilter id fields to KINDS in this test').toEqual([]);
    const findings: Finding[] = [];
    await inBatches(
      ROLES.map((role) => async () => {
        const markers = matrix.markersFor(role);
        const report = (problem: string) => findings.push({ operation: ROUTE, role, problem });
        for (const leak of leaksIn(await download(role), markers, [])) report(`the unfiltered export shows ${leak}`);
        for (const field of idFields) {
          const random = randomId();
          const expected = (await download(role, { [field]: random })).split(random).join('<the-id>');
          for (const foreign of matrix.foreignOf(role, KINDS[field] ?? 'vehicle')) {
            const answer = await download(role, { [field]: foreign.id });
            for (const leak of leaksIn(answer, markers, [foreign.id])) report(`filter ${field} = ${foreign.label} shows ${leak}`);
            const got = answer.split(foreign.id).join('<the-id>');
            if (got !== expected) report(`filter ${field} = ${foreign.label} answers ${got.slice(0, 400)} — a random id answers ${expected.slice(0, 400)}`);
          }
        }
      }),
      4,
    );
    expect(seesOf('anonymous').job).toEqual([]);
    expect(unexpected(ROUTE, findings)).toEqual([]);
  });
});
