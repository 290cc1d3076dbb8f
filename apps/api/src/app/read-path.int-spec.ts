import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';
import { Job } from '../modules/job/job.entity.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { makePartner } from '../modules/partner/partner.factory.js';
import { giveOwnerAccess, makeOwner } from '../modules/owner/owner.factory.js';
import { assignVehicle, makeVehicle } from '../modules/vehicle/vehicle.factory.js';
import type { Vehicle } from '../modules/vehicle/vehicle.entity.js';

/**
 * The read path's budget (issue 12): each of the three page shapes the HTTP bench serves answers in
 * at most 3 SQL statements, as many for 50 rows as for 5, for principal staff and for a partner.
 * (Authentication is one more statement per request, before the page: counted apart.)
 */

const PARTNERS = `query($first: Int!, $filter: PartnerFilter) { partners(first: $first, filter: $filter, orderBy: { field: NAME, direction: ASC }) {
  pageInfo { hasNextPage endCursor }
  edges { node { id partnerId name role status parent { id name } subPartnerCount vehicleCount } } } }`;
const JOBS = `query($first: Int!, $filter: JobFilter) { jobs(first: $first, filter: $filter, orderBy: { field: CREATED_AT, direction: DESC }) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id kind status title scheduledFor attempt createdAt vehicle { id vin } servicePartner { id partnerId name } } } } }`;
const VEHICLE = `query($id: ID!) { vehicle(id: $id) { id vin make model year plate deviceSerial
  owners { id kind owner { id email name } }
  assignments { id assignedAt partner { id partnerId name } } } }`;
const PING = `{ __typename }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: string;
let dealerAdmin: string;
let technician: string;
let parent: Partner;
let vehicle: Vehicle;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  const dealer = await em.findOneOrFail(Partner, { organization: world.dealer });
  const service = await em.findOneOrFail(Partner, { organization: world.service });
  parent = makePartner(em, world.principalA, { parent: dealer, profile: { name: 'Read parent' } });
  for (let i = 0; i < 60; i++) {
    const partner = makePartner(em, world.principalA, { parent, profile: { name: `Read ${String(i).padStart(2, '0')}` } });
    makePartner(em, world.principalA, { parent: partner, profile: { name: `Read ${String(i).padStart(2, '0')} sub` } });
    assignVehicle(em, makeVehicle(em, world.principalA), partner);
  }
  for (let i = 0; i < 60; i++) {
    const v = makeVehicle(em, world.principalA);
    em.persist(em.create(Job, { principal: world.principalA, kind: 'INSTALLATION', vehicle: v, configuration: { settings: {} }, status: 'ASSIGNED', servicePartner: service, title: `Job ${i}` }));
  }
  vehicle = makeVehicle(em, world.principalA);
  for (let i = 0; i < 3; i++) giveOwnerAccess(em, makeOwner(em, world.principalA), vehicle, i === 0 ? 'OWNER' : 'USER');
  assignVehicle(em, vehicle, dealer, { assignedAt: new Date(Date.now() - 86_400_000), unassignedAt: new Date(Date.now() - 3_600_000) });
  assignVehicle(em, vehicle, parent);
  await em.flush();
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
  dealerAdmin = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
  technician = await app.signIn(world.users.technician.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

/** The statements of one request beyond those of a request that reads nothing (authentication). */
async function pageStatements(query: string, variables: Record<string, unknown>, token: string, rows?: (data: Record<string, unknown>) => number): Promise<string[]> {
  const base = await app.captureStatements(() => app.gql(PING, {}, { sessionToken: token }));
  const all = await app.captureStatements(async () => {
    const { data, errors } = await app.gql(query, variables, { sessionToken: token });
    expect(errors).toBeUndefined();
    if (rows) expect(rows(data as Record<string, unknown>)).toBe(variables['first']);
  });
  return all.slice(base.length);
}

const edgesOf = (field: string) => (data: Record<string, unknown>) => (data[field] as { edges: unknown[] }).edges.length;

describe('the three page shapes of the read path', () => {
  it('a partners page by name with parent name and counts: at most 3 statements, flat from 5 to 50 rows', async () => {
    for (const token of [adminA, dealerAdmin]) {
      const vars = (first: number) => ({ first, filter: { search: 'Read' } });
      const small = await pageStatements(PARTNERS, vars(5), token, edgesOf('partners'));
      const large = await pageStatements(PARTNERS, vars(50), token, edgesOf('partners'));
      expect(large.length, large.join('\n')).toBe(small.length);
      expect(large.length, large.join('\n')).toBeLessThanOrEqual(3);
    }
  });

  it('a jobs page of one status and kind with VIN and service partner: at most 3 statements, flat from 5 to 50 rows', async () => {
    for (const token of [adminA, technician]) {
      const vars = (first: number) => ({ first, filter: { kind: 'INSTALLATION', status: 'ASSIGNED' } });
      const small = await pageStatements(JOBS, vars(5), token, edgesOf('jobs'));
      const large = await pageStatements(JOBS, vars(50), token, edgesOf('jobs'));
      expect(large.length, large.join('\n')).toBe(small.length);
      expect(large.length, large.join('\n')).toBeLessThanOrEqual(3);
    }
  });

  it('lists a job without a service partner (the partner read along is a left join), for principal staff only', async () => {
    const em = app.systemEm();
    const pending = em.create(Job, { principal: world.principalA, kind: 'MAINTENANCE', vehicle: makeVehicle(em, world.principalA), configuration: { settings: {} }, title: 'Unassigned read' });
    await em.flush();
    const vars = { first: 50, filter: { kind: 'MAINTENANCE', status: 'PENDING' } };
    const mine = await app.gql(JOBS, vars, { sessionToken: adminA });
    expect(mine.data?.jobs.edges.map((e: { node: unknown }) => e.node)).toEqual([expect.objectContaining({ id: pending.id, servicePartner: null, vehicle: expect.objectContaining({ vin: expect.any(String) }) })]);
    const partner = await app.gql(JOBS, vars, { sessionToken: technician });
    expect(partner.data?.jobs.edges).toEqual([]);
  });

  it('one vehicle with its owners and assignments: at most 3 statements', async () => {
    const statements = await pageStatements(VEHICLE, { id: vehicle.id }, adminA);
    const { data } = await app.gql(VEHICLE, { id: vehicle.id }, { sessionToken: adminA });
    expect(data?.vehicle.owners).toHaveLength(3);
    expect(data?.vehicle.assignments).toEqual([expect.objectContaining({ partner: expect.objectContaining({ id: parent.id, name: 'Read parent' }) })]);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(3);
  });
});
