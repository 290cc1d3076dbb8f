import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { JobTemplate } from './job-template.entity.js';
import { findTemplatesByName } from './job-template.service.js';

const ERR = '... on ErrorResult { code field message } ... on ValidationError { fieldErrors { field message } }';
const NODE = `id name kind title description instructions archivedAt createdAt updatedAt
  configuration { deviceSerial deviceModel firmware installationVariant centralLockConnectionType fuelType settings { name value } }
  defaultServicePartner { id }`;
const RESULT = `__typename ... on JobTemplateSuccess { jobTemplate { ${NODE} } } ${ERR}`;
const CREATE = `mutation($input: CreateJobTemplateInput!) { createJobTemplate(input: $input) { ${RESULT} } }`;
const UPDATE = `mutation($input: UpdateJobTemplateInput!) { updateJobTemplate(input: $input) { ${RESULT} } }`;
const DUPLICATE = `mutation($input: DuplicateJobTemplateInput!) { duplicateJobTemplate(input: $input) { ${RESULT} } }`;
const DELETE = `mutation($input: JobTemplateIdInput!) { deleteJobTemplate(input: $input) { ${RESULT} } }`;
const RESTORE = `mutation($input: JobTemplateIdInput!) { restoreJobTemplate(input: $input) { ${RESULT} } }`;
const ONE = `query($id: ID!) { jobTemplate(id: $id) { ${NODE} } }`;
const LIST = `query($first: Int, $after: String, $filter: JobTemplateFilter, $orderBy: JobTemplateOrder) {
  jobTemplates(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { cursor node { id name kind defaultServicePartner { id organization { name } } } }
  }
}`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const tokens: Record<'adminA' | 'managerA' | 'viewerA' | 'dealerAdmin' | 'technician' | 'adminB', string> = {} as never;
let service: Partner;
let dealer: Partner;
let pendingService: Partner;
let archivedService: Partner;
let serviceOfB: Partner;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  service = await em.findOneOrFail(Partner, { organization: world.service });
  dealer = await em.findOneOrFail(Partner, { organization: world.dealer });
  pendingService = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'PENDING' });
  archivedService = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED', archivedAt: new Date() });
  serviceOfB = makePartner(em, world.principalB, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
  await em.flush();
  for (const who of ['adminA', 'managerA', 'viewerA', 'dealerAdmin', 'technician', 'adminB'] as const) {
    tokens[who] = await app.signIn(world.users[who].email, WORLD_PASSWORD);
  }
});
afterAll(async () => app?.close());

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

let counter = 0;
const unique = (stem: string) => `${stem} ${++counter}-${Math.random().toString(36).slice(2, 6)}`;

async function mutate(query: string, input: Json, token = tokens.managerA): Promise<Json> {
  const { data, errors } = await app.gql(query, { input }, { sessionToken: token });
  expect(errors).toBeUndefined();
  return Object.values(data ?? {})[0] as Json;
}

async function create(input: Partial<Json> = {}, token = tokens.managerA): Promise<Json> {
  const result = await mutate(CREATE, { name: unique('Template'), kind: 'INSTALLATION', ...input }, token);
  expect(result.__typename).toBe('JobTemplateSuccess');
  return result.jobTemplate;
}

const templateCount = () => app.systemEm().count(JobTemplate, {});

describe('createJobTemplate', () => {
  it('records a template with its configuration and default service partner, and audits it', async () => {
    const name = unique('Keyless install');
    const result = await mutate(CREATE, {
      name: `  ${name} `,
      kind: 'INSTALLATION',
      title: 'Install the unit',
      description: 'Standard installation',
      instructions: 'Mount behind the glovebox.',
      configuration: {
        deviceModel: 'TX-9',
        firmware: '2.4.1',
        installationVariant: 'keyless',
        fuelType: '',
        settings: [
          { name: 'odometer_source', value: 'CAN' },
          { name: 'can.speed', value: '500k' },
        ],
      },
      defaultServicePartnerId: service.id,
    });
    expect(result.__typename).toBe('JobTemplateSuccess');
    const template = result.jobTemplate;
    expect(template).toMatchObject({
      name,
      kind: 'INSTALLATION',
      title: 'Install the unit',
      archivedAt: null,
      defaultServicePartner: { id: service.id },
      configuration: {
        deviceSerial: null,
        deviceModel: 'TX-9',
        firmware: '2.4.1',
        installationVariant: 'keyless',
        fuelType: null,
        settings: [
          { name: 'can.speed', value: '500k' },
          { name: 'odometer_source', value: 'CAN' },
        ],
      },
    });
    const { data } = await app.gql(ONE, { id: template.id }, { sessionToken: tokens.adminA });
    expect(data?.jobTemplate).toEqual(template);
    const audit = await app.systemEm().find(AuditEvent, { objectType: 'JobTemplate', objectId: template.id });
    expect(audit.map((a) => a.action)).toEqual(['jobTemplate.created']);
    expect(audit[0]?.changes).toMatchObject({ name: { from: null, to: name }, defaultServicePartner: { from: null, to: service.id } });
  });

  it.each([
    ['an empty name', { name: '  ' }, 'name'],
    ['a name over 120 characters', { name: 'n'.repeat(121) }, 'name'],
    ['a title over 200 characters', { title: 't'.repeat(201) }, 'title'],
    ['a too long fuel type', { configuration: { fuelType: 'f'.repeat(41) } }, 'configuration.fuelType'],
    ['a bad setting name', { configuration: { settings: [{ name: 'has space', value: 'x' }] } }, 'configuration.settings'],
    ['a setting value over 500 characters', { configuration: { settings: [{ name: 'long', value: 'v'.repeat(501) }] } }, 'configuration.settings'],
    [
      'a setting name given twice',
      { configuration: { settings: [{ name: 'mode', value: 'a' }, { name: 'mode', value: 'b' }] } },
      'configuration.settings',
    ],
  ])('refuses %s on its field and creates nothing', async (_label, input, field) => {
    const before = await templateCount();
    const result = await mutate(CREATE, { name: unique('Bad'), kind: 'MAINTENANCE', ...input });
    expect(result).toMatchObject({ __typename: 'ValidationError', code: 'VALIDATION_FAILED' });
    expect(result.fieldErrors.map((e: Json) => e.field)).toEqual([field]);
    expect(await templateCount()).toBe(before);
  });

  it('reports every bad field at once', async () => {
    const result = await mutate(CREATE, {
      name: '',
      kind: 'MAINTENANCE',
      configuration: { fuelType: 'f'.repeat(41), settings: [{ name: 'x', value: '1' }, { name: 'x', value: '2' }] },
    });
    expect(result.fieldErrors.map((e: Json) => e.field).sort()).toEqual(['configuration.fuelType', 'configuration.settings', 'name']);
  });
});

describe('template names', () => {
  it('are unique per principal in any case, and freed by deleting', async () => {
    const name = unique('Winter check');
    const first = await create({ name });
    const before = await templateCount();
    const taken = await mutate(CREATE, { name: name.toUpperCase(), kind: 'MAINTENANCE' });
    expect(taken).toMatchObject({ __typename: 'ValidationError', field: 'name', message: expect.stringContaining('already exists') });
    expect(await templateCount()).toBe(before);

    // another principal may use the same name
    await create({ name }, tokens.adminB);

    const deleted = await mutate(DELETE, { id: first.id });
    expect(deleted.jobTemplate.archivedAt).not.toBeNull();
    const second = await create({ name: name.toLowerCase() });
    expect(second.name).toBe(name.toLowerCase());

    // the deleted one cannot come back while its name is taken
    const restore = await mutate(RESTORE, { id: first.id });
    expect(restore).toMatchObject({ __typename: 'ValidationError', field: 'id' });
    expect((await app.systemEm().findOneOrFail(JobTemplate, first.id)).archivedAt).not.toBeNull();
    await mutate(DELETE, { id: second.id });
    expect((await mutate(RESTORE, { id: first.id })).jobTemplate.archivedAt).toBeNull();
  });

  it('refuses renaming onto another template\'s name, but allows changing the case of its own', async () => {
    const a = await create();
    const b = await create();
    const refused = await mutate(UPDATE, { id: b.id, name: a.name.toLowerCase(), kind: 'INSTALLATION' });
    expect(refused).toMatchObject({ __typename: 'ValidationError', field: 'name' });
    expect((await app.systemEm().findOneOrFail(JobTemplate, b.id)).name).toBe(b.name);
    const recased = await mutate(UPDATE, { id: b.id, name: b.name.toUpperCase(), kind: 'INSTALLATION' });
    expect(recased.jobTemplate.name).toBe(b.name.toUpperCase());
  });

  it('lets exactly one of two simultaneous creations with one name win (the unique index answers like the check)', async () => {
    const name = unique('Race');
    const results = await Promise.all([1, 2, 3].map(() => mutate(CREATE, { name, kind: 'INSTALLATION' })));
    expect(results.map((r) => r.__typename).sort()).toEqual(['JobTemplateSuccess', 'ValidationError', 'ValidationError']);
    for (const r of results.filter((r) => r.__typename === 'ValidationError')) expect(r.field).toBe('name');
    expect(await app.systemEm().count(JobTemplate, { name })).toBe(1);
  });
});

describe('updateJobTemplate', () => {
  it('replaces the configuration given (a setting left out of it is gone), clears the default partner given as null, and the audit names the changes', async () => {
    const template = await create({
      kind: 'INSTALLATION',
      title: 'Old',
      configuration: { firmware: '1.0', settings: [{ name: 'a', value: '1' }, { name: 'b', value: '2' }] },
      defaultServicePartnerId: service.id,
    });
    const result = await mutate(UPDATE, {
      id: template.id,
      name: template.name,
      kind: 'MAINTENANCE',
      title: 'New',
      configuration: { firmware: '1.1', settings: [{ name: 'b', value: '3' }] },
      defaultServicePartnerId: null,
    });
    expect(result.jobTemplate).toMatchObject({
      kind: 'MAINTENANCE',
      title: 'New',
      defaultServicePartner: null,
      configuration: { firmware: '1.1', settings: [{ name: 'b', value: '3' }] },
    });
    const stored = await app.systemEm().findOneOrFail(JobTemplate, template.id);
    expect(stored.configuration.settings).toEqual({ b: '3' });
    const [event] = await app.systemEm().find(AuditEvent, { objectType: 'JobTemplate', objectId: template.id, action: 'jobTemplate.updated' });
    expect(Object.keys(event?.changes ?? {}).sort()).toEqual(['configuration', 'defaultServicePartner', 'kind', 'title']);
  });

  it('refuses a bad configuration and changes nothing', async () => {
    const template = await create({ configuration: { firmware: '1.0' } });
    const result = await mutate(UPDATE, { id: template.id, name: template.name, kind: 'INSTALLATION', configuration: { settings: [{ name: 'x y', value: '1' }] } });
    expect(result).toMatchObject({ __typename: 'ValidationError', field: 'configuration.settings' });
    expect((await app.systemEm().findOneOrFail(JobTemplate, template.id)).configuration.firmware).toBe('1.0');
  });
});

describe('default service partner', () => {
  it.each([
    ['a dealer', () => dealer.id, 'ValidationError', 'service partner'],
    ['a service partner that has not accepted', () => pendingService.id, 'ValidationError', 'accepted'],
    ['an archived service partner', () => archivedService.id, 'ValidationError', 'archived'],
    ['another principal\'s service partner', () => serviceOfB.id, 'NotFoundError', 'No partner'],
    ['a missing partner', () => uuidv7(), 'NotFoundError', 'No partner'],
    ['a malformed id', () => 'nope', 'NotFoundError', 'No partner'],
  ])('refuses %s on defaultServicePartnerId and creates nothing', async (_label, id, typename, message) => {
    const before = await templateCount();
    const result = await mutate(CREATE, { name: unique('Partnered'), kind: 'INSTALLATION', defaultServicePartnerId: id() });
    expect(result).toMatchObject({ __typename: typename, field: 'defaultServicePartnerId', message: expect.stringContaining(message) });
    expect(await templateCount()).toBe(before);
  });

  it('refuses the same on update and leaves the template as it was', async () => {
    const template = await create({ defaultServicePartnerId: service.id });
    const result = await mutate(UPDATE, { id: template.id, name: template.name, kind: 'INSTALLATION', defaultServicePartnerId: dealer.id });
    expect(result).toMatchObject({ __typename: 'ValidationError', field: 'defaultServicePartnerId' });
    const stored = await app.systemEm().findOneOrFail(JobTemplate, template.id);
    expect(stored.defaultServicePartner?.id).toBe(service.id);
  });
});

describe('duplicateJobTemplate', () => {
  it('copies everything under "(copy)", then "(copy 2)", or under a given name', async () => {
    const source = await create({
      kind: 'MAINTENANCE',
      title: 'Annual',
      instructions: 'Check the wiring.',
      configuration: { deviceModel: 'TX-9', settings: [{ name: 'interval', value: '12m' }] },
      defaultServicePartnerId: service.id,
    });
    const first = (await mutate(DUPLICATE, { id: source.id })).jobTemplate;
    const second = (await mutate(DUPLICATE, { id: source.id })).jobTemplate;
    expect(first.name).toBe(`${source.name} (copy)`);
    expect(second.name).toBe(`${source.name} (copy 2)`);
    const strip = ({ id: _id, name: _name, createdAt: _c, updatedAt: _u, ...rest }: Json) => rest;
    expect(strip(first)).toEqual(strip(source));
    expect(first.id).not.toBe(source.id);

    const named = await mutate(DUPLICATE, { id: source.id, name: unique('Named copy') });
    expect(named.__typename).toBe('JobTemplateSuccess');
    const before = await templateCount();
    const taken = await mutate(DUPLICATE, { id: source.id, name: first.name.toUpperCase() });
    expect(taken).toMatchObject({ __typename: 'ValidationError', field: 'name' });
    expect(await templateCount()).toBe(before);

    const audit = await app.systemEm().find(AuditEvent, { objectType: 'JobTemplate', objectId: first.id });
    expect(audit.map((a) => a.action)).toEqual(['jobTemplate.duplicated']);
    expect(audit[0]?.changes).toMatchObject({ duplicatedFrom: { from: null, to: source.id } });
  });

  it('reuses a copy name freed by deleting that copy', async () => {
    const source = await create();
    const copy = (await mutate(DUPLICATE, { id: source.id })).jobTemplate;
    await mutate(DELETE, { id: copy.id });
    expect((await mutate(DUPLICATE, { id: source.id })).jobTemplate.name).toBe(`${source.name} (copy)`);
  });
});

describe('deleteJobTemplate and restoreJobTemplate', () => {
  it('archive and restore, hide deleted templates from the default list, and refuse doing either twice', async () => {
    const template = await create();
    const ids = async (filter: Json) => {
      const { data } = await app.gql(LIST, { first: 200, filter: { search: template.name, ...filter } }, { sessionToken: tokens.viewerA });
      return data?.jobTemplates.edges.map((e: Json) => e.node.id);
    };
    expect(await ids({})).toEqual([template.id]);
    await mutate(DELETE, { id: template.id });
    expect(await ids({})).toEqual([]);
    expect(await ids({ archived: true })).toEqual([template.id]);
    expect(await mutate(DELETE, { id: template.id })).toMatchObject({ __typename: 'ValidationError', field: 'id' });
    await mutate(RESTORE, { id: template.id });
    expect(await ids({})).toEqual([template.id]);
    expect(await mutate(RESTORE, { id: template.id })).toMatchObject({ __typename: 'ValidationError', field: 'id' });
    const audit = await app.systemEm().find(AuditEvent, { objectType: 'JobTemplate', objectId: template.id }, { orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual(['jobTemplate.created', 'jobTemplate.deleted', 'jobTemplate.restored']);
  });
});

describe('jobTemplates', () => {
  it('pages through every template once, in both orders, filtered by name part and kind', async () => {
    const stem = unique('Paging');
    const made: Json[] = [];
    for (const [i, kind] of ['INSTALLATION', 'MAINTENANCE', 'INSTALLATION', 'INSTALLATION', 'MAINTENANCE', 'INSTALLATION', 'INSTALLATION'].entries()) {
      made.push(await create({ name: `${stem} ${String.fromCharCode(71 - i)}`, kind }));
    }
    const walk = async (orderBy: Json, filter: Json = {}) => {
      const seen: string[] = [];
      let after: string | null = null;
      for (let guard = 0; guard < 10; guard += 1) {
        const { data, errors } = await app.gql(LIST, { first: 3, after, orderBy, filter: { search: stem.toUpperCase(), ...filter } }, { sessionToken: tokens.managerA });
        expect(errors).toBeUndefined();
        const page = data?.jobTemplates;
        seen.push(...page.edges.map((e: Json) => e.node.name));
        if (!page.pageInfo.hasNextPage) return { seen, total: page.totalCount };
        after = page.pageInfo.endCursor;
      }
      throw new Error('paging did not end');
    };
    const byName = made.map((t) => t.name).sort();
    expect(await walk({ field: 'NAME', direction: 'ASC' })).toEqual({ seen: byName, total: 7 });
    expect((await walk({ field: 'NAME', direction: 'DESC' })).seen).toEqual([...byName].reverse());
    expect((await walk({ field: 'CREATED_AT', direction: 'DESC' })).seen).toEqual(made.map((t) => t.name).reverse());
    expect((await walk({ field: 'CREATED_AT', direction: 'ASC' })).seen).toEqual(made.map((t) => t.name));
    const maintenance = await walk({ field: 'NAME', direction: 'ASC' }, { kind: 'MAINTENANCE' });
    expect(maintenance).toEqual({ seen: made.filter((t) => t.kind === 'MAINTENANCE').map((t) => t.name).sort(), total: 2 });
  });

  it('treats % and _ in the search as plain characters', async () => {
    const t = await create({ name: unique('100%_sure') });
    await create({ name: unique('100 percent') });
    const { data } = await app.gql(LIST, { first: 50, filter: { search: '100%_' } }, { sessionToken: tokens.managerA });
    expect(data?.jobTemplates.edges.map((e: Json) => e.node.id)).toEqual([t.id]);
  });

  it('reads the default service partners of a page of 10 and of 50 in the same number of statements', async () => {
    const em = app.systemEm();
    const partners = Array.from({ length: 5 }, () => makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' }));
    const seed = (stem: string, n: number) => {
      for (let i = 0; i < n; i += 1) {
        em.persist(em.create(JobTemplate, { principal: world.principalA, name: `${stem} ${i}`, kind: 'INSTALLATION', configuration: { settings: {} }, defaultServicePartner: partners[i % 5] }));
      }
    };
    const small = unique('Count small');
    const large = unique('Count large');
    seed(small, 10);
    seed(large, 50);
    await em.flush();
    const run = (search: string) => async () => {
      const { data, errors } = await app.gql(LIST, { first: 50, filter: { search } }, { sessionToken: tokens.managerA });
      expect(errors).toBeUndefined();
      const nodes = data?.jobTemplates.edges.map((e: Json) => e.node);
      expect(nodes.every((n: Json) => n.defaultServicePartner?.organization?.name)).toBe(true);
      return nodes.length;
    };
    const sizes: number[] = [];
    const statements = [
      await app.countStatements(async () => sizes.push(await run(small)())),
      await app.countStatements(async () => sizes.push(await run(large)())),
    ];
    expect(sizes).toEqual([10, 50]);
    expect(statements[1]).toBe(statements[0]);
  });
});

describe('findTemplatesByName', () => {
  it('finds the principal\'s active templates by name in any case, in one statement', async () => {
    const a = await create({ name: unique('Import A') });
    const b = await create({ name: unique('Import B') });
    const gone = await create({ name: unique('Import gone') });
    await mutate(DELETE, { id: gone.id });
    const ofB = await create({ name: unique('Import of B') }, tokens.adminB);
    const em = app.systemEm();
    let found = new Map<string, JobTemplate>();
    const statements = await app.countStatements(async () => {
      found = await findTemplatesByName(em, world.principalA.id, [a.name.toUpperCase(), ` ${b.name.toLowerCase()} `, gone.name, ofB.name, 'nothing like it', '']);
    });
    expect(statements).toBe(1);
    expect([...found.keys()].sort()).toEqual([a.name.toLowerCase(), b.name.toLowerCase()].sort());
    expect(found.get(a.name.toLowerCase())?.id).toBe(a.id);
    expect(await app.countStatements(() => findTemplatesByName(em, world.principalA.id, []))).toBe(0);
  });
});

describe('authorization', () => {
  it('lets the principal viewer read templates but not change them', async () => {
    const template = await create();
    const one = await app.gql(ONE, { id: template.id }, { sessionToken: tokens.viewerA });
    expect(one.data?.jobTemplate.id).toBe(template.id);
    const before = await templateCount();
    for (const [query, input] of [
      [CREATE, { name: unique('Viewer'), kind: 'INSTALLATION' }],
      [UPDATE, { id: template.id, name: 'Changed', kind: 'INSTALLATION' }],
      [DUPLICATE, { id: template.id }],
      [DELETE, { id: template.id }],
    ] as const) {
      const { errors } = await app.gql(query, { input }, { sessionToken: tokens.viewerA });
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    expect(await templateCount()).toBe(before);
    expect((await app.systemEm().findOneOrFail(JobTemplate, template.id)).name).toBe(template.name);
  });

  it.each(['dealerAdmin', 'technician'] as const)('shows a partner\'s %s no template, answering an existing id exactly like a missing one', async (who) => {
    const template = await create({ defaultServicePartnerId: service.id });
    // partners hold jobs:read (for the jobs assigned to them); templates stay the principal's own
    const list = await app.gql(LIST, { first: 200 }, { sessionToken: tokens[who] });
    expect(list.errors).toBeUndefined();
    expect(list.data?.jobTemplates).toMatchObject({ totalCount: 0, edges: [] });
    const existing = await app.gql(ONE, { id: template.id }, { sessionToken: tokens[who] });
    const missing = await app.gql(ONE, { id: uuidv7() }, { sessionToken: tokens[who] });
    expect(existing.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_FOUND' });
    expect(existing.errors?.map((e) => [e.extensions, e.message])).toEqual(missing.errors?.map((e) => [e.extensions, e.message]));
    for (const [query, input] of [
      [CREATE, { name: unique('Partner made'), kind: 'INSTALLATION' }],
      [UPDATE, { id: template.id, name: 'Taken over', kind: 'INSTALLATION' }],
      [DUPLICATE, { id: template.id }],
      [DELETE, { id: template.id }],
    ] as const) {
      const { errors } = await app.gql(query, { input }, { sessionToken: tokens[who] });
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const stored = await app.systemEm().findOneOrFail(JobTemplate, template.id);
    expect({ name: stored.name, archivedAt: stored.archivedAt }).toEqual({ name: template.name, archivedAt: null });
  });

  it('hides every template from another principal\'s admin exactly like a missing id, and lets it change none', async () => {
    const template = await create({ defaultServicePartnerId: service.id });
    const list = await app.gql(LIST, { first: 200, filter: { search: template.name } }, { sessionToken: tokens.adminB });
    expect(list.data?.jobTemplates).toMatchObject({ totalCount: 0, edges: [] });
    const existing = await app.gql(ONE, { id: template.id }, { sessionToken: tokens.adminB });
    const missing = await app.gql(ONE, { id: uuidv7() }, { sessionToken: tokens.adminB });
    expect(existing.errors?.map((e) => [e.extensions, e.message])).toEqual(missing.errors?.map((e) => [e.extensions, e.message]));
    expect(existing.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_FOUND' });
    for (const [query, input] of [
      [UPDATE, { id: template.id, name: 'Taken over', kind: 'INSTALLATION' }],
      [DUPLICATE, { id: template.id }],
      [DELETE, { id: template.id }],
      [RESTORE, { id: template.id }],
    ] as const) {
      const result = await mutate(query, input, tokens.adminB);
      expect(result).toMatchObject({ __typename: 'NotFoundError', field: 'id' });
      expect(result).toEqual(await mutate(query, { ...input, id: uuidv7() }, tokens.adminB));
    }
    const stored = await app.systemEm().findOneOrFail(JobTemplate, template.id);
    expect({ name: stored.name, archivedAt: stored.archivedAt }).toEqual({ name: template.name, archivedAt: null });
    expect(await app.systemEm().count(JobTemplate, { principal: world.principalB, name: { $like: `${template.name}%` } })).toBe(0);
  });
});
