import type { Permission } from '@partner-hub/domain';
import { validate as isUuid } from 'uuid';
import { viewerOf } from '../../common/context/request-context.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { NotFound, ValidationFailed } from '../../common/errors/app-errors.js';
import { findVisibleImportBatch } from './import-batch-scope.js';
import { findVisibleOwner } from './owner-access.js';
import { findVisiblePartner } from './partner-scope.js';
import { findVisibleVehicle } from './vehicle-access.js';

/**
 * Id-valued list filters (DESIGN.md §3; issue 15): a filter by an id the viewer may not open would
 * tell what the id hides (that a partner is its parent, that a hidden owner owns one of its
 * vehicles, that a batch of the principal created its rows, that a job was on a vehicle whose grant
 * ended). So every id a list or export is filtered by is first opened exactly as its by-id query
 * opens it — the same permission, the same `findVisible…` — and an id that does not open filters
 * to nothing, exactly like an id that does not exist.
 */

interface Opener {
  /** the permission the object's own query (`partner(id)`, …) asks for */
  permission: Permission;
  /** the object's own by-id rule; throws NotFound or answers null for what the viewer may not see */
  open: (ctx: RequestContext, id: string) => Promise<unknown>;
}

/** One entry per kind of object a list can be filtered by. Wrapped in arrows: these modules import each other. */
const OPENERS = {
  partner: { permission: 'partners:read', open: (ctx, id) => findVisiblePartner(ctx, id) },
  vehicle: { permission: 'vehicles:read', open: (ctx, id) => findVisibleVehicle(ctx, id) },
  owner: { permission: 'owners:read', open: (ctx, id) => findVisibleOwner(ctx, id) },
  importBatch: { permission: 'partners:read', open: (ctx, id) => findVisibleImportBatch(ctx, id) },
} satisfies Record<string, Opener>;

export type FilterIdKind = keyof typeof OPENERS;

/** Whether the viewer may open the object `id` of this kind (a NotFound of its rule answers false). */
async function opens(ctx: RequestContext, kind: FilterIdKind, id: string): Promise<boolean> {
  const opener: Opener = OPENERS[kind];
  if (!viewerOf(ctx).permissions.has(opener.permission)) return false;
  try {
    return (await opener.open(ctx, id)) !== null;
  } catch (error) {
    if (error instanceof NotFound) return false;
    throw error;
  }
}

/**
 * Checks the id-valued fields of a list's filter: each given id through the rule that opens its
 * object. Call it before building the list's condition and, when it answers false, match nothing.
 * @param kinds which kind of object each id field names, e.g. `{ parentId: 'partner' }`
 * @param prefix the filter's path in the request, for the error's field (`filter.parentId`)
 * @returns false when some given id does not open for the viewer: the list is then empty
 * @throws ValidationFailed on `<prefix>.<field>` for a value that is not an id at all
 */
export async function filterIdsOpen<F extends object>(
  ctx: RequestContext,
  filter: F,
  kinds: { [K in keyof F]?: FilterIdKind },
  prefix = 'filter',
): Promise<boolean> {
  const given = (Object.entries(kinds) as [keyof F & string, FilterIdKind][]).flatMap(([field, kind]) => {
    const value = filter[field];
    return typeof value === 'string' && value !== '' ? [{ field, kind, id: value }] : [];
  });
  for (const { field, id } of given) if (!isUuid(id)) throw ValidationFailed.of(`${prefix}.${field}`, 'This is not an id.');
  // one after the other: each opens through the request's EntityManager
  for (const { kind, id } of given) if (!(await opens(ctx, kind, id))) return false;
  return true;
}
