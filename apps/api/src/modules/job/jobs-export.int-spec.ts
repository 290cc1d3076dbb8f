import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import type { EntityManager } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { JOBS_IMPORT_LIMITS, partnerCodeSchema, planJobsImport, readJobsTable } from '@partner-hub/domain';
import type { ImportServicePartnerRef, ImportVehicleRef, JobConfiguration, JobStatus } from '@partner-hub/domain';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { makeOrganization } from '../organization/organization.factory.js';
import { Job } from './job.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { makeUser } from '../user/user.factory.js';
import { makeGrant, makeVehicle } from '../vehicle/vehicle.factory.js';
import { Vehicle } from '../vehicle/vehicle.entity.js';
import { readCsv } from '../import/csv-reader.js';
import { jobsExportHandler } from './jobs-export.route.js';

/**
 * GET /exports/jobs.csv over real HTTP (the route mounted on its own Express app with the test
 * app's ORM) against a real PostgreSQL: the list's view in jobs.csv's columns, every batch,
 * re-read by the jobs import's own reader and rules; who sees which rows and cells; statements.
 */

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let server: Server;
let baseUrl: string;
let SP: Partner;
let otherSP: Partner;
const sessions: Record<string, string> = {};

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  SP = await em.findOneOrFail(Partner, { organization: world.service });
  otherSP = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
  await makeUser(em, SP.organization, { role: 'ADMIN', email: 'export-sp-admin@world.example', password: WORLD_PASSWORD });
  await makeUser(em, otherSP.organization, { role: 'ADMIN', email: 'export-other-admin@world.example', password: WORLD_PASSWORD });
  await em.flush();
  const signIn = (email: string) => app.signIn(email, WORLD_PASSWORD);
  Object.assign(sessions, {
    principalAdmin: await signIn(world.users.adminA.email),
    principalViewer: await signIn(world.users.viewerA.email),
    partnerAdmin: await signIn('export-sp-admin@world.example'),
    technician: await signIn(world.users.technician.email),
    otherPartnerAdmin: await signIn('export-other-admin@world.example'),
    otherPrincipal: await signIn(world.users.adminB.email),
  });
  const web = express();
  web.get('/exports/jobs.csv', jobsExportHandler(app.deps, app.contextOf));
  server = createServer(web);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  await app?.close();
});

/** Downloads the export as `session` would (the browser sends the session cookie). */
async function download(session: string | null, filter?: object, orderBy?: object) {
  const params = new URLSearchParams();
  if (filter) params.set('filter', JSON.stringify(filter));
  if (orderBy) params.set('orderBy', JSON.stringify(orderBy));
  const response = await fetch(`${baseUrl}/exports/jobs.csv?${params}`, { headers: session ? { cookie: `ph_session=${session}` } : {} });
  // the bytes as sent (Response.text() would drop the BOM)
  return { status: response.status, type: response.headers.get('content-type'), text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer()) };
}

/** The export as the jobs import reads it: header and records (by column name); a header alone is no rows. */
function rowsOf(text: string) {
  const read = readCsv(text, JOBS_IMPORT_LIMITS);
  if (read.rowCount === 0) return { table: { header: text.replace('\uFEFF', '').split('\n')[0]!.split(','), records: [] }, rows: [] as Record<string, string>[] };
  expect(read.problems).toEqual([]);
  const table = read.table!;
  return { table, rows: table.records.map((r) => Object.fromEntries(table.header.map((h, i) => [h, r.fields[i] ?? '']))) };
}

let seq = 0;
/** A job of principal A on `vehicle`, written straight to the database. */
function makeJob(em: EntityManager, vehicle: Vehicle, fields: { status?: JobStatus; partner?: Partner | null; configuration?: Partial<JobConfiguration>; title?: string; scheduledFor?: string | null } = {}): Job {
  seq += 1;
  const job = em.create(Job, {
    principal: world.principalA,
    kind: seq % 2 ? 'INSTALLATION' : 'MAINTENANCE',
    vehicle: vehicle.id,
    title: fields.title ?? `Export job ${seq}`,
    description: 'Fit the unit, "carefully", behind the glovebox',
    configuration: { settings: {}, ...fields.configuration } as JobConfiguration,
    scheduledFor: fields.scheduledFor === undefined ? '2027-05-0' + (1 + (seq % 9)) : fields.scheduledFor,
    status: fields.status ?? (fields.partner ? 'ASSIGNED' : 'PENDING'),
    servicePartner: fields.partner ?? null,
  });
  em.persist(job);
  return job;
}

describe('GET /exports/jobs.csv', () => {
  it('exports the filtered, ordered view across batches in jobs.csv columns, and the file re-reads as the same jobs by the import rules', async () => {
    const em = app.systemEm();
    const tag = `RT${Date.now()}`;
    const vehicles = [makeVehicle(em, world.principalA, { plate: `B-RT ${seq}` }), makeVehicle(em, world.principalA)];
    await em.flush();
    const made: Job[] = [];
    for (let i = 0; i < 2_050; i++) {
      made.push(
        makeJob(em, vehicles[i % 2]!, {
          title: `${tag} ${i}`,
          partner: i % 3 === 0 ? SP : null,
          configuration: { firmware: `5.${i}`, deviceModel: 'CloudBoxx 4', settings: i % 5 === 0 ? { odometer_source: 'CAN', 'gps.rate': `${i}` } : {} },
        }),
      );
    }
    await em.flush();
    // the filter narrows by kind, as the list's tab does; the rows must come in the list's order
    const { status, type, text } = await download(sessions['principalAdmin']!, { kind: 'INSTALLATION' }, { field: 'CREATED_AT', direction: 'ASC' });
    expect(status).toBe(200);
    expect(type).toContain('text/csv');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const { table, rows } = rowsOf(text);
    expect(table.header).toEqual([
      'vin', 'license_plate', 'kind', 'template', 'title', 'description', 'instructions', 'device_serial', 'device_model', 'firmware',
      'installation_variant', 'central_lock_connection_type', 'fuel_type', 'setting.gps.rate', 'setting.odometer_source',
      'scheduled_for', 'assigned_installer_company_id', 'job_id', 'status', 'service_partner', 'created_at',
    ]);
    const expected = await app.systemEm().find(Job, { principal: world.principalA, kind: 'INSTALLATION', deletedAt: null }, { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });
    expect(expected.length).toBeGreaterThan(1_000); // more than one batch
    expect(rows.map((r) => r['job_id'])).toEqual(expected.map((j) => j.id));
    const sample = rows.find((r) => r['title'] === `${tag} 0`)!;
    expect(sample).toMatchObject({ kind: 'installation', status: 'ASSIGNED', assigned_installer_company_id: SP.code, service_partner: world.service.name, firmware: '5.0', 'setting.odometer_source': 'CAN', 'setting.gps.rate': '0', template: '' });

    // the import's rules read it back: no problem, and the jobs it would create are the exported ones
    const read = readJobsTable(table, '2026-01-01');
    const partnerRef: ImportServicePartnerRef = { id: SP.id, name: world.service.name, role: 'SERVICE_PARTNER', status: 'ACCEPTED', archived: false, blocked: false };
    const known: ImportVehicleRef[] = (await app.systemEm().find(Vehicle, { principal: world.principalA })).map((v) => ({ id: v.id, vin: v.vin, plate: v.plate ?? null, archived: false }));
    const plan = planJobsImport(
      read,
      {
        vehiclesByVin: new Map(known.map((v) => [v.vin, v])),
        vehiclesByPlate: new Map(),
        // the import looks Partner IDs up as it normalizes them
        partners: new Map([[partnerCodeSchema.parse(SP.code), partnerRef], [partnerCodeSchema.parse(otherSP.code), { ...partnerRef, id: otherSP.id, name: 'other' }]]),
        templates: new Map(),
      },
      { preferTemplate: false },
    );
    expect(plan.problems).toEqual([]);
    expect(plan.planned).toHaveLength(expected.length);
    const byId = new Map(expected.map((j) => [j.id, j]));
    plan.planned.forEach((planned, index) => {
      const original = byId.get(rows[index]!['job_id']!)!;
      expect(planned).toMatchObject({
        kind: original.kind,
        title: original.title,
        description: original.description,
        scheduledFor: original.scheduledFor,
        vehicle: { id: original.vehicle.id },
        servicePartner: original.servicePartner ? { id: original.servicePartner.id } : null,
      });
      expect(planned.configuration).toMatchObject({ firmware: original.configuration.firmware, deviceModel: original.configuration.deviceModel, settings: original.configuration.settings });
    });
  }, 60_000);

  it('sends a number of statements that does not grow with the rows of a batch', async () => {
    const em = app.systemEm();
    const principal = makeOrganization(em, 'PRINCIPAL', { name: `Export count ${Date.now()}` });
    const admin = await makeUser(em, principal, { role: 'ADMIN', email: `export-count-${Date.now()}@world.example`, password: WORLD_PASSWORD });
    const partners = [0, 1, 2].map(() => makePartner(em, principal, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' }));
    const vehicle = makeVehicle(em, principal);
    await em.flush();
    const token = await app.signIn(admin.email, WORLD_PASSWORD);
    const add = async (n: number) => {
      for (let i = 0; i < n; i++) {
        em.persist(em.create(Job, { principal, kind: 'INSTALLATION', vehicle, configuration: { settings: { [`s${i % 4}`]: 'x' } } as JobConfiguration, status: 'ASSIGNED', servicePartner: partners[i % 3] }));
      }
      await em.flush();
    };
    await add(5);
    const few = await app.countStatements(() => download(token));
    await add(55);
    let text = '';
    const many = await app.countStatements(async () => (text = (await download(token)).text));
    expect(rowsOf(text).rows).toHaveLength(60);
    expect(many).toBe(few);
  });

  it('gives a service partner only its jobs, without the vehicle and configuration once its access ended', async () => {
    const em = app.systemEm();
    const granted = makeVehicle(em, world.principalA);
    const ended = makeVehicle(em, world.principalA);
    await em.flush();
    const tag = `SC${Date.now()}`;
    const live = makeJob(em, granted, { title: `${tag} live`, partner: SP, status: 'RUNNING', configuration: { firmware: '7.7', settings: { secret_live: '1' } } });
    const over = makeJob(em, ended, { title: `${tag} over`, partner: SP, status: 'SUCCEEDED', configuration: { firmware: '8.8', settings: { secret_over: '1' } } });
    makeJob(em, granted, { title: `${tag} foreign`, partner: otherSP, configuration: { firmware: '9.9' } });
    makeJob(em, granted, { title: `${tag} pending` });
    await em.flush();
    makeGrant(em, granted, SP, { jobId: live.id });
    makeGrant(em, ended, SP, { jobId: over.id, startsAt: new Date(Date.now() - 86_400_000), endedAt: new Date(Date.now() - 3_600_000) });
    await em.flush();

    for (const who of ['partnerAdmin', 'technician']) {
      const { status, text } = await download(sessions[who]!);
      expect(status).toBe(200);
      const { table, rows } = rowsOf(text);
      const mine = rows.filter((r) => r['title']?.startsWith(tag));
      expect(mine.map((r) => r['title']).sort()).toEqual([`${tag} live`, `${tag} over`]);
      expect(rows.every((r) => r['assigned_installer_company_id'] === SP.code)).toBe(true);
      expect(mine.find((r) => r['title'] === `${tag} live`)).toMatchObject({ vin: granted.vin, firmware: '7.7', 'setting.secret_live': '1' });
      expect(mine.find((r) => r['title'] === `${tag} over`)).toMatchObject({ vin: '', license_plate: '', firmware: '', status: 'SUCCEEDED' });
      // a setting only an ended job has is not even named in the header
      expect(table.header).not.toContain('setting.secret_over');
    }
    const other = rowsOf((await download(sessions['otherPartnerAdmin']!)).text).rows.filter((r) => r['title']?.startsWith(tag));
    expect(other.map((r) => r['title'])).toEqual([`${tag} foreign`]);
    const otherPrincipal = rowsOf((await download(sessions['otherPrincipal']!)).text);
    expect(otherPrincipal.rows.filter((r) => r['title']?.startsWith(tag))).toEqual([]);
    // not even the names of another principal's settings
    expect(otherPrincipal.table.header).not.toContain('setting.secret_live');
    const viewer = rowsOf((await download(sessions['principalViewer']!)).text).rows.filter((r) => r['title']?.startsWith(tag));
    expect(viewer.map((r) => r['title']).sort()).toEqual([`${tag} foreign`, `${tag} live`, `${tag} over`, `${tag} pending`]);
    expect(viewer.find((r) => r['title'] === `${tag} over`)).toMatchObject({ firmware: '8.8', 'setting.secret_over': '1' });
  });

  it('refuses without a session, and a bad filter with a clear message before sending anything', async () => {
    expect(await download(null)).toMatchObject({ status: 401, text: expect.stringContaining('UNAUTHENTICATED') });
    const badStatus = await download(sessions['principalAdmin']!, { status: 'DONE' });
    expect(badStatus.status).toBe(400);
    expect(JSON.parse(badStatus.text)).toMatchObject({ error: { code: 'VALIDATION_FAILED', field: 'filter.status' } });
    const badId = await download(sessions['principalAdmin']!, { servicePartnerId: 'nope' });
    expect(JSON.parse(badId.text)).toMatchObject({ error: { field: 'filter.servicePartnerId', message: 'This is not an id.' } });
    const badOrder = await download(sessions['principalAdmin']!, {}, { field: 'TITLE', direction: 'ASC' });
    expect(JSON.parse(badOrder.text)).toMatchObject({ error: { field: 'orderBy.field' } });
    const response = await fetch(`${baseUrl}/exports/jobs.csv?filter=%7Bnot-json`, { headers: { cookie: `ph_session=${sessions['principalAdmin']}` } });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: { field: 'filter', message: 'filter is not valid JSON.' } });
  });
});
