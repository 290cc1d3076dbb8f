import type { MikroORM } from '@mikro-orm/postgresql';
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
 * Seeds the demo into an empty database: the OEM "Aurora Motors" with a sub-partner tree
 * (dealers, a sub-dealer, service partners, another OEM; claimed and unclaimed; one blocked),
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

    const partner = (name: string, role: PartnerRole, code: string, parent: Partner | null, extra: Partial<Partner> = {}) => {
      const organization = makeOrganization(tx, 'PARTNER', { name, email: `contact@${name.toLowerCase().replace(/\s+/g, '-')}.example` });
      const link = tx.create(Partner, { principal: aurora, organization, role, code, parent, ...extra });
      tx.persist(link);
      return link;
    };
    const berlin = partner('Berlin Autohaus', 'DEALER', 'BRL7K', null, { status: 'ACCEPTED' });
    partner('Potsdam Autohaus', 'DEALER', 'PTS4M', berlin, { status: 'PENDING' });
    const hamburg = partner('Hamburg Cars', 'DEALER', 'HMB2X', null, { status: 'ACCEPTED' });
    partner('Altona Motors', 'DEALER', 'ALT9R', hamburg, { status: 'DRAFT', blocked: true });
    const fleetfit = partner('FleetFit Service', 'SERVICE_PARTNER', 'FFT3Q', null, { status: 'ACCEPTED', allowJobOverride: true });
    partner('QuickFit Installers', 'SERVICE_PARTNER', 'QFT8N', null, { status: 'PENDING' });
    partner('Nordlicht Vehicles', 'OEM', 'NRD5W', null, { status: 'DRAFT' });

    await addUser(berlin.organization, 'ADMIN', 'admin@berlin-autohaus.example', 'Ben Berlin');
    await addUser(berlin.organization, 'STAFF', 'staff@berlin-autohaus.example', 'Sophie Staff');
    await addUser(fleetfit.organization, 'ADMIN', 'admin@fleetfit-service.example', 'Frank FleetFit');
    await addUser(fleetfit.organization, 'TECHNICIAN', 'tech@fleetfit-service.example', 'Tom Technician');

    const borealis = makeOrganization(tx, 'PRINCIPAL', { name: 'Borealis Fleet', region: 'Scandinavia', email: 'ops@borealis-fleet.example' });
    await addUser(borealis, 'ADMIN', 'admin@borealis-fleet.example', 'Bjørn Borealis');
  });
  return logins;
}
