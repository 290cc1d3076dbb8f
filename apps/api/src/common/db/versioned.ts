import { OptimisticLockError } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/core';
import { VersionConflict } from '../errors/app-errors.js';

/**
 * Optimistic concurrency, the one mechanism of every editable object (partner, vehicle, owner and
 * its annotation, job, job template). Each carries a MikroORM version property
 * (`@Property({ version: true })`): every change written through the unit of work bumps it and is
 * written `… where id = ? and version = <the version loaded>`, so of two transactions that loaded
 * the same version exactly one writes and the other's flush fails with `OptimisticLockError`
 * (PostgreSQL re-checks the condition once the first commits). An update mutation also compares
 * the `expectedVersion` its client read with the version it loaded ({@link expectVersion}), so a
 * save from an old read is refused before anything is written. Both become a `VersionConflict`
 * (GraphQL `VersionConflictError`): the lock error in the global error middleware
 * ({@link versionConflictOf}).
 */
export interface Versioned {
  id: string;
  version: number;
  updatedAt: Date;
}

/** The word a conflict message uses for an entity, from its class name: `JobTemplate` → "job template". */
export function objectTypeOf(entity: object): string {
  return entity.constructor.name.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * Refuses an update sent from an older read: `expectedVersion` is the version the client read;
 * left out (null/undefined), the write goes ahead ("last write wins"). `current` is the object's
 * version as loaded (0 for an object that does not exist yet, e.g. an owner's first annotation).
 * @throws VersionConflict with the current version and when it last changed
 */
export function expectVersion(entity: Versioned | null, expectedVersion: number | null | undefined, objectType = entity ? objectTypeOf(entity) : 'object'): void {
  if (expectedVersion === null || expectedVersion === undefined) return;
  const current = entity?.version ?? 0;
  if (current !== expectedVersion) throw new VersionConflict(objectType, current, entity?.updatedAt ?? null, expectedVersion);
}

/**
 * The `VersionConflict` for a write the version condition refused (another transaction committed a
 * change to the same row first): reads the row's current version and time outside the failed
 * transaction.
 */
export async function versionConflictOf(em: EntityManager, error: OptimisticLockError): Promise<VersionConflict> {
  const entity = error.getEntity() as Partial<Versioned> | undefined;
  const objectType = entity ? objectTypeOf(entity) : 'object';
  if (!entity?.id) return new VersionConflict(objectType, 0, null, null);
  const current = (await em
    .fork({ clear: true })
    .findOne(entity.constructor.name, { id: entity.id }, { filters: false, fields: ['version', 'updatedAt'] as never })) as Versioned | null;
  return new VersionConflict(objectType, current?.version ?? 0, current?.updatedAt ?? null, entity.version ?? null);
}

export { OptimisticLockError };

/** What every update input adds: the version the client read (see {@link expectVersion}). */
export interface ExpectedVersion {
  expectedVersion?: number | null;
}
