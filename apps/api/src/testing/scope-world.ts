/**
 * A world for "what may each role see through side doors" tests (issue 15): testing/world.ts's two
 * principals and their roles, plus a sub-partner with its admin, a sibling dealer, a service
 * partner admin, import batches, vehicles seen through an assignment, an active job grant or an
 * ended one, their owners, and jobs whose configuration changed — one object of each kind on each
 * side of every rule of DESIGN.md §3. Also serves GET /exports/jobs.csv over real HTTP.
 */
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { JobConfiguration, JobStatus } from '@partner-hub/domain';
import { ImportBatch } from '../modules/import/import-batch.entity.js';
import { jobsExportHandler } from '../modules/job/jobs-export.route.js';
import { JobEvent } from '../modules/job/job-event.entity.js';
import { Job } from '../modules/job/job.entity.js';
import type { Organization } from '../modules/organization/organization.entity.js';
import { giveOwnerAccess, makeOwner } from '../modules/owner/owner.factory.js';
import type { Owner } from '../modules/owner/owner.entity.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { makePartner } from '../modules/partner/partner.factory.js';
import { makeUser } from '../modules/user/user.factory.js';
import { assignVehicle, makeGrant, makeVehicle } from '../modules/vehicle/vehicle.factory.js';
import type { Vehicle } from '../modules/vehicle/vehicle.entity.js';
import type { TestApp } from './test-app.js';
import { WORLD_PASSWORD, buildWorld } from './world.js';

export const SCOPE_ROLES = [
  'principalAdmin',
  'principalManager',
  'principalViewer',
  'dealerAdmin',
  'dealerStaff',
  'subDealerAdmin',
  'serviceAdmin',
  'technician',
  'otherPrincipal',
] as const;
export type ScopeRole = (typeof SCOPE_ROLES)[number];

export type ScopeWorld = Awaited<ReturnType<typeof buildScopeWorld>>;

export async function buildScopeWorld(app: TestApp) {
  const em = app.systemEm();
  const world = await buildWorld(em);
  const tag = Math.random().toString(36).slice(2, 8);
  const D = await em.findOneOrFail(Partner, { organization: world.dealer });
  const SP = await em.findOneOrFail(Partner, { organization: world.service });
  const batch = (organization: Organization, kind: 'PARTNERS' | 'VEHICLES' | 'JOBS') => {
    const b = em.create(ImportBatch, { organization, kind, status: 'SUCCEEDED', fileName: `${kind.toLowerCase()}.csv`, createdByLabel: 'seed', rowCount: 1 });
    em.persist(b);
    return b;
  };
  const batches = { batchA: batch(world.principalA, 'VEHICLES'), batchB: batch(world.principalB, 'VEHICLES') };
  const D1 = makePartner(em, world.principalA, { parent: D, status: 'ACCEPTED', importBatch: batches.batchA });
  const S = makePartner(em, world.principalA, { status: 'ACCEPTED', importBatch: batches.batchA });
  const PB = makePartner(em, world.principalB, { status: 'ACCEPTED', importBatch: batches.batchB });
  const partners = { D, D1, S, SP, PB };
  const users = {
    subDealerAdmin: await makeUser(em, D1.organization, { role: 'ADMIN', email: `sub-admin.${tag}@world.example`, name: 'sub-admin', password: WORLD_PASSWORD }),
    siblingAdmin: await makeUser(em, S.organization, { role: 'ADMIN', email: `sibling-admin.${tag}@world.example`, name: 'sibling-admin', password: WORLD_PASSWORD }),
    serviceAdmin: await makeUser(em, SP.organization, { role: 'ADMIN', email: `service-admin.${tag}@world.example`, name: 'service-admin', password: WORLD_PASSWORD }),
    otherPartnerAdmin: await makeUser(em, PB.organization, { role: 'ADMIN', email: `other-partner-admin.${tag}@world.example`, name: 'other-partner-admin', password: WORLD_PASSWORD }),
  };
  const v = (principal: Organization, fields: Partial<Vehicle> = {}) => makeVehicle(em, principal, { deviceSerial: `VSER-${tag}-${Math.random().toString(36).slice(2, 6)}`, ...fields });
  const vehicles = {
    vD: v(world.principalA, { importBatch: batches.batchA }),
    vD1: v(world.principalA),
    vS: v(world.principalA, { importBatch: batches.batchA }),
    vGrant: v(world.principalA, { importBatch: batches.batchA }),
    vEnded: v(world.principalA),
    vFree: v(world.principalA, { importBatch: batches.batchA }),
    vB: v(world.principalB, { importBatch: batches.batchB }),
  };
  assignVehicle(em, vehicles.vD, D);
  assignVehicle(em, vehicles.vD1, D1);
  assignVehicle(em, vehicles.vS, S);
  assignVehicle(em, vehicles.vB, PB);
  const owners: Record<string, Owner> = {};
  for (const [name, vehicle] of Object.entries(vehicles)) {
    const owner = makeOwner(em, vehicle.principal, { email: `o${name.toLowerCase()}.${tag}@owners.example`, name: `Owner of ${name}`, phone: `+49 30 ${name.length}${tag.length}` });
    giveOwnerAccess(em, owner, vehicle);
    owners[`o${name.slice(1)}`] = owner;
  }
  // one owner of a vehicle the dealer holds and, as USER, of the grant's vehicle
  const shared = makeOwner(em, world.principalA, { email: `shared.${tag}@owners.example` });
  giveOwnerAccess(em, shared, vehicles.vD);
  giveOwnerAccess(em, shared, vehicles.vGrant, 'USER');
  owners['oShared'] = shared;

  /** configuration values only someone who may see the job's configuration may ever read */
  const secret = (what: string) => `${what}-${tag}-secret`;
  const job = (principal: Organization, vehicle: Vehicle, status: JobStatus, servicePartner: Partner | null, importBatch: ImportBatch | null, name: string) => {
    const made = em.create(Job, {
      principal,
      kind: 'INSTALLATION',
      vehicle,
      title: `Job ${name}`,
      configuration: { deviceSerial: secret(`${name}-serial-new`), firmware: secret(`${name}-fw-new`), settings: { apn: secret(`${name}-apn-new`) } } as JobConfiguration,
      status,
      servicePartner,
      importBatch,
    });
    em.persist(made);
    const event = (type: string, changes: Record<string, { from: unknown; to: unknown }> | null) =>
      em.persist(em.create(JobEvent, { principal, job: made, type, changes, actorLabel: 'seed', fromStatus: null, toStatus: null, reason: null }));
    event('CREATED', null);
    event('EDITED', {
      title: { from: null, to: `Job ${name}` },
      'configuration.firmware': { from: secret(`${name}-fw-old`), to: secret(`${name}-fw-new`) },
      'configuration.setting.apn': { from: null, to: secret(`${name}-apn-new`) },
    });
    event('CONFIGURATION_CHANGED', { deviceSerial: { from: secret(`${name}-serial-old`), to: secret(`${name}-serial-new`) }, 'setting.apn': { from: secret(`${name}-apn-old`), to: secret(`${name}-apn-new`) } });
    return made;
  };
  const jobs = {
    jGrant: job(world.principalA, vehicles.vGrant, 'ASSIGNED', SP, batches.batchA, 'grant'),
    jEnded: job(world.principalA, vehicles.vEnded, 'SUCCEEDED', SP, batches.batchA, 'ended'),
    jFree: job(world.principalA, vehicles.vFree, 'PENDING', null, batches.batchA, 'free'),
    jB: job(world.principalB, vehicles.vB, 'PENDING', null, batches.batchB, 'b'),
  };
  makeGrant(em, vehicles.vGrant, SP, { jobId: jobs.jGrant.id, startsAt: new Date(Date.now() - 60_000) });
  makeGrant(em, vehicles.vEnded, SP, { jobId: jobs.jEnded.id, startsAt: new Date(Date.now() - 3_600_000), endedAt: new Date(Date.now() - 60_000) });
  await em.flush();

  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  const sessions: Record<ScopeRole, string> = {
    principalAdmin: await signIn(world.users.adminA.email),
    principalManager: await signIn(world.users.managerA.email),
    principalViewer: await signIn(world.users.viewerA.email),
    dealerAdmin: await signIn(world.users.dealerAdmin.email),
    dealerStaff: await signIn(world.users.dealerStaff.email),
    subDealerAdmin: await signIn(users.subDealerAdmin.email),
    serviceAdmin: await signIn(users.serviceAdmin.email),
    technician: await signIn(world.users.technician.email),
    otherPrincipal: await signIn(world.users.adminB.email),
  };

  const web = express();
  web.get('/exports/jobs.csv', jobsExportHandler(app.deps, app.contextOf));
  const server: Server = createServer(web);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  /** Runs an operation as `role`. */
  const gql = (role: ScopeRole, query: string, variables: Record<string, unknown> = {}) => app.gql(query, variables, { sessionToken: sessions[role] });

  /** GET /exports/jobs.csv as `role`: the status and the body (without the BOM). */
  async function jobsCsv(role: ScopeRole, filter?: object): Promise<{ status: number; text: string }> {
    const params = new URLSearchParams();
    if (filter) params.set('filter', JSON.stringify(filter));
    const response = await fetch(`${baseUrl}/exports/jobs.csv?${params}`, { headers: { cookie: `ph_session=${sessions[role]}` } });
    return { status: response.status, text: (await response.text()).replace(/^\uFEFF/, '') };
  }

  async function close(): Promise<void> {
    await new Promise((resolve) => server.close(resolve));
  }

  return { world, partners, batches, users, vehicles, owners, jobs, sessions, secret, gql, jobsCsv, close };
}
