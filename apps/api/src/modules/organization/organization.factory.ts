import type { EntityManager } from '@mikro-orm/postgresql';
import type { OrganizationKind } from '@partner-hub/domain';
import type { RequiredEntityData } from '@mikro-orm/core';
import { Organization } from './organization.entity.js';

let sequence = 0;

/** A persisted-on-flush organization with believable defaults; used by the demo seeder and tests. */
export function makeOrganization(em: EntityManager, kind: OrganizationKind, fields: Partial<RequiredEntityData<Organization>> = {}): Organization {
  sequence += 1;
  const organization = em.create(Organization, {
    kind,
    name: `${kind === 'PRINCIPAL' ? 'Principal' : 'Partner'} ${sequence}`,
    email: `contact${sequence}@org.example`,
    ...fields,
  });
  em.persist(organization);
  return organization;
}
