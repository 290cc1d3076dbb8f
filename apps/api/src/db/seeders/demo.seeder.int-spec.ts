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
    // FleetFit works for both principals: 4 of Aurora's and 2 of Borealis' assigned to it, and 2 more
    // of Aurora's through the grants of its assigned jobs
    expect(await count('admin@fleetfit-service.example')).toBe(8);
    // a technician sees only the vehicles of its organization's assigned and running jobs
    expect(await count('tech@aurora-werksservice.example')).toBe(2);
    expect(await count('admin@borealis-fleet.example')).toBe(5);
  });

  it('seeds templates and jobs in every status across two service partners, with the history of each', async () => {
    const JOBS = `query($filter: JobFilter) { jobs(first: 50, filter: $filter) { totalCount edges { node { status servicePartner { partnerId } events { type } } } } }`;
    const admin = await app.signIn('admin@aurora-motors.example', DEMO_PASSWORD);
    const { data, errors } = await app.gql(JOBS, {}, { sessionToken: admin });
    expect(errors).toBeUndefined();
    const jobs = data?.['jobs'].edges.map((e: { node: { status: string; servicePartner: { partnerId: string } | null; events: { type: string }[] } }) => e.node);
    expect(new Set(jobs.map((j: { status: string }) => j.status))).toEqual(new Set(['PENDING', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'FAILED', 'CANCELLED']));
    expect(new Set(jobs.flatMap((j: { servicePartner: { partnerId: string } | null }) => (j.servicePartner ? [j.servicePartner.partnerId] : [])))).toEqual(new Set(['FFT3Q', 'AWS2G']));
    expect(jobs.every((j: { events: { type: string }[] }) => j.events[0]?.type === 'CREATED')).toBe(true);
    const overdue = await app.gql(JOBS, { filter: { overdue: true } }, { sessionToken: admin });
    expect(overdue.data?.['jobs'].totalCount).toBeGreaterThanOrEqual(1);
    const technician = await app.signIn('tech@fleetfit-service.example', DEMO_PASSWORD);
    const own = await app.gql(JOBS, {}, { sessionToken: technician });
    expect(own.data?.['jobs'].edges.every((e: { node: { servicePartner: { partnerId: string } } }) => e.node.servicePartner.partnerId === 'FFT3Q')).toBe(true);
  });

  it('does nothing on a database that has data', async () => {
    expect(await seedDemo(app.orm)).toBeNull();
  });
});
