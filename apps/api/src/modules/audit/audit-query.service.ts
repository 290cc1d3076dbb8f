import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context/request-context.js';
import { viewerOf } from '../../common/context/request-context.js';
import { rowShape, selectRows } from '../../common/db/plain-rows.js';
import { keysetRows } from '../../common/graphql/connection.js';
import type { Page } from '../../common/graphql/connection.js';
import { ValidationFailed } from '../../common/errors/app-errors.js';
import { AuditEvent } from './audit-event.entity.js';

export interface AuditEventFilterInput {
  action?: string | null;
  objectType?: string | null;
  objectId?: string | null;
  actorUserId?: string | null;
  from?: Date | null;
  to?: Date | null;
}

/**
 * The organization's audit events, newest first, filtered: plain rows (common/db/plain-rows.ts), the
 * keyset on the (organization_id, id) index and every filter on an index on (organization, …).
 * `totalCount` from the counters where they cover the filter, else counted (docs/architecture.md, "Totals").
 */
export function listAuditEvents(
  ctx: RequestContext,
  filter: AuditEventFilterInput,
  first: number,
  after?: string | null,
): Promise<Page<AuditEvent>> {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw ValidationFailed.of('filter.to', 'The end of the period lies before its start.');
  }
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (condition: string, value: unknown) => {
    where.push(condition);
    params.push(value);
  };
  if (filter.action) add('t."action" = ?', filter.action);
  if (filter.objectType) add('t."object_type" = ?', filter.objectType);
  if (filter.objectId) add('t."object_id" = ?', filter.objectId);
  if (filter.actorUserId) add('t."actor_user_id" = ?', filter.actorUserId);
  if (filter.from) add('t."created_at" >= ?', filter.from.toISOString());
  if (filter.to) add('t."created_at" <= ?', filter.to.toISOString());
  return keysetRows(ctx.em, rowShape(ctx.em, AuditEvent), { where, params, first, after, orderBy: 'id', direction: 'desc', total: countersTotal(ctx, filter) });
}

/**
 * `totalCount` from the maintained counters (`audit_event_count`, kept by triggers on `audit_event`)
 * when the filter is none, an action or an object type; one object's, one user's or a period's events
 * are counted (undefined).
 */
function countersTotal(ctx: RequestContext, filter: AuditEventFilterInput): (() => Promise<number>) | undefined {
  if (filter.objectId || filter.actorUserId || filter.from || filter.to) return undefined;
  return async () => {
    const conditions = ['"organization_id" = ?'];
    const params: unknown[] = [viewerOf(ctx).organizationId];
    if (filter.action) {
      conditions.push('"action" = ?');
      params.push(filter.action);
    }
    if (filter.objectType) {
      conditions.push('"object_type" = ?');
      params.push(filter.objectType);
    }
    const [row] = await selectRows<{ n: string | null }>(ctx.em, `select sum(n) as n from "audit_event_count" where ${conditions.join(' and ')}`, params);
    return Number(row?.n ?? 0);
  };
}

/**
 * One object's history, newest first, as plain rows on the (organization_id, object_type, object_id)
 * index — through `em`, whose tenant filter decides whose events are seen (a partner: its own
 * organization's). An object's events are few: `totalCount` counts them exactly.
 */
export function historyPage(em: EntityManager, objectType: string, objectId: string, first: number, after?: string | null): Promise<Page<AuditEvent>> {
  return keysetRows(em, rowShape(em, AuditEvent), {
    where: ['t."object_type" = ?', 't."object_id" = ?'],
    params: [objectType, objectId],
    first,
    after,
    orderBy: 'id',
    direction: 'desc',
  });
}
