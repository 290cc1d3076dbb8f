import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';
import { Job } from '../modules/job/job.entity.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { makePartner } from '../modules/partner/partner.factory.js';
import { annotateOwner, giveOwnerAccess, makeOwner } from '../modules/owner/owner.factory.js';
import { makeUser } from '../modules/user/user.factory.js';
import { makeApiKey } from '../modules/api-key/api-key.factory.js';
import { AuditEvent } from '../modules/audit/audit-event.entity.js';
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
const VEHICLES = `query($first: Int!, $after: String, $filter: VehicleFilter) { vehicles(first: $first, after: $after, filter: $filter) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id vin principalName make model year plate deviceSerial archivedAt createdAt heldOutOfView
    assignments { id assignedAt partner { id partnerId name } } } } } }`;
const OWNERS = `query($first: Int!, $withAnnotation: Boolean!) { owners(first: $first) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id version email name phone archivedAt createdAt vehicleCount
    vehicles { id kind vehicle { id vin make model plate archivedAt } }
    annotation @include(if: $withAnnotation) { displayName } } } } }`;
const USERS = `query($first: Int!) { users(first: $first) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id email name role active lastSignInAt createdAt } } } }`;
const AUDIT = `query($first: Int!) { auditEvents(first: $first) {
  pageInfo { hasNextPage endCursor }
  edges { cursor node { id occurredAt action objectType objectId actorLabel actorUser { id name email } actorApiKey { id name prefix } changes } } } }`;
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
  // owners of vehicles the dealer holds, each annotated; users and audit events of principal A
  for (let i = 0; i < 60; i++) {
    const owned = makeVehicle(em, world.principalA);
    assignVehicle(em, owned, parent);
    const owner = makeOwner(em, world.principalA);
    giveOwnerAccess(em, owner, owned);
    annotateOwner(em, owner, { displayName: `Annotated ${i}` });
  }
  const { apiKey } = makeApiKey(em, world.principalA, { role: 'ADMIN', name: 'Read key' }, app.deps.env.SESSION_SECRET);
  for (let i = 0; i < 60; i++) {
    const user = await makeUser(em, world.principalA, { role: 'VIEWER' });
    const actor = i % 2 === 0 ? { actorUser: user } : { actorApiKey: apiKey };
    em.persist(em.create(AuditEvent, { organization: world.principalA, action: 'user.created', objectType: 'User', objectId: user.id, actorLabel: 'read path', ...actor }));
  }
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

  it('a vehicles page with principal name and current partners: at most 3 statements, flat from 5 to 50 rows', async () => {
    for (const token of [adminA, dealerAdmin]) {
      const small = await pageStatements(VEHICLES, { first: 5 }, token, edgesOf('vehicles'));
      const large = await pageStatements(VEHICLES, { first: 50 }, token, edgesOf('vehicles'));
      expect(large.length, large.join('\n')).toBe(small.length);
      expect(large.length, large.join('\n')).toBeLessThanOrEqual(3);
    }
    const { data } = await app.gql(VEHICLES, { first: 50 }, { sessionToken: dealerAdmin });
    const rows = data?.vehicles.edges.map((e: { node: { principalName: string; assignments: { partner: { name: string } }[] } }) => e.node);
    expect(rows.every((row: { principalName: string }) => row.principalName === world.principalA.name)).toBe(true);
    expect(rows.some((row: { assignments: { partner: { name: string } }[] }) => row.assignments.some((a) => /^Read /.test(a.partner.name)))).toBe(true);
  });

  it('an owners page with their vehicles (and, for principal staff, annotations): at most 3 statements, flat from 5 to 50 rows', async () => {
    for (const [token, withAnnotation] of [[adminA, true], [dealerAdmin, false]] as const) {
      const small = await pageStatements(OWNERS, { first: 5, withAnnotation }, token, edgesOf('owners'));
      const large = await pageStatements(OWNERS, { first: 50, withAnnotation }, token, edgesOf('owners'));
      expect(large.length, large.join('\n')).toBe(small.length);
      expect(large.length, large.join('\n')).toBeLessThanOrEqual(3);
    }
    const { data } = await app.gql(OWNERS, { first: 5, withAnnotation: true }, { sessionToken: adminA });
    expect(data?.owners.edges[0].node).toEqual(expect.objectContaining({ vehicleCount: 1, annotation: { displayName: expect.stringMatching(/^Annotated/) } }));
    expect(data?.owners.edges[0].node.vehicles[0].vehicle.vin).toEqual(expect.any(String));
  });

  it('a users page and an audit log page with their actors: at most 3 statements, flat from 5 to 50 rows', async () => {
    for (const [query, field] of [[USERS, 'users'], [AUDIT, 'auditEvents']] as const) {
      const small = await pageStatements(query, { first: 5 }, adminA, edgesOf(field));
      const large = await pageStatements(query, { first: 50 }, adminA, edgesOf(field));
      expect(large.length, large.join('\n')).toBe(small.length);
      expect(large.length, large.join('\n')).toBeLessThanOrEqual(3);
    }
    const { data } = await app.gql(AUDIT, { first: 2 }, { sessionToken: adminA });
    type Event = { occurredAt: string; actorUser: { email: string } | null; actorApiKey: { name: string } | null };
    const events: Event[] = (data?.auditEvents.edges ?? []).map((e: { node: Event }) => e.node);
    expect(events.map((e) => e.actorUser?.email ?? e.actorApiKey?.name)).toContain('Read key');
    expect(new Date(events[0]!.occurredAt).getTime()).toBeGreaterThan(0);
  });

  it("a vehicles tab's total for principal staff is read from the counters, not counted", async () => {
    const TOTAL = `query($filter: VehicleFilter) { vehicles(first: 1, filter: $filter) { totalCount } }`;
    const statements = await app.captureStatements(async () => {
      const { data } = await app.gql(TOTAL, {}, { sessionToken: adminA });
      const [{ n }] = await app.systemEm().getConnection().execute(`select count(*)::int as n from vehicle where principal_id = ? and archived_at is null`, [world.principalA.id]);
      expect(data?.vehicles.totalCount).toBe(n);
    });
    expect(statements.some((s) => /from "vehicle_count"/.test(s)), statements.join('\n')).toBe(true);
    expect(statements.some((s) => /count\(\*\)/.test(s) && /from "vehicle"/.test(s)), statements.join('\n')).toBe(false);
    // a search is counted: its rows are what the search narrows to
    const searched = await app.gql(TOTAL, { filter: { search: vehicle.vin.slice(-8) } }, { sessionToken: adminA });
    expect(searched.data?.vehicles.totalCount).toBe(1);
  });

  it('reads the partners, jobs and vehicles pages narrowed to what they select, with the answers whole rows give', async () => {
    // `profileEditable`, `availableActions` and `history` declare no reads (row-reads.ts): with them, the same page reads whole rows
    const WHOLE_PARTNERS = PARTNERS.replace('vehicleCount }', 'vehicleCount profileEditable }');
    const WHOLE_JOBS = JOBS.replace('servicePartner { id partnerId name } }', 'servicePartner { id partnerId name } availableActions }');
    const WHOLE_VEHICLES = VEHICLES.replace('heldOutOfView', 'heldOutOfView history(first: 1) { totalCount }');
    for (const [narrow, whole, vars, token] of [
      [PARTNERS, WHOLE_PARTNERS, { first: 50, filter: { search: 'Read' } }, dealerAdmin],
      [JOBS, WHOLE_JOBS, { first: 50, filter: { kind: 'INSTALLATION', status: 'ASSIGNED' } }, adminA],
      [VEHICLES, WHOLE_VEHICLES, { first: 50 }, adminA],
    ] as const) {
      const narrowStatements = await pageStatements(narrow, vars, token);
      const wholeStatements = await pageStatements(whole, vars, token);
      // the page's statement: no column the selection does not need (an organization's address, a job's notes, a vehicle's firmware)
      const page = (statements: string[]) => statements.find((s) => /limit \$\d+$/.test(s.trim()) || /limit \?$/.test(s.trim())) ?? statements.join('\n');
      expect(page(narrowStatements)).not.toMatch(/"address"|"notes"|"configuration"|"firmware"/);
      expect(page(wholeStatements)).toMatch(/"address"/);
      const narrowAnswer = (await app.gql(narrow, vars, { sessionToken: token })).data as Record<string, { edges: { node: Record<string, unknown> }[] }>;
      const wholeAnswer = (await app.gql(whole, vars, { sessionToken: token })).data as Record<string, { edges: { node: Record<string, unknown> }[] }>;
      const field = Object.keys(narrowAnswer)[0]!;
      const dropExtra = ({ profileEditable: _p, availableActions: _a, history: _h, ...node }: Record<string, unknown>) => node;
      expect(narrowAnswer[field]!.edges.length).toBeGreaterThan(5);
      expect(narrowAnswer[field]!.edges.map((e) => e.node)).toEqual(wholeAnswer[field]!.edges.map((e) => dropExtra(e.node)));
    }
  });

  it('one vehicle with its owners and assignments: at most 3 statements', async () => {
    const statements = await pageStatements(VEHICLE, { id: vehicle.id }, adminA);
    const { data } = await app.gql(VEHICLE, { id: vehicle.id }, { sessionToken: adminA });
    expect(data?.vehicle.owners).toHaveLength(3);
    expect(data?.vehicle.assignments).toEqual([expect.objectContaining({ partner: expect.objectContaining({ id: parent.id, name: 'Read parent' }) })]);
    expect(statements.length, statements.join('\n')).toBeLessThanOrEqual(3);
  });
});
