import { describe, expect, it } from 'vitest';
import {
  isRoleAllowed,
  ORGANIZATION_KINDS,
  PARTNER_USER_ROLES,
  PRINCIPAL_USER_ROLES,
  ROLE_LABELS,
  rolesFor,
  USER_ROLES,
  type OrganizationKind,
  type UserRole,
} from './roles.js';

/** The expected role × kind matrix, written out independently of the implementation. */
const ALLOWED: Record<OrganizationKind, Record<UserRole, boolean>> = {
  PRINCIPAL: { ADMIN: true, MANAGER: true, VIEWER: true, STAFF: false, TECHNICIAN: false },
  PARTNER: { ADMIN: true, MANAGER: false, VIEWER: false, STAFF: true, TECHNICIAN: true },
};

describe('ORGANIZATION_KINDS', () => {
  it('lists exactly the principal and the partner', () => {
    expect([...ORGANIZATION_KINDS]).toEqual(['PRINCIPAL', 'PARTNER']);
  });
});

describe('USER_ROLES', () => {
  it('lists every role once', () => {
    expect(new Set(USER_ROLES).size).toBe(USER_ROLES.length);
    expect([...USER_ROLES].sort()).toEqual(['ADMIN', 'MANAGER', 'STAFF', 'TECHNICIAN', 'VIEWER']);
  });

  it('is exactly the union of the principal and the partner roles', () => {
    expect(new Set([...PRINCIPAL_USER_ROLES, ...PARTNER_USER_ROLES])).toEqual(new Set(USER_ROLES));
  });
});

describe('rolesFor', () => {
  it('gives a principal ADMIN, MANAGER and VIEWER', () => {
    expect([...rolesFor('PRINCIPAL')]).toEqual(['ADMIN', 'MANAGER', 'VIEWER']);
  });

  it('gives a partner ADMIN, STAFF and TECHNICIAN', () => {
    expect([...rolesFor('PARTNER')]).toEqual(['ADMIN', 'STAFF', 'TECHNICIAN']);
  });

  it('returns the exported PRINCIPAL_USER_ROLES and PARTNER_USER_ROLES lists', () => {
    expect(rolesFor('PRINCIPAL')).toBe(PRINCIPAL_USER_ROLES);
    expect(rolesFor('PARTNER')).toBe(PARTNER_USER_ROLES);
  });

  it('shares only ADMIN between the two kinds', () => {
    const shared = rolesFor('PRINCIPAL').filter((role) => rolesFor('PARTNER').includes(role));
    expect(shared).toEqual(['ADMIN']);
  });

  it('lists no role twice for any kind', () => {
    for (const kind of ORGANIZATION_KINDS) {
      expect(new Set(rolesFor(kind)).size).toBe(rolesFor(kind).length);
    }
  });
});

describe('isRoleAllowed', () => {
  const cases = ORGANIZATION_KINDS.flatMap((kind) =>
    USER_ROLES.map((role) => ({ kind, role, allowed: ALLOWED[kind][role] })),
  );

  it('covers every role × kind combination', () => {
    expect(cases).toHaveLength(ORGANIZATION_KINDS.length * USER_ROLES.length);
  });

  it.each(cases)('$allowed for a $role in a $kind', ({ kind, role, allowed }) => {
    expect(isRoleAllowed(kind, role)).toBe(allowed);
  });

  it('agrees with rolesFor for every role × kind', () => {
    for (const { kind, role } of cases) {
      expect(isRoleAllowed(kind, role)).toBe(rolesFor(kind).includes(role));
    }
  });

  it('allows every role in at least one kind of organization', () => {
    for (const role of USER_ROLES) {
      expect(ORGANIZATION_KINDS.some((kind) => isRoleAllowed(kind, role))).toBe(true);
    }
  });
});

describe('ROLE_LABELS', () => {
  it.each([
    ['ADMIN', 'Admin'],
    ['MANAGER', 'Manager'],
    ['VIEWER', 'Viewer'],
    ['STAFF', 'Staff'],
    ['TECHNICIAN', 'Technician'],
  ] as const)('labels %s as "%s"', (role, label) => {
    expect(ROLE_LABELS[role]).toBe(label);
  });

  it('has a label for every role and no other key', () => {
    expect(Object.keys(ROLE_LABELS).sort()).toEqual([...USER_ROLES].sort());
  });
});
