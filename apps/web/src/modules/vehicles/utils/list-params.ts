import type {
  SortDirection,
  VehicleFilter,
  VehicleOrder,
  VehicleSortField,
} from '@partner-hub/graphql-client';

/**
 * The state of the vehicles list as it lives in the URL query string, so a view can be shared and
 * reloaded: `?q=…&partner=<id>&direct=true&unassigned=true&make=…&model=…&archived=true&importBatchId=<id>&owner=<id>&sort=VIN&dir=ASC`.
 */
export type VehicleListParams = {
  /** part of a VIN, plate or device serial */
  search: string;
  /** the assigned partner's id */
  partnerId?: string;
  /** with a partner: only vehicles assigned to that partner itself, not to its sub-partners */
  directOnly: boolean;
  /** only vehicles assigned to no partner */
  unassigned: boolean;
  make: string;
  model: string;
  /** true: only archived vehicles (the API shows active ones by default) */
  archived: boolean;
  /** only the vehicles an import batch created (the import page links here) */
  importBatchId?: string;
  /** only the vehicles an owner owns or uses (the owner pages link here) */
  ownerId?: string;
  sort: VehicleSortField;
  direction: SortDirection;
};

/** The query-string keys of the vehicles list (the "New vehicle" dialog's `new` is separate). */
export const VEHICLE_LIST_PARAM_KEYS = [
  'q',
  'partner',
  'direct',
  'unassigned',
  'make',
  'model',
  'archived',
  'importBatchId',
  'owner',
  'sort',
  'dir',
] as const;

const SORT_FIELDS: readonly VehicleSortField[] = ['VIN', 'MAKE', 'CREATED_AT'];

/** The API's default order (newest first), used when the URL names none (or something unknown). */
export const DEFAULT_VEHICLE_SORT: { sort: VehicleSortField; direction: SortDirection } = {
  sort: 'CREATED_AT',
  direction: 'DESC',
};

function isSortField(value: string | null): value is VehicleSortField {
  return value !== null && (SORT_FIELDS as readonly string[]).includes(value);
}

const text = (params: URLSearchParams, key: string) => params.get(key)?.trim() ?? '';
const optionalId = (params: URLSearchParams, key: string) => text(params, key) || undefined;

/** Reads the vehicles list's filters and order from the query string; unknown values are ignored. */
export function readVehicleListParams(params: URLSearchParams): VehicleListParams {
  const sort = params.get('sort');
  const dir = params.get('dir');
  const partnerId = optionalId(params, 'partner');
  return {
    search: text(params, 'q'),
    partnerId,
    directOnly: !!partnerId && params.get('direct') === 'true',
    unassigned: params.get('unassigned') === 'true',
    make: text(params, 'make'),
    model: text(params, 'model'),
    archived: params.get('archived') === 'true',
    importBatchId: optionalId(params, 'importBatchId'),
    ownerId: optionalId(params, 'owner'),
    sort: isSortField(sort) ? sort : DEFAULT_VEHICLE_SORT.sort,
    direction: isSortField(sort)
      ? dir === 'DESC' || dir === 'ASC'
        ? dir
        : 'ASC'
      : DEFAULT_VEHICLE_SORT.direction,
  };
}

/** The changes a control makes to the list's state; `undefined`/`''`/`false` removes a key. */
export type VehicleListParamChanges = Partial<{
  search: string;
  partnerId: string | undefined;
  directOnly: boolean;
  unassigned: boolean;
  make: string;
  model: string;
  archived: boolean;
  importBatchId: string | undefined;
  ownerId: string | undefined;
  order: { sort: VehicleSortField; direction: SortDirection } | undefined;
}>;

function put(params: URLSearchParams, key: string, value: string | undefined) {
  if (value === undefined || value === '') params.delete(key);
  else params.set(key, value);
}

const flag = (value: boolean | undefined) => (value ? 'true' : undefined);

/**
 * A copy of `params` with `changes` applied. Other keys (the "New vehicle" dialog) are kept; the
 * default order is left out so plain links stay short. Choosing a partner clears "unassigned"
 * and the other way round: the two cannot both hold.
 */
export function withVehicleListParams(
  params: URLSearchParams,
  changes: VehicleListParamChanges,
): URLSearchParams {
  const next = new URLSearchParams(params);
  if ('search' in changes) put(next, 'q', changes.search?.trim());
  if ('partnerId' in changes) {
    put(next, 'partner', changes.partnerId);
    if (changes.partnerId) next.delete('unassigned');
    else next.delete('direct');
  }
  if ('directOnly' in changes) put(next, 'direct', flag(changes.directOnly));
  if ('unassigned' in changes) {
    put(next, 'unassigned', flag(changes.unassigned));
    if (changes.unassigned) {
      next.delete('partner');
      next.delete('direct');
    }
  }
  if ('make' in changes) put(next, 'make', changes.make?.trim());
  if ('model' in changes) put(next, 'model', changes.model?.trim());
  if ('archived' in changes) put(next, 'archived', flag(changes.archived));
  if ('importBatchId' in changes) put(next, 'importBatchId', changes.importBatchId);
  if ('ownerId' in changes) put(next, 'owner', changes.ownerId);
  if ('order' in changes) {
    const order = changes.order;
    const isDefault =
      !order ||
      (order.sort === DEFAULT_VEHICLE_SORT.sort && order.direction === DEFAULT_VEHICLE_SORT.direction);
    put(next, 'sort', isDefault ? undefined : order.sort);
    put(next, 'dir', isDefault ? undefined : order.direction);
  }
  return next;
}

/** A copy of `params` without any list filter (the order and other keys stay). */
export function withoutVehicleListFilters(params: URLSearchParams): URLSearchParams {
  return withVehicleListParams(params, {
    search: '',
    partnerId: undefined,
    directOnly: false,
    unassigned: false,
    make: '',
    model: '',
    archived: false,
    importBatchId: undefined,
    ownerId: undefined,
  });
}

/** The API filter for the list's state (keys in a fixed order, so equal states give equal filters). */
export function toVehicleFilter(state: VehicleListParams): VehicleFilter {
  return {
    ...(state.search ? { search: state.search } : {}),
    ...(state.partnerId ? { partnerId: state.partnerId } : {}),
    ...(state.partnerId && state.directOnly ? { directOnly: true } : {}),
    ...(state.unassigned ? { unassigned: true } : {}),
    ...(state.make ? { make: state.make } : {}),
    ...(state.model ? { model: state.model } : {}),
    ...(state.archived ? { archived: true } : {}),
    ...(state.importBatchId ? { importBatchId: state.importBatchId } : {}),
    ...(state.ownerId ? { ownerId: state.ownerId } : {}),
  };
}

/** The API order for the list's state. */
export function toVehicleOrder(state: VehicleListParams): VehicleOrder {
  return { field: state.sort, direction: state.direction };
}

/** Whether the user narrowed the list. */
export function hasVehicleFilters(state: VehicleListParams): boolean {
  return Object.keys(toVehicleFilter(state)).length > 0;
}
