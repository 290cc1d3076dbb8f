import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidArray } from '../../common/db/uuid-array.js';

/**
 * How many active (not archived) vehicles are assigned to each partner itself right now — its
 * open assignments, not its sub-partners'. One grouped query for the whole batch, on the
 * open-assignment index. The ids must come from partners the viewer may see.
 */
export async function assignedVehicleCounts(
  em: EntityManager,
  partnerIds: readonly string[],
): Promise<Map<string, number>> {
  if (partnerIds.length === 0) return new Map();
  const rows: { partner_id: string; count: string }[] = await em.getConnection().execute(
    `select a.partner_id, count(*) as count
       from vehicle_assignment a join vehicle v on v.id = a.vehicle_id
      where a.partner_id = any(?::uuid[]) and a.unassigned_at is null and v.archived_at is null
      group by a.partner_id`,
    [uuidArray(partnerIds)],
  );
  return new Map(rows.map((r) => [r.partner_id, Number(r.count)]));
}

/** The same count for the partner on the alias `alias`, as a scalar subquery of a page's statement (partner.queries.ts). */
export const assignedVehicleCountSql = (alias: string) =>
  `select count(*) from vehicle_assignment a join vehicle v on v.id = a.vehicle_id where a.partner_id = ${alias}.id and a.unassigned_at is null and v.archived_at is null`;
