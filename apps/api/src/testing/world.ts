/**
 * A small two-principal world for authorization and tenancy tests: principal A with an admin,
 * a manager and a viewer; a dealer and a service partner of A with their users; principal B
 * with an admin. Every user's password is WORLD_PASSWORD.
 */
import type { EntityManager } from '@mikro-orm/postgresql';
import { makeOrganization } from '../modules/organization/organization.factory.js';
import { makeUser } from '../modules/user/user.factory.js';
import { Partner } from '../modules/partner/partner.entity.js';

export const WORLD_PASSWORD = 'correct-horse-battery';

export async function buildWorld(em: EntityManager) {
  const tag = Math.random().toString(36).slice(2, 8);
  const principalA = makeOrganization(em, 'PRINCIPAL', { name: `Principal A ${tag}` });
  const principalB = makeOrganization(em, 'PRINCIPAL', { name: `Principal B ${tag}` });
  const dealer = makeOrganization(em, 'PARTNER', { name: `Dealer ${tag}` });
  const service = makeOrganization(em, 'PARTNER', { name: `Service ${tag}` });
  em.persist(em.create(Partner, { principal: principalA, organization: dealer, role: 'DEALER', code: `D${tag.slice(0, 4)}`, status: 'ACCEPTED' }));
  em.persist(em.create(Partner, { principal: principalA, organization: service, role: 'SERVICE_PARTNER', code: `S${tag.slice(0, 4)}`, status: 'ACCEPTED' }));
  const user = (org: typeof principalA, role: Parameters<typeof makeUser>[2]['role'], who: string) =>
    makeUser(em, org, { role, email: `${who}.${tag}@world.example`, name: who, password: WORLD_PASSWORD });
  const users = {
    adminA: await user(principalA, 'ADMIN', 'admin-a'),
    managerA: await user(principalA, 'MANAGER', 'manager-a'),
    viewerA: await user(principalA, 'VIEWER', 'viewer-a'),
    dealerAdmin: await user(dealer, 'ADMIN', 'dealer-admin'),
    dealerStaff: await user(dealer, 'STAFF', 'dealer-staff'),
    technician: await user(service, 'TECHNICIAN', 'technician'),
    adminB: await user(principalB, 'ADMIN', 'admin-b'),
  };
  await em.flush();
  return { principalA, principalB, dealer, service, users };
}
