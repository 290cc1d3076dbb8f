import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequiredEntityData } from '@mikro-orm/core';
import { VIN_ALPHABET, VIN_LENGTH, isNorthAmericanVin, vinCheckDigit } from '@partner-hub/domain';
import type { Organization } from '../organization/organization.entity.js';
import type { Partner } from '../partner/partner.entity.js';
import { AccessGrant } from './access-grant.entity.js';
import { Vehicle } from './vehicle.entity.js';
import { VehicleAssignment } from './vehicle-assignment.entity.js';

/** A random, valid VIN (European-style, so no check digit applies; pass `northAmerican` for one with a correct check digit). */
export function randomVin(random: () => number = Math.random, northAmerican = false): string {
  const chars = Array.from({ length: VIN_LENGTH }, () => VIN_ALPHABET[Math.floor(random() * VIN_ALPHABET.length)] ?? '0');
  chars[0] = northAmerican ? '1' : 'W';
  const vin = chars.join('');
  return isNorthAmericanVin(vin) ? `${vin.slice(0, 8)}${vinCheckDigit(vin)}${vin.slice(9)}` : vin;
}

/** A vehicle of `principal`, persisted on flush; used by the demo seeder and tests. */
export function makeVehicle(
  em: EntityManager,
  principal: Organization,
  fields: Partial<Omit<RequiredEntityData<Vehicle>, 'principal'>> = {},
): Vehicle {
  const vehicle = em.create(Vehicle, { principal, vin: randomVin(), make: 'Aurora', model: 'Orion', year: 2024, ...fields });
  em.persist(vehicle);
  return vehicle;
}

/** An assignment period of `vehicle` to `partner` (open unless `unassignedAt` is given), persisted on flush. */
export function assignVehicle(
  em: EntityManager,
  vehicle: Vehicle,
  partner: Partner,
  period: { assignedAt?: Date; unassignedAt?: Date | null; by?: string } = {},
): VehicleAssignment {
  const assignment = em.create(VehicleAssignment, {
    principal: vehicle.principal,
    vehicle,
    partner,
    assignedAt: period.assignedAt ?? new Date(),
    assignedByLabel: period.by ?? 'seed',
    unassignedAt: period.unassignedAt ?? null,
    unassignedByLabel: period.unassignedAt ? (period.by ?? 'seed') : null,
  });
  em.persist(assignment);
  return assignment;
}

/** A job grant on `vehicle` for `partner`'s people, persisted on flush (jobs make these; tests and the seeder may too). */
export function makeGrant(
  em: EntityManager,
  vehicle: Vehicle,
  partner: Partner,
  period: { startsAt?: Date; endsAt?: Date | null; endedAt?: Date | null; jobId?: string | null } = {},
): AccessGrant {
  const grant = em.create(AccessGrant, {
    principal: vehicle.principal,
    vehicle,
    partner,
    jobId: period.jobId ?? null,
    startsAt: period.startsAt ?? new Date(),
    endsAt: period.endsAt ?? null,
    endedAt: period.endedAt ?? null,
  });
  em.persist(grant);
  return grant;
}
