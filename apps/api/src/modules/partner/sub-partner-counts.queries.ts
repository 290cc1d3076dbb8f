import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidArray } from '../../common/db/uuid-array.js';

/**
 * How many direct, not archived sub-partners each partner has: one grouped query for a whole page.
 * A sub-partner has its parent's principal, and naming it lets PostgreSQL read the
 * `(principal_id, parent_id)` index for each parent instead of every principal's partners.
 */
export async function subPartnerCounts(em: EntityManager, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows: { parent_id: string; count: string }[] = await em.getConnection().execute(
    `select child.parent_id, count(*) as count
       from partner parent
       join partner child on child.principal_id = parent.principal_id and child.parent_id = parent.id
      where parent.id = any(?::uuid[]) and child.archived_at is null
      group by child.parent_id`,
    [uuidArray(ids)],
  );
  return new Map(rows.map((r) => [r.parent_id, Number(r.count)]));
}

/** The same count for the partner on the alias `alias`, as a scalar subquery of a page's statement (partner.queries.ts). */
export const subPartnerCountSql = (alias: string) =>
  `select count(*) from partner child where child.principal_id = ${alias}.principal_id and child.parent_id = ${alias}.id and child.archived_at is null`;
