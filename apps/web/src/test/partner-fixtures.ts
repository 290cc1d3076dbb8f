import type { MockLink } from '@apollo/client/testing';
import { PartnerOptionsDocument, PartnersDocument } from '@partner-hub/graphql-client';
import type {
  PartnerDetailsFieldsFragment,
  PartnerFilter,
  PartnerListFieldsFragment,
  PartnerOrder,
  PartnersQuery,
} from '@partner-hub/graphql-client';

/** A partner as the PartnerDetails query returns it: an unclaimed dealer the viewer manages, unless overridden. */
export function partnerDetailsFixture(
  overrides: Partial<PartnerDetailsFieldsFragment> = {},
): PartnerDetailsFieldsFragment {
  return {
    __typename: 'Partner',
    version: 1,
    id: 'partner-1',
    partnerId: 'VEZ9A',
    name: 'Berlin Autohaus',
    role: 'DEALER',
    status: 'DRAFT',
    blocked: false,
    usersBlocked: false,
    allowJobOverride: false,
    archivedAt: null,
    claimedAt: null,
    createdAt: '2026-01-01T00:00:00.000Z',
    profileEditable: true,
    manageable: true,
    subPartnerCount: 0,
    vehicleCount: 0,
    organization: {
      __typename: 'Organization',
      id: 'org-partner-1',
      kind: 'PARTNER',
      name: 'Berlin Autohaus',
      legalForm: 'GmbH',
      address: 'Unter den Linden 1, Berlin',
      email: 'office@berlin-autohaus.example',
      phone: '+49 30 123456',
      region: 'Berlin',
      iin: '123456789012',
      kpp: '123456789',
      vatPercent: 19,
      accountingCode: 'BA-001',
      passwordPolicy: 'SIMPLE',
    },
    parent: null,
    ancestors: [],
    agreement: {
      __typename: 'PartnerAgreement',
      deposit: '1500.00',
      depositMinor: 150000,
      currency: 'EUR',
      additionalCurrencies: [],
      accountType: 'PREPAID',
    },
    invitation: null,
    ...overrides,
  };
}

/** A partner as the partners list receives it; override what a test is about. */
export function partnerFixture(
  overrides: Partial<PartnerListFieldsFragment> & { id: string; name: string },
): PartnerListFieldsFragment {
  return {
    __typename: 'Partner',
    partnerId: 'VEZ9A',
    principalName: 'Aurora Motors',
    role: 'DEALER',
    status: 'DRAFT',
    invitation: null,
    blocked: false,
    allowJobOverride: false,
    archivedAt: null,
    createdAt: '2026-03-01T10:00:00.000Z',
    subPartnerCount: 0,
    vehicleCount: 0,
    parent: null,
    organization: {
      __typename: 'Organization',
      id: `org-${overrides.id}`,
      email: null,
      phone: null,
      region: null,
    },
    ...overrides,
  };
}

/** One page of the partners connection. */
export function partnersPage(
  partners: PartnerListFieldsFragment[],
  { totalCount = partners.length, hasNextPage = false } = {},
): PartnersQuery {
  return {
    partners: {
      __typename: 'PartnerConnection',
      totalCount,
      pageInfo: {
        __typename: 'PageInfo',
        hasNextPage,
        endCursor: partners.length > 0 ? `cursor-${partners.at(-1)?.id}` : null,
      },
      edges: partners.map((node) => ({ __typename: 'PartnerEdge', cursor: `cursor-${node.id}`, node })),
    },
  };
}

/** The mocked answer to the Partners query for exactly these variables. */
export function partnersMock(
  variables: { filter: PartnerFilter; orderBy?: PartnerOrder; first?: number; after?: string },
  result: PartnersQuery | Error,
): MockLink.MockedResponse {
  return {
    request: {
      query: PartnersDocument,
      variables: { first: 25, orderBy: { field: 'NAME', direction: 'ASC' }, ...variables },
    },
    ...(result instanceof Error ? { error: result } : { result: { data: result } }),
  };
}

/** The parent picker's first search (everything, 20 at most). */
export function partnerOptionsMock(
  options: Array<Pick<PartnerListFieldsFragment, 'id' | 'partnerId' | 'name' | 'role'>>,
  search = '',
  first = 20,
): MockLink.MockedResponse {
  return {
    request: { query: PartnerOptionsDocument, variables: { search, first } },
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
