import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { assignVehicle, makeVehicle } from './vehicle.factory.js';

const LIST = `query($first: Int, $filter: PartnerFilter) {
  partners(first: $first, filter: $filter, orderBy: { field: NAME, direction: ASC }) { edges { node { id name vehicleCount } } }
}`;
const ONE = `query($id: ID!) { partner(id: $id) { id vehicleCount } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let adminA: string;
let dealerAdmin: string;
let parent: Partner;
/** what each bulk partner's vehicleCount must be, by id */
const expected = new Map<string, number>();

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  const dealer = await em.findOneOrFail(Partner, { organization: world.dealer });
  parent = makePartner(em, world.principalA, { parent: dealer, profile: { name: 'Count parent' } });
  for (let i = 0; i < 110; i++) {
    const partner = makePartner(em, world.principalA, {
      parent,
      profile: { name: `Count ${String(i).padStart(3, '0')}` },
    });
    const open = i % 4;
    for (let v = 0; v < open; v++) assignVehicle(em, makeVehicle(em, world.principalA), partner);
    // neither an ended assignment nor an archived vehicle counts
    assignVehicle(em, makeVehicle(em, world.principalA), partner, {
      assignedAt: new Date(Date.now() - 86_400_000),
      unassignedAt: new Date(),
    });
    if (i % 5 === 0)
      assignVehicle(em, makeVehicle(em, world.principalA, { archivedAt: new Date() }), partner);
    expected.set(partner.id, open);
  }
  // the parent's own vehicle counts for the parent, not for its sub-partners (and vice versa)
  assignVehicle(em, makeVehicle(em, world.principalA), parent);
  await em.flush();
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
  dealerAdmin = await app.signIn(world.users.dealerAdmin.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

describe('Partner.vehicleCount', () => {
  it('counts the active vehicles assigned to each partner itself, for principal staff and for a partner above it', async () => {
    for (const token of [adminA, dealerAdmin]) {
      const { data, errors } = await app.gql(
        LIST,
        { first: 200, filter: { parentId: parent.id } },
        { sessionToken: token },
      );
      expect(errors).toBeUndefined();
      const rows = data?.['partners'].edges.map(
        (e: { node: { id: string; vehicleCount: number } }) => e.node,
      ) as { id: string; vehicleCount: number }[];
      expect(rows).toHaveLength(110);
      for (const row of rows) expect(row.vehicleCount, row.id).toBe(expected.get(row.id));
      const own = await app.gql(ONE, { id: parent.id }, { sessionToken: token });
      expect(own.data?.['partner'].vehicleCount).toBe(1);
    }
  });

  it('keeps the number of SQL statements flat from 10 to 100 partners (one grouped count per page)', async () => {
    const count = (first: number) =>
      app.countStatements(async () => {
        const r = await app.gql(LIST, { first, filter: { parentId: parent.id } }, { sessionToken: adminA });
        expect(r.data?.['partners'].edges).toHaveLength(first);
      });
    const small = await count(10);
    const large = await count(100);
    expect(large).toBe(small);
  });
});
