import { AuditEvent } from './audit-event.entity.js';
import type { AuditChanges } from './audit-event.entity.js';
import type { RequestContext } from '../../common/context/request-context.js';

export interface AuditEntry {
  action: string;
  objectType: string;
  objectId: string;
  /** the organization whose data changed */
  organizationId: string;
  changes?: AuditChanges | null;
}

/** The changed fields between two snapshots, as `{ field: { from, to } }`. */
export function diffFields<T extends object>(before: Partial<T>, after: Partial<T>, fields: readonly (keyof T & string)[]): AuditChanges {
  const changes: AuditChanges = {};
  for (const field of fields) {
    const from = before[field] ?? null;
    const to = after[field] ?? null;
    const same = from instanceof Date && to instanceof Date ? from.getTime() === to.getTime() : from === to;
    if (!same) changes[field] = { from, to };
  }
  return changes;
}

/**
 * Records an audit event in the transaction of `ctx` (its `em`) and queues its publication for
 * after the commit. Every mutation calls it; the mutation guard checks that one did.
 */
export function recordAudit(ctx: RequestContext, entry: AuditEntry): AuditEvent {
  const viewer = ctx.viewer;
  const event = ctx.em.create(AuditEvent, {
    organization: entry.organizationId,
    action: entry.action,
    objectType: entry.objectType,
    objectId: entry.objectId,
    changes: entry.changes && Object.keys(entry.changes).length > 0 ? entry.changes : null,
    actorLabel: viewer?.label ?? 'system',
    actorUser: viewer?.userId ?? null,
    actorApiKey: viewer?.apiKeyId ?? null,
  });
  ctx.em.persist(event);
  ctx.pendingAudit.push({ id: event.id, organizationId: entry.organizationId });
  return event;
}
