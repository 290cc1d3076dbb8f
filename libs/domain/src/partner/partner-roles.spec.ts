import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_TYPES,
  ACCOUNT_TYPE_LABELS,
  PARTNER_ROLES,
  PARTNER_ROLE_LABELS,
  PARTNER_STATUSES,
  PARTNER_STATUS_LABELS,
  isAccountType,
  isPartnerRole,
  isPartnerStatus,
} from './partner-roles.js';
import { accountTypeSchema, partnerRoleSchema, partnerStatusSchema } from './partner-role-schemas.js';

describe('PARTNER_ROLES', () => {
  it('lists the three partner roles of DESIGN.md §1', () => {
    expect(PARTNER_ROLES).toEqual(['DEALER', 'SERVICE_PARTNER', 'OEM']);
  });

  it('labels every role, and nothing else', () => {
    expect(Object.keys(PARTNER_ROLE_LABELS).sort()).toEqual([...PARTNER_ROLES].sort());
    expect(PARTNER_ROLE_LABELS).toEqual({ DEALER: 'Dealer', SERVICE_PARTNER: 'Service partner', OEM: 'OEM' });
  });
});

describe('PARTNER_STATUSES', () => {
  it('lists the statuses in lifecycle order', () => {
    expect(PARTNER_STATUSES).toEqual(['DRAFT', 'PENDING', 'ACCEPTED']);
  });

  it('labels every status, and nothing else', () => {
    expect(Object.keys(PARTNER_STATUS_LABELS).sort()).toEqual([...PARTNER_STATUSES].sort());
    expect(PARTNER_STATUS_LABELS).toEqual({ DRAFT: 'Draft', PENDING: 'Invitation sent', ACCEPTED: 'Accepted' });
  });
});

describe('ACCOUNT_TYPES', () => {
  it('lists the three billing models', () => {
    expect(ACCOUNT_TYPES).toEqual(['PREPAID', 'POSTPAID', 'FREE']);
  });

  it('labels every account type, and nothing else', () => {
    expect(Object.keys(ACCOUNT_TYPE_LABELS).sort()).toEqual([...ACCOUNT_TYPES].sort());
    expect(ACCOUNT_TYPE_LABELS).toEqual({ PREPAID: 'Prepaid', POSTPAID: 'Postpaid', FREE: 'Free' });
  });
});

describe('labels', () => {
  it('are non-empty and distinct within each list', () => {
    for (const labels of [PARTNER_ROLE_LABELS, PARTNER_STATUS_LABELS, ACCOUNT_TYPE_LABELS]) {
      const values = Object.values(labels);
      for (const label of values) expect(label.trim()).not.toBe('');
      expect(new Set(values).size).toBe(values.length);
    }
  });
});

describe.each([
  ['isPartnerRole', isPartnerRole, PARTNER_ROLES],
  ['isPartnerStatus', isPartnerStatus, PARTNER_STATUSES],
  ['isAccountType', isAccountType, ACCOUNT_TYPES],
] as const)('%s', (_name, guard, values) => {
  it.each([...values])('accepts %s', (value) => {
    expect(guard(value)).toBe(true);
  });

  it.each(['', 'dealer', 'Dealer', ' DEALER', 'UNKNOWN', 'toString', null, undefined, 1, {}])('refuses %j', (value) => {
    expect(guard(value)).toBe(false);
  });
});

describe('schemas', () => {
  it('accept every value', () => {
    for (const role of PARTNER_ROLES) expect(partnerRoleSchema.parse(role)).toBe(role);
    for (const status of PARTNER_STATUSES) expect(partnerStatusSchema.parse(status)).toBe(status);
    for (const type of ACCOUNT_TYPES) expect(accountTypeSchema.parse(type)).toBe(type);
  });

  it.each([
    [partnerRoleSchema, 'Choose a role: dealer, service partner or OEM.'],
    [partnerStatusSchema, 'Choose a status: draft, invitation sent or accepted.'],
    [accountTypeSchema, 'Choose an account type: prepaid, postpaid or free.'],
  ])('refuse anything else with one message (%#)', (schema, message) => {
    for (const input of ['', 'dealer', 'OTHER', null, undefined, 3]) {
      const result = schema.safeParse(input);
      expect(result.success).toBe(false);
      expect(result.error?.issues.map((i) => i.message)).toEqual([message]);
    }
  });
});
