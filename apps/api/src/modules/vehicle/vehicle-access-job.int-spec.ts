import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { Job } from '../job/job.entity.js';
import { Partner } from '../partner/partner.entity.js';
import type { Vehicle } from './vehicle.entity.js';
import { assignVehicle, makeGrant, makeVehicle } from './vehicle.factory.js';

/**
 * What the vehicle's Access tab may name (issue 14 item 5): a job grant's job only where the viewer's
 * job scope reaches, and that a vehicle is held — never by whom — where its assignments are hidden.
 */

const VIA = `query($id: ID!) { vehicle(id: $id) { id heldOutOfView assignments { partner { id } } accessVia { reason jobId job { id title kind } } } }`;
const WHO = `query($id: ID!) { whoCanAccess(vehicleId: $id) { reason jobId job { id title } } }`;

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
const sessions: Record<'adminA' | 'adminB' | 'dealerAdmin' | 'technician', string> = { adminA: '', adminB: '', dealerAdmin: '', technician: '' };
/** held by the dealer; a job of the service partner runs on it */
let held: Vehicle;
/** held by nobody; its grant names a job of the dealer (outside the technician's job scope) */
let free: Vehicle;
let serviceJob: Job;
let dealerJob: Job;

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  const dealer = await em.findOneOrFail(Partner, { organization: world.dealer });
  const service = await em.findOneOrFail(Partner, { organization: world.service });
  held = makeVehicle(em, world.principalA);
  free = makeVehicle(em, world.principalA);
  assignVehicle(em, held, dealer);
  const job = (vehicle: Vehicle, servicePartner: Partner, title: string) =>
    em.create(Job, { principal: world.principalA, kind: 'INSTALLATION', title, vehicle, configuration: { settings: {} }, status: 'ASSIGNED', servicePartner });
  serviceJob = job(held, service, 'Fit the tracker');
  dealerJob = job(free, dealer, 'Dealer-only work');
  await em.flush();
  makeGrant(em, held, service, { jobId: serviceJob.id });
  makeGrant(em, free, service, { jobId: dealerJob.id });
  await em.flush();
  for (const name of Object.keys(sessions) as (keyof typeof sessions)[]) sessions[name] = await app.signIn(world.users[name].email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

const via = (vehicle: Vehicle, who: keyof typeof sessions) => app.gql(VIA, { id: vehicle.id }, { sessionToken: sessions[who] });

describe('a job grant names its job only to those who may see the job', () => {
  it('shows the technician the title of its own partner\'s job', async () => {
    const { data, errors } = await via(held, 'technician');
    expect(errors).toBeUndefined();
    expect(data?.vehicle.accessVia).toEqual([{ reason: 'JOB_GRANT', jobId: serviceJob.id, job: { id: serviceJob.id, title: 'Fit the tracker', kind: 'INSTALLATION' } }]);
  });

  it('never shows the technician a job of another partner, even when the grant names it', async () => {
    const { data, errors } = await via(free, 'technician');
    expect(errors).toBeUndefined();
    expect(data?.vehicle.accessVia).toEqual([{ reason: 'JOB_GRANT', jobId: dealerJob.id, job: null }]);
  });

  it('shows the principal\'s staff every job in whoCanAccess; another principal sees neither vehicle nor job', async () => {
    const mine = await app.gql(WHO, { id: free.id }, { sessionToken: sessions.adminA });
    expect(mine.errors).toBeUndefined();
    expect(mine.data?.whoCanAccess).toContainEqual({ reason: 'JOB_GRANT', jobId: dealerJob.id, job: { id: dealerJob.id, title: 'Dealer-only work' } });
    const other = await app.gql(WHO, { id: free.id }, { sessionToken: sessions.adminB });
    expect(other.data?.whoCanAccess ?? null).toBeNull();
    expect(JSON.stringify(other)).not.toContain('Dealer-only work');
    const otherVia = await via(free, 'adminB');
    expect(otherVia.data?.vehicle ?? null).toBeNull();
  });
});

describe('heldOutOfView tells that a vehicle is held without saying by whom', () => {
  it('is true for a technician of another partner, who sees no assignment', async () => {
    const { data, errors } = await via(held, 'technician');
    expect(errors).toBeUndefined();
    expect(data?.vehicle).toMatchObject({ heldOutOfView: true, assignments: [] });
  });

  it('is false where the holder is shown, and false for a vehicle held by nobody', async () => {
    const dealerView = await via(held, 'dealerAdmin');
    expect(dealerView.data?.vehicle.heldOutOfView).toBe(false);
    expect(dealerView.data?.vehicle.assignments).toHaveLength(1);
    const staffView = await via(held, 'adminA');
    expect(staffView.data?.vehicle.heldOutOfView).toBe(false);
    const nobody = await via(free, 'technician');
    expect(nobody.data?.vehicle).toMatchObject({ heldOutOfView: false, assignments: [] });
  });
});
