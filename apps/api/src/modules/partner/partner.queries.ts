import type { RequestContext } from '../../common/context/request-context.js';
import { computedAlong, primeRows } from '../../common/context/loaders.js';
import { containsPattern, escapeLike } from '../../common/db/like.js';
import { rowShape } from '../../common/db/plain-rows.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import { keysetRows } from '../../common/graphql/connection.js';
import type { Page } from '../../common/graphql/connection.js';
import type { NodeSelection } from '../../common/graphql/node-selection.js';
import { filterIdsOpen } from '../access/filter-ids.js';
import { partnerScope } from '../access/partner-scope.js';
import { Partner } from './partner.entity.js';
import './partner.loaders.js';
import type { PartnerFilterInput } from './partner.service.js';

/**
 * The partners list's read (issue 12): one hand-written statement for the page — each partner with
 * its organization (which names it) and its parent with the parent's organization, as plain rows
 * (plain-rows.ts) primed into the by-id loaders, and its sub-partner count — on the condition of `partnersWhere`
 * (partner.service.ts, which the CSV export keeps) written as SQL: `t` the partner, `t_0` its
 * organization.
 */
export async function partnersWhereSql(ctx: RequestContext, filter: PartnerFilterInput): Promise<{ where: string[]; params: unknown[] }> {
  // a parent or batch the viewer may not open filters to nothing, like an id that does not exist
  if (!(await filterIdsOpen(ctx, filter, { parentId: 'partner', importBatchId: 'importBatch' }))) return { where: ['false'], params: [] };
  const scope = await partnerScope(ctx);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, ...values: unknown[]) => {
    where.push(condition);
    params.push(...values);
  };
  if (!scope.all) add('t."id" = any(?::uuid[])', uuidArray([...scope.visible]));
  const search = filter.search?.trim();
  const pattern = containsPattern(search);
  if (search && pattern) add('(t_0."name" ilike ? or t_0."email" ilike ? or t."code" = ?)', pattern, pattern, search.toUpperCase());
  if (filter.role) add('t."role" = ?', filter.role);
  if (filter.status) add('t."status" = ?', filter.status);
  if (filter.region?.trim()) add('t_0."region" ilike ?', escapeLike(filter.region.trim()));
  if (filter.blocked !== null && filter.blocked !== undefined) add('t."blocked" = ?', filter.blocked);
  add(filter.archived ? 't."archived_at" is not null' : 't."archived_at" is null');
  if (filter.parentId) add('t."parent_id" = ?', filter.parentId);
  if (filter.topLevel) {
    if (scope.all) add('t."parent_id" is null');
    else add('t."id" = any(?::uuid[])', uuidArray([...scope.own]));
  }
  if (filter.importBatchId) add('t."import_batch_id" = ?', filter.importBatchId);
  return { where, params };
}

/**
 * A page of partners as plain rows, their organizations and parents read along — narrowed to what
 * the query's `selection` needs of them, whole without it; the values computed along (`computeAlong`:
 * the sub-partner and vehicle counts) that it selects — all without it — per row in the same statement.
 */
export async function partnersPage(
  ctx: RequestContext,
  filter: PartnerFilterInput,
  order: { orderBy: string; direction: 'asc' | 'desc' },
  first: number,
  after: string | null | undefined,
  selection?: NodeSelection,
): Promise<Page<Partner>> {
  // the counts the page shows (a partner's sub-partners, its vehicles — computeAlong in the loaders of the
  // features that own them), per row on their indexes, primed into the loaders their fields read
  const along = computedAlong(Partner, selection?.fields);
  return keysetRows(ctx.em, rowShape(ctx.em, Partner), {
    ...(await partnersWhereSql(ctx, filter)),
    first,
    after,
    ...order,
    // `organization` is read along every partner (partner.loaders.ts): t_0; the parent and its organization after it
    along: ['parent'],
    needs: selection?.needs,
    related: (rows) => primeRows(ctx, rows),
    compute: Object.fromEntries(along.map((c) => [c.field, c.sql('t')])),
    computed: (id, values) => {
      for (const c of along) c.prime(ctx, id, values[c.field]);
    },
  });
}
