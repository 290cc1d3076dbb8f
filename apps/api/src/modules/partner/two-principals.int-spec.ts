import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeUser } from '../user/user.factory.js';
import { assignVehicle, makeVehicle } from '../vehicle/vehicle.factory.js';
import { Partner } from './partner.entity.js';
import { makePartner } from './partner.factory.js';

/**
 * One service company working for two principals (DESIGN.md §1, §3; issue 14 item 6): each of its
 * partnerships names its principal (Partner.principalName), and when one principal blocks it the
 * company is told which (Viewer.cutPartnerships) — only the company itself: not the principals,
 * not another partner.
 */

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let serviceAdminEmail: string;
let partnerOfA: Partner;
const tokens = new Map<string, string>();

async function as(email: string, query: string, variables: Record<string, unknown> = {}) {
  tokens.set(email, tokens.get(email) ?? (await app.signIn(email, WORLD_PASSWORD)));
  const { data, errors } = await app.gql(query, variables, { sessionToken: tokens.get(email) });
  expect(errors).toBeUndefined();
  return data as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- a test reads the shapes it asked for
}

const PARTNERS = '{ partners(first: 50) { edges { node { id principalName name } } } }';
const VEHICLE_PRINCIPALS = '{ vehicles(first: 50) { edges { node { principalName } } } }';
const vehiclePrincipals = async (email: string) =>
  new Set((await as(email, VEHICLE_PRINCIPALS))['vehicles'].edges.map((edge: { node: { principalName: string } }) => edge.node.principalName));
const CUT = '{ viewer { cutPartnerships { principalName blocked } } }';

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  partnerOfA = await em.findOneOrFail(Partner, { organization: world.service, principal: world.principalA });
  // the same service company is also a partner of principal B
  const partnerOfB = makePartner(em, world.principalB, { organization: world.service, role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
  assignVehicle(em, makeVehicle(em, world.principalA), partnerOfA);
  assignVehicle(em, makeVehicle(em, world.principalB), partnerOfB);
  serviceAdminEmail = `service-admin.${Math.random().toString(36).slice(2, 8)}@world.example`;
  await makeUser(em, world.service, { role: 'ADMIN', email: serviceAdminEmail, name: 'service-admin', password: WORLD_PASSWORD });
  await em.flush();
});
afterAll(async () => {
  await app?.close();
});

describe('a service company working for two principals', () => {
  it('sees its two partnerships, each with its principal, while each principal sees only its own', async () => {
    const own = await as(serviceAdminEmail, PARTNERS);
    const rows = own['partners'].edges.map((edge: { node: { principalName: string; name: string } }) => edge.node);
    expect(rows.map((row: { name: string }) => row.name)).toEqual([world.service.name, world.service.name]);
    expect(rows.map((row: { principalName: string }) => row.principalName).sort()).toEqual([world.principalA.name, world.principalB.name].sort());

    expect(await vehiclePrincipals(serviceAdminEmail)).toEqual(new Set([world.principalA.name, world.principalB.name]));

    for (const [email, principal, other] of [
      [world.users.adminA.email, world.principalA, world.principalB],
      [world.users.adminB.email, world.principalB, world.principalA],
    ] as const) {
      const seen = await as(email, PARTNERS);
      const names = seen['partners'].edges.map((edge: { node: { principalName: string } }) => edge.node.principalName);
      expect(names.length).toBeGreaterThan(0);
      expect(new Set(names)).toEqual(new Set([principal.name]));
      expect(JSON.stringify(seen)).not.toContain(other.name);
    }
  });

  it("tells the company — and no one else — which principal blocked it, and hides that principal's data", async () => {
    for (const email of [serviceAdminEmail, world.users.technician.email, world.users.adminA.email, world.users.adminB.email, world.users.dealerAdmin.email]) {
      expect((await as(email, CUT))['viewer'].cutPartnerships, email).toEqual([]);
    }

    const blocked = await as(
      world.users.adminA.email,
      `mutation($input: UpdatePartnerSettingsInput!) { updatePartnerSettings(input: $input) { __typename } }`,
      { input: { id: partnerOfA.id, allowJobOverride: false, blocked: true, usersBlocked: false, passwordPolicy: 'SIMPLE' } },
    );
    expect(blocked['updatePartnerSettings'].__typename).toBe('PartnerSuccess');

    for (const email of [serviceAdminEmail, world.users.technician.email]) {
      expect((await as(email, CUT))['viewer'].cutPartnerships, email).toEqual([{ principalName: world.principalA.name, blocked: true }]);
    }
    const rows = (await as(serviceAdminEmail, PARTNERS))['partners'].edges.map((edge: { node: { principalName: string } }) => edge.node.principalName);
    expect(rows).toEqual([world.principalB.name]);
    expect(await vehiclePrincipals(serviceAdminEmail)).toEqual(new Set([world.principalB.name]));
    // the principals and another partner learn nothing of it through the viewer
    for (const email of [world.users.adminA.email, world.users.adminB.email, world.users.dealerAdmin.email]) {
      expect((await as(email, CUT))['viewer'].cutPartnerships, email).toEqual([]);
    }
  });
});
