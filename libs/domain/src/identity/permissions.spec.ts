import { describe, expect, it } from 'vitest';
import { can, PERMISSIONS, permissionsOf, type Permission } from './permissions.js';
import { ORGANIZATION_KINDS, rolesFor, USER_ROLES, type OrganizationKind, type UserRole } from './roles.js';

/** Every role that exists, paired with its organization kind. */
const HELD_ROLES: { kind: OrganizationKind; role: UserRole }[] = ORGANIZATION_KINDS.flatMap((kind) =>
  rolesFor(kind).map((role) => ({ kind, role })),
);

/** Roles a kind of organization does not have. */
const FOREIGN_ROLES: { kind: OrganizationKind; role: UserRole }[] = ORGANIZATION_KINDS.flatMap((kind) =>
  USER_ROLES.filter((role) => !rolesFor(kind).includes(role)).map((role) => ({ kind, role })),
);

/** A permission that changes something (everything but the `:read` ones). */
const isWrite = (permission: Permission) => !permission.endsWith(':read');

describe('PERMISSIONS', () => {
  it('lists every permission once', () => {
    expect(new Set(PERMISSIONS).size).toBe(PERMISSIONS.length);
  });

  it('names each permission as resource:action', () => {
    for (const permission of PERMISSIONS) {
      expect(permission).toMatch(/^[a-zA-Z]+:(read|manage|write)$/);
    }
  });
});

describe('permissionsOf', () => {
  it.each(HELD_ROLES)('gives a $kind $role only members of PERMISSIONS', ({ kind, role }) => {
    for (const permission of permissionsOf(kind, role)) {
      expect(PERMISSIONS).toContain(permission);
    }
  });

  it.each(HELD_ROLES)('gives a $kind $role no permission twice', ({ kind, role }) => {
    const permissions = permissionsOf(kind, role);
    expect(new Set(permissions).size).toBe(permissions.length);
  });

  it.each(HELD_ROLES)('lets a $kind $role read itself (self:read)', ({ kind, role }) => {
    expect(permissionsOf(kind, role)).toContain('self:read');
  });

  it.each(FOREIGN_ROLES)(
    'gives a $role in a $kind nothing, since that kind has no such role',
    ({ kind, role }) => {
      expect(permissionsOf(kind, role)).toEqual([]);
    },
  );

  it('gives the principal ADMIN every permission', () => {
    expect([...permissionsOf('PRINCIPAL', 'ADMIN')].sort()).toEqual([...PERMISSIONS].sort());
  });

  it('gives the principal MANAGER partners, vehicles, owners and annotations, but no administration and no access audit', () => {
    expect([...permissionsOf('PRINCIPAL', 'MANAGER')].sort()).toEqual(
      [
        'partners:read', 'partners:write', 'self:read', 'users:read',
        'vehicles:read', 'vehicles:write', 'vehicleAssignments:write',
        'owners:read', 'owners:write', 'ownerAnnotations:read', 'ownerAnnotations:write',
        'jobs:read', 'jobs:write',
      ].sort(),
    );
  });

  it('gives the principal VIEWER reading of partners, vehicles, owners, annotations and jobs only', () => {
    expect([...permissionsOf('PRINCIPAL', 'VIEWER')].sort()).toEqual(
      ['ownerAnnotations:read', 'owners:read', 'partners:read', 'self:read', 'vehicles:read', 'jobs:read'].sort(),
    );
  });

  it('gives the partner ADMIN its administration, partners, vehicle reading and passing on, owners\' basic data', () => {
    expect([...permissionsOf('PARTNER', 'ADMIN')].sort()).toEqual(
      [
        'self:read', 'users:manage', 'users:read', 'apiKeys:manage', 'mailbox:read', 'partners:read', 'partners:write',
        'vehicles:read', 'vehicleAssignments:write', 'owners:read',
        'jobs:read', 'jobWork:write',
      ].sort(),
    );
  });

  it('gives the partner STAFF reading of its users, partners, vehicles, owners and jobs', () => {
    expect([...permissionsOf('PARTNER', 'STAFF')].sort()).toEqual(
      ['owners:read', 'partners:read', 'self:read', 'users:read', 'vehicles:read', 'jobs:read'].sort(),
    );
  });

  it('gives the partner TECHNICIAN its jobs and the vehicles of its job grants', () => {
    expect([...permissionsOf('PARTNER', 'TECHNICIAN')].sort()).toEqual(['jobWork:write', 'jobs:read', 'self:read', 'vehicles:read']);
  });

  it('never lets a partner role near the principal\'s owner annotations, vehicle records or access audit', () => {
    for (const role of ['ADMIN', 'STAFF', 'TECHNICIAN'] as const) {
      for (const permission of ['ownerAnnotations:read', 'ownerAnnotations:write', 'vehicles:write', 'owners:write', 'vehicleAccess:read', 'jobs:write'] as const) {
        expect(can('PARTNER', role, permission)).toBe(false);
      }
    }
  });

  it('gives the principal VIEWER no write permission', () => {
    expect(permissionsOf('PRINCIPAL', 'VIEWER').filter(isWrite)).toEqual([]);
  });

  it('gives every role that can change something also the matching read permission', () => {
    for (const { kind, role } of HELD_ROLES) {
      const permissions = permissionsOf(kind, role);
      if (permissions.includes('partners:write')) expect(permissions).toContain('partners:read');
      if (permissions.includes('users:manage')) expect(permissions).toContain('users:read');
      if (permissions.includes('vehicles:write') || permissions.includes('vehicleAssignments:write')) expect(permissions).toContain('vehicles:read');
      if (permissions.includes('owners:write')) expect(permissions).toContain('owners:read');
      if (permissions.includes('ownerAnnotations:write')) expect(permissions).toContain('ownerAnnotations:read');
      if (permissions.includes('jobs:write') || permissions.includes('jobWork:write')) expect(permissions).toContain('jobs:read');
    }
  });
});

describe('can', () => {
  it('lets the principal ADMIN read the audit log', () => {
    expect(can('PRINCIPAL', 'ADMIN', 'audit:read')).toBe(true);
  });

  it.each(rolesFor('PARTNER'))('never lets a partner %s read the audit log', (role) => {
    expect(can('PARTNER', role, 'audit:read')).toBe(false);
  });

  it('lets only the principal ADMIN read the audit log', () => {
    const readers = HELD_ROLES.filter(({ kind, role }) => can(kind, role, 'audit:read'));
    expect(readers).toEqual([{ kind: 'PRINCIPAL', role: 'ADMIN' }]);
  });

  it.each(PERMISSIONS.filter((permission) => !['self:read', 'vehicles:read', 'jobs:read', 'jobWork:write'].includes(permission)))(
    'refuses the partner TECHNICIAN %s',
    (permission) => {
      expect(can('PARTNER', 'TECHNICIAN', permission)).toBe(false);
    },
  );

  it.each(PERMISSIONS.filter(isWrite))('refuses the principal VIEWER %s', (permission) => {
    expect(can('PRINCIPAL', 'VIEWER', permission)).toBe(false);
  });

  it('lets only the admins manage users and API keys', () => {
    for (const { kind, role } of HELD_ROLES) {
      expect(can(kind, role, 'users:manage')).toBe(role === 'ADMIN');
      expect(can(kind, role, 'apiKeys:manage')).toBe(role === 'ADMIN');
    }
  });

  it('refuses everything to a role the organization kind does not have', () => {
    for (const { kind, role } of FOREIGN_ROLES) {
      for (const permission of PERMISSIONS) {
        expect(can(kind, role, permission)).toBe(false);
      }
    }
  });

  it('agrees with permissionsOf for every kind × role × permission', () => {
    for (const kind of ORGANIZATION_KINDS) {
      for (const role of USER_ROLES) {
        for (const permission of PERMISSIONS) {
          expect(can(kind, role, permission)).toBe(permissionsOf(kind, role).includes(permission));
        }
      }
    }
  });
});
