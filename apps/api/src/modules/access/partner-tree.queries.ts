import type { EntityManager } from '@mikro-orm/postgresql';
import { MAX_TREE_DEPTH } from '@partner-hub/domain';
import { uuidArray } from '../../common/db/uuid-array.js';

/**
 * The sub-partner tree in SQL: an adjacency list (`partner.parent_id`) walked with recursive
 * CTEs on the `(principal_id, parent_id)` index. The pure rules (cycles, depth) live in
 * libs/domain; these queries only fetch the rows those rules need. They bypass the ORM's
 * tenant filter, so every caller passes ids it has already checked the viewer may see.
 */

export interface TreeRow {
  id: string;
  parentId: string | null;
  /** distance from the start: 0 for the start itself */
  depth: number;
}

/** The given partners and all their sub-partners at any depth (each with its depth below its start). */
export async function subtreesOf(em: EntityManager, rootIds: readonly string[], includeArchived = true): Promise<TreeRow[]> {
  if (rootIds.length === 0) return [];
  const rows: { id: string; parent_id: string | null; depth: number }[] = await em.getConnection().execute(
    `with recursive sub as (
       select id, parent_id, 0 as depth from partner where id = any(?::uuid[])
       union all
       select p.id, p.parent_id, s.depth + 1 from partner p join sub s on p.parent_id = s.id
        where s.depth < ? ${includeArchived ? '' : 'and p.archived_at is null'}
     ) select distinct on (id) id, parent_id, depth from sub order by id, depth`,
    [uuidArray(rootIds), MAX_TREE_DEPTH + 1],
  );
  return rows.map((r) => ({ id: r.id, parentId: r.parent_id, depth: r.depth }));
}

/** The chain above each given partner, nearest first (each with its distance up; the partner itself at 0). */
export async function chainsAbove(em: EntityManager, ids: readonly string[]): Promise<Map<string, TreeRow[]>> {
  const chains = new Map<string, TreeRow[]>(ids.map((id) => [id, []]));
  if (ids.length === 0) return chains;
  const rows: { start: string; id: string; parent_id: string | null; depth: number }[] = await em.getConnection().execute(
    `with recursive up as (
       select id as start, id, parent_id, 0 as depth from partner where id = any(?::uuid[])
       union all
       select u.start, p.id, p.parent_id, u.depth + 1 from partner p join up u on p.id = u.parent_id where u.depth < ?
     ) select start, id, parent_id, depth from up order by start, depth`,
    [uuidArray(ids), MAX_TREE_DEPTH + 1],
  );
  for (const r of rows) chains.get(r.start)?.push({ id: r.id, parentId: r.parent_id, depth: r.depth });
  return chains;
}

/** The organizations of the given partners and of all their sub-partners: whose identities a block or an archive there reaches. */
export async function organizationsOfSubtrees(em: EntityManager, rootIds: readonly string[]): Promise<string[]> {
  if (rootIds.length === 0) return [];
  const rows: { organization_id: string }[] = await em.getConnection().execute(
    `with recursive sub as (
       select id, organization_id, 0 as depth from partner where id = any(?::uuid[])
       union all
       select p.id, p.organization_id, s.depth + 1 from partner p join sub s on p.parent_id = s.id where s.depth < ?
     ) select distinct organization_id from sub`,
    [uuidArray(rootIds), MAX_TREE_DEPTH + 1],
  );
  return rows.map((r) => r.organization_id);
}
