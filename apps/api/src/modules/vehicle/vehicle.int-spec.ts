import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeUser } from '../user/user.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { Vehicle } from './vehicle.entity.js';
import { VehicleAssignment } from './vehicle-assignment.entity.js';
import { assignVehicle, makeVehicle, randomVin } from './vehicle.factory.js';

const ERR = '... on ErrorResult { code field message } ... on ValidationError { fieldErrors { field message } }';
const CREATE = `mutation($input: CreateVehicleInput!) { createVehicle(input: $input) { __typename ... on VehicleSuccess { warnings vehicle { id vin make model year plate deviceSerial } } ${ERR} } }`;
const UPDATE = `mutation($input: UpdateVehicleInput!) { updateVehicle(input: $input) { __typename ... on VehicleSuccess { vehicle { make plate year } } ${ERR} } }`;
const ARCHIVE = `mutation($input: VehicleIdInput!) { archiveVehicle(input: $input) { __typename ... on VehicleSuccess { vehicle { archivedAt } } ${ERR} } }`;
const ASSIGN = `mutation($input: VehicleAssignmentInput!) { assignVehicles(input: $input) { __typename ... on VehicleAssignmentSuccess { changedCount unchangedCount } ${ERR} } }`;
const UNASSIGN = `mutation($input: VehicleAssignmentInput!) { unassignVehicles(input: $input) { __typename ... on VehicleAssignmentSuccess { changedCount unchangedCount } ${ERR} } }`;
const LIST = `query($first: Int, $after: String, $filter: VehicleFilter, $orderBy: VehicleOrder) {
  vehicles(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { id vin assignments { partner { id } } accessVia { reason partner { id } assignedPartner { id } } } }
  }
}`;
const ONE = `query($id: ID!) { vehicle(id: $id) { id vin accessVia { reason partner { id } assignedPartner { id } } } }`;
const WHO = `query($id: ID!, $at: DateTime) { whoCanAccess(vehicleId: $id, at: $at) { reason partner { id } assignedPartner { id } roles since until } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: string;
let dealerAdmin: string;
let subAdmin: string;
/** A's tree: D > D1 > D2, D > D1b; E at the top */
let tree: Record<'D' | 'D1' | 'D2' | 'D1b' | 'E', Partner>;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  const D = await em.findOneOrFail(Partner, { organization: world.dealer });
  const D1 = makePartner(em, world.principalA, { parent: D, profile: { name: 'Sub One' } });
  const D2 = makePartner(em, world.principalA, { parent: D1, profile: { name: 'Sub Two' } });
  const D1b = makePartner(em, world.principalA, { parent: D, profile: { name: 'Sub Sibling' } });
  const E = makePartner(em, world.principalA, { profile: { name: 'Elsewhere' } });
  tree = { D, D1, D2, D1b, E };
  await makeUser(em, D1.organization, { role: 'ADMIN', email: 'vehicle-sub-admin@world.example', password: WORLD_PASSWORD });
  await em.flush();
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
  dealerAdmin = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
  subAdmin = await app.signIn('vehicle-sub-admin@world.example', WORLD_PASSWORD);
});
afterAll(async () => app?.close());

const vehicleIds = async (token: string, filter: Record<string, unknown> = {}) => {
  const { data, errors } = await app.gql(LIST, { first: 200, filter }, { sessionToken: token });
  expect(errors).toBeUndefined();
  return (data?.vehicles.edges as { node: { id: string } }[]).map((e) => e.node.id);
};

describe('createVehicle', () => {
  it('records a vehicle with a normalized VIN and plate, and warns on a wrong North-American check digit', async () => {
    const vin = randomVin(Math.random, true);
    const wrong = `${vin.slice(0, 8)}${vin[8] === '0' ? '1' : '0'}${vin.slice(9)}`;
    const { data } = await app.gql(
      CREATE,
      { input: { vin: ` ${wrong.toLowerCase().slice(0, 5)}-${wrong.toLowerCase().slice(5)} `, make: 'Aurora', model: 'Orion', year: 2024, plate: ' b-ab  123 ' } },
      { sessionToken: adminA },
    );
    expect(data?.createVehicle.__typename).toBe('VehicleSuccess');
    expect(data?.createVehicle.vehicle).toMatchObject({ vin: wrong, plate: 'B-AB 123', year: 2024 });
    expect(data?.createVehicle.warnings).toEqual([expect.stringContaining('check digit')]);
  });

  it('refuses a bad VIN, a duplicate VIN and a bad year, each on its field, creating nothing', async () => {
    const before = await app.systemEm().count(Vehicle, {});
    const bad = await app.gql(CREATE, { input: { vin: 'WAUZZZ8V0IA000001', make: 'A', model: 'B' } }, { sessionToken: adminA });
    expect(bad.data?.createVehicle.fieldErrors).toEqual([{ field: 'vin', message: expect.stringContaining('I, O and Q') }]);
    const vin = randomVin();
    await app.gql(CREATE, { input: { vin, make: 'A', model: 'B' } }, { sessionToken: adminA });
    const dup = await app.gql(CREATE, { input: { vin, make: 'A', model: 'B' } }, { sessionToken: adminA });
    expect(dup.data?.createVehicle).toMatchObject({ __typename: 'ValidationError', field: 'vin' });
    const year = await app.gql(CREATE, { input: { vin: randomVin(), make: 'A', model: 'B', year: 1700 } }, { sessionToken: adminA });
    expect(year.data?.createVehicle.fieldErrors).toEqual([{ field: 'year', message: expect.stringContaining('1900') }]);
    expect(await app.systemEm().count(Vehicle, {})).toBe(before + 1);
  });

  it('is refused to a partner admin', async () => {
    const { errors } = await app.gql(CREATE, { input: { vin: randomVin(), make: 'A', model: 'B' } }, { sessionToken: dealerAdmin });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});

describe('assignVehicles / unassignVehicles', () => {
  it('assigns by ids and by filter, skips the already assigned, and a dealer then sees exactly those', async () => {
    const em = app.systemEm();
    const make = `Make-${Date.now()}`;
    const vehicles = Array.from({ length: 5 }, () => makeVehicle(em, world.principalA, { make }));
    await em.flush();
    const first = await app.gql(ASSIGN, { input: { partnerId: tree.D.id, vehicleIds: vehicles.slice(0, 2).map((v) => v.id) } }, { sessionToken: adminA });
    expect(first.data?.assignVehicles).toEqual({ __typename: 'VehicleAssignmentSuccess', changedCount: 2, unchangedCount: 0 });
    const all = await app.gql(ASSIGN, { input: { partnerId: tree.D.id, filter: { make } } }, { sessionToken: adminA });
    expect(all.data?.assignVehicles).toMatchObject({ changedCount: 3, unchangedCount: 2 });
    expect((await vehicleIds(dealerAdmin, { make })).sort()).toEqual(vehicles.map((v) => v.id).sort());
    expect(await vehicleIds(subAdmin, { make })).toEqual([]);
  });

  it('lets a dealer admin pass its vehicles on to a sub-partner and take them back, with the ledger keeping the period', async () => {
    const em = app.systemEm();
    const vehicle = makeVehicle(em, world.principalA);
    const other = makeVehicle(em, world.principalA);
    assignVehicle(em, vehicle, tree.D);
    await em.flush();
    const passed = await app.gql(ASSIGN, { input: { partnerId: tree.D2.id, vehicleIds: [vehicle.id] } }, { sessionToken: dealerAdmin });
    expect(passed.data?.assignVehicles).toMatchObject({ changedCount: 1 });
    // D1 sees it through its sub-partner D2
    const seen = await app.gql(ONE, { id: vehicle.id }, { sessionToken: subAdmin });
    expect(seen.data?.vehicle.accessVia).toEqual([{ reason: 'ASSIGNMENT', partner: { id: tree.D1.id }, assignedPartner: { id: tree.D2.id } }]);
    // a vehicle the dealer does not hold cannot be passed on: not found, not forbidden
    const notHeld = await app.gql(ASSIGN, { input: { partnerId: tree.D2.id, vehicleIds: [other.id] } }, { sessionToken: dealerAdmin });
    expect(notHeld.data?.assignVehicles).toMatchObject({ __typename: 'NotFoundError', field: 'vehicleIds' });
    // nor to its own partnership or outside its subtree
    const own = await app.gql(ASSIGN, { input: { partnerId: tree.D.id, vehicleIds: [vehicle.id] } }, { sessionToken: dealerAdmin });
    expect(own.data?.assignVehicles).toMatchObject({ __typename: 'NotFoundError', field: 'partnerId' });
    const outside = await app.gql(ASSIGN, { input: { partnerId: tree.E.id, vehicleIds: [vehicle.id] } }, { sessionToken: dealerAdmin });
    expect(outside.data?.assignVehicles).toMatchObject({ __typename: 'NotFoundError', field: 'partnerId' });

    const takenAt = new Date();
    const back = await app.gql(UNASSIGN, { input: { partnerId: tree.D1.id, vehicleIds: [vehicle.id] } }, { sessionToken: dealerAdmin });
    expect(back.data?.unassignVehicles).toMatchObject({ changedCount: 1 });
    const gone = await app.gql(ONE, { id: vehicle.id }, { sessionToken: subAdmin });
    expect(gone.errors?.[0]?.extensions).toMatchObject({ reason: 'NOT_FOUND' });
    const periods = await app.systemEm().find(VehicleAssignment, { vehicle, partner: tree.D2 });
    expect(periods).toHaveLength(1);
    expect(periods[0]?.unassignedAt?.getTime()).toBeGreaterThanOrEqual(takenAt.getTime() - 1000);

    const before = await app.gql(WHO, { id: vehicle.id, at: new Date(takenAt.getTime() - 50).toISOString() }, { sessionToken: adminA });
    expect(before.data?.whoCanAccess.map((e: { partner: { id: string } | null }) => e.partner?.id ?? null).sort()).toEqual(
      [null, tree.D.id, tree.D.id, tree.D1.id, tree.D2.id].sort(),
    );
    const now = await app.gql(WHO, { id: vehicle.id }, { sessionToken: adminA });
    expect(now.data?.whoCanAccess.map((e: { partner: { id: string } | null }) => e.partner?.id ?? null)).toEqual([null, tree.D.id]);
  });
});

describe('updateVehicle / archiveVehicle', () => {
  it('changes details and archives, hiding the vehicle from the default list', async () => {
    const em = app.systemEm();
    const vehicle = makeVehicle(em, world.principalA);
    await em.flush();
    const updated = await app.gql(UPDATE, { input: { id: vehicle.id, make: 'Aurora Commercial', model: 'Cargo', plate: 'x-1' } }, { sessionToken: adminA });
    expect(updated.data?.updateVehicle.vehicle).toEqual({ make: 'Aurora Commercial', plate: 'X-1', year: 2024 });
    await app.gql(ARCHIVE, { input: { id: vehicle.id } }, { sessionToken: adminA });
    const again = await app.gql(ARCHIVE, { input: { id: vehicle.id } }, { sessionToken: adminA });
    expect(again.data?.archiveVehicle).toMatchObject({ __typename: 'ValidationError', field: 'id', message: 'This vehicle is already archived.' });
    expect(await vehicleIds(adminA, { search: vehicle.vin })).toEqual([]);
    expect(await vehicleIds(adminA, { search: vehicle.vin, archived: true })).toEqual([vehicle.id]);
  });
});
