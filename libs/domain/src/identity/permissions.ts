import type { OrganizationKind, UserRole } from './roles.js';

/**
 * What an identity may do. The API's one authorization layer checks these on every
 * operation; the web app reads the same table only to hide what would be refused anyway.
 */
export const PERMISSIONS = [
  /** read the own organization's profile and the signed-in identity */
  'self:read',
  /** manage the own organization's users */
  'users:manage',
  /** list the own organization's users */
  'users:read',
  /** create and revoke the own organization's API keys */
  'apiKeys:manage',
  /** read the principal's audit log */
  'audit:read',
  /** read the development outbox of e-mails sent by the own organization */
  'mailbox:read',
  /** read partners (a partner: its own subtree) */
  'partners:read',
  /** change partners, agreements and settings */
  'partners:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const PRINCIPAL_PERMISSIONS: Record<string, readonly Permission[]> = {
  ADMIN: ['self:read', 'users:manage', 'users:read', 'apiKeys:manage', 'audit:read', 'mailbox:read', 'partners:read', 'partners:write'],
  MANAGER: ['self:read', 'users:read', 'partners:read', 'partners:write'],
  VIEWER: ['self:read', 'partners:read'],
};

const PARTNER_PERMISSIONS: Record<string, readonly Permission[]> = {
  ADMIN: ['self:read', 'users:manage', 'users:read', 'apiKeys:manage', 'mailbox:read', 'partners:read', 'partners:write'],
  STAFF: ['self:read', 'users:read', 'partners:read'],
  TECHNICIAN: ['self:read'],
};

/** The permissions of a role in an organization of the given kind; empty for a role that kind does not have. */
export function permissionsOf(kind: OrganizationKind, role: UserRole): readonly Permission[] {
  const table = kind === 'PRINCIPAL' ? PRINCIPAL_PERMISSIONS : PARTNER_PERMISSIONS;
  return table[role] ?? [];
}

/** Whether a role in an organization of `kind` holds `permission`. */
export function can(kind: OrganizationKind, role: UserRole, permission: Permission): boolean {
  return permissionsOf(kind, role).includes(permission);
}
