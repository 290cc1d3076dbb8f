import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context/request-context.js';
import { rowShape } from '../../common/db/plain-rows.js';
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
 * `totalCount` counts the matching events exactly (see docs/architecture.md, "Totals").
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
  return keysetRows(ctx.em, rowShape(ctx.em, AuditEvent), { where, params, first, after, orderBy: 'id', direction: 'desc' });
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
