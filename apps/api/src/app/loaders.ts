import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass, FilterQuery } from '@mikro-orm/core';
import { Organization } from '../modules/organization/organization.entity.js';
import { User } from '../modules/user/user.entity.js';
import { ApiKey } from '../modules/api-key/api-key.entity.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { chainsAbove } from '../modules/access/partner-tree.queries.js';
import { subPartnerCounts } from '../modules/partner/sub-partner-counts.queries.js';
import type { TreeRow } from '../modules/access/partner-tree.queries.js';
import { PartnerInvitation } from '../modules/invitation/partner-invitation.entity.js';
import { VehicleAssignment } from '../modules/vehicle/vehicle-assignment.entity.js';
import { createLedgerLoader } from '../modules/access/vehicle-access.js';
import { OwnerVehicleAccess } from '../modules/owner/owner-vehicle-access.entity.js';
import { Vehicle } from '../modules/vehicle/vehicle.entity.js';
import { Owner } from '../modules/owner/owner.entity.js';
import { JobEvent } from '../modules/job/job-event.entity.js';
import { Job } from '../modules/job/job.entity.js';
import { JobTemplate } from '../modules/job/job-template.entity.js';
import { ImportBatch } from '../modules/import/import-batch.entity.js';
import { OwnerAnnotation } from '../modules/owner/owner-annotation.entity.js';
import { assignedVehicleCounts } from '../modules/vehicle/vehicle-counts.queries.js';

/** Batches "load by id" for one entity into one `where id in (...)` per tick, through the scoped fork. */
function byId<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as never);
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Batches "load the rows pointing at each parent" into one `where <relation> in (...)` per tick. */
function groupedBy<T extends object>(em: EntityManager, entity: EntityClass<T>, relation: keyof T & string, orderBy: Record<string, 'asc' | 'desc'>) {
  return new DataLoader<string, T[]>(async (ids) => {
    const rows = await em.find(entity, { [relation]: { $in: [...ids] } } as never, { orderBy: orderBy as never });
    const grouped = new Map<string, T[]>(ids.map((id) => [id, []]));
    for (const row of rows) grouped.get((row[relation] as { id: string }).id)?.push(row);
    return ids.map((id) => grouped.get(id) ?? []);
  });
}

/** What the request's viewer may see, for loaders that must narrow to it. */
export interface LoaderScope {
  /** narrows owners' vehicle accesses to the vehicles the viewer may see (owner-access.ts) */
  visibleOwnerAccess(): Promise<FilterQuery<OwnerVehicleAccess>>;
}

/** Request-scoped DataLoaders: relations are resolved in batches, never one query per parent row. */
export function createLoaders(em: EntityManager, scope: LoaderScope) {
  return {
    organizationById: byId(em, Organization),
    userById: byId(em, User),
    apiKeyById: byId(em, ApiKey),
    /** tenant-filtered; callers still check the viewer's partner scope */
    partnerById: byId(em, Partner),
    subPartnerCount: new DataLoader<string, number>(async (ids) => {
      const counts = await subPartnerCounts(em, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    /** the chain above each partner (one recursive query per batch) */
    chainAbove: new DataLoader<string, TreeRow[]>(async (ids) => {
      const chains = await chainsAbove(em, ids);
      return ids.map((id) => chains.get(id) ?? []);
    }),
    latestInvitation: new DataLoader<string, PartnerInvitation | null>(async (ids) => {
      const rows = await em.find(PartnerInvitation, { partner: { $in: [...ids] } }, { orderBy: { createdAt: 'desc' } });
      const latest = new Map<string, PartnerInvitation>();
      for (const row of rows) if (!latest.has(row.partner.id)) latest.set(row.partner.id, row);
      return ids.map((id) => latest.get(id) ?? null);
    }),
    /** tenant-filtered; callers still check the vehicle access ledger */
    vehicleById: byId(em, Vehicle),
    ownerById: byId(em, Owner),
    /** the access ledger entries of each vehicle now (vehicle-access.ts) */
    vehicleLedger: createLedgerLoader(em),
    /** every assignment period of each vehicle, newest first */
    assignmentsByVehicle: groupedBy(em, VehicleAssignment, 'vehicle', { assignedAt: 'desc' }),
    /**
     * the owners' access to each vehicle the viewer holds (owner-access.ts: none through a job grant),
     * oldest first — the `owners` field's rule, which the vehicles export applies through the same function
     */
    visibleOwnerAccessByVehicle: new DataLoader<string, OwnerVehicleAccess[]>(async (ids) => {
      const where = { $and: [{ vehicle: { $in: [...ids] } }, await scope.visibleOwnerAccess()] };
      const rows = await em.find(OwnerVehicleAccess, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
      const grouped = new Map<string, OwnerVehicleAccess[]>(ids.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.vehicle.id)?.push(row);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    /** each owner's access to the vehicles the viewer may see now (a partner never learns the rest of an owner's fleet) */
    visibleOwnerAccessByOwner: new DataLoader<string, OwnerVehicleAccess[]>(async (ids) => {
      const where = { $and: [{ owner: { $in: [...ids] } }, await scope.visibleOwnerAccess()] };
      const rows = await em.find(OwnerVehicleAccess, where, { orderBy: { createdAt: 'asc' } });
      const grouped = new Map<string, OwnerVehicleAccess[]>(ids.map((id) => [id, []]));
      for (const row of rows) grouped.get(row.owner.id)?.push(row);
      return ids.map((id) => grouped.get(id) ?? []);
    }),
    /** the principal's private annotation on each owner; its tenant filter returns none to anyone but the principal's own staff */
    ownerAnnotationByOwner: new DataLoader<string, OwnerAnnotation | null>(async (ids) => {
      const rows = await em.find(OwnerAnnotation, { owner: { $in: [...ids] } });
      const found = new Map(rows.map((r) => [r.owner.id, r]));
      return ids.map((id) => found.get(id) ?? null);
    }),
    /** tenant-filtered; callers still check that the viewer is principal staff */
    jobTemplateById: byId(em, JobTemplate),
    /** tenant-filtered; callers still check that the viewer is principal staff */
    importBatchById: byId(em, ImportBatch),
    /** tenant-filtered; callers reach a job through its scope (e.g. from one of its events) */
    jobById: byId(em, Job),
    /** each job's history, oldest first */
    jobEvents: groupedBy(em, JobEvent, 'job', { createdAt: 'asc', id: 'asc' }),
    /** how many active vehicles are assigned to each partner itself (one grouped query per batch) */
    assignedVehicleCount: new DataLoader<string, number>(async (ids) => {
      const counts = await assignedVehicleCounts(em, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
