/** The two kinds of organization (DESIGN.md §1). */
export const ORGANIZATION_KINDS = ['PRINCIPAL', 'PARTNER'] as const;
export type OrganizationKind = (typeof ORGANIZATION_KINDS)[number];

/** Every role a user or API key can hold (DESIGN.md §3). Which ones apply depends on the organization kind. */
export const USER_ROLES = ['ADMIN', 'MANAGER', 'VIEWER', 'STAFF', 'TECHNICIAN'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Roles a principal's (OEM / fleet) staff may hold. */
export const PRINCIPAL_USER_ROLES: readonly UserRole[] = ['ADMIN', 'MANAGER', 'VIEWER'];
/** Roles a partner organization's staff may hold. */
export const PARTNER_USER_ROLES: readonly UserRole[] = ['ADMIN', 'STAFF', 'TECHNICIAN'];

/** The roles that exist in an organization of the given kind. */
export function rolesFor(kind: OrganizationKind): readonly UserRole[] {
  return kind === 'PRINCIPAL' ? PRINCIPAL_USER_ROLES : PARTNER_USER_ROLES;
}

/** Whether `role` exists in an organization of `kind` (e.g. a partner has no MANAGER). */
export function isRoleAllowed(kind: OrganizationKind, role: UserRole): boolean {
  return rolesFor(kind).includes(role);
}

export const ROLE_LABELS: Record<UserRole, string> = {
  ADMIN: 'Admin',
  MANAGER: 'Manager',
  VIEWER: 'Viewer',
  STAFF: 'Staff',
  TECHNICIAN: 'Technician',
};
