import { isPartnerRole, isPartnerStatus } from '@partner-hub/domain';
import type { PartnerRole, PartnerStatus } from '@partner-hub/domain';
import type {
  PartnerFilter,
  PartnerOrder,
  PartnerSortField,
  PartnersQueryVariables,
  SortDirection,
} from '@partner-hub/graphql-client';

/**
 * The state of a partners list as it lives in the URL query string, so a view can be shared and
 * reloaded: `?q=…&role=DEALER&status=PENDING&region=…&blocked=true&archived=true&sort=NAME&dir=DESC`.
 */
export type PartnerListParams = {
  search: string;
  role?: PartnerRole;
  status?: PartnerStatus;
  region: string;
  /** undefined: blocked and unblocked */
  blocked?: boolean;
  /** true: only archived partners (the API shows active ones by default) */
  archived: boolean;
  sort: PartnerSortField;
  direction: SortDirection;
};

/** The query-string keys of a partners list (the add dialog's `new`, `parent` and the `view` switch are separate). */
export const LIST_PARAM_KEYS = [
  'q',
  'role',
  'status',
  'region',
  'blocked',
  'archived',
  'sort',
  'dir',
] as const;

const SORT_FIELDS: readonly PartnerSortField[] = ['NAME', 'PARTNER_ID', 'ROLE', 'STATUS', 'CREATED_AT'];

/** The API's default order, used when the URL names none (or something unknown). */
export const DEFAULT_SORT: { sort: PartnerSortField; direction: SortDirection } = {
  sort: 'NAME',
  direction: 'ASC',
};

function isSortField(value: string | null): value is PartnerSortField {
  return value !== null && (SORT_FIELDS as readonly string[]).includes(value);
}

function booleanParam(value: string | null): boolean | undefined {
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** Reads a partners list's filters and order from the query string; unknown values are ignored. */
export function readListParams(params: URLSearchParams): PartnerListParams {
  const role = params.get('role');
  const status = params.get('status');
  const sort = params.get('sort');
  return {
    search: params.get('q')?.trim() ?? '',
    role: isPartnerRole(role) ? role : undefined,
    status: isPartnerStatus(status) ? status : undefined,
    region: params.get('region')?.trim() ?? '',
    blocked: booleanParam(params.get('blocked')),
    archived: params.get('archived') === 'true',
    sort: isSortField(sort) ? sort : DEFAULT_SORT.sort,
    direction: isSortField(sort) && params.get('dir') === 'DESC' ? 'DESC' : 'ASC',
  };
}

/** The changes a control makes to the list's state; `undefined`/`''`/`false` removes a key. */
export type ListParamChanges = Partial<{
  search: string;
  role: PartnerRole | undefined;
  status: PartnerStatus | undefined;
  region: string;
  blocked: boolean | undefined;
  archived: boolean;
  order: { sort: PartnerSortField; direction: SortDirection } | undefined;
}>;

function put(params: URLSearchParams, key: string, value: string | undefined) {
  if (value === undefined || value === '') params.delete(key);
  else params.set(key, value);
}

/**
 * A copy of `params` with `changes` applied. Keys of other features (the view switch, the add
 * dialog) are kept; the default order is left out so plain links stay short.
 */
export function withListParams(params: URLSearchParams, changes: ListParamChanges): URLSearchParams {
  const next = new URLSearchParams(params);
  if ('search' in changes) put(next, 'q', changes.search?.trim());
  if ('role' in changes) put(next, 'role', changes.role);
  if ('status' in changes) put(next, 'status', changes.status);
  if ('region' in changes) put(next, 'region', changes.region?.trim());
  if ('blocked' in changes)
    put(next, 'blocked', changes.blocked === undefined ? undefined : String(changes.blocked));
  if ('archived' in changes) put(next, 'archived', changes.archived ? 'true' : undefined);
  if ('order' in changes) {
    const order = changes.order;
    const isDefault =
      !order || (order.sort === DEFAULT_SORT.sort && order.direction === DEFAULT_SORT.direction);
    put(next, 'sort', isDefault ? undefined : order.sort);
    put(next, 'dir', isDefault || order.direction === 'ASC' ? undefined : order.direction);
  }
  return next;
}

/** A copy of `params` without any list filter (the order and other keys stay). */
export function withoutListFilters(params: URLSearchParams): URLSearchParams {
  return withListParams(params, {
    search: '',
    role: undefined,
    status: undefined,
    region: '',
    blocked: undefined,
    archived: false,
  });
}

/** The API filter for the list's state; `fixedRole` (the service partners view) overrides the role. */
export function toPartnerFilter(state: PartnerListParams, fixedRole?: PartnerRole): PartnerFilter {
  const role = fixedRole ?? state.role;
  return {
    ...(state.search ? { search: state.search } : {}),
    ...(role ? { role } : {}),
    ...(state.status ? { status: state.status } : {}),
    ...(state.region ? { region: state.region } : {}),
    ...(state.blocked === undefined ? {} : { blocked: state.blocked }),
    ...(state.archived ? { archived: true } : {}),
  };
}

/** The API order for the list's state. */
export function toPartnerOrder(state: PartnerListParams): PartnerOrder {
  return { field: state.sort, direction: state.direction };
}

/** Whether the user narrowed the list (beyond a role the view fixes). */
export function hasListFilters(state: PartnerListParams, fixedRole?: PartnerRole): boolean {
  return Boolean(
    state.search ||
    (!fixedRole && state.role) ||
    state.status ||
    state.region ||
    state.blocked !== undefined ||
    state.archived,
  );
}

/** Rows per page of the partners list. */
export const PARTNERS_PAGE_SIZE = 25;

/**
 * The partners list query's variables for a URL's query string: the list asks with them, and so does the route's
 * prefetch that starts the query together with the Viewer query (routes.tsx), so both ask for the same page.
 */
export function partnersListVariables(
  params: URLSearchParams,
  fixedRole?: PartnerRole,
): PartnersQueryVariables {
  const state = readListParams(params);
  return {
    first: PARTNERS_PAGE_SIZE,
    filter: toPartnerFilter(state, fixedRole),
    orderBy: toPartnerOrder(state),
  };
}
