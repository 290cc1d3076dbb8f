import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { DEMO_PASSWORD, seedDemo } from './demo.seeder.js';

let app: TestApp;
beforeAll(async () => {
  app = await createTestApp();
});
afterAll(async () => app?.close());

const TREE = `query { partners(first: 50) { edges { node { partnerId name role status blocked ancestors { partnerId } } } } }`;

describe('seedDemo', () => {
  it('seeds a partner tree with every role, claimed and unclaimed partners and a blocked one, and logins that work', async () => {
    const logins = await seedDemo(app.orm);
    expect(logins?.length).toBeGreaterThanOrEqual(8);
    const admin = await app.signIn('admin@aurora-motors.example', DEMO_PASSWORD);
    const { data, errors } = await app.gql(TREE, {}, { sessionToken: admin });
    expect(errors).toBeUndefined();
    const partners = data?.['partners'].edges.map((e: { node: { partnerId: string; role: string; status: string; blocked: boolean; ancestors: unknown[] } }) => e.node);
    expect(new Set(partners.map((p: { role: string }) => p.role))).toEqual(new Set(['DEALER', 'SERVICE_PARTNER', 'OEM']));
    expect(new Set(partners.map((p: { status: string }) => p.status))).toEqual(new Set(['DRAFT', 'PENDING', 'ACCEPTED']));
    expect(partners.filter((p: { blocked: boolean }) => p.blocked)).toHaveLength(1);
    expect(Math.max(...partners.map((p: { ancestors: unknown[] }) => p.ancestors.length))).toBeGreaterThanOrEqual(2);
    for (const login of logins ?? []) await app.signIn(login.email, DEMO_PASSWORD);
  });

  it('spreads vehicles over the tree, leaves some unassigned, and gives each partner exactly its subtree\'s', async () => {
    const COUNT = `query($filter: VehicleFilter) { vehicles(first: 1, filter: $filter) { totalCount } }`;
    const count = async (email: string, filter: Record<string, unknown> = {}) => {
      const { data, errors } = await app.gql(COUNT, { filter }, { sessionToken: await app.signIn(email, DEMO_PASSWORD) });
      expect(errors).toBeUndefined();
      return data?.['vehicles'].totalCount as number;
    };
    expect(await count('admin@aurora-motors.example')).toBe(40);
    expect(await count('admin@aurora-motors.example', { unassigned: true })).toBe(6);
    // Berlin 8, Potsdam 5, Werder 3, Spandau 4, Falkensee 2
    expect(await count('admin@berlin-autohaus.example')).toBe(22);
    // FleetFit works for both principals: 4 of Aurora's and 2 of Borealis'
    expect(await count('admin@fleetfit-service.example')).toBe(6);
    expect(await count('admin@borealis-fleet.example')).toBe(5);
  });

  it('does nothing on a database that has data', async () => {
    expect(await seedDemo(app.orm)).toBeNull();
  });
});
