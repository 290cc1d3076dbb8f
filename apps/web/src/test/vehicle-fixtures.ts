import type { MockLink } from '@apollo/client/testing';
import { PartnerOptionsDocument, VehiclesDocument } from '@partner-hub/graphql-client';
import type {
  PartnerRole,
  VehicleFilter,
  VehicleListFieldsFragment,
  VehicleOrder,
  VehiclesQuery,
} from '@partner-hub/graphql-client';

/** A vehicle as the vehicles list receives it: unassigned and active, unless overridden. */
export function vehicleFixture(
  overrides: Partial<VehicleListFieldsFragment> & { id: string; vin: string },
): VehicleListFieldsFragment {
  return {
    __typename: 'Vehicle',
    principalName: 'Aurora Motors',
    make: 'Aurora',
    model: 'Orion',
    year: 2024,
    plate: null,
    deviceSerial: null,
    deviceModel: null,
    firmware: null,
    archivedAt: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    heldOutOfView: false,
    assignments: [],
    ...overrides,
  };
}

/** An open assignment of a list row to a partner. */
export function assignmentFixture(partner: { id: string; name: string; partnerId?: string }) {
  return {
    __typename: 'VehicleAssignment' as const,
    id: `a-${partner.id}`,
    assignedAt: '2026-03-02T10:00:00.000Z',
    partner: { __typename: 'Partner' as const, partnerId: partner.partnerId ?? 'VEZ9A', ...partner },
  };
}

/** `count` vehicles with VINs WAUZZZ…0001, …0002, … and ids v1, v2, … (starting at `from`). */
export function vehicleSeries(count: number, from = 1, make = 'Aurora'): VehicleListFieldsFragment[] {
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    return vehicleFixture({ id: `v${n}`, vin: `WAUZZZ8V0KA${String(n).padStart(6, '0')}`, make });
  });
}

/** One page of the vehicles connection. */
export function vehiclesPage(
  vehicles: VehicleListFieldsFragment[],
  { totalCount = vehicles.length, hasNextPage = false } = {},
): VehiclesQuery {
  return {
    vehicles: {
      __typename: 'VehicleConnection',
      totalCount,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage,
        endCursor: vehicles.length > 0 ? `cursor-${vehicles.at(-1)?.id}` : null,
      },
      edges: vehicles.map((node) => ({ __typename: 'VehicleEdge', cursor: `cursor-${node.id}`, node })),
    },
  };
}

/** The mocked answer to the Vehicles query for exactly these variables (the list's defaults filled in). */
export function vehiclesMock(
  variables: { filter: VehicleFilter; orderBy?: VehicleOrder; first?: number; after?: string | null },
  result: VehiclesQuery | Error,
  { times = 1 } = {},
): MockLink.MockedResponse {
  return {
    request: {
      query: VehiclesDocument,
      variables: { first: 50, orderBy: { field: 'CREATED_AT', direction: 'DESC' }, ...variables },
    },
    maxUsageCount: times,
    ...(result instanceof Error ? { error: result } : { result: { data: result } }),
  };
}

/** The partner picker's first search (everything, 20 at most), answered as often as pickers ask. */
export function partnerPickerMock(
  options: Array<{ id: string; partnerId: string; name: string; role: PartnerRole }>,
): MockLink.MockedResponse {
  return {
    request: { query: PartnerOptionsDocument, variables: { search: '', first: 20 } },
    maxUsageCount: Number.POSITIVE_INFINITY,
    result: {
      data: {
        partners: {
          __typename: 'PartnerConnection',
          edges: options.map((option) => ({
            __typename: 'PartnerEdge',
            node: { __typename: 'Partner', ...option },
          })),
        },
      },
    },
  };
}
