/**
 * The enumerations of a partnership (DESIGN.md §1), with the labels the web app shows for them.
 *
 * Not to be confused with the *user* roles a partner organization's staff may hold
 * (`rolesFor('PARTNER')` in identity/roles.ts).
 */

/** What a partner is to its principal: a dealer, a service partner (installer company or internal service team), or another OEM. */
export const PARTNER_ROLES = ['DEALER', 'SERVICE_PARTNER', 'OEM'] as const;
export type PartnerRole = (typeof PARTNER_ROLES)[number];

export const PARTNER_ROLE_LABELS: Record<PartnerRole, string> = {
  DEALER: 'Dealer',
  SERVICE_PARTNER: 'Service partner',
  OEM: 'OEM',
};

/** Where a partner stands in claiming its organization: created, invited, claimed. Shown as tags in lists. */
export const PARTNER_STATUSES = ['DRAFT', 'PENDING', 'ACCEPTED'] as const;
export type PartnerStatus = (typeof PARTNER_STATUSES)[number];

export const PARTNER_STATUS_LABELS: Record<PartnerStatus, string> = {
  DRAFT: 'Draft',
  PENDING: 'Invitation sent',
  ACCEPTED: 'Accepted',
};

/** The billing model of a partner's account (agreement). */
export const ACCOUNT_TYPES = ['PREPAID', 'POSTPAID', 'FREE'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export const ACCOUNT_TYPE_LABELS: Record<AccountType, string> = {
  PREPAID: 'Prepaid',
  POSTPAID: 'Postpaid',
  FREE: 'Free',
};

/** Whether `value` is one of {@link PARTNER_ROLES} (exact spelling, e.g. the `role` column of partners.csv). */
export function isPartnerRole(value: unknown): value is PartnerRole {
  return typeof value === 'string' && (PARTNER_ROLES as readonly string[]).includes(value);
}

/** Whether `value` is one of {@link PARTNER_STATUSES}. */
export function isPartnerStatus(value: unknown): value is PartnerStatus {
  return typeof value === 'string' && (PARTNER_STATUSES as readonly string[]).includes(value);
}

/** Whether `value` is one of {@link ACCOUNT_TYPES}. */
export function isAccountType(value: unknown): value is AccountType {
  return typeof value === 'string' && (ACCOUNT_TYPES as readonly string[]).includes(value);
}
