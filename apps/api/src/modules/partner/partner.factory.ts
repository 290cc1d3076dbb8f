import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequiredEntityData } from '@mikro-orm/core';
import { generatePartnerCode } from '@partner-hub/domain';
import type { PartnerRole } from '@partner-hub/domain';
import type { Organization } from '../organization/organization.entity.js';
import { makeOrganization } from '../organization/organization.factory.js';
import { Partner } from './partner.entity.js';

/**
 * A partner (its organization and its partnership with `principal`), persisted on flush; used
 * by the demo seeder and tests. Codes are random, so tests should not rely on particular ones.
 */
export function makePartner(
  em: EntityManager,
  principal: Organization,
  fields: { role?: PartnerRole; parent?: Partner | null; organization?: Organization; profile?: Partial<RequiredEntityData<Organization>> } & Partial<
    Omit<RequiredEntityData<Partner>, 'principal' | 'organization' | 'parent'>
  > = {},
): Partner {
  const { role = 'DEALER', parent = null, organization, profile, ...rest } = fields;
  const partner = em.create(Partner, {
    principal,
    organization: organization ?? makeOrganization(em, 'PARTNER', profile),
    role,
    parent,
    code: generatePartnerCode(),
    ...rest,
  });
  em.persist(partner);
  return partner;
}
