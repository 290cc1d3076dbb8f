import type { EntityManager } from '@mikro-orm/postgresql';
import { uuidArray } from '../../common/db/uuid-array.js';

/** How many direct, not archived sub-partners each partner has: one grouped query for a whole page. */
export async function subPartnerCounts(em: EntityManager, ids: readonly string[]): Promise<Map<string, number>> {
  if (ids.length === 0) return new Map();
  const rows: { parent_id: string; count: string }[] = await em.getConnection().execute(
    'select parent_id, count(*) as count from partner where parent_id = any(?::uuid[]) and archived_at is null group by parent_id',
    [uuidArray(ids)],
  );
  return new Map(rows.map((r) => [r.parent_id, Number(r.count)]));
}
