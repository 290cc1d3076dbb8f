import type { OwnerFilter, OwnerOrder, OwnerSortField, SortDirection } from '@partner-hub/graphql-client';

/**
 * The state of an owners list as it lives in the URL query string, so a view can be shared and
 * reloaded: `?q=…&archived=true&sort=EMAIL&dir=ASC`.
 */
export type OwnerListParams = {
  search: string;
  /** true: only archived owners (the API shows active ones by default) */
  archived: boolean;
  sort: OwnerSortField;
  direction: SortDirection;
};

const SORT_FIELDS: readonly OwnerSortField[] = ['EMAIL', 'CREATED_AT'];

/** The API's default order (newest first), used when the URL names none (or something unknown). */
export const DEFAULT_OWNER_SORT: { sort: OwnerSortField; direction: SortDirection } = {
  sort: 'CREATED_AT',
  direction: 'DESC',
};

function isSortField(value: string | null): value is OwnerSortField {
  return value !== null && (SORT_FIELDS as readonly string[]).includes(value);
}

/** Reads an owners list's filters and order from the query string; unknown values are ignored. */
export function readOwnerListParams(params: URLSearchParams): OwnerListParams {
  const sort = params.get('sort');
  const known = isSortField(sort);
  const dir = params.get('dir');
  return {
    search: params.get('q')?.trim() ?? '',
    archived: params.get('archived') === 'true',
    sort: known ? sort : DEFAULT_OWNER_SORT.sort,
    direction: known && (dir === 'ASC' || dir === 'DESC') ? dir : DEFAULT_OWNER_SORT.direction,
  };
}

/** The changes a control makes to the list's state; `''`/`false`/`undefined` removes a key. */
export type OwnerListParamChanges = Partial<{
  search: string;
  archived: boolean;
  order: { sort: OwnerSortField; direction: SortDirection } | undefined;
}>;

function put(params: URLSearchParams, key: string, value: string | undefined) {
  if (value === undefined || value === '') params.delete(key);
  else params.set(key, value);
}

/** A copy of `params` with `changes` applied; other keys stay, and the default order is left out so links stay short. */
export function withOwnerListParams(
  params: URLSearchParams,
  changes: OwnerListParamChanges,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if ('search' in changes) put(next, 'q', changes.search?.trim());
  if ('archived' in changes) put(next, 'archived', changes.archived ? 'true' : undefined);
  if ('order' in changes) {
    const order = changes.order;
    const isDefault =
      !order || (order.sort === DEFAULT_OWNER_SORT.sort && order.direction === DEFAULT_OWNER_SORT.direction);
    put(next, 'sort', isDefault ? undefined : order.sort);
    put(next, 'dir', isDefault ? undefined : order.direction);
  }
  return next;
}

/** The API filter for the list's state. */
export function toOwnerFilter(state: OwnerListParams): OwnerFilter {
  return {
    ...(state.search ? { search: state.search } : {}),
    ...(state.archived ? { archived: true } : {}),
  };
}

/** The API order for the list's state. */
export function toOwnerOrder(state: OwnerListParams): OwnerOrder {
  return { field: state.sort, direction: state.direction };
}

/** Whether the user narrowed the list. */
export function hasOwnerListFilters(state: OwnerListParams): boolean {
  return Boolean(state.search || state.archived);
}
