import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeApiKey } from '../api-key/api-key.factory.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { assignVehicle, makeGrant, makeVehicle } from '../vehicle/vehicle.factory.js';

/**
 * The access ledger's promise (DESIGN.md §3): what `whoCanAccess` and `accessVia` say is exactly
 * what enforcement does — the list filter (SQL) and the by-id check — for any assignments and
 * grants, at any moment. Random ledgers, checked through GraphQL for admins and technicians of
 * every partner of a small tree.
 */

const LIST = `query($filter: VehicleFilter) { vehicles(first: 20, filter: $filter) { edges { node { id accessVia { reason partner { id } } } } } }`;
const WHO = `query($id: ID!) { whoCanAccess(vehicleId: $id) { reason partner { id } roles } }`;
const ONE = `query($id: ID!) { vehicle(id: $id) { id } }`;

type Name = 'D' | 'D1' | 'D2' | 'D1b' | 'E';
const NAMES: Name[] = ['D', 'D1', 'D2', 'D1b', 'E'];
const ROLES = ['ADMIN', 'STAFF', 'TECHNICIAN'] as const;

let app: TestApp;
let adminA: string;
let tree: Record<Name, Partner>;
let world: Awaited<ReturnType<typeof buildWorld>>;
/** an API key per partner and role */
const keys = new Map<string, string>();

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  const D = await em.findOneOrFail(Partner, { organization: world.dealer });
  const D1 = makePartner(em, world.principalA, { parent: D });
  const D2 = makePartner(em, world.principalA, { parent: D1 });
  const D1b = makePartner(em, world.principalA, { parent: D });
  const E = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER' });
  tree = { D, D1, D2, D1b, E };
  for (const name of NAMES) {
    for (const role of ROLES) keys.set(`${name}:${role}`, makeApiKey(em, tree[name].organization, { role }, app.deps.env.SESSION_SECRET).token);
  }
  await em.flush();
  adminA = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

const minutes = (n: number) => new Date(Date.now() + n * 60_000);
/** a period relative to now: started `start` minutes ago, ending `length` minutes later (null: open) */
const periodArb = fc.record({ start: fc.integer({ min: 1, max: 120 }), length: fc.option(fc.integer({ min: 1, max: 240 }), { nil: null }) });
/**
 * an assignment period as the service writes them: started in the past, and either open or taken
 * back in the past (unassigning stamps "now"; a period never ends in the future)
 */
const assignmentPeriodArb = fc
  .record({ start: fc.integer({ min: 2, max: 120 }), endedAgo: fc.option(fc.integer({ min: 1, max: 119 }), { nil: null }) })
  .map(({ start, endedAgo }) => ({ start, length: endedAgo === null ? null : start - Math.min(endedAgo, start - 1) }));
const ledgerArb = fc.array(
  fc.record({
    assignments: fc.array(fc.record({ partner: fc.constantFrom(...NAMES), period: assignmentPeriodArb }), { maxLength: 3 }),
    // a grant's window may end in the future; a job ends it only in the past
    grants: fc.array(fc.record({ partner: fc.constantFrom(...NAMES), period: periodArb, endedEarly: fc.boolean() }), { maxLength: 2 }),
  }),
  { minLength: 1, maxLength: 5 },
);

describe('vehicle access: the ledger and enforcement agree', () => {
  it('lists, finds by id and explains exactly the vehicles whoCanAccess names, for every partner and role (property)', async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(ledgerArb, async (ledger) => {
        const em = app.systemEm();
        const make = `Prop-${++run}-${Date.now()}`;
        const vehicles = ledger.map((spec) => {
          const vehicle = makeVehicle(em, world.principalA, { make });
          const open = new Set<Name>();
          for (const a of spec.assignments) {
            // at most one open period per vehicle and partner (a unique index)
            if (a.period.length === null && open.has(a.partner)) continue;
            if (a.period.length === null) open.add(a.partner);
            const unassignedAt = a.period.length === null ? null : minutes(-a.period.start + a.period.length);
            assignVehicle(em, vehicle, tree[a.partner], { assignedAt: minutes(-a.period.start), unassignedAt });
          }
          for (const g of spec.grants) {
            const end = g.period.length === null ? null : minutes(-g.period.start + g.period.length);
            const endedAt = g.endedEarly && end && end.getTime() < Date.now() ? end : null;
            makeGrant(em, vehicle, tree[g.partner], { startsAt: minutes(-g.period.start), endsAt: g.endedEarly ? null : end, endedAt });
          }
          return vehicle;
        });
        await em.flush();

        // who may see what, according to whoCanAccess (asked as the principal's admin)
        const allowed = new Map<string, Set<string>>();
        for (const vehicle of vehicles) {
          const { data, errors } = await app.gql(WHO, { id: vehicle.id }, { sessionToken: adminA });
          expect(errors).toBeUndefined();
          for (const entry of data?.whoCanAccess as { reason: string; partner: { id: string } | null; roles: string[] }[]) {
            if (!entry.partner) continue;
            for (const role of entry.roles) {
              const key = `${entry.partner.id}:${role}`;
              allowed.set(key, (allowed.get(key) ?? new Set()).add(vehicle.id));
            }
          }
        }

        for (const name of NAMES) {
          for (const role of ROLES) {
            const bearerToken = keys.get(`${name}:${role}`) ?? '';
            const expected = [...(allowed.get(`${tree[name].id}:${role}`) ?? [])].sort();
            const list = await app.gql(LIST, { filter: { make } }, { bearerToken });
            expect(list.errors).toBeUndefined();
            const nodes = list.data?.vehicles.edges.map((e: { node: { id: string; accessVia: unknown[] } }) => e.node) ?? [];
            expect(nodes.map((n: { id: string }) => n.id).sort(), `${name} ${role} list`).toEqual(expected);
            for (const node of nodes) expect(node.accessVia.length, `${name} ${role} accessVia`).toBeGreaterThan(0);
            const found: string[] = [];
            for (const vehicle of vehicles) {
              const one = await app.gql(ONE, { id: vehicle.id }, { bearerToken });
              if (one.data?.vehicle) found.push(vehicle.id);
              else expect(one.errors?.[0]?.extensions, 'refused like a missing vehicle').toMatchObject({ reason: 'NOT_FOUND' });
            }
            expect(found.sort(), `${name} ${role} by id`).toEqual(expected);
          }
        }
      }),
      { numRuns: 12 },
    );
  }, 120_000);
});
