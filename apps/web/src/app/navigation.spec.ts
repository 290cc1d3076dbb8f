import { describe, expect, it } from 'vitest';
import { permissionsOf } from '@partner-hub/domain';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { navKeyForPath, visibleNavItems } from './navigation';

const labelsFor = (kind: OrganizationKind, role: UserRole, mailOutboxEnabled = true) =>
  visibleNavItems({ permissions: permissionsOf(kind, role), mailOutboxEnabled }).map((item) => item.label);

describe('visibleNavItems', () => {
  it('shows a principal admin every section, the mailbox included', () => {
    expect(labelsFor('PRINCIPAL', 'ADMIN')).toEqual([
      'Dashboard',
      'Partners',
      'Service partners',
      'Owners',
      'Vehicles',
      'Jobs',
      'Pricing',
      'Settings',
      'GraphQL explorer',
      'Mailbox',
    ]);
  });

  it('hides the mailbox when the server sends real e-mail', () => {
    expect(labelsFor('PRINCIPAL', 'ADMIN', false)).not.toContain('Mailbox');
  });

  it('hides the mailbox from roles without mailbox:read', () => {
    expect(labelsFor('PRINCIPAL', 'MANAGER')).not.toContain('Mailbox');
    expect(labelsFor('PARTNER', 'STAFF')).not.toContain('Mailbox');
  });

  it('shows a technician only what needs no partner access', () => {
    expect(labelsFor('PARTNER', 'TECHNICIAN')).toEqual(['Dashboard', 'Vehicles', 'Jobs', 'Settings', 'GraphQL explorer']);
  });

  it('shows Jobs only to identities holding jobs:read', () => {
    expect(visibleNavItems({ permissions: ['self:read'], mailOutboxEnabled: true }).map((item) => item.label)).not.toContain('Jobs');
    expect(labelsFor('PARTNER', 'ADMIN')).toContain('Jobs');
  });

  it('shows nothing to an identity without permissions', () => {
    expect(visibleNavItems({ permissions: [], mailOutboxEnabled: true })).toEqual([]);
  });
});

describe('navKeyForPath', () => {
  it('highlights the section a nested path belongs to', () => {
    expect(navKeyForPath('/settings/api-keys')).toBe('settings');
    expect(navKeyForPath('/partners')).toBe('partners');
    expect(navKeyForPath('/partners/0190a1b2-c3d4')).toBe('partners');
    expect(navKeyForPath('/service-partners')).toBe('service-partners');
    expect(navKeyForPath('/nowhere')).toBeUndefined();
  });
});
