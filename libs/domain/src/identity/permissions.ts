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
  /** read vehicles (a partner: those assigned to its subtree; a technician: through an active job grant) */
  'vehicles:read',
  /** create, edit and archive vehicles, import them, and change owners' access */
  'vehicles:write',
  /** assign vehicles to partners and take them back (a partner admin: its own vehicles, within its subtree) */
  'vehicleAssignments:write',
  /** ask who can access a vehicle, now or at a past time, and why */
  'vehicleAccess:read',
  /** read owners (a partner: the basic data of the owners of its vehicles) */
  'owners:read',
  /** create, edit, archive and contact owners */
  'owners:write',
  /** read the principal's private annotations on owners */
  'ownerAnnotations:read',
  /** edit the principal's private annotations on owners */
  'ownerAnnotations:write',
  /** read jobs (a partner: the jobs assigned to it) */
  'jobs:read',
  /** create, edit, assign, cancel and delete jobs; manage templates */
  'jobs:write',
  /** carry out jobs assigned to the own organization: decline, start, succeed, fail (the lifecycle decides who may do which) */
  'jobWork:write',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

const PRINCIPAL_PERMISSIONS: Record<string, readonly Permission[]> = {
  ADMIN: [
    'self:read', 'users:manage', 'users:read', 'apiKeys:manage', 'audit:read', 'mailbox:read', 'partners:read', 'partners:write',
    'vehicles:read', 'vehicles:write', 'vehicleAssignments:write', 'vehicleAccess:read',
    'owners:read', 'owners:write', 'ownerAnnotations:read', 'ownerAnnotations:write',
    'jobs:read', 'jobs:write', 'jobWork:write',
  ],
  MANAGER: [
    'self:read', 'users:read', 'partners:read', 'partners:write',
    'vehicles:read', 'vehicles:write', 'vehicleAssignments:write',
    'owners:read', 'owners:write', 'ownerAnnotations:read', 'ownerAnnotations:write',
    'jobs:read', 'jobs:write',
  ],
  VIEWER: ['self:read', 'partners:read', 'vehicles:read', 'owners:read', 'ownerAnnotations:read', 'jobs:read'],
};

const PARTNER_PERMISSIONS: Record<string, readonly Permission[]> = {
  ADMIN: [
    'self:read', 'users:manage', 'users:read', 'apiKeys:manage', 'mailbox:read', 'partners:read', 'partners:write',
    'vehicles:read', 'vehicleAssignments:write', 'owners:read',
    'jobs:read', 'jobWork:write',
  ],
  STAFF: ['self:read', 'users:read', 'partners:read', 'vehicles:read', 'owners:read', 'jobs:read'],
  // sees a vehicle only through an active job grant (DESIGN.md §3); the vehicle scope decides which
  TECHNICIAN: ['self:read', 'vehicles:read', 'jobs:read', 'jobWork:write'],
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
