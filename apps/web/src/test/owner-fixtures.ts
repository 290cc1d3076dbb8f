import type { MockLink } from '@apollo/client/testing';
import {
  OwnerDetailsDocument,
  OwnerVehicleOptionsDocument,
  OwnersDocument,
} from '@partner-hub/graphql-client';
import type {
  OwnerAnnotationFieldsFragment,
  OwnerFilter,
  OwnerListFieldsFragment,
  OwnerOrder,
  OwnerVehicleAccessFieldsFragment,
  OwnersQuery,
} from '@partner-hub/graphql-client';

/** One owner's access to a vehicle as the API returns it. */
export function vehicleAccessFixture(
  vehicleId: string,
  vin: string,
  kind: OwnerVehicleAccessFieldsFragment['kind'] = 'OWNER',
): OwnerVehicleAccessFieldsFragment {
  return {
    __typename: 'OwnerVehicleAccess',
    id: `access-${vehicleId}`,
    kind,
    vehicle: {
      __typename: 'Vehicle',
      id: vehicleId,
      vin,
      make: 'Aurora',
      model: 'Orion',
      plate: null,
      archivedAt: null,
    },
  };
}

/** An owner as lists and the details page receive it (basic data and vehicles); override what a test is about. */
export function ownerFixture(
  overrides: Partial<OwnerListFieldsFragment> & { id: string; email: string },
): OwnerListFieldsFragment {
  return {
    __typename: 'Owner',
    version: 1,
    name: null,
    phone: null,
    archivedAt: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    vehicleCount: overrides.vehicles?.length ?? 0,
    vehicles: [],
    ...overrides,
  };
}

export function annotationFixture(
  overrides: Partial<OwnerAnnotationFieldsFragment> = {},
): OwnerAnnotationFieldsFragment {
  return {
    __typename: 'OwnerAnnotation',
    version: 1,
    externalUserId: 'CRM-4711',
    displayName: 'VIP Olga',
    description: 'Prefers phone calls.',
    updatedAt: '2026-03-02T10:00:00.000Z',
    ...overrides,
  };
}

type ListedOwner = OwnersQuery['owners']['edges'][number]['node'];

/** One page of the owners connection; `annotations` (by owner id) only for a principal's staff. */
export function ownersPage(
  owners: OwnerListFieldsFragment[],
  {
    totalCount = owners.length,
    hasNextPage = false,
    annotations,
  }: { totalCount?: number; hasNextPage?: boolean; annotations?: Record<string, string | null> } = {},
): OwnersQuery {
  return {
    owners: {
      __typename: 'OwnerConnection',
      totalCount,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage,
        endCursor: owners.length > 0 ? `cursor-${owners.at(-1)?.id}` : null,
      },
      edges: owners.map((owner) => {
        const node: ListedOwner = { ...owner };
        if (annotations) {
          const displayName = annotations[owner.id];
          node.annotation = displayName === undefined ? null : { __typename: 'OwnerAnnotation', displayName };
        }
        return { __typename: 'OwnerEdge', cursor: `cursor-${owner.id}`, node };
      }),
    },
  };
}

/** The page as the server answers it: with an annotation (null when none) exactly when the query asked for one. */
function asAsked(result: OwnersQuery, withAnnotation: boolean): OwnersQuery {
  const edges = result.owners.edges.map((edge) => {
    const { annotation = null, ...node } = edge.node;
    return { ...edge, node: withAnnotation ? { ...node, annotation } : node };
  });
  return { owners: { ...result.owners, edges } };
}

/** The mocked answer to the Owners query for exactly these variables. */
export function ownersMock(
  variables: {
    filter: OwnerFilter;
    withAnnotation: boolean;
    orderBy?: OwnerOrder;
    first?: number;
    after?: string;
  },
  result: OwnersQuery,
): MockLink.MockedResponse {
  return {
    request: {
      query: OwnersDocument,
      variables: { first: 25, orderBy: { field: 'CREATED_AT', direction: 'DESC' }, ...variables },
    },
    result: { data: asAsked(result, variables.withAnnotation) },
  };
}

/** The mocked answer to OwnerDetails; `annotation` is left out when the viewer may not ask for it. */
export function ownerDetailsMock(
  owner: OwnerListFieldsFragment,
  withAnnotation: boolean,
  annotation: OwnerAnnotationFieldsFragment | null = null,
): MockLink.MockedResponse {
  return {
    request: { query: OwnerDetailsDocument, variables: { id: owner.id, withAnnotation } },
    result: { data: { owner: withAnnotation ? { ...owner, annotation } : owner } },
  };
}

/** The vehicle picker's answer to one search. */
export function vehicleOptionsMock(
  search: string | null,
  vehicles: Array<{ id: string; vin: string; make?: string; model?: string; plate?: string | null }>,
): MockLink.MockedResponse {
  return {
    request: { query: OwnerVehicleOptionsDocument, variables: { search, first: 20 } },
    result: {
      data: {
        vehicles: {
          __typename: 'VehicleConnection',
          edges: vehicles.map((v) => ({
            __typename: 'VehicleEdge',
            node: { __typename: 'Vehicle', make: 'Aurora', model: 'Orion', plate: null, ...v },
          })),
        },
      },
    },
  };
}
