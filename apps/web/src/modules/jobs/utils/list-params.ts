import type { JobFilter, JobKind, JobOrder, JobSortField, JobStatus, SortDirection } from '@partner-hub/graphql-client';
import { JOB_STATUSES, isCalendarDay } from '@partner-hub/domain';

/**
 * The state of the jobs list as it lives in the URL query string, so a view can be shared and
 * reloaded: `?kind=MAINTENANCE&status=FAILED&partner=<id>&from=2026-01-01&to=2026-01-31&overdue=true&importBatchId=<id>&sort=STATUS&dir=ASC`.
 */
export type JobListParams = {
  /** the tab: installations or maintenance */
  kind: JobKind;
  status?: JobStatus;
  /** the service partner's id */
  servicePartnerId?: string;
  /** scheduled on or after (YYYY-MM-DD) */
  scheduledFrom?: string;
  /** scheduled on or before (YYYY-MM-DD) */
  scheduledTo?: string;
  overdue: boolean;
  /** only the jobs an import batch created */
  importBatchId?: string;
  sort: JobSortField;
  direction: SortDirection;
};

const SORT_FIELDS: readonly JobSortField[] = ['CREATED_AT', 'KIND', 'STATUS'];

/** The API's default order (newest first), used when the URL names none (or something unknown). */
export const DEFAULT_JOB_SORT: { sort: JobSortField; direction: SortDirection } = { sort: 'CREATED_AT', direction: 'DESC' };

const isSortField = (value: string | null): value is JobSortField =>
  value !== null && (SORT_FIELDS as readonly string[]).includes(value);
const isStatus = (value: string | null): value is JobStatus =>
  value !== null && (JOB_STATUSES as readonly string[]).includes(value);
const text = (params: URLSearchParams, key: string) => params.get(key)?.trim() || undefined;
const day = (params: URLSearchParams, key: string) => {
  const value = text(params, key);
  return value && isCalendarDay(value) ? value : undefined;
};

/** Reads the jobs list's tab, filters and order from the query string; unknown values are ignored. */
export function readJobListParams(params: URLSearchParams): JobListParams {
  const sort = params.get('sort');
  const dir = params.get('dir');
  const status = params.get('status');
  return {
    kind: params.get('kind') === 'MAINTENANCE' ? 'MAINTENANCE' : 'INSTALLATION',
    status: isStatus(status) ? status : undefined,
    servicePartnerId: text(params, 'partner'),
    scheduledFrom: day(params, 'from'),
    scheduledTo: day(params, 'to'),
    overdue: params.get('overdue') === 'true',
    importBatchId: text(params, 'importBatchId'),
    sort: isSortField(sort) ? sort : DEFAULT_JOB_SORT.sort,
    direction: isSortField(sort) ? (dir === 'DESC' || dir === 'ASC' ? dir : 'ASC') : DEFAULT_JOB_SORT.direction,
  };
}

/** The changes a control makes to the list's state; `undefined`/`false` removes a key. */
export type JobListParamChanges = Partial<{
  kind: JobKind;
  status: JobStatus | undefined;
  servicePartnerId: string | undefined;
  scheduled: { from?: string; to?: string } | undefined;
  overdue: boolean;
  importBatchId: string | undefined;
  order: { sort: JobSortField; direction: SortDirection } | undefined;
}>;

function put(params: URLSearchParams, key: string, value: string | undefined) {
  if (value === undefined || value === '') params.delete(key);
  else params.set(key, value);
}

/**
 * A copy of `params` with `changes` applied. Other keys (the "New job" dialog) are kept; the
 * installation tab and the default order are left out so plain links stay short.
 */
export function withJobListParams(params: URLSearchParams, changes: JobListParamChanges): URLSearchParams {
  const next = new URLSearchParams(params);
  if ('kind' in changes) put(next, 'kind', changes.kind === 'MAINTENANCE' ? 'MAINTENANCE' : undefined);
  if ('status' in changes) put(next, 'status', changes.status);
  if ('servicePartnerId' in changes) put(next, 'partner', changes.servicePartnerId);
  if ('scheduled' in changes) {
    put(next, 'from', changes.scheduled?.from);
    put(next, 'to', changes.scheduled?.to);
  }
  if ('overdue' in changes) put(next, 'overdue', changes.overdue ? 'true' : undefined);
  if ('importBatchId' in changes) put(next, 'importBatchId', changes.importBatchId);
  if ('order' in changes) {
    const order = changes.order;
    const isDefault = !order || (order.sort === DEFAULT_JOB_SORT.sort && order.direction === DEFAULT_JOB_SORT.direction);
    put(next, 'sort', isDefault ? undefined : order.sort);
    put(next, 'dir', isDefault ? undefined : order.direction);
  }
  return next;
}

/** A copy of `params` without any filter (the tab, the order and other keys stay). */
export function withoutJobListFilters(params: URLSearchParams): URLSearchParams {
  return withJobListParams(params, {
    status: undefined,
    servicePartnerId: undefined,
    scheduled: undefined,
    overdue: false,
    importBatchId: undefined,
  });
}

/** The API filter for the list's state (keys in a fixed order, so equal states give equal filters). */
export function toJobFilter(state: JobListParams): JobFilter {
  return {
    kind: state.kind,
    ...(state.status ? { status: state.status } : {}),
    ...(state.servicePartnerId ? { servicePartnerId: state.servicePartnerId } : {}),
    ...(state.scheduledFrom ? { scheduledFrom: state.scheduledFrom } : {}),
    ...(state.scheduledTo ? { scheduledTo: state.scheduledTo } : {}),
    ...(state.overdue ? { overdue: true } : {}),
    ...(state.importBatchId ? { importBatchId: state.importBatchId } : {}),
  };
}

/** The API order for the list's state. */
export function toJobOrder(state: JobListParams): JobOrder {
  return { field: state.sort, direction: state.direction };
}

/** Whether the user narrowed the list beyond its tab. */
export function hasJobFilters(state: JobListParams): boolean {
  return Object.keys(toJobFilter(state)).length > 1;
}
