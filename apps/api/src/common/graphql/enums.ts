import { registerEnumType } from 'type-graphql';
import { ORGANIZATION_KINDS, USER_ROLES, PASSWORD_POLICIES } from '@partner-hub/domain';
import type { OrganizationKind, UserRole, PasswordPolicy } from '@partner-hub/domain';

/** Turns a domain's `as const` list into the object form GraphQL enum registration needs. */
export function enumObject<T extends string>(values: readonly T[]): { [K in T]: K } {
  return Object.fromEntries(values.map((v) => [v, v])) as { [K in T]: K };
}

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
