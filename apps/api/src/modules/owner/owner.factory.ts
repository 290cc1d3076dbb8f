import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequiredEntityData } from '@mikro-orm/core';
import type { OwnerAccessKind } from '@partner-hub/domain';
import { v7 as uuidv7 } from 'uuid';
import type { Organization } from '../organization/organization.entity.js';
import type { Vehicle } from '../vehicle/vehicle.entity.js';
import { Owner } from './owner.entity.js';
import { OwnerAnnotation } from './owner-annotation.entity.js';
import { OwnerVehicleAccess } from './owner-vehicle-access.entity.js';

/** An owner of `principal`, persisted on flush; the e-mail is unique unless given. */
export function makeOwner(em: EntityManager, principal: Organization, fields: Partial<Omit<RequiredEntityData<Owner>, 'principal'>> = {}): Owner {
  const owner = em.create(Owner, { principal, email: `owner-${uuidv7()}@owners.example`, name: 'Olga Owner', ...fields });
  em.persist(owner);
  return owner;
}

/** Gives `owner` access to `vehicle` as OWNER (default) or USER, persisted on flush. */
export function giveOwnerAccess(em: EntityManager, owner: Owner, vehicle: Vehicle, kind: OwnerAccessKind = 'OWNER'): OwnerVehicleAccess {
  const access = em.create(OwnerVehicleAccess, { principal: owner.principal, owner, vehicle, kind });
  em.persist(access);
  return access;
}

/** The principal's private annotation on `owner`, persisted on flush. */
export function annotateOwner(
  em: EntityManager,
  owner: Owner,
  fields: { externalUserId?: string | null; displayName?: string | null; description?: string | null },
): OwnerAnnotation {
  const annotation = em.create(OwnerAnnotation, { principal: owner.principal, owner, ...fields });
  em.persist(annotation);
  return annotation;
}
