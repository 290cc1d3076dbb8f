import type { FilterQuery } from '@mikro-orm/core';
import type { RequestContext } from '../../common/context/request-context.js';
import { keysetPage } from '../../common/graphql/connection.js';
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

/** The organization's audit events, newest first, filtered; every filter is served by an index on (organization, …). */
export function listAuditEvents(
  ctx: RequestContext,
  filter: AuditEventFilterInput,
  first: number,
  after?: string | null,
): Promise<Page<AuditEvent>> {
  if (filter.from && filter.to && filter.from > filter.to) {
    throw ValidationFailed.of('filter.to', 'The end of the period lies before its start.');
  }
  const where: FilterQuery<AuditEvent> = {};
  if (filter.action) where.action = filter.action;
  if (filter.objectType) where.objectType = filter.objectType;
  if (filter.objectId) where.objectId = filter.objectId;
  if (filter.actorUserId) where.actorUser = filter.actorUserId;
  if (filter.from || filter.to) {
    where.createdAt = { ...(filter.from ? { $gte: filter.from } : {}), ...(filter.to ? { $lte: filter.to } : {}) };
  }
  return keysetPage(ctx.em, AuditEvent, where, { first, after, orderBy: 'id', direction: 'desc' });
}
