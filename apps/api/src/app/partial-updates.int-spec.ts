/**
 * The rule of every update mutation (docs/api.md "GraphQL conventions", `parseUpdate`): it changes only the
 * fields it is given — a field left out stays as it is, a nullable field given as null is cleared.
 * One test per update mutation: leave almost everything out, then clear one field explicitly.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp } from '../testing/test-app.js';
import type { TestApp } from '../testing/test-app.js';
import { WORLD_PASSWORD, buildWorld } from '../testing/world.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { makePartner } from '../modules/partner/partner.factory.js';
import { makeVehicle } from '../modules/vehicle/vehicle.factory.js';
import type { Vehicle } from '../modules/vehicle/vehicle.entity.js';

let app: TestApp;
let world: Awaited<ReturnType<typeof buildWorld>>;
let session: string;
let vehicle: Vehicle;
let servicePartner: Partner;

const ERR = '... on ErrorResult { code field message } ... on ValidationError { fieldErrors { field message } }';

beforeAll(async () => {
  app = await createTestApp();
  const em = app.systemEm();
  world = await buildWorld(em);
  vehicle = makeVehicle(em, world.principalA);
  await em.flush();
  servicePartner = await em.findOneOrFail(Partner, { organization: world.service });
  session = await app.signIn(world.users.adminA.email, WORLD_PASSWORD);
});
afterAll(async () => app?.close());

async function run(query: string, input: Record<string, unknown>) {
  const result = await app.gql(query, { input }, { sessionToken: session });
  expect(result.errors).toBeUndefined();
  return result.data as Record<string, { __typename: string } & Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any -- result shapes differ per mutation
}

describe('updateJob', () => {
  const JOB = 'job { title description instructions scheduledFor configuration { deviceSerial firmware settings { name value } } }';
  const CREATE = `mutation($input: CreateJobInput!) { createJob(input: $input) { __typename ... on JobSuccess { job { id } } ${ERR} } }`;
  const UPDATE = `mutation($input: UpdateJobInput!) { updateJob(input: $input) { __typename ... on JobSuccess { ${JOB} } ${ERR} } }`;

  it('given only the configuration, keeps title, description, instructions and schedule; an explicit null clears only that field', async () => {
    const created = await run(CREATE, {
      kind: 'INSTALLATION',
      vehicleId: vehicle.id,
      title: 'Fit the unit',
      description: 'New tracker',
      instructions: 'Gate 2',
      scheduledFor: '2027-05-04',
      configuration: { deviceSerial: 'SN-1', firmware: '1.0', settings: [{ name: 'apn', value: 'fleet' }] },
    });
    const id = created['createJob']?.['job'].id as string;

    const configured = await run(UPDATE, { id, configuration: { deviceSerial: 'SN-2', firmware: '2.0', settings: [] } });
    expect(configured['updateJob']).toEqual({
      __typename: 'JobSuccess',
      job: { title: 'Fit the unit', description: 'New tracker', instructions: 'Gate 2', scheduledFor: '2027-05-04', configuration: { deviceSerial: 'SN-2', firmware: '2.0', settings: [] } },
    });

    const cleared = await run(UPDATE, { id, scheduledFor: null });
    expect(cleared['updateJob']?.['job']).toEqual({ ...configured['updateJob']?.['job'], scheduledFor: null });

    const emptied = await run(UPDATE, { id, configuration: null });
    expect(emptied['updateJob']?.['job']).toMatchObject({ title: 'Fit the unit', configuration: { deviceSerial: null, firmware: null, settings: [] } });
  });
});

describe('updateJobTemplate', () => {
  const TEMPLATE = 'jobTemplate { name kind title description instructions configuration { firmware } defaultServicePartner { id } }';
  const CREATE = `mutation($input: CreateJobTemplateInput!) { createJobTemplate(input: $input) { __typename ... on JobTemplateSuccess { jobTemplate { id } } ${ERR} } }`;
  const UPDATE = `mutation($input: UpdateJobTemplateInput!) { updateJobTemplate(input: $input) { __typename ... on JobTemplateSuccess { ${TEMPLATE} } ${ERR} } }`;

  it('keeps the fields left out (configuration and default service partner included) and clears an explicit null', async () => {
    const created = await run(CREATE, {
      name: 'Partial template',
      kind: 'MAINTENANCE',
      title: 'Check',
      description: 'Yearly',
      instructions: 'Call first',
      configuration: { firmware: '3.1', settings: [] },
      defaultServicePartnerId: servicePartner.id,
    });
    const id = created['createJobTemplate']?.['jobTemplate'].id as string;

    const renamed = await run(UPDATE, { id, name: 'Partial template 2', kind: 'MAINTENANCE' });
    expect(renamed['updateJobTemplate']).toEqual({
      __typename: 'JobTemplateSuccess',
      jobTemplate: { name: 'Partial template 2', kind: 'MAINTENANCE', title: 'Check', description: 'Yearly', instructions: 'Call first', configuration: { firmware: '3.1' }, defaultServicePartner: { id: servicePartner.id } },
    });

    const cleared = await run(UPDATE, { id, name: 'Partial template 2', kind: 'MAINTENANCE', description: null, defaultServicePartnerId: null });
    expect(cleared['updateJobTemplate']?.['jobTemplate']).toEqual({ ...renamed['updateJobTemplate']?.['jobTemplate'], description: null, defaultServicePartner: null });
  });
});

describe('updateVehicle', () => {
  const UPDATE = `mutation($input: UpdateVehicleInput!) { updateVehicle(input: $input) { __typename ... on VehicleSuccess { vehicle { make model year plate deviceSerial deviceModel firmware } } ${ERR} } }`;

  it('keeps the optional details left out and clears an explicit null', async () => {
    const em = app.systemEm();
    const car = makeVehicle(em, world.principalA, { plate: 'B-PH 1', deviceSerial: 'DS-1', deviceModel: 'TX', firmware: '9.9', year: 2022 });
    await em.flush();

    const renamed = await run(UPDATE, { id: car.id, make: 'Borealis', model: 'Nova' });
    expect(renamed['updateVehicle']).toEqual({
      __typename: 'VehicleSuccess',
      vehicle: { make: 'Borealis', model: 'Nova', year: 2022, plate: 'B-PH 1', deviceSerial: 'DS-1', deviceModel: 'TX', firmware: '9.9' },
    });

    const cleared = await run(UPDATE, { id: car.id, make: 'Borealis', model: 'Nova', plate: null });
    expect(cleared['updateVehicle']?.['vehicle']).toEqual({ ...renamed['updateVehicle']?.['vehicle'], plate: null });
  });
});

describe('updateOwner and updateOwnerAnnotation', () => {
  const CREATE = `mutation($input: CreateOwnerInput!) { createOwner(input: $input) { __typename ... on OwnerSuccess { owner { id } } ${ERR} } }`;
  const UPDATE = `mutation($input: UpdateOwnerInput!) { updateOwner(input: $input) { __typename ... on OwnerSuccess { owner { email name phone } } ${ERR} } }`;
  const ANNOTATE = `mutation($input: UpdateOwnerAnnotationInput!) { updateOwnerAnnotation(input: $input) { __typename ... on OwnerSuccess { owner { annotation { externalUserId displayName description } } } ${ERR} } }`;

  it('updateOwner keeps the name and phone left out and clears an explicit null', async () => {
    const created = await run(CREATE, { email: 'partial@owners.example', name: 'Paula Partial', phone: '+49 30 1234' });
    const id = created['createOwner']?.['owner'].id as string;

    const moved = await run(UPDATE, { id, email: 'paula@owners.example' });
    expect(moved['updateOwner']).toEqual({ __typename: 'OwnerSuccess', owner: { email: 'paula@owners.example', name: 'Paula Partial', phone: '+49 30 1234' } });

    const cleared = await run(UPDATE, { id, email: 'paula@owners.example', phone: null });
    expect(cleared['updateOwner']?.['owner']).toEqual({ email: 'paula@owners.example', name: 'Paula Partial', phone: null });
  });

  it('updateOwnerAnnotation keeps the fields left out, clears an explicit null, and removes the annotation once every field is empty', async () => {
    const created = await run(CREATE, { email: 'annotated@owners.example' });
    const ownerId = created['createOwner']?.['owner'].id as string;
    await run(ANNOTATE, { ownerId, externalUserId: 'U-1', displayName: 'Anna', description: 'VIP' });

    const renamed = await run(ANNOTATE, { ownerId, displayName: 'Anna A.' });
    expect(renamed['updateOwnerAnnotation']?.['owner'].annotation).toEqual({ externalUserId: 'U-1', displayName: 'Anna A.', description: 'VIP' });

    const cleared = await run(ANNOTATE, { ownerId, description: null });
    expect(cleared['updateOwnerAnnotation']?.['owner'].annotation).toEqual({ externalUserId: 'U-1', displayName: 'Anna A.', description: null });

    const removed = await run(ANNOTATE, { ownerId, externalUserId: null, displayName: null });
    expect(removed['updateOwnerAnnotation']?.['owner'].annotation).toBeNull();
  });
});

describe('updatePartnerProfile', () => {
  const UPDATE = `mutation($input: UpdatePartnerProfileInput!) { updatePartnerProfile(input: $input) { __typename ... on PartnerSuccess { partner { organization { name legalForm address email phone region iin kpp vatPercent accountingCode } } } ${ERR} } }`;

  it('keeps the profile fields left out and clears an explicit null', async () => {
    const em = app.systemEm();
    const draft = makePartner(em, world.principalA, {
      status: 'DRAFT',
      profile: { name: 'Draft GmbH', legalForm: 'GmbH', address: 'Hauptstr. 1', email: 'info@draft.example', phone: '+49 30 5555', region: 'Berlin', iin: '123456789012', kpp: '123456789', vatPercent: 19, accountingCode: 'AC-1' },
    });
    await em.flush();

    const renamed = await run(UPDATE, { id: draft.id, profile: { name: 'Draft AG' } });
    const before = { name: 'Draft AG', legalForm: 'GmbH', address: 'Hauptstr. 1', email: 'info@draft.example', phone: '+49 30 5555', region: 'Berlin', iin: '123456789012', kpp: '123456789', vatPercent: 19, accountingCode: 'AC-1' };
    expect(renamed['updatePartnerProfile']).toEqual({ __typename: 'PartnerSuccess', partner: { organization: before } });

    const cleared = await run(UPDATE, { id: draft.id, profile: { name: 'Draft AG', region: null } });
    expect(cleared['updatePartnerProfile']?.['partner'].organization).toEqual({ ...before, region: null });
  });
});
