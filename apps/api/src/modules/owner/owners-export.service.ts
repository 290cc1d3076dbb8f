import { csvLines } from '../import/csv-writer.js';
import { checkExportSize, exportBatches } from '../import/csv-export.js';
import { raw } from '@mikro-orm/core';
import type { FilterQuery } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context/request-context.js';
import { OwnerAnnotation } from './owner-annotation.entity.js';
import { readsAnnotations, visibleAccessWhere } from '../access/owner-access.js';
import { OwnerVehicleAccess } from './owner-vehicle-access.entity.js';
import { Owner } from './owner.entity.js';
import { OWNER_SORT_COLUMNS, ownersWhere } from './owner.service.js';
import type { OwnerFilterInput, OwnerOrderInput } from './owner.service.js';

/**
 * CSV export of the owners list (DESIGN.md §4): the same filter, scope and order as `owners`,
 * every page, read in keyset batches with one grouped count and (for the principal's staff)
 * one annotation query per batch. The annotation columns exist only for viewers who may read
 * annotations; for anyone else they are not empty, they are absent.
 */

/** The most rows one export writes; a larger view must be narrowed by its filters first. */
export const MAX_OWNER_EXPORT_ROWS = 50_000;

const BASIC_COLUMNS = ['email', 'name', 'phone', 'vehicle_count'] as const;
const ANNOTATION_COLUMNS = ['external_user_id', 'display_name', 'description'] as const;

/** The columns a viewer's export has: basic data, plus the private annotation for the principal's staff. */
export function ownerCsvColumns(withAnnotations: boolean): string[] {
  return withAnnotations ? [...BASIC_COLUMNS, ...ANNOTATION_COLUMNS] : [...BASIC_COLUMNS];
}

/** How many vehicles the viewer may see each owner has access to: one grouped query. */
async function vehicleCounts(em: EntityManager, ownerIds: string[], visibleAccess: FilterQuery<OwnerVehicleAccess>): Promise<Map<string, number>> {
  if (ownerIds.length === 0) return new Map();
  const qb = em
    .createQueryBuilder(OwnerVehicleAccess, 'ova')
    .select(['ova.owner_id', raw('count(*)::int as count')])
    .where({ $and: [{ owner: { $in: ownerIds } }, visibleAccess] } as never)
    .groupBy('ova.owner_id');
  const rows: { owner_id: string; count: number }[] = await qb.execute('all', false);
  return new Map(rows.map((r) => [r.owner_id, r.count]));
}

/**
 * The owners list as CSV text (header first), exactly the rows and order the list shows.
 * @throws ValidationFailed when the view has more than {@link MAX_OWNER_EXPORT_ROWS} rows
 */
export async function exportOwnersCsv(ctx: RequestContext, filter: OwnerFilterInput, order: OwnerOrderInput): Promise<string> {
  const withAnnotations = readsAnnotations(ctx);
  const where = await ownersWhere(ctx, filter);
  const visibleAccess = await visibleAccessWhere(ctx);
  // a fork of its own, cleared after each batch, so 50,000 rows never sit in the request's identity map
  const em = ctx.em.fork();
  await checkExportSize(em, Owner, where, MAX_OWNER_EXPORT_ROWS, 'owners');
  const lines: string[] = [csvLines([ownerCsvColumns(withAnnotations)])];
  for await (const owners of exportBatches(em, Owner, where, { orderBy: OWNER_SORT_COLUMNS[order.field], direction: order.direction, maxRows: MAX_OWNER_EXPORT_ROWS })) {
    const ids = owners.map((o) => o.id);
    const counts = await vehicleCounts(em, ids, visibleAccess);
    const annotations = new Map<string, OwnerAnnotation>();
    if (withAnnotations) {
      for (const a of await em.find(OwnerAnnotation, { owner: { $in: ids } })) annotations.set(a.owner.id, a);
    }
    const records = owners.map((owner) => {
      const basic = [owner.email, owner.name ?? '', owner.phone ?? '', counts.get(owner.id) ?? 0];
      if (!withAnnotations) return basic;
      const a = annotations.get(owner.id);
      return [...basic, a?.externalUserId ?? '', a?.displayName ?? '', a?.description ?? ''];
    });
    lines.push(csvLines(records));
  }
  return lines.join('');
}
