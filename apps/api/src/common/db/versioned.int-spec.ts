import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeOwner } from '../../modules/owner/owner.factory.js';
import { makeVehicle } from '../../modules/vehicle/vehicle.factory.js';

/**
 * Optimistic concurrency on every editable object (issue 16.5): an update sent from an old read is
 * refused with VersionConflictError and writes nothing; of many updates sent at once from one read
 * exactly one is written; an update from the current read is written and bumps the version.
 */

const CONFLICT = '... on VersionConflictError { code message field currentVersion changedAt }';
const ERR = `... on ErrorResult { code field message } ${CONFLICT}`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let admin: string;

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  admin = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

interface Kind {
  name: string;
  /** makes a fresh object, returns its id */
  make: () => Promise<string>;
  read: string;
  pick: (data: Record<string, unknown>) => Record<string, unknown> & { version: number };
  update: string;
  field: string;
  /** the i-th edit: changes one field (a different one where the object has enough) */
  edit: (i: number, read: Record<string, unknown>) => { input: Record<string, unknown>; check: [string, unknown] };
}

const kinds: Kind[] = [
  {
    name: 'partner',
    make: () => freshPartner(),
    read: 'query($id: ID!) { partner(id: $id) { version organization { name legalForm address email phone region iin kpp accountingCode } } }',
    pick: (d) => {
      const p = d['partner'] as { version: number; organization: Record<string, unknown> };
      return { ...p.organization, version: p.version };
    },
    update: `mutation($input: UpdatePartnerProfileInput!) { updatePartnerProfile(input: $input) { __typename ... on PartnerSuccess { partner { version } } ${ERR} } }`,
    field: 'updatePartnerProfile',
    edit: (i) => {
      const edits: [string, string][] = [
        ['legalForm', 'LLP'],
        ['address', `Street ${i}`],
        ['email', `edit${i}@partners.example`],
        ['phone', `+7 700 000 00 ${String(i).padStart(2, '0')}`],
        ['region', `Region ${i}`],
        ['legalForm', `JSC ${i}`],
        ['email', `other${i}@partners.example`],
        ['accountingCode', `AC-${i}`],
        ['address', `Avenue ${i}`],
        ['region', `Area ${i}`],
      ];
      const [key, value] = edits[i % edits.length] as [string, string];
      return { input: { profile: { name: 'Versioned Partner', [key]: value } }, check: [key, value] };
    },
  },
  {
    name: 'vehicle',
    make: async () => {
      const em = app.systemEm();
      const v = makeVehicle(em, world.principalA);
      await em.flush();
      return v.id;
    },
    read: 'query($id: ID!) { vehicle(id: $id) { version make model year plate deviceSerial deviceModel firmware } }',
    pick: (d) => d['vehicle'] as Record<string, unknown> & { version: number },
    update: `mutation($input: UpdateVehicleInput!) { updateVehicle(input: $input) { __typename ... on VehicleSuccess { vehicle { version } } ${ERR} } }`,
    field: 'updateVehicle',
    edit: (i) => {
      const edits: [string, unknown][] = [
        ['plate', `PL ${i}`],
        ['deviceSerial', `SN-${i}`],
        ['deviceModel', `Model ${i}`],
        ['firmware', `1.0.${i}`],
        ['year', 2000 + i],
      ];
      const [key, value] = edits[i % edits.length] as [string, unknown];
      return { input: { make: 'Aurora', model: 'Orion', [key]: value }, check: [key, value] };
    },
  },
  {
    name: 'owner',
    make: async () => {
      const em = app.systemEm();
      const o = makeOwner(em, world.principalA);
      await em.flush();
      return o.id;
    },
    read: 'query($id: ID!) { owner(id: $id) { version email name phone } }',
    pick: (d) => d['owner'] as Record<string, unknown> & { version: number },
    update: `mutation($input: UpdateOwnerInput!) { updateOwner(input: $input) { __typename ... on OwnerSuccess { owner { version } } ${ERR} } }`,
    field: 'updateOwner',
    edit: (i, read) => {
      const edits: [string, string][] = [
        ['name', `Owner ${i}`],
        ['phone', `+7 701 000 00 ${String(i).padStart(2, '0')}`],
      ];
      const [key, value] = edits[i % edits.length] as [string, string];
      return { input: { email: read['email'], [key]: value }, check: [key, value] };
    },
  },
  {
    name: 'job',
    make: async () => {
      const em = app.systemEm();
      const v = makeVehicle(em, world.principalA);
      await em.flush();
      const { data, errors } = await app.gql(
        'mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id } } } }',
        { input: { kind: 'INSTALLATION', vehicleId: v.id, configuration: { firmware: '5.0.2' } } },
        { sessionToken: admin },
      );
      expect(errors).toBeUndefined();
      return data?.['createJob'].job.id as string;
    },
    read: 'query($id: ID!) { job(id: $id) { version title description instructions scheduledFor } }',
    pick: (d) => d['job'] as Record<string, unknown> & { version: number },
    update: `mutation($input: UpdateJobInput!) { updateJob(input: $input) { __typename ... on JobSuccess { job { version } } ${ERR} } }`,
    field: 'updateJob',
    edit: (i) => {
      const edits: [string, string][] = [
        ['title', `Title ${i}`],
        ['description', `Description ${i}`],
        ['instructions', `Instructions ${i}`],
        ['scheduledFor', `2031-01-${String(i + 1).padStart(2, '0')}`],
      ];
      const [key, value] = edits[i % edits.length] as [string, string];
      return { input: { [key]: value }, check: [key, value] };
    },
  },
];

async function freshPartner(): Promise<string> {
  const { data, errors } = await app.gql(
    'mutation($input: CreatePartnerInput!) { createPartner(input: $input) { __typename ... on PartnerSuccess { partner { id } } ... on ErrorResult { message } } }',
    { input: { role: 'DEALER', profile: { name: 'Versioned Partner' } } },
    { sessionToken: admin },
  );
  expect(errors).toBeUndefined();
  expect(data?.['createPartner'].__typename, JSON.stringify(data)).toBe('PartnerSuccess');
  return data?.['createPartner'].partner.id as string;
}

describe.each(kinds)('optimistic concurrency: $name', (kind) => {
  const read = async (id: string) => {
    const { data, errors } = await app.gql(kind.read, { id }, { sessionToken: admin });
    expect(errors).toBeUndefined();
    return kind.pick(data ?? {});
  };
  const update = async (id: string, input: Record<string, unknown>) => {
    const { data, errors } = await app.gql(kind.update, { input: { id, ...input } }, { sessionToken: admin });
    expect(errors).toBeUndefined();
    return data?.[kind.field] as { __typename: string; code?: string; currentVersion?: number; message?: string; field?: string };
  };

  it('writes an update from the current version and bumps the version', async () => {
    const id = await kind.make();
    const before = await read(id);
    const { input, check } = kind.edit(1, before);
    const result = await update(id, { ...input, expectedVersion: before.version });
    expect(result.__typename).not.toMatch(/Error$/);
    const after = await read(id);
    expect(after.version).toBe(before.version + 1);
    expect(after[check[0]]).toEqual(check[1]);
  });

  it('refuses the second of two saves from the same read, and keeps the first', async () => {
    const id = await kind.make();
    const before = await read(id);
    const first = kind.edit(1, before);
    const second = kind.edit(2, before);
    expect((await update(id, { ...first.input, expectedVersion: before.version })).__typename).not.toMatch(/Error$/);
    const refused = await update(id, { ...second.input, expectedVersion: before.version });
    expect(refused).toMatchObject({ __typename: 'VersionConflictError', code: 'VERSION_CONFLICT', field: 'expectedVersion', currentVersion: before.version + 1 });
    expect(refused.message).toContain(`Someone else changed this ${kind.name}`);
    const after = await read(id);
    expect(after.version).toBe(before.version + 1);
    expect(after[first.check[0]]).toEqual(first.check[1]);
    if (second.check[0] !== first.check[0]) expect(after[second.check[0]]).toEqual(before[second.check[0]]);
  });

  it('of ten updates sent at once from the same read, writes exactly one and refuses the others', async () => {
    const id = await kind.make();
    const before = await read(id);
    const edits = Array.from({ length: 10 }, (_, i) => kind.edit(i, before));
    const results = await Promise.all(edits.map((e) => update(id, { ...e.input, expectedVersion: before.version })));
    const won = results.flatMap((r, i) => (r.__typename.endsWith('Error') ? [] : [i]));
    expect(won, JSON.stringify(results)).toHaveLength(1);
    const lost = results.filter((r) => r.__typename.endsWith('Error'));
    expect(lost).toHaveLength(9);
    for (const r of lost) expect(r).toMatchObject({ __typename: 'VersionConflictError', code: 'VERSION_CONFLICT', currentVersion: before.version + 1 });
    // nothing silently overwritten: the object holds the winner's change, on top of the read
    const after = await read(id);
    expect(after.version).toBe(before.version + 1);
    const winner = edits[won[0] ?? -1];
    expect(winner && after[winner.check[0]]).toEqual(winner?.check[1]);
  });

  it('without expectedVersion, the last write wins (and still bumps the version)', async () => {
    const id = await kind.make();
    const before = await read(id);
    await update(id, kind.edit(1, before).input);
    const last = kind.edit(2, before);
    expect((await update(id, last.input)).__typename).not.toMatch(/Error$/);
    const after = await read(id);
    expect(after.version).toBe(before.version + 2);
    expect(after[last.check[0]]).toEqual(last.check[1]);
  });
});
