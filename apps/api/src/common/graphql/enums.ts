import { registerEnumType } from 'type-graphql';
import { ACCESS_REASONS, JOB_ACTIONS, JOB_KINDS, JOB_STATUSES, OWNER_ACCESS_KINDS, ACCOUNT_TYPES, ORGANIZATION_KINDS, PARTNER_ROLES, PARTNER_STATUSES, PASSWORD_POLICIES, USER_ROLES } from '@partner-hub/domain';
import type { AccessReason, JobAction, JobKind, JobStatus, OwnerAccessKind, AccountType, OrganizationKind, PartnerRole, PartnerStatus, PasswordPolicy, UserRole } from '@partner-hub/domain';

/** Turns a domain's `as const` list into the object form GraphQL enum registration needs. */
export function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

/** The direction of every sorted list. */
export const SortDirectionEnum = enumObject(['ASC', 'DESC'] as const);
registerEnumType(SortDirectionEnum, { name: 'SortDirection', description: 'Ascending or descending.' });

export const OrganizationKindEnum = enumObject<OrganizationKind>(ORGANIZATION_KINDS);
export const UserRoleEnum = enumObject<UserRole>(USER_ROLES);
export const PasswordPolicyEnum = enumObject<PasswordPolicy>(PASSWORD_POLICIES);

registerEnumType(OrganizationKindEnum, {
  name: 'OrganizationKind',
  description: 'PRINCIPAL runs an ecosystem (an OEM or fleet operator); PARTNER works for one or more principals.',
});
registerEnumType(UserRoleEnum, {
  name: 'UserRole',
  description: 'Role of a user or API key. Principals have ADMIN, MANAGER, VIEWER; partners have ADMIN, STAFF, TECHNICIAN.',
});
registerEnumType(PasswordPolicyEnum, {
  name: 'PasswordPolicy',
  description: 'SIMPLE: at least 8 characters. COMPLEX: at least 12 with lower and upper case, a digit and a symbol.',
});

export const PartnerRoleEnum = enumObject<PartnerRole>(PARTNER_ROLES);
export const PartnerStatusEnum = enumObject<PartnerStatus>(PARTNER_STATUSES);
export const AccountTypeEnum = enumObject<AccountType>(ACCOUNT_TYPES);

registerEnumType(PartnerRoleEnum, {
  name: 'PartnerRole',
  description: 'What a partner is to its principal: DEALER, SERVICE_PARTNER (installer company or internal service team) or OEM.',
});
registerEnumType(PartnerStatusEnum, {
  name: 'PartnerStatus',
  description: 'DRAFT: created, not invited. PENDING: invitation sent. ACCEPTED: the partner claimed its organization.',
});
registerEnumType(AccountTypeEnum, {
  name: 'AccountType',
  description: 'The billing model of a partner account: PREPAID, POSTPAID or FREE.',
});

export const OwnerAccessKindEnum = enumObject<OwnerAccessKind>(OWNER_ACCESS_KINDS);
registerEnumType(OwnerAccessKindEnum, { name: 'OwnerAccessKind', description: 'How an owner relates to a vehicle: OWNER or USER.' });

export const AccessReasonEnum = enumObject<AccessReason>(ACCESS_REASONS);
registerEnumType(AccessReasonEnum, {
  name: 'AccessReason',
  description:
    'Why someone may access a vehicle: PRINCIPAL_STAFF (the principal\'s own staff), ASSIGNMENT (the vehicle is assigned to the partner or to a partner below it) or JOB_GRANT (an active job grant).',
});

export const JobKindEnum = enumObject<JobKind>(JOB_KINDS);
registerEnumType(JobKindEnum, { name: 'JobKind', description: 'INSTALLATION or MAINTENANCE.' });

export const JobStatusEnum = enumObject<JobStatus>(JOB_STATUSES);
registerEnumType(JobStatusEnum, {
  name: 'JobStatus',
  description: 'PENDING (editable, not assigned), ASSIGNED (to a service partner), RUNNING (a technician started it), SUCCEEDED, FAILED (may be reassigned), CANCELLED.',
});

export const JobActionEnum = enumObject<JobAction>(JOB_ACTIONS);
registerEnumType(JobActionEnum, { name: 'JobAction', description: 'A transition of the job lifecycle (DESIGN.md §2).' });
