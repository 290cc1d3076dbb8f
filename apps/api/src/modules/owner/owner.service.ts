import { LockMode } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { ownerAnnotationSchema, ownerMessageSchema, ownerSchema } from '@partner-hub/domain';
import type { OwnerAccessKind } from '@partner-hub/domain';
import { expectVersion } from '../../common/db/versioned.js';
import type { ExpectedVersion } from '../../common/db/versioned.js';
import { inTransaction, viewerOf } from '../../common/context/request-context.js';
import { filterIdsOpen } from '../access/filter-ids.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { idIn } from '../../common/db/subquery.js';
import { ValidationFailed } from '../../common/errors/app-errors.js';
import { parseInput, parseUpdate } from '../../common/errors/parse-input.js';
import type { Page } from '../../common/graphql/connection.js';
import { diffFields, recordAudit } from '../audit/audit.service.js';
import { findVisibleVehicle } from '../access/vehicle-access.js';
import { OwnerAnnotation } from './owner-annotation.entity.js';
import { findVisibleOwner, ownerScopeWhere, readsAnnotations } from '../access/owner-access.js';
import { OwnerVehicleAccess } from './owner-vehicle-access.entity.js';
import { Owner } from './owner.entity.js';
import { ownersPage } from './owner.queries.js';
import { containsPattern } from '../../common/db/like.js';
import { Organization } from '../organization/organization.entity.js';
import { loaderById } from '../../common/context/loaders.js';

export const OWNER_SORT_FIELDS = ['EMAIL', 'CREATED_AT'] as const;
export type OwnerSortField = (typeof OWNER_SORT_FIELDS)[number];

/**
 * The column each sort field orders by (shared by the list and its CSV export). Only NOT NULL
 * columns: keyset pagination cannot seek past NULLs, so there is no sort by the optional name.
 */
export const OWNER_SORT_COLUMNS: Record<OwnerSortField, 'email' | 'createdAt'> = {
  EMAIL: 'email',
  CREATED_AT: 'createdAt',
};

export interface OwnerFilterInput {
  /** part of the name or e-mail; for the principal's staff also of the annotation's display name or external user id */
  search?: string | null;
  /** only owners with access to this vehicle */
  vehicleId?: string | null;
  /** false (default): active only; true: archived only */
  archived?: boolean | null;
}

export interface OwnerOrderInput {
  field: OwnerSortField;
  direction: 'ASC' | 'DESC';
}

export const DEFAULT_OWNER_ORDER: OwnerOrderInput = { field: 'CREATED_AT', direction: 'DESC' };


/**
 * The filter of an owners export (the list's, in SQL: owner.queries.ts): the viewer's scope plus the user's filters. The search reaches
 * the private annotation only for viewers who may read it — for anyone else a match on
 * annotation text would reveal it, so their search never looks there.
 */
export async function ownersWhere(ctx: RequestContext, filter: OwnerFilterInput, field = 'filter'): Promise<FilterQuery<Owner>> {
  // a vehicle the viewer may not open filters to nothing, like an id that does not exist (else it would tell who else uses it)
  if (!(await filterIdsOpen(ctx, filter, { vehicleId: 'vehicle' }, field))) return { id: null };
  const conditions: FilterQuery<Owner>[] = [await ownerScopeWhere(ctx)];
  const pattern = containsPattern(filter.search, `${field}.search`);
  if (pattern) {
    const matches: FilterQuery<Owner>[] = [{ name: { $ilike: pattern } }, { email: { $ilike: pattern } }];
    if (readsAnnotations(ctx)) {
      const annotated = ctx.em
        .createQueryBuilder(OwnerAnnotation, 'oa')
        .select('oa.owner_id')
        // the tenant filter does not reach a subquery: name the viewer's own principal explicitly
        .where({ principal: viewerOf(ctx).organizationId, $or: [{ displayName: { $ilike: pattern } }, { externalUserId: { $ilike: pattern } }] });
      matches.push(idIn<Owner>(annotated.getKnexQuery()));
    }
    conditions.push({ $or: matches });
  }
  if (filter.vehicleId) {
    const users = ctx.em.createQueryBuilder(OwnerVehicleAccess, 'ova').select('ova.owner_id').where({ vehicle: filter.vehicleId });
    conditions.push(idIn<Owner>(users.getKnexQuery()));
  }
  conditions.push({ archivedAt: filter.archived ? { $ne: null } : null });
  return { $and: conditions };
}

/** A page of the owners the viewer may see, filtered and sorted (keyset-paginated): plain rows (owner.queries.ts). */
export function listOwners(ctx: RequestContext, filter: OwnerFilterInput, order: OwnerOrderInput, first: number, after?: string | null): Promise<Page<Owner>> {
  return ownersPage(ctx, filter, { orderBy: OWNER_SORT_COLUMNS[order.field], direction: order.direction === 'ASC' ? 'asc' : 'desc' }, first, after);
}

export const getOwner = findVisibleOwner;

export interface OwnerFieldsInput {
  email: string;
  name?: string | null;
  phone?: string | null;
}

const OWNER_FIELDS = ['email', 'name', 'phone'] as const;
const ANNOTATION_FIELDS = ['externalUserId', 'displayName', 'description'] as const;

async function assertEmailFree(em: EntityManager, principalId: string, email: string, exceptId?: string): Promise<void> {
  const taken = await em.count(Owner, { principal: principalId, email, ...(exceptId ? { id: { $ne: exceptId } } : {}) });
  if (taken > 0) throw ValidationFailed.of('email', `An owner with the e-mail ${email} already exists.`);
}

/** Records a new owner of the viewer's principal; the e-mail must be new to the principal. */
export async function createOwner(ctx: RequestContext, input: OwnerFieldsInput): Promise<Owner> {
  const fields = parseInput(ownerSchema, input);
  const principalId = viewerOf(ctx).organizationId;
  return inTransaction(ctx, async (tx) => {
    await assertEmailFree(tx.em, principalId, fields.email);
    const owner = tx.em.create(Owner, { principal: principalId, email: fields.email, name: fields.name ?? null, phone: fields.phone ?? null });
    recordAudit(tx, {
      action: 'owner.created',
      objectType: 'Owner',
      objectId: owner.id,
      organizationId: principalId,
      changes: diffFields({}, owner, OWNER_FIELDS),
    });
    await tx.em.flush();
    return owner;
  });
}

/**
 * Changes an owner's basic data (only the fields it is given, and only if the owner is still the
 * `expectedVersion` the client read); a changed e-mail must still be unique within the principal.
 */
export async function updateOwner(ctx: RequestContext, id: string, input: OwnerFieldsInput & ExpectedVersion): Promise<Owner> {
  const fields = parseUpdate(ownerSchema, input, OWNER_FIELDS);
  return inTransaction(ctx, async (tx) => {
    const owner = await findVisibleOwner(tx, id);
    expectVersion(owner, input.expectedVersion);
    if (fields.email !== undefined && fields.email !== owner.email) await assertEmailFree(tx.em, owner.principal.id, fields.email, owner.id);
    const before = { ...owner };
    tx.em.assign(owner, fields);
    recordAudit(tx, {
      action: 'owner.updated',
      objectType: 'Owner',
      objectId: owner.id,
      organizationId: owner.principal.id,
      changes: diffFields(before, owner, OWNER_FIELDS),
    });
    await tx.em.flush();
    return owner;
  });
}

/** Archives (or restores) an owner: hidden from lists by default, its vehicle access and history kept. */
export async function setOwnerArchived(ctx: RequestContext, id: string, archived: boolean): Promise<Owner> {
  return inTransaction(ctx, async (tx) => {
    const owner = await findVisibleOwner(tx, id);
    const before = owner.archivedAt ?? null;
    if ((before !== null) === archived) {
      throw ValidationFailed.of('id', archived ? 'This owner is already archived.' : 'This owner is not archived.');
    }
    owner.archivedAt = archived ? new Date() : null;
    recordAudit(tx, {
      action: archived ? 'owner.archived' : 'owner.restored',
      objectType: 'Owner',
      objectId: owner.id,
      organizationId: owner.principal.id,
      changes: { archivedAt: { from: before, to: owner.archivedAt } },
    });
    await tx.em.flush();
    return owner;
  });
}

export interface OwnerAnnotationInput extends ExpectedVersion {
  externalUserId?: string | null;
  displayName?: string | null;
  description?: string | null;
}

/**
 * Sets the principal's private annotation on an owner — the fields it is given — (creating it, or removing it when every
 * field is empty). Only the principal's own staff get here (ownerAnnotations:write), and the
 * annotation's tenant filter reads and writes the viewer's own organization's row only. Refused
 * with a version conflict when the annotation is no longer the `expectedVersion` the client read
 * (0: there was none).
 */
export async function updateOwnerAnnotation(ctx: RequestContext, ownerId: string, input: OwnerAnnotationInput): Promise<Owner> {
  const fields = parseUpdate(ownerAnnotationSchema, input, ANNOTATION_FIELDS);
  const principalId = viewerOf(ctx).organizationId;
  return inTransaction(ctx, async (tx) => {
    const owner = await findVisibleOwner(tx, ownerId, 'ownerId');
    // edits of one owner's annotation queue on the owner's row: the first annotation has no row
    // of its own to carry a version yet (it counts as version 0)
    await tx.em.lock(owner, LockMode.PESSIMISTIC_WRITE);
    const existing = await tx.em.findOne(OwnerAnnotation, { owner: owner.id }, { refresh: true });
    expectVersion(existing, input.expectedVersion, 'annotation');
    const before = existing ? { ...existing } : {};
    // the fields left out keep the annotation's current values
    const values = Object.fromEntries(ANNOTATION_FIELDS.map((f) => [f, f in fields ? (fields[f] ?? null) : (existing?.[f] ?? null)])) as Record<(typeof ANNOTATION_FIELDS)[number], string | null>;
    const empty = ANNOTATION_FIELDS.every((f) => values[f] === null);
    if (existing && empty) tx.em.remove(existing);
    else if (existing) tx.em.assign(existing, values);
    else if (!empty) tx.em.persist(tx.em.create(OwnerAnnotation, { principal: principalId, owner, ...values }));
    recordAudit(tx, {
      action: 'owner.annotationUpdated',
      objectType: 'Owner',
      objectId: owner.id,
      organizationId: principalId,
      changes: diffFields(before, values, ANNOTATION_FIELDS),
    });
    await tx.em.flush();
    return owner;
  });
}

/**
 * Gives an owner access to a vehicle of the principal as OWNER or USER; when the owner already
 * has access to it, changes its kind. Neither may be archived.
 */
export async function addOwnerVehicleAccess(ctx: RequestContext, ownerId: string, vehicleId: string, kind: OwnerAccessKind): Promise<Owner> {
  return inTransaction(ctx, async (tx) => {
    const owner = await findVisibleOwner(tx, ownerId, 'ownerId');
    const vehicle = await findVisibleVehicle(tx, vehicleId, 'vehicleId');
    const problems = [
      ...(owner.archivedAt ? [{ field: 'ownerId', message: 'This owner is archived; restore it before giving it access to vehicles.' }] : []),
      ...(vehicle.archivedAt ? [{ field: 'vehicleId', message: 'This vehicle is archived; restore it before giving anyone access to it.' }] : []),
    ];
    if (problems.length > 0) throw new ValidationFailed(problems);
    const existing = await tx.em.findOne(OwnerVehicleAccess, { owner: owner.id, vehicle: vehicle.id });
    const previousKind = existing?.kind ?? null;
    if (previousKind === kind) throw ValidationFailed.of('kind', `This owner already has ${kind} access to this vehicle.`);
    if (existing) existing.kind = kind;
    else tx.em.persist(tx.em.create(OwnerVehicleAccess, { principal: owner.principal, owner, vehicle, kind }));
    recordAudit(tx, {
      action: existing ? 'owner.vehicleAccessChanged' : 'owner.vehicleAccessAdded',
      objectType: 'Owner',
      objectId: owner.id,
      organizationId: owner.principal.id,
      changes: { vehicle: { from: existing ? vehicle.vin : null, to: vehicle.vin }, kind: { from: previousKind, to: kind } },
    });
    await tx.em.flush();
    return owner;
  });
}

/** Takes an owner's access to a vehicle away. */
export async function removeOwnerVehicleAccess(ctx: RequestContext, ownerId: string, vehicleId: string): Promise<Owner> {
  return inTransaction(ctx, async (tx) => {
    const owner = await findVisibleOwner(tx, ownerId, 'ownerId');
    const vehicle = await findVisibleVehicle(tx, vehicleId, 'vehicleId');
    const access = await tx.em.findOne(OwnerVehicleAccess, { owner: owner.id, vehicle: vehicle.id });
    if (!access) throw ValidationFailed.of('vehicleId', 'This owner has no access to this vehicle.');
    tx.em.remove(access);
    recordAudit(tx, {
      action: 'owner.vehicleAccessRemoved',
      objectType: 'Owner',
      objectId: owner.id,
      organizationId: owner.principal.id,
      changes: { vehicle: { from: vehicle.vin, to: null }, kind: { from: access.kind, to: null } },
    });
    await tx.em.flush();
    return owner;
  });
}

export interface OwnerMessageInput {
  subject: string;
  message: string;
}

/**
 * E-mails an owner on behalf of the principal, through the mailer in the same transaction as the
 * audit event `owner.contacted` (its subject is recorded, the body is not): the owner's history
 * shows the contact, and a rolled-back request sends nothing.
 */
export async function contactOwner(ctx: RequestContext, ownerId: string, input: OwnerMessageInput): Promise<Owner> {
  const { subject, message } = parseInput(ownerMessageSchema, input);
  return inTransaction(ctx, async (tx) => {
    const owner = await findVisibleOwner(tx, ownerId, 'ownerId');
    if (owner.archivedAt) throw ValidationFailed.of('ownerId', 'This owner is archived; restore it before contacting it.');
    const principal = await loaderById(tx, Organization).load(owner.principal.id);
    const greeting = owner.name ? `Dear ${owner.name},\n\n` : '';
    const signature = principal ? `\n\n— ${principal.name}` : '';
    await tx.deps.mailer.send(tx, { to: owner.email, subject, text: `${greeting}${message}${signature}`, organizationId: owner.principal.id });
    recordAudit(tx, {
      action: 'owner.contacted',
      objectType: 'Owner',
      objectId: owner.id,
      organizationId: owner.principal.id,
      changes: { subject: { from: null, to: subject } },
    });
    await tx.em.flush();
    return owner;
  });
}
