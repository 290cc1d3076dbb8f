import { randomBytes } from 'node:crypto';
import type { MikroORM } from '@mikro-orm/postgresql';
import { PartnerInvitation } from '../../modules/invitation/partner-invitation.entity.js';
import type { UserRole } from '@partner-hub/domain';
import { scopeToSystem } from '../../common/db/tenant-filter.js';
import { Organization } from '../../modules/organization/organization.entity.js';
import { makeOrganization } from '../../modules/organization/organization.factory.js';
import { Partner } from '../../modules/partner/partner.entity.js';
import type { PartnerRole } from '@partner-hub/domain';
import { makeUser } from '../../modules/user/user.factory.js';

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
    partner('Werder Autoservice', 'SERVICE_PARTNER', 'WRD6T', potsdam, 'Brandenburg', { status: 'DRAFT' });
    const spandau = partner('Spandau Cars', 'DEALER', 'SPN3H', berlin, 'Berlin', { status: 'DRAFT' });
    partner('Falkensee Mobil', 'DEALER', 'FLK8C', spandau, 'Brandenburg', { status: 'DRAFT' });
    const hamburg = partner('Hamburg Cars', 'DEALER', 'HMB2X', null, 'Hamburg', { status: 'ACCEPTED' });
    partner('Altona Motors', 'DEALER', 'ALT9R', hamburg, 'Hamburg', { status: 'DRAFT', blocked: true });
    invited(partner('Harburg Trucks', 'DEALER', 'HRB5P', hamburg, 'Hamburg', { status: 'PENDING' }), 'owner@harburg-trucks.example');
    const fleetfit = partner('FleetFit Service', 'SERVICE_PARTNER', 'FFT3Q', null, 'Berlin', { status: 'ACCEPTED', allowJobOverride: true });
    partner('FleetFit Leipzig', 'SERVICE_PARTNER', 'FFL4V', fleetfit, 'Saxony', { status: 'DRAFT' });
    invited(partner('QuickFit Installers', 'SERVICE_PARTNER', 'QFT8N', null, 'Bavaria', { status: 'PENDING' }), 'office@quickfit-installers.example');
    partner('Aurora Werksservice', 'SERVICE_PARTNER', 'AWS2G', null, 'Bavaria', { status: 'DRAFT', allowJobOverride: true, accountType: 'FREE' });
    partner('Nordlicht Vehicles', 'OEM', 'NRD5W', null, 'Schleswig-Holstein', { status: 'DRAFT', currency: 'DKK' });

    await addUser(berlin.organization, 'ADMIN', 'admin@berlin-autohaus.example', 'Ben Berlin');
    await addUser(berlin.organization, 'STAFF', 'staff@berlin-autohaus.example', 'Sophie Staff');
    await addUser(fleetfit.organization, 'ADMIN', 'admin@fleetfit-service.example', 'Frank FleetFit');
    await addUser(fleetfit.organization, 'TECHNICIAN', 'tech@fleetfit-service.example', 'Tom Technician');

    const borealis = makeOrganization(tx, 'PRINCIPAL', { name: 'Borealis Fleet', region: 'Scandinavia', email: 'ops@borealis-fleet.example' });
    await addUser(borealis, 'ADMIN', 'admin@borealis-fleet.example', 'Bjørn Borealis');
    // one service company working for two principals: one organization, one partnership each
    tx.persist(tx.create(Partner, { principal: borealis, organization: fleetfit.organization, role: 'SERVICE_PARTNER', code: 'FFT3Q', status: 'ACCEPTED', claimedAt: new Date(), currency: 'SEK', accountType: 'POSTPAID' }));
  });
  return logins;
}
