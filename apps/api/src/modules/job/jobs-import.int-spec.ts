import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OutboxEmail } from '../mail/outbox-email.entity.js';
import { VIN_MESSAGES } from '@partner-hub/domain';
import { createTestApp } from '../../testing/test-app.js';
import type { TestApp } from '../../testing/test-app.js';
import { signedInPrincipal } from '../../testing/signed-in-principal.js';
import { WORLD_PASSWORD, buildWorld } from '../../testing/world.js';
import { AuditEvent } from '../audit/audit-event.entity.js';
import { JobEvent } from './job-event.entity.js';
import { JobTemplate } from './job-template.entity.js';
import { Job } from './job.entity.js';
import { makePartner } from '../partner/partner.factory.js';
import { makeUser } from '../user/user.factory.js';
import { AccessGrant } from '../vehicle/access-grant.entity.js';
import { makeVehicle, randomVin } from '../vehicle/vehicle.factory.js';
import { ImportBatch } from '../import/import-batch.entity.js';
import { ImportUpload } from '../import/import-upload.entity.js';
import { startServer } from '../../app/create-server.js';
import type { RunningServer } from '../../app/create-server.js';
import { failInterruptedImports, jobsImportsSettled } from './jobs-import.service.js';
import { createClient } from 'graphql-ws';
import type { Client } from 'graphql-ws';
import WebSocket from 'ws';

const DATA = fileURLToPath(new URL('../../../../../../shared/data/', import.meta.url));
const SAMPLE = (name: string) => process.env[`${name.replace(/[-.]/g, '_').toUpperCase()}`] ?? `${DATA}${name}`;
const [PARTNERS_SAMPLE, VEHICLES_SAMPLE, JOBS_SAMPLE, ERRORS_SAMPLE] = ['partners.csv', 'vehicles.csv', 'jobs.csv', 'jobs-with-errors.csv'].map(SAMPLE) as [string, string, string, string];
const samplesPresent = [PARTNERS_SAMPLE, VEHICLES_SAMPLE, JOBS_SAMPLE, ERRORS_SAMPLE].every((f) => existsSync(f));
if (!samplesPresent) console.warn(`⚠ SAMPLE jobs.csv IMPORT TESTS SKIPPED: a sample file under ${DATA} is missing (set PARTNERS_CSV, VEHICLES_CSV, JOBS_CSV, JOBS_WITH_ERRORS_CSV)`); // eslint-disable-line no-console -- a skipped test says so loudly

const COUNTS = 'counts { jobs assigned pending installation maintenance fromTemplate }';
const REPORT_FIELDS = `fileName rowCount valid problemCount warningCount problems { row column message } warnings { row column message } ${COUNTS}
  preview { row kind vin plate title templateName deviceSerial scheduledFor partnerId partnerName }`;
const VALIDATE = `query($input: JobsImportInput!) { validateJobsImport(input: $input) { ${REPORT_FIELDS} } }`;
const BATCH_FIELDS = 'id kind status fileName rowCount processedRows createdCount problemCount createdByLabel problems { row column message }';
const START = `mutation($input: JobsImportInput!) {
  startJobsImport(input: $input) {
    __typename
    ... on JobsImportStarted { batch { ${BATCH_FIELDS} } }
    ... on ValidationError { code field message }
  }
}`;
const BATCH = `query($id: ID!) { importBatch(id: $id) { ${BATCH_FIELDS} } }`;
const IMPORT_PARTNERS = `mutation($input: PartnersImportInput!) { importPartners(input: $input) { __typename } }`;
const IMPORT_VEHICLES = `mutation($input: VehiclesImportInput!) { importVehicles(input: $input) { __typename } }`;
const JOBS = `query($filter: JobFilter) { jobs(filter: $filter, first: 25) { totalCount edges { node { id status instructions vehicle { vin } servicePartner { partnerId } configuration { firmware settings { name value } } } } } }`;
const JOB_EVENTS = `query($id: ID!) { job(id: $id) { events { type fromStatus toStatus } } }`;
const VEHICLE = `query($id: ID!) { vehicle(id: $id) { id vin } }`;

let app: TestApp;
let server: RunningServer;
let world: Awaited<ReturnType<typeof buildWorld>>;

beforeAll(async () => {
  app = await createTestApp();
  world = await buildWorld(app.systemEm());
  server = await startServer(app.orm, app.deps, 0, '127.0.0.1');
});
afterAll(async () => {
  await jobsImportsSettled();
  await server?.stop();
  server?.httpServer.close();
  await app?.close();
});

/** A principal of its own with a signed-in manager, so each test starts without vehicles, partners or jobs. */
const freshPrincipal = () => signedInPrincipal(app, 'Job importer', 'jimporter');

const csv = (...lines: string[]) => `${lines.join('\n')}\n`;

/** POST /imports/uploads as the browser does (session cookie, text/csv): the HTTP response. */
const postUpload = (token: string, body: string | Buffer, fileName = 'jobs.csv', headers: Record<string, string> = {}) =>
  fetch(`${server.url}/imports/uploads?fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { 'content-type': 'text/csv', cookie: `ph_session=${token}`, ...headers },
    body,
  });
const upload = async (token: string, content: string | Buffer, fileName = 'jobs.csv'): Promise<string> => {
  const response = await postUpload(token, content, fileName);
  expect(response.status).toBe(201);
  const { uploadId, byteSize } = (await response.json()) as { uploadId: string; byteSize: number };
  expect(byteSize).toBe(Buffer.byteLength(content));
  return uploadId;
};
const validateUpload = async (token: string, uploadId: string, preferTemplate = false) => {
  const { data, errors } = await app.gql(VALIDATE, { input: { uploadId, preferTemplate } }, { sessionToken: token });
  expect(errors).toBeUndefined();
  return data?.['validateJobsImport'];
};
const validate = async (token: string, content: string, preferTemplate = false) => validateUpload(token, await upload(token, content), preferTemplate);
/** Uploads, starts the import, awaits the background work: the batch as it ended. */
const importFile = async (token: string, content: string, preferTemplate = false, fileName = 'jobs.csv') => {
  const uploadId = await upload(token, content, fileName);
  const { data, errors } = await app.gql(START, { input: { uploadId, preferTemplate } }, { sessionToken: token });
  expect(errors).toBeUndefined();
  expect(data?.['startJobsImport']).toMatchObject({ __typename: 'JobsImportStarted', batch: { kind: 'JOBS', status: 'RUNNING', fileName } });
  await jobsImportsSettled();
  const ended = await app.gql(BATCH, { id: data?.['startJobsImport'].batch.id }, { sessionToken: token });
  expect(ended.errors).toBeUndefined();
  return ended.data?.['importBatch'];
};
const importThrough = async (token: string, mutation: string, key: string, path: string) => {
  const { data, errors } = await app.gql(mutation, { input: { fileName: path.split('/').pop(), content: readFileSync(path, 'utf8') } }, { sessionToken: token });
  expect(errors).toBeUndefined();
  expect(data?.[key].__typename).toMatch(/Success$/);
};

/** Everything of a principal a jobs import may create. */
async function countsOf(principalId: string) {
  const em = app.systemEm();
  const [jobs, events, grants] = await Promise.all([
    em.count(Job, { principal: principalId }),
    em.count(JobEvent, { principal: principalId }),
    em.count(AccessGrant, { principal: principalId }),
  ]);
  return { jobs, events, grants };
}

describe.skipIf(!samplesPresent)('the sample files', () => {
  let principal: Awaited<ReturnType<typeof freshPrincipal>>;
  beforeAll(async () => {
    principal = await freshPrincipal();
    await importThrough(principal.token, IMPORT_PARTNERS, 'importPartners', PARTNERS_SAMPLE);
    await importThrough(principal.token, IMPORT_VEHICLES, 'importVehicles', VEHICLES_SAMPLE);
  });

  it('jobs-with-errors.csv reports exactly its five problems, each on its row and column, and creates nothing', async () => {
    const content = readFileSync(ERRORS_SAMPLE, 'utf8');
    const dry = await validate(principal.token, content);
    expect(dry.problems).toEqual([
      { row: 3, column: 'vin', message: VIN_MESSAGES.characters },
      { row: 4, column: 'kind', message: '"repair" is not a kind of job. The kind is installation or maintenance.' },
      { row: 5, column: 'assigned_installer_company_id', message: 'No partner with the Partner ID ZZZZZ exists among your partners.' },
      { row: 6, column: 'scheduled_for', message: '2027-13-45 is not a day of the calendar.' },
      { row: 7, column: 'assigned_installer_company_id', message: 'The partner WK3DE (Warsaw Motors 1) is a dealer, not a service partner: jobs go to service partners.' },
    ]);
    expect(dry).toMatchObject({ rowCount: 6, valid: false, counts: { jobs: 1 } });

    const imported = await importFile(principal.token, content, false, 'jobs-with-errors.csv');
    expect(imported).toMatchObject({ kind: 'JOBS', status: 'FAILED', fileName: 'jobs-with-errors.csv', rowCount: 6, processedRows: 6, createdCount: 0, problemCount: 5, problems: dry.problems });
    expect(await countsOf(principal.organization.id)).toEqual({ jobs: 0, events: 0, grants: 0 });
  });

  it('jobs.csv imports cleanly: every job on its batch, ASSIGNED ones with events and a grant, the batch filters the jobs list', async () => {
    const content = readFileSync(JOBS_SAMPLE, 'utf8');
    const dry = await validate(principal.token, content);
    expect(dry).toMatchObject({ rowCount: 25, valid: true, problems: [], counts: { jobs: 25, assigned: 20, pending: 5, installation: 20, maintenance: 5, fromTemplate: 0 } });
    // partners.csv creates partners that have not claimed their accounts yet: assigning to them is allowed, and said
    expect(dry.warnings).toHaveLength(20);
    expect(dry.warnings[0]).toEqual({ row: 2, column: 'assigned_installer_company_id', message: 'The service partner GAKGZ (Lyon Auto 6) has not accepted its invitation yet: its technicians see these jobs once it has.' });
    expect(dry.preview[0]).toEqual({
      row: 2,
      kind: 'INSTALLATION',
      vin: 'JHM3UJCS5LC402344',
      plate: expect.any(String),
      title: 'Install telematics unit',
      templateName: null,
      deviceSerial: 'CB19103678',
      scheduledFor: '2027-02-22',
      partnerId: 'GAKGZ',
      partnerName: 'Lyon Auto 6',
    });
    expect(await countsOf(principal.organization.id)).toEqual({ jobs: 0, events: 0, grants: 0 }); // a dry run creates nothing

    const imported = await importFile(principal.token, content);
    expect(imported).toMatchObject({ kind: 'JOBS', status: 'SUCCEEDED', fileName: 'jobs.csv', rowCount: 25, processedRows: 25, createdCount: 25, problemCount: 0, problems: [] });
    const batchId = imported.id;
    const em = app.systemEm();
    expect(await em.count(Job, { importBatch: batchId })).toBe(25);
    expect(await em.count(Job, { importBatch: batchId, status: 'ASSIGNED', servicePartner: { $ne: null } })).toBe(20);
    expect(await em.count(Job, { importBatch: batchId, status: 'PENDING', servicePartner: null })).toBe(5);
    expect(await countsOf(principal.organization.id)).toEqual({ jobs: 25, events: 25 + 20, grants: 20 });
    const grants = await em.find(AccessGrant, { principal: principal.organization.id }, { populate: ['partner'] });
    expect(new Set(grants.map((g) => g.partner.code))).toEqual(new Set(['GAKGZ', 'L53X4', '9X6UE', '8YKJB']));
    expect(grants.every((g) => g.jobId && g.endedAt === null && g.startsAt.getTime() <= Date.now())).toBe(true);
    const audits = await em.find(AuditEvent, { objectId: batchId });
    expect(audits.map((a) => a.action).sort()).toEqual(['job.import', 'job.importStarted']);

    const list = await app.gql(JOBS, { filter: { importBatchId: batchId } }, { sessionToken: principal.token });
    expect(list.errors).toBeUndefined();
    expect(list.data?.['jobs'].totalCount).toBe(25);
    const nodes = list.data?.['jobs'].edges.map((e: { node: unknown }) => e.node) as { id: string; vehicle: { vin: string }; status: string; instructions: string | null }[];
    const eventsOf = async (id: string | undefined) => (await app.gql(JOB_EVENTS, { id }, { sessionToken: principal.token })).data?.['job'].events;
    const quoted = nodes.find((n) => n.vehicle.vin === '1FT6UXS73RD830640' && n.instructions); // line 4 (the VIN has a second job on line 14)
    expect(quoted).toMatchObject({ status: 'ASSIGNED', instructions: 'Use CAN adapter, "Type B"', servicePartner: { partnerId: '9X6UE' }, configuration: { firmware: '5.0.2', settings: [{ name: 'odometer_source', value: 'GPS' }] } });
    expect(await eventsOf(quoted?.id)).toEqual([
      { type: 'CREATED', fromStatus: null, toStatus: 'PENDING' },
      { type: 'ASSIGN', fromStatus: 'PENDING', toStatus: 'ASSIGNED' },
    ]);
    expect(await eventsOf(nodes.find((n) => n.status === 'PENDING')?.id)).toEqual([{ type: 'CREATED', fromStatus: null, toStatus: 'PENDING' }]);
    // another principal's list does not see them
    const other = await freshPrincipal();
    expect((await app.gql(JOBS, { filter: { importBatchId: batchId } }, { sessionToken: other.token })).data?.['jobs'].totalCount).toBe(0);
  });
});

describe('reading files', () => {
  it('accepts a BOM, semicolons, quoted fields with separators and quotes, CRLF, header names and kinds in any case', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const [a, b] = [makeVehicle(em, organization), makeVehicle(em, organization, { plate: 'B-JI 77' })];
    await em.flush();
    const content = `\uFEFFVIN;License_Plate;KIND;Title;Instructions;Setting.Odometer_Source\r\n${a.vin.toLowerCase()};;Installation;"Fit; then test";"Use the ""B"" adapter, carefully";CAN\r\n;" b-ji  77 ";MAINTENANCE;"Two\r\nlines";;\r\n`;
    const imported = await importFile(token, content);
    expect(imported).toMatchObject({ status: 'SUCCEEDED', createdCount: 2 });
    const jobs = await em.find(Job, { principal: organization.id }, { orderBy: { kind: 'asc' } });
    expect(jobs.map((j) => [j.vehicle.id, j.kind, j.title, j.instructions, j.configuration.settings])).toEqual([
      [a.id, 'INSTALLATION', 'Fit; then test', 'Use the "B" adapter, carefully', { Odometer_Source: 'CAN' }],
      [b.id, 'MAINTENANCE', 'Two\nlines', null, {}],
    ]);
  });

  it('refuses a file of 100,001 rows with one clear message, and imports nothing', async () => {
    const { organization, token } = await freshPrincipal();
    const row = `${randomVin()},installation\n`;
    const content = `vin,kind\n${row.repeat(100_001)}`;
    const dry = await validate(token, content);
    const refusal = [{ row: null, column: null, message: 'The file has 100,001 rows; at most 100,000 can be imported at once. Split it into smaller files.' }];
    expect(dry).toEqual(expect.objectContaining({ valid: false, rowCount: 100_001, problemCount: 1, problems: refusal, warnings: [], preview: [] }));
    expect(await importFile(token, content)).toMatchObject({ status: 'FAILED', rowCount: 100_001, createdCount: 0, problems: refusal });
    expect(await countsOf(organization.id)).toEqual({ jobs: 0, events: 0, grants: 0 });
  });
});

describe('checking rows', () => {
  it('reports an unknown VIN, an unknown plate, a non-service Partner ID and another principal\'s vehicle, and creates nothing', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const mine = makeVehicle(em, organization);
    const dealer = makePartner(em, organization, { role: 'DEALER', status: 'ACCEPTED' });
    const theirs = makeVehicle(em, world.principalB);
    await em.flush();
    const unknownVin = randomVin();
    const dry = await validate(token, csv('vin,license_plate,kind,assigned_installer_company_id', `${unknownVin},,installation,`, ',NO SUCH 1,maintenance,', `${mine.vin},,installation,${dealer.code}`, `${theirs.vin},,installation,`, `${mine.vin},,installation,`));
    expect(dry.problems).toEqual([
      { row: 2, column: 'vin', message: `No vehicle with the VIN ${unknownVin} exists among your vehicles.` },
      { row: 3, column: 'license_plate', message: 'No vehicle with the plate NO SUCH 1 exists among your vehicles.' },
      { row: 4, column: 'assigned_installer_company_id', message: expect.stringContaining('is a dealer, not a service partner') },
      { row: 5, column: 'vin', message: `No vehicle with the VIN ${theirs.vin} exists among your vehicles.` },
    ]);
    expect(dry.counts.jobs).toBe(1);
    expect(await importFile(token, csv('vin,kind', `${unknownVin},installation`, `${mine.vin},installation`))).toMatchObject({ status: 'FAILED', problemCount: 1, createdCount: 0 });
    expect(await countsOf(organization.id)).toEqual({ jobs: 0, events: 0, grants: 0 });
  });

  it('imports nothing when the last row of a 5,000-row file is bad, and everything once it is fixed — in a handful of statements', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const partner = makePartner(em, organization, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const vehicles = Array.from({ length: 50 }, () => makeVehicle(em, organization));
    await em.flush();
    const rows = Array.from({ length: 4999 }, (_, i) => `${vehicles[i % 50]?.vin},${i % 2 ? 'maintenance' : 'installation'},${i % 3 ? partner.code : ''},2027-03-01`);
    const bad = csv('vin,kind,assigned_installer_company_id,scheduled_for', ...rows, `${vehicles[0]?.vin},installation,,2027-02-30`);
    const badUpload = await upload(token, bad);
    let dry: { problems: unknown[] } | undefined;
    const statements = await app.countStatements(async () => {
      dry = await validateUpload(token, badUpload);
    });
    expect(dry?.problems).toEqual([{ row: 5001, column: 'scheduled_for', message: '2027-02-30 is not a day of the calendar.' }]);
    // session, upload, the chunks, per batch of 2,000 rows one VIN lookup, the partner once: never one per row
    expect(statements).toBeLessThanOrEqual(12);
    const failed = await importFile(token, bad);
    expect(failed).toMatchObject({ status: 'FAILED', rowCount: 5000, processedRows: 5000, createdCount: 0, problems: dry?.problems });
    expect(await countsOf(organization.id)).toEqual({ jobs: 0, events: 0, grants: 0 });

    const good = bad.replace('2027-02-30', '2027-02-28');
    const imported = await importFile(token, good);
    const assigned = rows.filter((_, i) => i % 3).length;
    expect(imported).toMatchObject({ status: 'SUCCEEDED', createdCount: 5000 });
    expect(await countsOf(organization.id)).toEqual({ jobs: 5000, events: 5000 + assigned, grants: assigned });
  });
});

describe('templates', () => {
  it('fills the empty cells from the template by default, and lets the template win with preferTemplate', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const vehicle = makeVehicle(em, organization);
    const template = em.create(JobTemplate, {
      principal: organization,
      name: 'CloudBoxx Standard',
      kind: 'INSTALLATION',
      title: 'Template title',
      description: 'Template description',
      configuration: { deviceModel: 'CloudBoxx 3', firmware: '5.0.2', installationVariant: 'keyless', settings: { odometer_source: 'CAN', gps: 'on' } },
    });
    em.persist(template);
    em.persist(em.create(JobTemplate, { principal: organization, name: 'Old', kind: 'INSTALLATION', configuration: { settings: {} }, archivedAt: new Date() }));
    await em.flush();
    const content = csv('vin,kind,template,title,firmware,setting.odometer_source', `${vehicle.vin},installation,cloudboxx standard,Row title,4.3.0,GPS`);

    const rowWins = await importFile(token, content, false);
    expect(rowWins).toMatchObject({ status: 'SUCCEEDED', createdCount: 1 });
    const templateWins = await importFile(token, content, true);
    const [first, second] = await Promise.all([rowWins, templateWins].map((r) => app.systemEm().findOneOrFail(Job, { importBatch: r.id })));
    expect(first).toMatchObject({ title: 'Row title', description: 'Template description', template: { id: template.id } });
    expect(first?.configuration).toMatchObject({ deviceModel: 'CloudBoxx 3', firmware: '4.3.0', installationVariant: 'keyless', settings: { odometer_source: 'GPS', gps: 'on' } });
    expect(second).toMatchObject({ title: 'Template title', description: 'Template description' });
    expect(second?.configuration).toMatchObject({ deviceModel: 'CloudBoxx 3', firmware: '5.0.2', settings: { odometer_source: 'CAN', gps: 'on' } });

    const dry = await validate(token, csv('vin,kind,template', `${vehicle.vin},installation,Old`, `${vehicle.vin},maintenance,CloudBoxx Standard`));
    expect(dry.problems).toEqual([
      { row: 2, column: 'template', message: 'No template named "old" exists (deleted templates cannot be used).' },
      { row: 3, column: 'template', message: 'The template "CloudBoxx Standard" is for installation jobs; this row is maintenance.' },
    ]);
  });
});

describe('assigned jobs and access', () => {
  it("lets the technicians of the assigned service partner see the job's vehicle", async () => {
    const em = app.systemEm();
    const vehicle = makeVehicle(em, world.principalA);
    const sp = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const otherSp = makePartner(em, world.principalA, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const tech = await makeUser(em, sp.organization, { role: 'TECHNICIAN', email: `jimport-tech.${Date.now().toString(36)}@world.example`, password: WORLD_PASSWORD });
    const otherTech = await makeUser(em, otherSp.organization, { role: 'TECHNICIAN', email: `jimport-other.${Date.now().toString(36)}@world.example`, password: WORLD_PASSWORD });
    const spAdmin = await makeUser(em, sp.organization, { role: 'ADMIN', email: `jimport-admin.${Date.now().toString(36)}@world.example`, password: WORLD_PASSWORD });
    await em.flush();
    const technician = await app.signIn(tech.email, WORLD_PASSWORD);
    const stranger = await app.signIn(otherTech.email, WORLD_PASSWORD);
    expect((await app.gql(VEHICLE, { id: vehicle.id }, { sessionToken: technician })).data?.['vehicle']?.id).toBeUndefined();

    const manager = await app.signIn(world.users.managerA.email, WORLD_PASSWORD);
    const imported = await importFile(manager, csv('vin,kind,assigned_installer_company_id', `${vehicle.vin},installation,${sp.code}`));
    expect(imported).toMatchObject({ status: 'SUCCEEDED', createdCount: 1 });
    // the partner's admins hear of it once for the whole file
    expect(await app.systemEm().count(OutboxEmail, { to: { $like: `%${spAdmin.email}%` } })).toBe(1);
    expect((await app.gql(VEHICLE, { id: vehicle.id }, { sessionToken: technician })).data?.['vehicle']).toEqual({ id: vehicle.id, vin: vehicle.vin });
    const jobs = await app.gql(JOBS, { filter: {} }, { sessionToken: technician });
    expect(jobs.data?.['jobs'].totalCount).toBe(1);
    // the batch is the principal's: filtering by it answers as a random id would (issue 15), also for its own technicians
    expect((await app.gql(JOBS, { filter: { importBatchId: imported.id } }, { sessionToken: technician })).data?.['jobs'].totalCount).toBe(0);
    // the technicians of another service partner see neither
    expect((await app.gql(VEHICLE, { id: vehicle.id }, { sessionToken: stranger })).data?.['vehicle']?.id).toBeUndefined();
    expect((await app.gql(JOBS, { filter: {} }, { sessionToken: stranger })).data?.['jobs'].totalCount).toBe(0);
  });
});

describe('reading in batches', () => {
  it('sends the same few statements per batch of rows, however long the file (no per-row queries)', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const partner = makePartner(em, organization, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const vehicles = Array.from({ length: 40 }, () => makeVehicle(em, organization, { plate: null }));
    await em.flush();
    const file = (rows: number) =>
      csv('vin,kind,assigned_installer_company_id', ...Array.from({ length: rows }, (_, i) => `${vehicles[i % 40]?.vin},installation,${i % 2 ? partner.code : ''}`));
    const statementsFor = async (rows: number) => {
      const uploadId = await upload(token, file(rows));
      return app.countStatements(async () => expect((await validateUpload(token, uploadId)).counts.jobs).toBe(rows));
    };
    const one = await statementsFor(2000); // one batch
    const five = await statementsFor(10_000); // five batches
    // each further batch costs its VIN lookup (the partner is known by then) and, now and then, the next 1 MB chunk
    expect(five - one).toBeLessThanOrEqual(4 * 2);
  });

  it('commits with the same few statements per batch of rows too: lookup, one INSERT per table, the progress', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const partner = makePartner(em, organization, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const vehicles = Array.from({ length: 40 }, () => makeVehicle(em, organization, { plate: null }));
    await em.flush();
    const file = (rows: number) =>
      csv('vin,kind,assigned_installer_company_id', ...Array.from({ length: rows }, (_, i) => `${vehicles[i % 40]?.vin},installation,${i % 2 ? partner.code : ''}`));
    // every statement knex sends: MikroORM's and the bulk INSERTs the import sends with bind parameters
    const knex = app.orm.em.getConnection().getKnex();
    const statementsFor = async (rows: number) => {
      let statements = 0;
      const count = () => (statements += 1);
      knex.on('query', count);
      try {
        expect(await importFile(token, file(rows))).toMatchObject({ status: 'SUCCEEDED', createdCount: rows });
      } finally {
        knex.off('query', count);
      }
      return statements;
    };
    const one = await statementsFor(2000);
    const five = await statementsFor(10_000);
    // per further batch: its VIN lookup, the INSERTs of jobs, events and grants, the progress update, now and then a chunk
    expect(five - one).toBeGreaterThanOrEqual(4 * 4);
    expect(five - one).toBeLessThanOrEqual(4 * 6);
    expect(await countsOf(organization.id)).toEqual({ jobs: 12_000, events: 18_000, grants: 6000 });
  });
});

describe('who may import', () => {
  it('refuses principal viewers, partner admins, partner staff and technicians: upload, dry run and import', async () => {
    const em = app.systemEm();
    const vehicle = makeVehicle(em, world.principalA);
    await em.flush();
    const content = csv('vin,kind', `${vehicle.vin},installation`);
    const manager = await app.signIn(world.users.managerA.email, WORLD_PASSWORD);
    const uploadId = await upload(manager, content);
    const batchesBefore = await em.count(ImportBatch, { kind: 'JOBS', organization: world.principalA.id });
    const uploadsBefore = await em.count(ImportUpload, {});
    for (const user of [world.users.viewerA, world.users.dealerAdmin, world.users.dealerStaff, world.users.technician]) {
      const token = await app.signIn(user.email, WORLD_PASSWORD);
      const refused = await postUpload(token, content);
      expect(refused.status, user.email).toBe(403);
      expect(await refused.json()).toEqual({ error: { code: 'FORBIDDEN', message: expect.stringContaining('admins and managers') } });
      const dry = await app.gql(VALIDATE, { input: { uploadId } }, { sessionToken: token });
      expect(dry.errors?.[0]?.extensions?.['code'], user.email).toBe('FORBIDDEN');
      const started = await app.gql(START, { input: { uploadId } }, { sessionToken: token });
      expect(started.errors?.[0]?.extensions?.['code'], user.email).toBe('FORBIDDEN');
    }
    const anonymous = await fetch(`${server.url}/imports/uploads?fileName=j.csv`, { method: 'POST', headers: { 'content-type': 'text/csv' }, body: content });
    expect(anonymous.status).toBe(401);
    expect(await em.count(ImportBatch, { kind: 'JOBS', organization: world.principalA.id })).toBe(batchesBefore);
    expect(await em.count(ImportUpload, {})).toBe(uploadsBefore);
    expect(await em.count(Job, { vehicle })).toBe(0);
  });

  it("does not let another principal use an upload, read a batch or follow its progress", async () => {
    const mine = await freshPrincipal();
    const em = app.systemEm();
    const vehicle = makeVehicle(em, mine.organization);
    await em.flush();
    const uploadId = await upload(mine.token, csv('vin,kind', `${vehicle.vin},installation`));
    const other = await freshPrincipal();
    const dry = await app.gql(VALIDATE, { input: { uploadId } }, { sessionToken: other.token });
    expect(dry.errors?.[0]).toMatchObject({ message: expect.stringContaining('No such upload') });
    const started = await app.gql(START, { input: { uploadId } }, { sessionToken: other.token });
    expect(started.data?.['startJobsImport']).toMatchObject({ __typename: 'ValidationError', field: 'uploadId', message: expect.stringContaining('No such upload') });
    const batch = await importFile(mine.token, csv('vin,kind', `${vehicle.vin},installation`));
    expect(batch).toMatchObject({ status: 'SUCCEEDED' });
    expect((await app.gql(BATCH, { id: batch.id }, { sessionToken: other.token })).data?.['importBatch']).toBeNull();
    expect(await em.count(Job, { principal: other.organization.id })).toBe(0);
  });

  it('accepts an upload only as text/csv (a cross-site form cannot send one) and names the file', async () => {
    const { token } = await freshPrincipal();
    const asForm = await postUpload(token, 'vin,kind\n', 'jobs.csv', { 'content-type': 'text/plain' });
    expect(asForm.status).toBe(415);
    const nameless = await postUpload(token, 'vin,kind\n', ' ');
    expect(nameless.status).toBe(400);
  });
});

describe('the 50 MB limit', () => {
  it('refuses a larger upload with 413 and keeps nothing — declared, or found while streaming', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const chunks = async () => (await em.getConnection().execute('select count(*)::int as n from import_upload_chunk'))[0].n as number;
    const chunksBefore = await chunks();
    const declared = await postUpload(token, Buffer.alloc(50 * 1024 * 1024 + 1, 'a'));
    expect(declared.status).toBe(413);
    expect(await declared.json()).toEqual({ error: { code: 'PAYLOAD_TOO_LARGE', message: expect.stringContaining('at most 50 MB') } });

    // without a Content-Length (chunked), the limit is enforced while the body streams in
    const piece = new Uint8Array(1024 * 1024).fill(97);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent++ < 60) controller.enqueue(piece);
        else controller.close();
      },
    });
    const streamed = await fetch(`${server.url}/imports/uploads?fileName=big.csv`, {
      method: 'POST',
      headers: { 'content-type': 'text/csv', cookie: `ph_session=${token}` },
      body,
      duplex: 'half',
    } as RequestInit).catch((error: unknown) => error);
    // the server answers 413 and closes the connection; the client sees the answer or, mid-send, the closed socket
    if (streamed instanceof Response) expect(streamed.status).toBe(413);
    else expect(sent).toBeLessThan(60);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await em.count(ImportUpload, { organization: organization.id })).toBe(0);
    expect(await chunks()).toBe(chunksBefore);
  });
});

describe('progress over the subscription', () => {
  it('publishes the batch after each batch of rows and at the end, to its own principal\'s staff only', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const vehicles = Array.from({ length: 20 }, () => makeVehicle(em, organization));
    await em.flush();
    const content = csv('vin,kind', ...Array.from({ length: 5000 }, (_, i) => `${vehicles[i % 20]?.vin},maintenance`));
    const uploadId = await upload(token, content);
    expect((await validateUpload(token, uploadId)).rowCount).toBe(5000);
    const other = await freshPrincipal();

    const wsClient = (sessionToken: string) =>
      createClient({
        url: `${server.url.replace('http', 'ws')}/graphql`,
        // the browser's way: the session cookie on the upgrade request
        webSocketImpl: class extends WebSocket {
          constructor(address: string, protocols?: string | string[]) {
            super(address, protocols, { headers: { cookie: `ph_session=${sessionToken}` } });
          }
        },
        retryAttempts: 0,
      });
    const follow = (client: Client, id: string) => {
      const events: { status: string; rowCount: number; processedRows: number; createdCount: number }[] = [];
      const errors: unknown[] = [];
      const done = new Promise<void>((resolve) => {
        client.subscribe(
          { query: `subscription($id: ID!) { importBatchProgress(id: $id) { status rowCount processedRows createdCount } }`, variables: { id } },
          {
            next: ({ data, errors: refused }) => {
              if (refused) {
                errors.push(refused);
                resolve();
                return;
              }
              const batch = (data as { importBatchProgress: (typeof events)[number] }).importBatchProgress;
              events.push(batch);
              if (batch.status !== 'RUNNING') resolve();
            },
            error: (error) => {
              errors.push(error);
              resolve();
            },
            complete: () => resolve(),
          },
        );
      });
      return { events, errors, done };
    };

    // hold the import at its first INSERT until both subscriptions are listening
    const knex = app.orm.em.getConnection().getKnex();
    const hold = await knex.transaction();
    await hold.raw('lock table job in share mode');
    const started = await app.gql(START, { input: { uploadId } }, { sessionToken: token });
    const batch = started.data?.['startJobsImport'].batch;
    expect(batch).toMatchObject({ status: 'RUNNING', rowCount: 5000, processedRows: 0 });
    const technician = await app.signIn(world.users.technician.email, WORLD_PASSWORD);
    const [own, foreign, partnerSide] = [wsClient(token), wsClient(other.token), wsClient(technician)];
    const ownEvents = follow(own, batch.id);
    const foreignEvents = follow(foreign, batch.id);
    const technicianEvents = follow(partnerSide, batch.id);
    await new Promise((resolve) => setTimeout(resolve, 300)); // let both subscriptions land
    await hold.commit();
    await ownEvents.done;
    await jobsImportsSettled();
    await new Promise((resolve) => setTimeout(resolve, 100));
    await Promise.all([own.dispose(), foreign.dispose(), partnerSide.dispose()]);

    expect(ownEvents.errors).toEqual([]);
    expect(ownEvents.events.map((e) => [e.status, e.processedRows])).toEqual([
      ['RUNNING', 2000],
      ['RUNNING', 4000],
      ['RUNNING', 5000],
      ['SUCCEEDED', 5000],
    ]);
    expect(ownEvents.events.at(-1)).toEqual({ status: 'SUCCEEDED', rowCount: 5000, processedRows: 5000, createdCount: 5000 });
    expect(foreignEvents.events).toEqual([]);
    // partner people may not even subscribe
    expect(technicianEvents.events).toEqual([]);
    expect(technicianEvents.errors).toEqual([[expect.objectContaining({ extensions: { code: 'FORBIDDEN' } })]]);
  });
});

describe('an interrupted import', () => {
  it('is marked FAILED at start, unless a running transaction still holds its lock', async () => {
    const { organization } = await freshPrincipal();
    const em = app.systemEm();
    const batch = (fileName: string) => em.create(ImportBatch, { organization, kind: 'JOBS', status: 'RUNNING', fileName, createdByLabel: 'test', rowCount: 10 });
    const [crashed, alive] = [batch('crashed.csv'), batch('alive.csv')];
    await em.flush();
    const knex = app.orm.em.getConnection().getKnex();
    const running = await knex.transaction();
    await running.raw('select pg_advisory_xact_lock(hashtextextended(?, 0))', [alive.id]);
    try {
      expect(await failInterruptedImports(app.orm)).toBe(1);
    } finally {
      await running.rollback();
    }
    const after = app.systemEm();
    expect(await after.findOneOrFail(ImportBatch, crashed.id)).toMatchObject({ status: 'FAILED', problemCount: 1, problems: [{ row: null, column: null, message: expect.stringContaining('interrupted') }] });
    expect(await after.findOneOrFail(ImportBatch, alive.id)).toMatchObject({ status: 'RUNNING' });
    await after.nativeUpdate(ImportBatch, { id: alive.id }, { status: 'FAILED' });
  });
});

const MEASURE = process.env['MEASURE_JOBS_IMPORT'] === '1';
describe.skipIf(!MEASURE)('speed (MEASURE_JOBS_IMPORT=1)', () => {
  it('validates and commits 10,000 rows', async () => {
    const { organization, token } = await freshPrincipal();
    const em = app.systemEm();
    const partner = makePartner(em, organization, { role: 'SERVICE_PARTNER', status: 'ACCEPTED' });
    const vehicles = Array.from({ length: 1000 }, () => makeVehicle(em, organization));
    await em.flush();
    const content = csv(
      'vin,kind,title,device_serial,firmware,setting.odometer_source,scheduled_for,assigned_installer_company_id',
      ...Array.from({ length: 10_000 }, (_, i) => `${vehicles[i % 1000]?.vin},installation,Install unit,CB${i},5.0.2,CAN,2027-03-01,${i % 2 ? partner.code : ''}`),
    );
    const t0 = performance.now();
    expect((await validate(token, content)).counts.jobs).toBe(10_000);
    const t1 = performance.now();
    expect((await importFile(token, content)).createdCount).toBe(10_000);
    const t2 = performance.now();
    console.info(`jobs import of 10,000 rows (${(content.length / 1024 / 1024).toFixed(1)} MB, 5,000 assigned): validate ${(t1 - t0).toFixed(0)} ms, commit ${(t2 - t1).toFixed(0)} ms`); // eslint-disable-line no-console -- the measured figure
  });
});
