import type { PartnerDetailsFieldsFragment } from '@partner-hub/graphql-client';

/** A partner as the PartnerDetails query returns it: an unclaimed dealer the viewer manages, unless overridden. */
export function partnerDetailsFixture(
  overrides: Partial<PartnerDetailsFieldsFragment> = {},
): PartnerDetailsFieldsFragment {
  return {
    __typename: 'Partner',
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
