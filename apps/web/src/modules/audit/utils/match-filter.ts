import type { AuditEventFieldsFragment, AuditEventFilter } from '@partner-hub/graphql-client';

/** Exact, like the server's filter (an action is `user.create`, not `User.Create`). */
const sameText = (filterValue: string | null | undefined, value: string) => !filterValue || filterValue.trim() === value;

/**
 * Whether a live event belongs in a list loaded with `filter` (the server filters the loaded pages;
 * events pushed by the subscription are checked here before they are prepended).
 */
export function matchesAuditFilter(event: AuditEventFieldsFragment, filter: AuditEventFilter): boolean {
  const occurred = new Date(event.occurredAt).getTime();
  return (
    sameText(filter.action, event.action) &&
    sameText(filter.objectType, event.objectType) &&
    (!filter.objectId || filter.objectId.trim() === event.objectId) &&
    (!filter.actorUserId || filter.actorUserId === event.actorUser?.id) &&
    (!filter.from || occurred >= new Date(filter.from).getTime()) &&
    (!filter.to || occurred <= new Date(filter.to).getTime())
  );
}
