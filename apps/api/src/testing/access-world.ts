/**
 * The world of the access matrix (issue 15's proof, DESIGN.md §3): every role of §3 as a caller,
 * and of every kind of object one the caller may see and several it may not — another
 * principal's, a sibling's, a parent's, a vehicle whose job grant ended, a job of another service
 * partner. Each object carries distinctive strings (names, e-mails, VINs, configuration values)
 * so that an answer can be searched for anything the caller must not see.
 *
 * Jobs are made through GraphQL (createJob, transitionJob, overrideJobConfiguration), so their
 * grants and events are exactly what the application writes; everything else comes from the
 * factories.
 */
import { v7 as uuidv7 } from 'uuid';
import type { TestApp } from './test-app.js';
import { WORLD_PASSWORD } from './world.js';
import { makeOrganization } from '../modules/organization/organization.factory.js';
import { makeUser } from '../modules/user/user.factory.js';
import { makePartner } from '../modules/partner/partner.factory.js';
import type { Partner } from '../modules/partner/partner.entity.js';
import { makeApiKey } from '../modules/api-key/api-key.factory.js';
import { annotateOwner, giveOwnerAccess, makeOwner } from '../modules/owner/owner.factory.js';
import { assignVehicle, makeVehicle, randomVin } from '../modules/vehicle/vehicle.factory.js';
import type { Vehicle } from '../modules/vehicle/vehicle.entity.js';
import { ImportBatch } from '../modules/import/import-batch.entity.js';
import { ImportUpload } from '../modules/import/import-upload.entity.js';
import type { Credentials } from './test-app.js';

/** The kinds of object an ID argument can name. */
export const OBJECT_KINDS = ['partner', 'vehicle', 'owner', 'job', 'template', 'importBatch', 'upload', 'user', 'apiKey'] as const;
export type ObjectKind = (typeof OBJECT_KINDS)[number];

/** Every caller of the matrix: anonymous, each role of §3, an API key of each kind, another principal's admin. */
export const ROLES = [
  'anonymous',
  'principalAdmin',
  'principalManager',
  'principalViewer',
  'dealerAdmin',
  'dealerStaff',
  'subDealerAdmin',
  'serviceAdmin',
  'technician',
  'principalAdminKey',
  'principalViewerKey',
  'dealerAdminKey',
  'technicianKey',
  'otherPrincipalAdmin',
] as const;
export type Role = (typeof ROLES)[number];

/** One object of the world: its id and the strings that name it (any of them in an answer means the object leaked). */
export interface WorldObject {
  kind: ObjectKind;
  label: string;
  id: string;
  strings: string[];
}

const PRINCIPAL_STAFF: Role[] = ['principalAdmin', 'principalManager', 'principalViewer', 'principalAdminKey', 'principalViewerKey'];
const DEALER: Role[] = ['dealerAdmin', 'dealerStaff', 'dealerAdminKey'];
const TECHNICIAN: Role[] = ['technician', 'technicianKey'];

/**
 * What each role may see, by kind and object label (DESIGN.md §3) — everything else of that kind is
 * foreign to it. Principal staff see their principal's objects; a dealer its subtree and the vehicles
 * assigned to it and their owners; a sub-partner admin only its own subtree (not its parent); a service
 * partner the jobs assigned to it and the vehicles it holds or has an active grant for (never the
 * owners of granted vehicles); a technician only through its jobs' active grants.
 */
export function seesOf(role: Role): Record<ObjectKind, string[]> {
  const none = { partner: [], vehicle: [], owner: [], job: [], template: [], importBatch: [], upload: [], user: [], apiKey: [] };
  const principalUsers = ['uPrincipalAdmin', 'uPrincipalManager', 'uPrincipalViewer'];
  if (PRINCIPAL_STAFF.includes(role)) {
    return {
      partner: ['D', 'D1', 'S', 'SP', 'SP2'],
      vehicle: ['vD', 'vD1', 'vS', 'vSP', 'vNone', 'vGrant', 'vEnded', 'vS2', 'vBatch'],
      owner: ['oD', 'oD1', 'oS', 'oSP', 'oNone', 'oGrant', 'oEnded', 'oS2', 'oBatch'],
      job: ['jGrant', 'jEnded', 'jS2', 'jPending'],
      template: ['tA'],
      importBatch: ['batchA'],
      upload: ['uploadA'],
      user: [...principalUsers, 'uDealerAdmin', 'uDealerStaff', 'uSubDealerAdmin', 'uSiblingAdmin', 'uServiceAdmin', 'uTechnician', 'uOtherTechnician'],
      apiKey: ['kPrincipalAdmin', 'kPrincipalViewer'],
    };
  }
  if (DEALER.includes(role)) {
    return {
      ...none,
      partner: ['D', 'D1'],
      vehicle: ['vD', 'vD1', 'vBatch'],
      owner: ['oD', 'oD1', 'oBatch'],
      // the principal's staff appear as actors (who assigned a vehicle) by design
      user: role === 'dealerStaff' ? [...principalUsers, 'uDealerAdmin', 'uDealerStaff'] : [...principalUsers, 'uDealerAdmin', 'uDealerStaff', 'uSubDealerAdmin'],
      apiKey: ['kDealerAdmin'],
    };
  }
  if (role === 'subDealerAdmin') return { ...none, partner: ['D1'], vehicle: ['vD1'], owner: ['oD1'], user: [...principalUsers, 'uSubDealerAdmin'] };
  if (role === 'serviceAdmin') {
    return { ...none, partner: ['SP'], vehicle: ['vSP', 'vGrant'], owner: ['oSP'], job: ['jGrant', 'jEnded'], user: [...principalUsers, 'uServiceAdmin', 'uTechnician'], apiKey: ['kTechnician'] };
  }
  if (TECHNICIAN.includes(role)) {
    return { ...none, partner: ['SP'], vehicle: ['vGrant'], job: ['jGrant', 'jEnded'], user: [...principalUsers, 'uServiceAdmin', 'uTechnician'], apiKey: ['kTechnician'] };
  }
  if (role === 'otherPrincipalAdmin') {
    return { ...none, partner: ['PB'], vehicle: ['vB'], owner: ['oB'], job: ['jB'], template: ['tB'], importBatch: ['batchB'], upload: ['uploadB'], user: ['uOtherAdmin', 'uOtherPartnerAdmin'], apiKey: ['kOther'] };
  }
  return none; // anonymous
}

/**
 * Strings that describe a field of an object the role may otherwise see, where §3 withholds that
 * field: the principal's private owner annotation (principal staff only) and the configuration of a
 * job whose grant ended (a service partner sees the job, not its configuration, once the grant ended).
 */
export function withheldFieldsOf(role: Role, world: AccessWorld): string[] {
  const withheld: string[] = [];
  if (!PRINCIPAL_STAFF.includes(role)) withheld.push(...world.secrets.annotationsA, ...world.secrets.endedConfiguration);
  if (role !== 'otherPrincipalAdmin') withheld.push(...world.secrets.annotationsB);
  return withheld;
}

/**
 * Which foreign objects of a kind the matrix tries, most telling first (a parent, a sibling, a vehicle
 * whose grant ended, an owner seen only through a grant, the principal's own batch …): the first two
 * the role may not see, and always one of another principal.
 */
export const FOREIGN_PRIORITY: Record<ObjectKind, string[]> = {
  partner: ['D', 'S', 'SP', 'D1', 'SP2', 'PB'],
  vehicle: ['vEnded', 'vD', 'vGrant', 'vS', 'vSP', 'vNone', 'vS2', 'vBatch', 'vD1', 'vB'],
  owner: ['oGrant', 'oD', 'oEnded', 'oS', 'oSP', 'oNone', 'oS2', 'oBatch', 'oD1', 'oB'],
  job: ['jS2', 'jPending', 'jGrant', 'jEnded', 'jB'],
  template: ['tA', 'tB'],
  importBatch: ['batchA', 'batchB'],
  upload: ['uploadA', 'uploadB'],
  user: ['uSubDealerAdmin', 'uDealerAdmin', 'uSiblingAdmin', 'uTechnician', 'uServiceAdmin', 'uOtherTechnician', 'uDealerStaff', 'uPrincipalAdmin', 'uPrincipalManager', 'uPrincipalViewer', 'uOtherPartnerAdmin', 'uOtherAdmin'],
  apiKey: ['kDealerAdmin', 'kTechnician', 'kPrincipalAdmin', 'kPrincipalViewer', 'kOther'],
};
/** Labels of the other principal's objects. */
export const OTHER_PRINCIPAL = new Set(['PB', 'vB', 'oB', 'jB', 'tB', 'batchB', 'uploadB', 'uOtherAdmin', 'uOtherPartnerAdmin', 'kOther']);

/** Order of preference for an own object in a required ID position (the first the role sees). */
export const OWN_PREFERENCE: Record<ObjectKind, string[]> = {
  partner: ['D1', 'SP', 'D', 'S', 'SP2', 'PB'],
  vehicle: ['vD1', 'vGrant', 'vSP', 'vD', 'vNone', 'vB'],
  owner: ['oD1', 'oSP', 'oD', 'oB'],
  job: ['jPending', 'jGrant', 'jB'],
  template: ['tA', 'tB'],
  importBatch: ['batchA', 'batchB'],
  upload: ['uploadA', 'uploadB'],
  user: ['uPrincipalViewer', 'uDealerStaff', 'uSubDealerAdmin', 'uTechnician', 'uOtherPartnerAdmin', 'uOtherAdmin'],
  apiKey: ['kPrincipalViewer', 'kDealerAdmin', 'kTechnician', 'kOther'],
};

const JOB_RESULT = `__typename ... on JobSuccess { job { id status } } ... on ErrorResult { code message }`;

/** Builds the world in `app`'s database and signs every role in. */
export async function buildAccessWorld(app: TestApp) {
  const tag = Math.random().toString(36).slice(2, 8);
  const mark = (label: string) => `MX-${label}-${tag}`;
  const em = app.systemEm();
  const objects: WorldObject[] = [];
  const add = (kind: ObjectKind, label: string, id: string, ...strings: (string | null | undefined)[]) => {
    objects.push({ kind, label, id, strings: [id, ...strings.filter((s): s is string => !!s)] });
  };

  const principalA = makeOrganization(em, 'PRINCIPAL', { name: mark('PrincipalA') });
  const principalB = makeOrganization(em, 'PRINCIPAL', { name: mark('PrincipalB') });
  const partner = (label: string, principal: typeof principalA, fields: Parameters<typeof makePartner>[2] = {}): Partner =>
    makePartner(em, principal, { status: 'ACCEPTED', ...fields, profile: { name: mark(label), email: `${label.toLowerCase()}-${tag}@partners.example` } });
  const D = partner('D', principalA);
  const D1 = partner('D1', principalA, { parent: D });
  const S = partner('S', principalA);
  const SP = partner('SP', principalA, { role: 'SERVICE_PARTNER', allowJobOverride: true });
  const SP2 = partner('SP2', principalA, { role: 'SERVICE_PARTNER' });
  const PB = partner('PB', principalB);
  const partners = { D, D1, S, SP, SP2, PB };
  await em.flush();
  for (const [label, p] of Object.entries(partners)) add('partner', label, p.id, p.organization.name, p.organization.email, p.code);

  const user = async (label: string, organization: typeof principalA, role: Parameters<typeof makeUser>[2]['role']) => {
    const u = await makeUser(em, organization, { role, email: `${label.toLowerCase()}-${tag}@people.example`, name: mark(label), password: WORLD_PASSWORD });
    return u;
  };
  const users = {
    uPrincipalAdmin: await user('uPrincipalAdmin', principalA, 'ADMIN'),
    uPrincipalManager: await user('uPrincipalManager', principalA, 'MANAGER'),
    uPrincipalViewer: await user('uPrincipalViewer', principalA, 'VIEWER'),
    uDealerAdmin: await user('uDealerAdmin', D.organization, 'ADMIN'),
    uDealerStaff: await user('uDealerStaff', D.organization, 'STAFF'),
    uSubDealerAdmin: await user('uSubDealerAdmin', D1.organization, 'ADMIN'),
    uSiblingAdmin: await user('uSiblingAdmin', S.organization, 'ADMIN'),
    uServiceAdmin: await user('uServiceAdmin', SP.organization, 'ADMIN'),
    uTechnician: await user('uTechnician', SP.organization, 'TECHNICIAN'),
    uOtherTechnician: await user('uOtherTechnician', SP2.organization, 'TECHNICIAN'),
    uOtherAdmin: await user('uOtherAdmin', principalB, 'ADMIN'),
    uOtherPartnerAdmin: await user('uOtherPartnerAdmin', PB.organization, 'ADMIN'),
  };
  const secretKey = app.deps.env.SESSION_SECRET;
  const key = (label: string, organization: typeof principalA, role: Parameters<typeof makeApiKey>[2]['role']) =>
    makeApiKey(em, organization, { role, name: mark(label) }, secretKey);
  const keys = {
    kPrincipalAdmin: key('kPrincipalAdmin', principalA, 'ADMIN'),
    kPrincipalViewer: key('kPrincipalViewer', principalA, 'VIEWER'),
    kDealerAdmin: key('kDealerAdmin', D.organization, 'ADMIN'),
    kTechnician: key('kTechnician', SP.organization, 'TECHNICIAN'),
    kOther: key('kOther', principalB, 'ADMIN'),
  };

  const batchOf = (label: string, organization: typeof principalA) =>
    em.create(ImportBatch, { organization, kind: 'VEHICLES', status: 'SUCCEEDED', fileName: `${mark(label)}.csv`, createdByLabel: 'seed', rowCount: 1, createdCount: 1, finishedAt: new Date() });
  const batches = { batchA: batchOf('batchA', principalA), batchB: batchOf('batchB', principalB) };
  em.persist(Object.values(batches));
  const uploads = {
    uploadA: em.create(ImportUpload, { organization: principalA, fileName: `${mark('uploadA')}.csv` }),
    uploadB: em.create(ImportUpload, { organization: principalB, fileName: `${mark('uploadB')}.csv` }),
  };
  em.persist(Object.values(uploads));

  const vehicle = (label: string, principal = principalA, fields: Parameters<typeof makeVehicle>[2] = {}): Vehicle =>
    makeVehicle(em, principal, { vin: randomVin(), make: 'Matrix', model: mark(label), plate: `${label}${tag}`.toUpperCase(), deviceSerial: mark(`${label}-serial`), ...fields });
  const vehicles = {
    vD: vehicle('vD'),
    vD1: vehicle('vD1'),
    vS: vehicle('vS'),
    vSP: vehicle('vSP'),
    vNone: vehicle('vNone'),
    vGrant: vehicle('vGrant'),
    vEnded: vehicle('vEnded'),
    vS2: vehicle('vS2'),
    vBatch: vehicle('vBatch', principalA, { importBatch: batches.batchA }),
    vB: vehicle('vB', principalB, { importBatch: batches.batchB }),
  };
  assignVehicle(em, vehicles.vD, D);
  assignVehicle(em, vehicles.vD1, D1);
  assignVehicle(em, vehicles.vS, S);
  assignVehicle(em, vehicles.vSP, SP);
  assignVehicle(em, vehicles.vBatch, D);
  assignVehicle(em, vehicles.vB, PB);
  // one owner per vehicle, `o` + the vehicle's label without its `v`
  const owners = Object.fromEntries(
    Object.entries(vehicles).map(([label, v], i) => {
      const ownerLabel = `o${label.slice(1)}`;
      const owner = makeOwner(em, v.principal, { email: `${ownerLabel.toLowerCase()}-${tag}@owners.example`, name: mark(ownerLabel), phone: `+49 30 ${i}60101` });
      giveOwnerAccess(em, owner, v);
      return [ownerLabel, owner];
    }),
  );
  const annotationsA = [mark('annotation-D'), mark('annotation-external-D'), mark('annotation-description-D')];
  const annotationsB = [mark('annotation-B')];
  annotateOwner(em, owners['oD'] ?? fail('oD'), { displayName: annotationsA[0], externalUserId: annotationsA[1], description: annotationsA[2] });
  annotateOwner(em, owners['oB'] ?? fail('oB'), { displayName: annotationsB[0] });
  await em.flush();

  const sign = (email: string) => app.signIn(email, WORLD_PASSWORD);
  const credentials: Record<Role, Credentials> = {
    anonymous: {},
    principalAdmin: { sessionToken: await sign(users.uPrincipalAdmin.email) },
    principalManager: { sessionToken: await sign(users.uPrincipalManager.email) },
    principalViewer: { sessionToken: await sign(users.uPrincipalViewer.email) },
    dealerAdmin: { sessionToken: await sign(users.uDealerAdmin.email) },
    dealerStaff: { sessionToken: await sign(users.uDealerStaff.email) },
    subDealerAdmin: { sessionToken: await sign(users.uSubDealerAdmin.email) },
    serviceAdmin: { sessionToken: await sign(users.uServiceAdmin.email) },
    technician: { sessionToken: await sign(users.uTechnician.email) },
    principalAdminKey: { bearerToken: keys.kPrincipalAdmin.token },
    principalViewerKey: { bearerToken: keys.kPrincipalViewer.token },
    dealerAdminKey: { bearerToken: keys.kDealerAdmin.token },
    technicianKey: { bearerToken: keys.kTechnician.token },
    otherPrincipalAdmin: { sessionToken: await sign(users.uOtherAdmin.email) },
  };

  // jobs, through the API: their grants and events are the application's own
  const run = async (role: Role, query: string, input: Record<string, unknown>) => {
    const result = await app.gql(query, { input }, credentials[role]);
    const answer = Object.values(result.data ?? {})[0] as { __typename?: string; job?: { id: string }; jobTemplate?: { id: string } } | undefined;
    if (result.errors || !answer?.__typename?.endsWith('Success')) throw new Error(`building the access world: ${JSON.stringify(result)}`);
    return answer;
  };
  const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { ${JOB_RESULT} } }`;
  const TRANSITION = `mutation($input: TransitionJobInput!) { transitionJob(input: $input) { ${JOB_RESULT} } }`;
  const OVERRIDE = `mutation($input: OverrideJobConfigurationInput!) { overrideJobConfiguration(input: $input) { ${JOB_RESULT} } }`;
  const TEMPLATE = `mutation($input: CreateJobTemplateInput!) { createJobTemplate(input: $input) { __typename ... on JobTemplateSuccess { jobTemplate { id } } ... on ErrorResult { code message } } }`;
  const endedConfiguration = [mark('cfg-ended-before'), mark('cfg-ended-after'), mark('cfg-ended-setting')];
  const job = async (role: Role, label: string, input: Record<string, unknown>) => (await run(role, CREATE, { kind: 'INSTALLATION', title: mark(label), ...input })).job?.id ?? fail(label);
  const jobs = {
    jGrant: await job('principalAdmin', 'jGrant', { vehicleId: vehicles.vGrant.id, servicePartnerId: SP.id, assign: true, configuration: { deviceSerial: mark('cfg-grant') } }),
    jEnded: await job('principalAdmin', 'jEnded', {
      vehicleId: vehicles.vEnded.id,
      servicePartnerId: SP.id,
      assign: true,
      configuration: { deviceSerial: endedConfiguration[0], settings: [{ name: 'matrix_setting', value: endedConfiguration[2] }] },
    }),
    jS2: await job('principalAdmin', 'jS2', { vehicleId: vehicles.vS2.id, servicePartnerId: SP2.id, assign: true, instructions: mark('jS2-instructions') }),
    jPending: await job('principalAdmin', 'jPending', { vehicleId: vehicles.vNone.id, description: mark('jPending-description') }),
    jB: await job('otherPrincipalAdmin', 'jB', { vehicleId: vehicles.vB.id }),
  };
  // the ended job: started, its configuration overridden (a CONFIGURATION_CHANGED event with old and new values), succeeded
  await run('technician', TRANSITION, { id: jobs.jEnded, action: 'START' });
  await run('technician', OVERRIDE, { id: jobs.jEnded, configuration: { deviceSerial: endedConfiguration[1], settings: [{ name: 'matrix_setting', value: endedConfiguration[2] }] } });
  await run('technician', TRANSITION, { id: jobs.jEnded, action: 'SUCCEED' });
  const templates = {
    tA: (await run('principalAdmin', TEMPLATE, { name: mark('tA'), kind: 'INSTALLATION', description: mark('tA-description') })).jobTemplate?.id ?? fail('tA'),
    tB: (await run('otherPrincipalAdmin', TEMPLATE, { name: mark('tB'), kind: 'INSTALLATION' })).jobTemplate?.id ?? fail('tB'),
  };

  for (const [label, v] of Object.entries(vehicles)) add('vehicle', label, v.id, v.vin, v.model, v.deviceSerial);
  for (const [label, o] of Object.entries(owners)) add('owner', label, o.id, o.email, o.name, o.phone);
  for (const [label, id] of Object.entries(jobs)) add('job', label, id, mark(label), mark(`${label}-instructions`), mark(`${label}-description`));
  for (const [label, id] of Object.entries(templates)) add('template', label, id, mark(label), mark(`${label}-description`));
  for (const [label, b] of Object.entries(batches)) add('importBatch', label, b.id, b.fileName);
  for (const [label, u] of Object.entries(uploads)) add('upload', label, u.id, u.fileName);
  for (const [label, u] of Object.entries(users)) add('user', label, u.id, u.email, u.name);
  for (const [label, k] of Object.entries(keys)) add('apiKey', label, k.apiKey.id, k.apiKey.name, k.apiKey.prefix);

  return {
    tag,
    objects,
    credentials,
    ids: { partners, vehicles, owners, jobs, templates, batches, uploads, users, keys },
    principalA,
    principalB,
    secrets: { annotationsA, annotationsB, endedConfiguration },
  };
}

export type AccessWorld = Awaited<ReturnType<typeof buildAccessWorld>>;

function fail(label: string): never {
  throw new Error(`building the access world: ${label} is missing`);
}

/** A UUIDv7 that names nothing. */
export const randomId = (): string => uuidv7();
