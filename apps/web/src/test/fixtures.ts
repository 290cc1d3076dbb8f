import { permissionsOf } from '@partner-hub/domain';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import type { ViewerFieldsFragment } from '@partner-hub/graphql-client';

/** A signed-in viewer as the API would describe it, with the permissions the domain table gives its role. */
export function viewerFixture(kind: OrganizationKind, role: UserRole): ViewerFieldsFragment {
  return {
    __typename: 'Viewer',
    role,
    permissions: [...permissionsOf(kind, role)],
    sessionExpiresAt: '2030-01-01T00:00:00.000Z',
    preferences: {},
    cutPartnerships: [],
    user: {
      __typename: 'User',
      id: `user-${role.toLowerCase()}`,
      email: `${role.toLowerCase()}@aurora-motors.example`,
      name: `Test ${role.toLowerCase()}`,
      role,
      active: true,
      lastSignInAt: null,
      createdAt: '2026-01-01T00:00:00.000Z',
    },
    apiKey: null,
    organization: {
      __typename: 'Organization',
      id: 'org-1',
      kind,
      name: kind === 'PRINCIPAL' ? 'Aurora Motors' : 'Berlin Autohaus',
      passwordPolicy: 'SIMPLE',
    },
  };
}
