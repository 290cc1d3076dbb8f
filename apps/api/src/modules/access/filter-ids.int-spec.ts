import { v7 as uuidv7 } from 'uuid';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { SCOPE_ROLES, buildScopeWorld } from '../../testing/scope-world.js';
import type { ScopeRole, ScopeWorld } from '../../testing/scope-world.js';
import type { FilterIdKind } from './filter-ids.js';

/**
 * Filters reveal nothing an id hides (issue 15, leak 5): for every role, every id-valued filter
 * field of every list and export, and every object of the world of that field's kind, an id the
 * role cannot open (its by-id query answers not found or forbidden) filters exactly like a random
 * id — the same answer, byte for byte. (AuditEventFilter's objectId and actorUserId only narrow the
 * viewer's own organization's log, whose rows show both; they name nothing else.)
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

interface Listing {
  name: string;
  fields: Record<string, FilterIdKind>;
  run: (role: ScopeRole, filter: Record<string, string>) => Promise<string>;
}

const graphql = (query: string, type: string, field: string) => async (role: ScopeRole, filter: Record<string, string>) => {
  const { data, errors } = await w.gql(role, `query($filter: ${type}) { ${query} }`, { filter });
  return JSON.stringify({ data: data?.[field] ?? null, errors });
};
const page = (field: string) => `${field}(first: 50, filter: $filter) { totalCount edges { node { id } } }`;

const LISTINGS: Listing[] = [
  { name: 'partners', fields: { parentId: 'partner', importBatchId: 'importBatch' }, run: graphql(page('partners'), 'PartnerFilter', 'partners') },
  { name: 'partnersCsv', fields: { parentId: 'partner', importBatchId: 'importBatch' }, run: graphql('partnersCsv(filter: $filter)', 'PartnerFilter', 'partnersCsv') },
  { name: 'vehicles', fields: { partnerId: 'partner', ownerId: 'owner', importBatchId: 'importBatch' }, run: graphql(page('vehicles'), 'VehicleFilter', 'vehicles') },
  { name: 'vehiclesCsv', fields: { partnerId: 'partner', ownerId: 'owner', importBatchId: 'importBatch' }, run: graphql('vehiclesCsv(filter: $filter)', 'VehicleFilter', 'vehiclesCsv') },
  { name: 'owners', fields: { vehicleId: 'vehicle' }, run: graphql(page('owners'), 'OwnerFilter', 'owners') },
  { name: 'ownersCsv', fields: { vehicleId: 'vehicle' }, run: graphql('ownersCsv(filter: $filter)', 'OwnerFilter', 'ownersCsv') },
  { name: 'jobs', fields: { servicePartnerId: 'partner', vehicleId: 'vehicle', importBatchId: 'importBatch' }, run: graphql(page('jobs'), 'JobFilter', 'jobs') },
  {
    name: 'GET /exports/jobs.csv',
    fields: { servicePartnerId: 'partner', vehicleId: 'vehicle', importBatchId: 'importBatch' },
    run: async (role, filter) => JSON.stringify(await w.jobsCsv(role, filter)),
  },
];

/** Every object of the world of each kind. */
const candidates = (kind: FilterIdKind): [string, string][] => {
  const of = (objects: Record<string, { id: string }>) => Object.entries(objects).map(([name, o]) => [name, o.id] as [string, string]);
  return { partner: of(w.partners), vehicle: of(w.vehicles), owner: of(w.owners), importBatch: of(w.batches) }[kind];
};

/** Whether `role` can open the object through its own query (an import batch: the importBatches list). */
async function opens(role: ScopeRole, kind: FilterIdKind, id: string): Promise<boolean> {
  if (kind === 'importBatch') {
    const { data } = await w.gql(role, '{ importBatches(first: 100) { edges { node { id } } } }');
    return (data?.['importBatches']?.edges ?? []).some((e: { node: { id: string } }) => e.node.id === id);
  }
  const { data } = await w.gql(role, `query($id: ID!) { ${kind}(id: $id) { id } }`, { id });
  return Boolean(data?.[kind]);
}

describe.each(SCOPE_ROLES)('id filters as %s', (role) => {
  it.each(LISTINGS.map((l) => [l.name, l] as const))('%s: an id the role cannot open filters exactly like a random id', async (_name, listing) => {
    const checked: string[] = [];
    for (const [field, kind] of Object.entries(listing.fields)) {
      const random = await listing.run(role, { [field]: uuidv7() });
      for (const [name, id] of candidates(kind)) {
        if (await opens(role, kind, id)) continue;
        checked.push(`${field}=${name}`);
        expect(await listing.run(role, { [field]: id }), `${role}: ${listing.name}(filter: { ${field}: ${name} })`).toBe(random);
      }
    }
    // every role is refused some object of the world
    expect(checked.length).toBeGreaterThan(0);
  });
});

describe('id filters that the viewer may open', () => {
  it('still filter: the principal\'s and a partner\'s own views', async () => {
    const ids = (json: string) => (JSON.parse(json).data?.edges ?? []).map((e: { node: { id: string } }) => e.node.id);
    const byName = LISTINGS.reduce<Record<string, Listing>>((all, l) => ({ ...all, [l.name]: l }), {});
    expect(ids(await byName['partners']!.run('principalAdmin', { parentId: w.partners.D.id }))).toEqual([w.partners.D1.id]);
    expect(ids(await byName['partners']!.run('dealerAdmin', { parentId: w.partners.D.id }))).toEqual([w.partners.D1.id]);
    expect(ids(await byName['vehicles']!.run('principalViewer', { importBatchId: w.batches.batchA.id })).sort()).toEqual([w.vehicles.vD.id, w.vehicles.vS.id, w.vehicles.vGrant.id, w.vehicles.vFree.id].sort());
    expect(ids(await byName['vehicles']!.run('dealerStaff', { ownerId: w.owners['oShared']!.id }))).toEqual([w.vehicles.vD.id]);
    expect(ids(await byName['owners']!.run('dealerAdmin', { vehicleId: w.vehicles.vD1.id }))).toEqual([w.owners['oD1']!.id]);
    expect(ids(await byName['jobs']!.run('technician', { vehicleId: w.vehicles.vGrant.id }))).toEqual([w.jobs.jGrant.id]);
    expect(ids(await byName['jobs']!.run('principalManager', { servicePartnerId: w.partners.SP.id })).sort()).toEqual([w.jobs.jGrant.id, w.jobs.jEnded.id].sort());
  });

  it('a value that is not an id is a validation error on its field', async () => {
    const { errors } = await w.gql('principalAdmin', 'query($filter: VehicleFilter) { vehicles(first: 1, filter: $filter) { totalCount } }', { filter: { ownerId: 'nope' } });
    expect(errors?.[0]?.extensions).toMatchObject({ field: 'filter.ownerId' });
  });
});
