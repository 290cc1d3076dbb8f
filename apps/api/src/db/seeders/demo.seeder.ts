import { randomBytes } from 'node:crypto';
import type { EntityManager, MikroORM } from '@mikro-orm/postgresql';
import { PartnerInvitation } from '../../modules/invitation/partner-invitation.entity.js';
import { holdsGrant } from '@partner-hub/domain';
import type { JobStatus, UserRole } from '@partner-hub/domain';
import { scopeToSystem } from '../../common/db/tenant-filter.js';
import { Organization } from '../../modules/organization/organization.entity.js';
import { makeOrganization } from '../../modules/organization/organization.factory.js';
import { Partner } from '../../modules/partner/partner.entity.js';
import type { PartnerRole } from '@partner-hub/domain';
import { makeUser } from '../../modules/user/user.factory.js';
import { assignVehicle, makeVehicle, randomVin } from '../../modules/vehicle/vehicle.factory.js';
import { annotateOwner, giveOwnerAccess, makeOwner } from '../../modules/owner/owner.factory.js';
import type { Vehicle } from '../../modules/vehicle/vehicle.entity.js';
import { AccessGrant } from '../../modules/vehicle/access-grant.entity.js';
import { Job } from '../../modules/job/job.entity.js';
import { JobEvent } from '../../modules/job/job-event.entity.js';
import { JobTemplate } from '../../modules/job/job-template.entity.js';
import { User } from '../../modules/user/user.entity.js';

/** Every demo user signs in with this password (printed at start). */
export const DEMO_PASSWORD = 'partnerhub-demo';

export interface DemoLogin {
  email: string;
  organization: string;
  role: UserRole;
}

/**
 * Seeds the demo into an empty database: the OEM "Aurora Motors" with a sub-partner tree four
 * levels deep (dealers, sub-dealers, service partners, another OEM; claimed, invited and draft;
 * one blocked) with profiles and agreements,
 * a user per role, and a second principal to show tenancy. Does nothing when any organization exists.
 * @returns the sign-in e-mails, or null when the database was not empty
 */
export async function seedDemo(orm: MikroORM): Promise<DemoLogin[] | null> {
  const em = orm.em.fork();
  scopeToSystem(em);
  if ((await em.count(Organization, {})) > 0) return null;

  const logins: DemoLogin[] = [];
  await em.transactional(async (tx) => {
    const addUser = async (organization: Organization, role: UserRole, email: string, name: string) => {
      await makeUser(tx, organization, { role, email, name, password: DEMO_PASSWORD });
      logins.push({ email, organization: organization.name, role });
    };
    const aurora = makeOrganization(tx, 'PRINCIPAL', {
      name: 'Aurora Motors',
      legalForm: 'AG',
      address: 'Motorenstraße 1, 80331 Munich',
      email: 'partners@aurora-motors.example',
      phone: '+49 89 1234500',
      region: 'Bavaria',
    });
    await addUser(aurora, 'ADMIN', 'admin@aurora-motors.example', 'Anna Admin');
    await addUser(aurora, 'MANAGER', 'manager@aurora-motors.example', 'Max Manager');
    await addUser(aurora, 'VIEWER', 'viewer@aurora-motors.example', 'Vera Viewer');

    type Seeded = Partial<Pick<Partner, 'status' | 'blocked' | 'usersBlocked' | 'allowJobOverride' | 'depositMinor' | 'currency' | 'additionalCurrencies' | 'accountType'>>;
    let taxSequence = 0;
    const partner = (name: string, role: PartnerRole, code: string, parent: Partner | null, region: string, extra: Seeded = {}) => {
      taxSequence += 1;
      const slug = name.toLowerCase().replace(/\s+/g, '-');
      const organization = makeOrganization(tx, 'PARTNER', {
        name,
        legalForm: role === 'OEM' ? 'AG' : 'GmbH',
        address: `${10 + taxSequence} Hauptstraße, ${region}`,
        email: `contact@${slug}.example`,
        phone: `+49 30 ${String(5550100 + taxSequence * 37)}`,
        region,
        iin: String(770000000000 + taxSequence * 1013),
        kpp: String(770100000 + taxSequence * 7),
        vatPercent: 19,
        accountingCode: `1C-${String(1000 + taxSequence)}`,
      });
      const claimed = extra.status === 'ACCEPTED';
      const link = tx.create(Partner, {
        principal: aurora,
        organization,
        role,
        code,
        parent,
        claimedAt: claimed ? new Date(Date.now() - taxSequence * 86_400_000) : null,
        depositMinor: role === 'DEALER' ? 500_000 : 0,
        accountType: role === 'SERVICE_PARTNER' ? 'POSTPAID' : 'PREPAID',
        ...extra,
      });
      tx.persist(link);
      return link;
    };
    // a tree four levels deep with all three roles; claimed, invited and draft partners; one blocked
    const berlin = partner('Berlin Autohaus', 'DEALER', 'BRL7K', null, 'Berlin', { status: 'ACCEPTED', additionalCurrencies: ['PLN'] });
    const invited = (link: Partner, email: string) =>
      tx.persist(
        tx.create(PartnerInvitation, {
          principal: aurora,
          partner: link,
          email,
          // the demo's link was never delivered anywhere: a random hash no token matches; "Re-send" makes a working one
          tokenHash: randomBytes(32).toString('base64url'),
          expiresAt: new Date(Date.now() + 5 * 86_400_000),
          invitedByLabel: 'admin@aurora-motors.example',
        }),
      );
    const potsdam = partner('Potsdam Autohaus', 'DEALER', 'PTS4M', berlin, 'Brandenburg', { status: 'PENDING' });
    invited(potsdam, 'contact@potsdam-autohaus.example');
    const werder = partner('Werder Autoservice', 'SERVICE_PARTNER', 'WRD6T', potsdam, 'Brandenburg', { status: 'DRAFT' });
    const spandau = partner('Spandau Cars', 'DEALER', 'SPN3H', berlin, 'Berlin', { status: 'DRAFT' });
    const falkensee = partner('Falkensee Mobil', 'DEALER', 'FLK8C', spandau, 'Brandenburg', { status: 'DRAFT' });
    const hamburg = partner('Hamburg Cars', 'DEALER', 'HMB2X', null, 'Hamburg', { status: 'ACCEPTED' });
    partner('Altona Motors', 'DEALER', 'ALT9R', hamburg, 'Hamburg', { status: 'DRAFT', blocked: true });
    const harburg = partner('Harburg Trucks', 'DEALER', 'HRB5P', hamburg, 'Hamburg', { status: 'PENDING' });
    invited(harburg, 'owner@harburg-trucks.example');
    const fleetfit = partner('FleetFit Service', 'SERVICE_PARTNER', 'FFT3Q', null, 'Berlin', { status: 'ACCEPTED', allowJobOverride: true });
    const holders = { berlin, potsdam, werder, spandau, falkensee, hamburg, harburg, fleetfit };
    partner('FleetFit Leipzig', 'SERVICE_PARTNER', 'FFL4V', fleetfit, 'Saxony', { status: 'DRAFT' });
    invited(partner('QuickFit Installers', 'SERVICE_PARTNER', 'QFT8N', null, 'Bavaria', { status: 'PENDING' }), 'office@quickfit-installers.example');
    const werksservice = partner('Aurora Werksservice', 'SERVICE_PARTNER', 'AWS2G', null, 'Bavaria', { status: 'ACCEPTED', allowJobOverride: true, accountType: 'FREE' });
    partner('Nordlicht Vehicles', 'OEM', 'NRD5W', null, 'Schleswig-Holstein', { status: 'DRAFT', currency: 'DKK' });

    await addUser(berlin.organization, 'ADMIN', 'admin@berlin-autohaus.example', 'Ben Berlin');
    await addUser(berlin.organization, 'STAFF', 'staff@berlin-autohaus.example', 'Sophie Staff');
    await addUser(fleetfit.organization, 'ADMIN', 'admin@fleetfit-service.example', 'Frank FleetFit');
    await addUser(fleetfit.organization, 'TECHNICIAN', 'tech@fleetfit-service.example', 'Tom Technician');
    await addUser(werksservice.organization, 'ADMIN', 'admin@aurora-werksservice.example', 'Wera Werksservice');
    await addUser(werksservice.organization, 'TECHNICIAN', 'tech@aurora-werksservice.example', 'Willi Technician');

    const borealis = makeOrganization(tx, 'PRINCIPAL', { name: 'Borealis Fleet', region: 'Scandinavia', email: 'ops@borealis-fleet.example' });
    await addUser(borealis, 'ADMIN', 'admin@borealis-fleet.example', 'Bjørn Borealis');
    // one service company working for two principals: one organization, one partnership each
    const fleetfitForBorealis = tx.create(Partner, { principal: borealis, organization: fleetfit.organization, role: 'SERVICE_PARTNER', code: 'FFT3Q', status: 'ACCEPTED', claimedAt: new Date(), currency: 'SEK', accountType: 'POSTPAID' });
    tx.persist(fleetfitForBorealis);

    const auroraVehicles = seedVehicles(tx, aurora, holders, AURORA_FLEET, AURORA_OWNERS);
    seedVehicles(tx, borealis, { fleetfit: fleetfitForBorealis }, BOREALIS_FLEET, BOREALIS_OWNERS);
    await tx.flush();
    await seedJobs(tx, aurora, auroraVehicles, [fleetfit, werksservice]);
  });
  return logins;
}

/** A seeded random source, so the demo's VINs are the same on every machine. */
function seededRandom(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

interface DemoOwner {
  email: string;
  name: string;
  phone: string;
  /** the principal's private annotation */
  annotation?: { externalUserId: string; displayName: string; description: string };
}

/** How many vehicles of which models each holder gets (`null`: unassigned), and which owners share them. */
interface DemoFleet {
  seed: number;
  models: readonly [make: string, model: string][];
  holders: readonly [holder: string | null, count: number][];
}

const AURORA_OWNERS: DemoOwner[] = [
  { email: 'lena.fischer@mail.example', name: 'Lena Fischer', phone: '+49 30 4410021', annotation: { externalUserId: 'AUR-C-10023', displayName: 'Fischer, Lena (VIP)', description: 'Prefers contact by e-mail; two vehicles on a leasing contract until 2028.' } },
  { email: 'jonas.weber@mail.example', name: 'Jonas Weber', phone: '+49 30 4410022', annotation: { externalUserId: 'AUR-C-10024', displayName: 'Weber Logistik GmbH', description: 'Fleet customer — five vans, maintenance through FleetFit.' } },
  { email: 'mia.schulz@mail.example', name: 'Mia Schulz', phone: '+49 331 220017' },
  { email: 'paul.wagner@mail.example', name: 'Paul Wagner', phone: '+49 40 881204', annotation: { externalUserId: 'AUR-C-10031', displayName: 'Wagner, Paul', description: 'Complained about telematics unit firmware in 2025; resolved.' } },
  { email: 'emma.becker@mail.example', name: 'Emma Becker', phone: '+49 40 881233' },
  { email: 'noah.hoffmann@mail.example', name: 'Noah Hoffmann', phone: '+49 30 4410090', annotation: { externalUserId: 'AUR-C-10047', displayName: 'Hoffmann family', description: 'Shares two cars with his daughter (listed as user).' } },
  { email: 'clara.hoffmann@mail.example', name: 'Clara Hoffmann', phone: '+49 30 4410091' },
  { email: 'felix.koch@mail.example', name: 'Felix Koch', phone: '+49 3322 70011' },
  { email: 'sofia.richter@mail.example', name: 'Sofia Richter', phone: '+49 40 881290', annotation: { externalUserId: 'AUR-C-10052', displayName: 'Richter, S.', description: 'Company car driver; invoices go to her employer.' } },
  { email: 'ben.klein@mail.example', name: 'Ben Klein', phone: '+49 89 5521003' },
  { email: 'hannah.wolf@mail.example', name: 'Hannah Wolf', phone: '+49 89 5521044' },
  { email: 'leon.neumann@mail.example', name: 'Leon Neumann', phone: '+49 331 220090', annotation: { externalUserId: 'AUR-C-10060', displayName: 'Neumann Fahrschule', description: 'Driving school: three cars, frequent plate changes.' } },
];

const AURORA_FLEET: DemoFleet = {
  seed: 2026,
  models: [
    ['Aurora', 'Orion'],
    ['Aurora', 'Vega'],
    ['Aurora', 'Nova'],
    ['Aurora Commercial', 'Cargo 3.5'],
    ['Aurora Commercial', 'Cargo 7.5'],
  ],
  holders: [
    ['berlin', 8],
    ['potsdam', 5],
    ['werder', 3],
    ['spandau', 4],
    ['falkensee', 2],
    ['hamburg', 6],
    ['harburg', 2],
    ['fleetfit', 4],
    [null, 6],
  ],
};

const BOREALIS_OWNERS: DemoOwner[] = [
  { email: 'astrid.lund@mail.example', name: 'Astrid Lund', phone: '+46 8 5550123', annotation: { externalUserId: 'BOR-7781', displayName: 'Lund Transport AB', description: 'Borealis key account.' } },
  { email: 'erik.berg@mail.example', name: 'Erik Berg', phone: '+46 8 5550177' },
];

const BOREALIS_FLEET: DemoFleet = {
  seed: 77,
  models: [['Borealis', 'Fjord']],
  holders: [
    ['fleetfit', 2],
    [null, 3],
  ],
};

/**
 * A principal's demo fleet: vehicles spread over its partner tree (and some unassigned), owners
 * with the principal's private annotations, and shared vehicles (an owner plus a user, or two
 * owners). Deterministic, so the demo looks the same everywhere.
 */
function seedVehicles(tx: EntityManager, principal: Organization, holders: Record<string, Partner>, fleet: DemoFleet, owners: DemoOwner[]): Vehicle[] {
  const vehicles: Vehicle[] = [];
  const random = seededRandom(fleet.seed);
  const people = owners.map((o) => {
    const owner = makeOwner(tx, principal, { email: o.email, name: o.name, phone: o.phone });
    if (o.annotation) annotateOwner(tx, owner, o.annotation);
    return owner;
  });
  let index = 0;
  for (const [holder, count] of fleet.holders) {
    for (let i = 0; i < count; i++, index++) {
      const [make, model] = fleet.models[index % fleet.models.length] ?? ['Aurora', 'Orion'];
      const vehicle = makeVehicle(tx, principal, {
        vin: randomVin(random, index % 7 === 3),
        make,
        model,
        year: 2019 + (index % 8),
        plate: `${principal.name.slice(0, 1)}-${String.fromCharCode(65 + (index % 26))}${String.fromCharCode(75 + (index % 13))} ${1000 + index * 37}`,
        deviceSerial: `CB${String(40_000_000 + index * 7919)}`,
        deviceModel: index % 3 === 0 ? 'CloudBoxx 3' : 'CloudBoxx 4',
        firmware: index % 4 === 0 ? '4.1.9' : '4.2.1',
      });
      vehicles.push(vehicle);
      const partner = holder ? holders[holder] : undefined;
      if (partner) assignVehicle(tx, vehicle, partner, { assignedAt: new Date(Date.now() - (30 + index) * 86_400_000), by: 'seed' });
      const owner = people[index % people.length];
      if (owner) giveOwnerAccess(tx, owner, vehicle, 'OWNER');
      // every fifth vehicle is shared: the next person uses it (or co-owns it)
      const sharer = people[(index + 1) % people.length];
      if (index % 5 === 0 && sharer && sharer !== owner) giveOwnerAccess(tx, sharer, vehicle, index % 10 === 0 ? 'USER' : 'OWNER');
    }
  }
  return vehicles;
}

const DEMO_TEMPLATES = [
  { name: 'CloudBoxx 4 installation', kind: 'INSTALLATION', title: 'Install a CloudBoxx 4', instructions: 'Mount behind the glovebox; connect to CAN.', configuration: { deviceModel: 'CloudBoxx 4', firmware: '5.0.2', installationVariant: 'keyless', centralLockConnectionType: 'CAN', settings: { odometer_source: 'CAN' } } },
  { name: 'Firmware update', kind: 'MAINTENANCE', title: 'Update the unit firmware', instructions: 'Update over the diagnostic port; check GPS fix afterwards.', configuration: { firmware: '5.1.0', settings: {} } },
  { name: 'Annual check', kind: 'MAINTENANCE', title: 'Annual telematics check', instructions: 'Check wiring, antenna and battery drain.', configuration: { settings: { battery_check: 'yes' } } },
] as const;

/**
 * Templates and jobs in every status across two service partners, made through the lifecycle's
 * own rules (events, and access grants for the assigned and running ones), so the dashboard,
 * the jobs list and the technicians' view have something true to show.
 */
async function seedJobs(tx: EntityManager, principal: Organization, vehicles: Vehicle[], servicePartners: Partner[]): Promise<void> {
  const templates = DEMO_TEMPLATES.map((t, i) =>
    tx.create(JobTemplate, { principal, name: t.name, kind: t.kind, title: t.title, instructions: t.instructions, configuration: t.configuration, defaultServicePartner: servicePartners[i % servicePartners.length] ?? null }),
  );
  tx.persist(templates);
  const technicians = await tx.find(User, { organization: { $in: servicePartners.map((p) => p.organization.id) }, role: 'TECHNICIAN' });
  const statuses: JobStatus[] = ['PENDING', 'PENDING', 'ASSIGNED', 'ASSIGNED', 'ASSIGNED', 'RUNNING', 'SUCCEEDED', 'SUCCEEDED', 'FAILED', 'CANCELLED'];
  const today = new Date();
  const day = (offset: number) => new Date(today.getTime() + offset * 86_400_000).toISOString().slice(0, 10);
  statuses.forEach((status, i) => {
    const template = templates[i % templates.length];
    const vehicle = vehicles[(i * 3) % vehicles.length];
    if (!template || !vehicle) return;
    const partner = status === 'PENDING' || status === 'CANCELLED' ? null : (servicePartners[i % servicePartners.length] ?? null);
    const technician = partner && ['RUNNING', 'SUCCEEDED', 'FAILED'].includes(status) ? (technicians.find((t) => t.organization.id === partner.organization.id) ?? null) : null;
    const job = tx.create(Job, {
      principal,
      kind: template.kind,
      title: template.title,
      instructions: template.instructions,
      vehicle,
      configuration: { ...template.configuration, deviceSerial: vehicle.deviceSerial ?? null },
      template,
      status,
      // one assigned job is overdue: scheduled before today and not done
      scheduledFor: day(status === 'ASSIGNED' && i === 2 ? -3 : i - 2),
      servicePartner: partner,
      technician,
      failureReason: status === 'FAILED' ? 'The CAN adapter does not fit this model year.' : null,
      cancelReason: status === 'CANCELLED' ? 'The customer sold the vehicle.' : null,
    });
    const event = (type: string, from: JobStatus | null, to: JobStatus | null, reason: string | null = null, actor = 'admin@aurora-motors.example') =>
      tx.persist(tx.create(JobEvent, { principal, job, type, fromStatus: from, toStatus: to, reason, actorLabel: actor }));
    event('CREATED', null, 'PENDING');
    if (partner) event('ASSIGN', 'PENDING', 'ASSIGNED');
    if (technician) event('START', 'ASSIGNED', 'RUNNING', null, technician.email);
    if (status === 'SUCCEEDED' && technician) event('SUCCEED', 'RUNNING', 'SUCCEEDED', null, technician.email);
    if (status === 'FAILED' && technician) event('FAIL', 'RUNNING', 'FAILED', job.failureReason ?? null, technician.email);
    if (status === 'CANCELLED') event('CANCEL', 'PENDING', 'CANCELLED', job.cancelReason ?? null);
    // the technicians hold access while a job is assigned or running
    if (partner && holdsGrant(status)) tx.persist(tx.create(AccessGrant, { principal, vehicle, partner, jobId: job.id, startsAt: new Date() }));
  });
}
