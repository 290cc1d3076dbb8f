import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOB_TRANSITIONS } from '@partner-hub/domain';
import type { JobAction } from '@partner-hub/domain';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { buildWorld } from '../testing/world.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { Job } from '../modules/job/job.entity.js';
import { makeVehicle } from '../modules/vehicle/vehicle.factory.js';
import { loadEnv } from '../config/env.js';
import { startTechnicianSimulation } from './technician-simulation.js';
import type { TechnicianSimulation } from './technician-simulation.js';

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let simulation: TechnicianSimulation | null = null;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  const service = await em.findOneOrFail(Partner, { organization: world.service }, { filters: false });
  const vehicle = makeVehicle(em, world.principalA);
  for (const status of ['PENDING', 'PENDING', 'ASSIGNED', 'ASSIGNED', 'ASSIGNED', 'RUNNING'] as const) {
    em.create(Job, {
      principal: world.principalA,
      kind: 'INSTALLATION',
      vehicle,
      configuration: { settings: {} },
      status,
      servicePartner: status === 'PENDING' ? null : service,
      technician: status === 'RUNNING' ? world.users.technician : null,
      title: 'Demo job',
    });
  }
  await em.flush();
});
afterAll(async () => {
  await simulation?.stop();
  await app?.close();
});

/** A seeded source of chance (mulberry32): the same rounds on every run. */
function seeded(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface EventRow {
  job_id: string;
  type: string;
  from_status: string | null;
  to_status: string | null;
  actor_label: string;
  reason: string | null;
}

describe('simulate technicians', () => {
  it('is off unless asked for in tests and production, on by request (SIMULATE_TECHNICIANS)', () => {
    expect(loadEnv({ NODE_ENV: 'test' }).SIMULATE_TECHNICIANS).toBeUndefined();
    expect(loadEnv({ NODE_ENV: 'production', SIMULATE_TECHNICIANS: '1' }).SIMULATE_TECHNICIANS).toBe(true);
    expect(loadEnv({ SIMULATE_TECHNICIANS: '0' }).SIMULATE_TECHNICIANS).toBe(false);
    expect(() => loadEnv({ SIMULATE_TECHNICIANS: 'yes' })).toThrow(/SIMULATE_TECHNICIANS/);
  });

  it('moves jobs through legal transitions only, as the people allowed to take them, each committed with its audit record and published', async () => {
    const published: { change: string; jobIds: string[] }[] = [];
    const unlisten = app.deps.pubSub.listen('JOB_CHANGED', (payload) => published.push(payload));
    const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => app.systemEm().getConnection().execute(text, params);
    const moved = () => sql<EventRow>(`select job_id, type, from_status, to_status, actor_label, reason from job_event where principal_id = ? and type <> 'CREATED' order by created_at, id`, [world.principalA.id]);
    simulation = startTechnicianSimulation(app.orm, app.deps, { everyMs: 20, changesPerRound: 3, random: seeded(13) });
    // until the technicians have started and finished jobs and the principal has assigned one
    for (let round = 0; round < 200; round++) {
      const events = await moved();
      const types = new Set(events.map((e) => e.type));
      if (['START', 'ASSIGN'].every((t) => types.has(t)) && (types.has('SUCCEED') || types.has('FAIL')) && events.length >= 8) break;
      await simulation.nextRound();
    }
    await simulation.stop();
    unlisten();
    simulation = null;

    const events = await moved();
    expect(events.length).toBeGreaterThanOrEqual(8);
    const technician = world.users.technician.email;
    const staff = [world.users.adminA.email, world.users.managerA.email];
    for (const event of events) {
      // each event is a lifecycle transition from a status it allows, to the status it leads to
      const transition = JOB_TRANSITIONS[event.type as JobAction];
      expect(transition, event.type).toBeDefined();
      expect(transition.from).toContain(event.from_status);
      expect(event.to_status).toBe(transition.to);
      // taken by someone the lifecycle lets take it
      if (['START', 'SUCCEED', 'FAIL'].includes(event.type)) expect(event.actor_label).toBe(technician);
      else expect(staff).toContain(event.actor_label);
      if (event.type === 'FAIL') expect(event.reason).toBeTruthy();
    }
    // every job's history chains: each transition starts where the previous one ended
    const last = new Map<string, string | null>();
    for (const event of events) {
      if (last.has(event.job_id)) expect(event.from_status).toBe(last.get(event.job_id));
      last.set(event.job_id, event.to_status);
    }
    const jobs = await sql<{ id: string; status: string }>(`select id, status from job where principal_id = ?`, [world.principalA.id]);
    for (const job of jobs) if (last.has(job.id)) expect(job.status).toBe(last.get(job.id));
    // one audit record per change, and every change was published after its commit
    const audits = await sql<{ n: string }>(`select count(*) as n from audit_event where organization_id = ? and action like 'job.%' and action <> 'job.created'`, [world.principalA.id]);
    expect(Number(audits[0]?.n)).toBe(events.length);
    const publishedJobs = new Set(published.flatMap((p) => p.jobIds));
    for (const event of events) expect(publishedJobs.has(event.job_id)).toBe(true);
  });

  it('plans new jobs once every job has finished, so the demo never stands still', async () => {
    const sql = <T>(text: string, params: unknown[] = []): Promise<T[]> => app.systemEm().getConnection().execute(text, params);
    await sql(`update job set status = 'SUCCEEDED' where deleted_at is null and status <> 'SUCCEEDED'`);
    const jobsOfA = async () => (await sql<{ status: string }>(`select status from job where principal_id = ? and deleted_at is null`, [world.principalA.id])).map((j) => j.status);
    const before = (await jobsOfA()).length;
    simulation = startTechnicianSimulation(app.orm, app.deps, { everyMs: 20, changesPerRound: 2, random: seeded(7) });
    for (let round = 0; round < 100 && !(await jobsOfA()).some((status) => status !== 'SUCCEEDED'); round++) await simulation.nextRound();
    await simulation.stop();
    simulation = null;
    const after = await jobsOfA();
    expect(after.length).toBeGreaterThan(before);
    expect(after.filter((status) => ['ASSIGNED', 'RUNNING'].includes(status)).length).toBeGreaterThan(0);
  });
});
