import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { v7 as uuidv7 } from 'uuid';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeUser } from '../user/user.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import type { Vehicle } from '../vehicle/vehicle.entity.js';
import { assignVehicle, makeGrant, makeVehicle, randomVin } from '../vehicle/vehicle.factory.js';
import { giveOwnerAccess, makeOwner } from '../owner/owner.factory.js';
import type { Owner } from '../owner/owner.entity.js';

/**
 * Who sees which vehicle, and who may change what (issue 4's visibility matrix): every viewer
 * below, listed and by id, and every vehicle mutation — with each refusal of an object the viewer
 * may not see answered exactly like a missing id.
 */

const ERR = '... on ErrorResult { code field message }';
const LIST = `query($filter: VehicleFilter) { vehicles(first: 50, filter: $filter) { totalCount edges { node { id } } } }`;
const ONE = `query($id: ID!) { vehicle(id: $id) { id vin } }`;
const WHO = `query($id: ID!) { whoCanAccess(vehicleId: $id) { reason } }`;
const CREATE = `mutation($input: CreateVehicleInput!) { createVehicle(input: $input) { __typename ${ERR} } }`;
const UPDATE = `mutation($input: UpdateVehicleInput!) { updateVehicle(input: $input) { __typename ${ERR} } }`;
const OWNERS = `query($filter: OwnerFilter) { owners(first: 50, filter: $filter) { totalCount edges { node { id vehicles { vehicle { id } } } } } }`;
const OWNER = `query($id: ID!) { owner(id: $id) { id email } }`;
const VEHICLE_OWNERS = `query($id: ID!) { vehicle(id: $id) { owners { owner { id } } } }`;
const ARCHIVE = `mutation($input: VehicleIdInput!) { archiveVehicle(input: $input) { __typename ${ERR} } }`;
const ASSIGN = `mutation($input: VehicleAssignmentInput!) { assignVehicles(input: $input) { __typename ${ERR} } }`;

type VehicleName = 'vD' | 'vD1' | 'vS' | 'vSP' | 'vNone' | 'vGrant' | 'vGrantEnded' | 'vB';
type ViewerName = 'principalAdmin' | 'principalViewer' | 'dealer' | 'subDealer' | 'siblingDealer' | 'servicePartner' | 'technicianWithGrant' | 'technicianWithoutGrant' | 'otherPrincipal';

/** what each viewer must see — nothing else */
const SEES: Record<ViewerName, VehicleName[]> = {
  principalAdmin: ['vD', 'vD1', 'vS', 'vSP', 'vNone', 'vGrant', 'vGrantEnded'],
  principalViewer: ['vD', 'vD1', 'vS', 'vSP', 'vNone', 'vGrant', 'vGrantEnded'],
  dealer: ['vD', 'vD1'],
  subDealer: ['vD1'],
  siblingDealer: ['vS'],
  servicePartner: ['vSP', 'vGrant'],
  technicianWithGrant: ['vGrant'],
  technicianWithoutGrant: [],
  otherPrincipal: ['vB'],
};

let app: TestApp;
let vehicles: Record<VehicleName, Vehicle>;
/** one owner per vehicle (`o` + the vehicle's name), plus one owning both vD and vS */
let owners: Record<string, Owner>;
let tree: { D: Partner; D1: Partner; S: Partner; SP: Partner; SP2: Partner; SPsub: Partner };
const sessions = {} as Record<ViewerName, string>;
const MAKE = `Matrix-${Date.now()}`;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  const world = await buildWorld(em);
  const D = await em.findOneOrFail(Partner, { organization: world.dealer });
  const SP = await em.findOneOrFail(Partner, { organization: world.service });
  const D1 = makePartner(em, world.principalA, { parent: D });
  const S = makePartner(em, world.principalA);
  const SP2 = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER' });
  const SPsub = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', parent: SP });
  const PB = makePartner(em, world.principalB);
  tree = { D, D1, S, SP, SP2, SPsub };
  const users = {
    subDealer: await makeUser(em, D1.organization, { role: 'ADMIN', email: 'matrix-sub@world.example', password: WORLD_PASSWORD }),
    siblingDealer: await makeUser(em, S.organization, { role: 'ADMIN', email: 'matrix-sibling@world.example', password: WORLD_PASSWORD }),
    servicePartner: await makeUser(em, SP.organization, { role: 'ADMIN', email: 'matrix-service@world.example', password: WORLD_PASSWORD }),
    technicianWithoutGrant: await makeUser(em, SP2.organization, { role: 'TECHNICIAN', email: 'matrix-tech2@world.example', password: WORLD_PASSWORD }),
  };
  const v = (principal = world.principalA) => makeVehicle(em, principal, { make: MAKE });
  vehicles = { vD: v(), vD1: v(), vS: v(), vSP: v(), vNone: v(), vGrant: v(), vGrantEnded: v(), vB: v(world.principalB) };
  assignVehicle(em, vehicles.vD, D);
  assignVehicle(em, vehicles.vD1, D1);
  assignVehicle(em, vehicles.vS, S);
  assignVehicle(em, vehicles.vSP, SP);
  assignVehicle(em, vehicles.vB, PB);
  // an earlier assignment to the dealer, taken back: gives nothing now
  assignVehicle(em, vehicles.vNone, D, { assignedAt: new Date(Date.now() - 3_600_000), unassignedAt: new Date(Date.now() - 60_000) });
  makeGrant(em, vehicles.vGrant, SP, { startsAt: new Date(Date.now() - 60_000), endsAt: new Date(Date.now() + 3_600_000) });
  owners = {};
  for (const name of Object.keys(vehicles) as VehicleName[]) {
    const owner = makeOwner(em, vehicles[name].principal, { email: `o${name}-${MAKE}@owners.example`.toLowerCase() });
    giveOwnerAccess(em, owner, vehicles[name]);
    owners[`o${name}`] = owner;
  }
  const shared = makeOwner(em, world.principalA, { email: `shared-${MAKE}@owners.example`.toLowerCase() });
  giveOwnerAccess(em, shared, vehicles.vD);
  giveOwnerAccess(em, shared, vehicles.vS, 'USER');
  owners['shared'] = shared;
  makeGrant(em, vehicles.vGrantEnded, SP, { startsAt: new Date(Date.now() - 3_600_000), endedAt: new Date(Date.now() - 60_000) });
  await em.flush();
  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  Object.assign(sessions, {
    principalAdmin: await signIn(world.users.adminA.email),
    principalViewer: await signIn(world.users.viewerA.email),
    dealer: await signIn(world.users.dealerAdmin.email),
    subDealer: await signIn(users.subDealer.email),
    siblingDealer: await signIn(users.siblingDealer.email),
    servicePartner: await signIn(users.servicePartner.email),
    technicianWithGrant: await signIn(world.users.technician.email),
    technicianWithoutGrant: await signIn(users.technicianWithoutGrant.email),
    otherPrincipal: await signIn(world.users.adminB.email),
  });
});
afterAll(async () => app?.close());

const VIEWERS = Object.keys(SEES) as ViewerName[];
const ALL = () => Object.keys(vehicles) as VehicleName[];
const nameOf = (id: string) => ALL().find((name) => vehicles[name].id === id);

/** what a missing vehicle looks like to this viewer: refusals must look exactly the same */
async function missing(viewer: ViewerName, query: string, variables: (id: string) => Record<string, unknown>) {
  const { data, errors } = await app.gql(query, variables(uuidv7()), { sessionToken: sessions[viewer] });
  return JSON.stringify({ data, errors });
}

describe('vehicle visibility matrix', () => {
  it.each(VIEWERS)('lists exactly what %s may see', async (viewer) => {
    const { data, errors } = await app.gql(LIST, { filter: { make: MAKE } }, { sessionToken: sessions[viewer] });
    expect(errors).toBeUndefined();
    expect(data?.vehicles.edges.map((e: { node: { id: string } }) => nameOf(e.node.id)).sort()).toEqual([...SEES[viewer]].sort());
    expect(data?.vehicles.totalCount).toBe(SEES[viewer].length);
  });

  it.each(VIEWERS)('finds by id exactly what %s may see, and answers every other id like a missing one', async (viewer) => {
    const notFound = await missing(viewer, ONE, (id) => ({ id }));
    for (const name of ALL()) {
      const { data, errors } = await app.gql(ONE, { id: vehicles[name].id }, { sessionToken: sessions[viewer] });
      if (SEES[viewer].includes(name)) {
        expect(data?.vehicle.id, `${viewer} sees ${name}`).toBe(vehicles[name].id);
      } else {
        expect(JSON.stringify({ data, errors }), `${viewer} must not see ${name}`).toBe(notFound);
      }
    }
  });
});

/**
 * Owners a viewer sees: the owners of the vehicles it holds (assigned to its subtree) — never
 * through a job grant, never for technicians (no owners:read) — and of a shared owner only the
 * vehicles it holds.
 */
const SEES_OWNERS: Record<ViewerName, string[] | 'FORBIDDEN'> = {
  principalAdmin: ['ovD', 'ovD1', 'ovS', 'ovSP', 'ovNone', 'ovGrant', 'ovGrantEnded', 'shared'],
  principalViewer: ['ovD', 'ovD1', 'ovS', 'ovSP', 'ovNone', 'ovGrant', 'ovGrantEnded', 'shared'],
  dealer: ['ovD', 'ovD1', 'shared'],
  subDealer: ['ovD1'],
  siblingDealer: ['ovS', 'shared'],
  servicePartner: ['ovSP'],
  technicianWithGrant: 'FORBIDDEN',
  technicianWithoutGrant: 'FORBIDDEN',
  otherPrincipal: ['ovB'],
};
const ownerName = (id: string) => Object.keys(owners).find((name) => owners[name]?.id === id);

describe('owner visibility matrix', () => {
  it.each(VIEWERS)('lists exactly the owners %s may see, each with only the vehicles it may see', async (viewer) => {
    const { data, errors } = await app.gql(OWNERS, { filter: { search: MAKE.toLowerCase() } }, { sessionToken: sessions[viewer] });
    const expected = SEES_OWNERS[viewer];
    if (expected === 'FORBIDDEN') {
      expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      return;
    }
    expect(errors).toBeUndefined();
    const nodes = data?.owners.edges.map((e: { node: { id: string; vehicles: { vehicle: { id: string } }[] } }) => e.node) ?? [];
    expect(nodes.map((n: { id: string }) => ownerName(n.id)).sort()).toEqual([...expected].sort());
    const held = SEES[viewer].filter((name) => viewer.startsWith('principal') || name !== 'vGrant');
    for (const node of nodes) {
      for (const access of node.vehicles) expect(held, `${viewer} sees vehicle of owner ${ownerName(node.id)}`).toContain(nameOf(access.vehicle.id));
    }
  });

  it.each(VIEWERS)('finds by id exactly the owners %s may see, and answers every other id like a missing one', async (viewer) => {
    const expected = SEES_OWNERS[viewer];
    const notFound = await missing(viewer, OWNER, (id) => ({ id }));
    for (const name of Object.keys(owners)) {
      const { data, errors } = await app.gql(OWNER, { id: owners[name]?.id }, { sessionToken: sessions[viewer] });
      if (expected === 'FORBIDDEN') expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      else if (expected.includes(name)) expect(data?.owner.id, `${viewer} sees ${name}`).toBe(owners[name]?.id);
      else expect(JSON.stringify({ data, errors }), `${viewer} must not see ${name}`).toBe(notFound);
    }
  });

  it('shows a service partner the vehicle of its job grant, but not that vehicle\'s owners', async () => {
    const { data, errors } = await app.gql(VEHICLE_OWNERS, { id: vehicles.vGrant.id }, { sessionToken: sessions.servicePartner });
    expect(errors).toBeUndefined();
    expect(data?.vehicle.owners).toEqual([]);
    const held = await app.gql(VEHICLE_OWNERS, { id: vehicles.vSP.id }, { sessionToken: sessions.servicePartner });
    expect(held.data?.vehicle.owners).toEqual([{ owner: { id: owners['ovSP']?.id } }]);
  });
});

describe('vehicle mutation matrix', () => {
  const FORBIDDEN = 'FORBIDDEN';
  const outcome = async (viewer: ViewerName, query: string, variables: Record<string, unknown>) => {
    const { data, errors } = await app.gql(query, variables, { sessionToken: sessions[viewer] });
    if (errors?.length) return errors[0]?.extensions?.code === FORBIDDEN ? FORBIDDEN : String(errors[0]?.extensions?.reason ?? errors[0]?.extensions?.code);
    return String(Object.values(data ?? {})[0] && (Object.values(data ?? {})[0] as { __typename: string }).__typename);
  };

  it.each<[ViewerName, string]>([
    ['principalAdmin', 'VehicleSuccess'],
    ['principalViewer', FORBIDDEN],
    ['dealer', FORBIDDEN],
    ['servicePartner', FORBIDDEN],
    ['technicianWithGrant', FORBIDDEN],
  ])('createVehicle: %s → %s', async (viewer, expected) => {
    expect(await outcome(viewer, CREATE, { input: { vin: randomVin(), make: `${MAKE}-new`, model: 'X' } })).toBe(expected);
  });

  it.each<[ViewerName, string]>([
    ['principalAdmin', 'VehicleSuccess'],
    ['principalViewer', FORBIDDEN],
    ['dealer', FORBIDDEN],
    ['subDealer', FORBIDDEN],
    ['technicianWithGrant', FORBIDDEN],
    ['otherPrincipal', 'NotFoundError'],
  ])('updateVehicle and archiveVehicle of the dealer\'s vehicle: %s → %s', async (viewer, expected) => {
    expect(await outcome(viewer, UPDATE, { input: { id: vehicles.vD.id, make: MAKE, model: 'Edited' } })).toBe(expected);
    if (viewer !== 'principalAdmin') expect(await outcome(viewer, ARCHIVE, { input: { id: vehicles.vD.id } })).toBe(expected);
  });

  it.each<[ViewerName, string]>([
    ['principalViewer', FORBIDDEN],
    ['subDealer', 'NotFoundError'],
    ['siblingDealer', 'NotFoundError'],
    ['servicePartner', 'NotFoundError'],
    ['technicianWithGrant', FORBIDDEN],
    ['otherPrincipal', 'NotFoundError'],
    ['dealer', 'VehicleAssignmentSuccess'],
    ['principalAdmin', 'VehicleAssignmentSuccess'],
  ])('assignVehicles of the dealer\'s vehicle to its sub-dealer: %s → %s', async (viewer, expected) => {
    expect(await outcome(viewer, ASSIGN, { input: { partnerId: tree.D1.id, vehicleIds: [vehicles.vD.id] } })).toBe(expected);
  });

  it('lets a service partner pass on what is assigned to it, but not a vehicle it only sees through a job grant', async () => {
    const refused = await app.gql(ASSIGN, { input: { partnerId: tree.SPsub.id, vehicleIds: [vehicles.vGrant.id] } }, { sessionToken: sessions.servicePartner });
    const unknown = await app.gql(ASSIGN, { input: { partnerId: tree.SPsub.id, vehicleIds: [uuidv7()] } }, { sessionToken: sessions.servicePartner });
    expect(refused.data?.assignVehicles).toMatchObject({ __typename: 'NotFoundError', field: 'vehicleIds' });
    expect(JSON.stringify(refused)).toBe(JSON.stringify(unknown));
    const byFilter = await app.gql(ASSIGN, { input: { partnerId: tree.SPsub.id, filter: { make: MAKE } } }, { sessionToken: sessions.servicePartner });
    expect(byFilter.data?.assignVehicles).toMatchObject({ __typename: 'VehicleAssignmentSuccess' });
    const held = await app.gql(LIST, { filter: { make: MAKE, partnerId: tree.SPsub.id } }, { sessionToken: sessions.principalAdmin });
    expect(held.data?.vehicles.edges.map((e: { node: { id: string } }) => nameOf(e.node.id))).toEqual(['vSP']);
  });

  it.each<[ViewerName, string]>([
    ['principalAdmin', 'ok'],
    ['principalViewer', FORBIDDEN],
    ['dealer', FORBIDDEN],
    ['technicianWithGrant', FORBIDDEN],
    ['otherPrincipal', 'NOT_FOUND'],
  ])('whoCanAccess: %s → %s', async (viewer, expected) => {
    const { data, errors } = await app.gql(WHO, { id: vehicles.vD.id }, { sessionToken: sessions[viewer] });
    const result = errors?.length ? (errors[0]?.extensions?.code === FORBIDDEN ? FORBIDDEN : String(errors[0]?.extensions?.reason)) : data?.whoCanAccess ? 'ok' : '?';
    expect(result).toBe(expected);
  });
});
