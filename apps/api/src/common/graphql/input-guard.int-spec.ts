import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_SEARCH_LENGTH } from '@partner-hub/domain';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { startServer } from '../../app/create-server.js';
import type { RunningServer } from '../../app/create-server.js';
import { MAX_INPUT_DEPTH, inputProblem } from './input-guard.js';

let app: TestApp;
let server: RunningServer;
let session: string;

beforeAll(async () => {
  app = await createTestApp();
  const world = await buildWorld(app.systemEm());
  session = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
});
afterAll(async () => {
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

const NUL = 'Acme\u0000Corp';
const SURROGATE = 'Acme \uD800 Corp';

/** Every class of text input: a created object's names, a search, an audit filter, a JSON value. */
const TEXT_INPUTS: { name: string; query: string; variables: (text: string) => Record<string, unknown>; field: string }[] = [
  {
    name: 'an owner name',
    query: 'mutation($input: CreateOwnerInput!) { createOwner(input: $input) { __typename } }',
    variables: (text) => ({ input: { email: 'nul@owner.example', name: text } }),
    field: 'input.name',
  },
  {
    name: 'a template name',
    query: 'mutation($input: CreateJobTemplateInput!) { createJobTemplate(input: $input) { __typename } }',
    variables: (text) => ({ input: { name: text, kind: 'INSTALLATION' } }),
    field: 'input.name',
  },
  {
    name: "a vehicle's make",
    query: 'mutation($input: CreateVehicleInput!) { createVehicle(input: $input) { __typename } }',
    variables: (text) => ({ input: { vin: 'WVWZZZ1JZXW000001', make: text, model: 'Golf', year: 2020 } }),
    field: 'input.make',
  },
  {
    name: 'a search',
    query: 'query($filter: PartnerFilter) { partners(filter: $filter) { totalCount } }',
    variables: (text) => ({ filter: { search: text } }),
    field: 'filter.search',
  },
  {
    name: 'an audit filter',
    query: 'query($filter: AuditEventFilter) { auditEvents(filter: $filter) { totalCount } }',
    variables: (text) => ({ filter: { objectType: text } }),
    field: 'filter.objectType',
  },
  {
    name: 'a JSON preference value',
    query: 'mutation($input: SetMyPreferenceInput!) { setMyPreference(input: $input) { __typename } }',
    variables: (text) => ({ input: { key: 'jobs.columns', value: [text] } }),
    field: 'input.value.0',
  },
];

async function rowCounts(): Promise<string> {
  const rows = await app.systemEm().getConnection().execute<{ n: string }[]>(
    `select (select count(*) from owner) || '/' || (select count(*) from job_template) || '/' || (select count(*) from vehicle) || '/' || (select count(*) from audit_event) as n`,
  );
  return rows[0]!.n;
}

describe('text that cannot be stored', () => {
  for (const input of TEXT_INPUTS) {
    for (const [kind, text] of [['a NUL character', NUL], ['a lone surrogate', SURROGATE]] as const) {
      it(`refuses ${kind} in ${input.name} with BAD_USER_INPUT naming the field, and changes nothing`, async () => {
        const before = await rowCounts();
        const result = await app.gql(input.query, input.variables(text), { sessionToken: session });
        expect(result.data ?? null).toBeNull();
        expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: input.field } });
        expect(result.errors?.[0]?.message).toContain(kind === 'a NUL character' ? 'NUL character' : 'broken character');
        expect(await rowCounts()).toBe(before);
      });
    }
  }

  it('refuses a NUL character written into the query text itself', async () => {
    const result = await app.gql('{ partners(filter: { search: "a\\u0000b" }) { totalCount } }', {}, { sessionToken: session });
    expect(result.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', field: 'query' } });
  });

  it('still takes ordinary text with emoji, umlauts and tabs', async () => {
    const result = await app.gql('query($filter: PartnerFilter) { partners(filter: $filter) { totalCount } }', { filter: { search: 'Zürich 🚗\tx' } }, { sessionToken: session });
    expect(result.errors).toBeUndefined();
  });
});

describe('deeply nested input', () => {
  it(`refuses a JSON value nested ${20_000} levels deep before any work, over HTTP`, async () => {
    // written as text: JSON.stringify itself cannot go this deep
    const value = `${'['.repeat(20_000)}"leaf"${']'.repeat(20_000)}`;
    const response = await fetch(`${server.url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', cookie: `ph_session=${session}` },
      body: `{"query":"mutation($input: SetMyPreferenceInput!) { setMyPreference(input: $input) { __typename } }","variables":{"input":{"key":"jobs.columns","value":${value}}}}`,
    });
    expect(response.status).toBe(400);
    const body = (await response.json()) as { errors: { message: string; extensions: { code: string } }[] };
    expect(body.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(body.errors[0]!.message).toContain(`nested more than ${MAX_INPUT_DEPTH} levels`);
  });

  it('takes input as deep as the limit', () => {
    let value: unknown = 'leaf';
    for (let i = 0; i < MAX_INPUT_DEPTH; i++) value = [value];
    expect(inputProblem(value, '')).toBeNull();
    expect(inputProblem([value], '')).not.toBeNull();
  });
});

describe('search length', () => {
  for (const list of ['partners', 'owners', 'vehicles', 'jobTemplates', 'users']) {
    it(`refuses a ${list} search over ${MAX_SEARCH_LENGTH} characters, quickly, naming the field`, async () => {
      const query = `query($search: String) { ${list}(filter: { search: $search }) { edges { cursor } } }`;
      const started = Date.now();
      const refused = await app.gql(query, { search: 'x'.repeat(1024 * 1024) }, { sessionToken: session });
      expect(Date.now() - started).toBeLessThan(5_000); // a 1 MB ILIKE over every row took 6–9 s
      expect(refused.errors?.[0]).toMatchObject({ message: `A search is at most ${MAX_SEARCH_LENGTH} characters.`, extensions: { code: 'BAD_USER_INPUT', field: 'filter.search' } });
      const taken = await app.gql(query, { search: 'x'.repeat(MAX_SEARCH_LENGTH) }, { sessionToken: session });
      expect(taken.errors).toBeUndefined();
    });
  }
});

describe('the HTTP routes', () => {
  it('refuses an upload whose file name holds a NUL character with 400', async () => {
    const response = await fetch(`${server.url}/imports/uploads?fileName=jobs%00.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: `ph_session=${session}` },
      body: 'vin,kind\n',
    });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { message: string } }).error.message).toContain('NUL character');
  });

  it('refuses a jobs export filter holding a NUL character with 400 naming the field', async () => {
    const filter = encodeURIComponent(JSON.stringify({ vehicleId: 'a\u0000b' }));
    const response = await fetch(`${server.url}/exports/jobs.csv?filter=${filter}`, { headers: { cookie: `ph_session=${session}` } });
    expect(response.status).toBe(400);
    expect(((await response.json()) as { error: { field: string } }).error.field).toBe('filter.vehicleId');
  });
});
