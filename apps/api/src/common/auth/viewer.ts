import { permissionsOf } from '@partner-hub/domain';
import type { OrganizationKind, Permission, UserRole } from '@partner-hub/domain';

/** The identity a request acts as: a signed-in user or an API key, of one organization. */
export interface Viewer {
  kind: 'USER' | 'API_KEY';
  /** the user, or for an API key the key's id */
  userId: string | null;
  apiKeyId: string | null;
  sessionId: string | null;
  sessionExpiresAt: Date | null;
  organizationId: string;
  organizationKind: OrganizationKind;
  role: UserRole;
  /** an e-mail or an API key's name, as audit events show it */
  label: string;
  permissions: ReadonlySet<Permission>;
  /**
   * For a partner organization: its partnerships that may act now (blocked ones are left out),
   * each with its principal. Empty for principal staff.
   */
  partnerships: readonly { partnerId: string; principalId: string }[];
}

export function makeViewer(fields: Omit<Viewer, 'permissions' | 'partnerships'> & { partnerships?: Viewer['partnerships'] }): Viewer {
  return { partnerships: [], ...fields, permissions: new Set(permissionsOf(fields.organizationKind, fields.role)) };
}

/** The principals whose data the viewer may read at all (the tenant filter's scope). */
export function principalIdsOf(viewer: Viewer): string[] {
  return viewer.organizationKind === 'PRINCIPAL' ? [viewer.organizationId] : [...new Set(viewer.partnerships.map((p) => p.principalId))];
}

/**
 * Whether two viewers are the same identity with the same rights: same credential, organization,
 * role (hence permissions) and partnerships. Only the sliding session expiry may differ.
 */
export function sameIdentity(a: Viewer, b: Viewer): boolean {
  const partnerships = (v: Viewer) => v.partnerships.map((p) => `${p.partnerId}/${p.principalId}`).sort().join(',');
  return (
    a.kind === b.kind &&
    a.userId === b.userId &&
    a.apiKeyId === b.apiKeyId &&
    a.sessionId === b.sessionId &&
    a.organizationId === b.organizationId &&
    a.organizationKind === b.organizationKind &&
    a.role === b.role &&
    partnerships(a) === partnerships(b)
  );
}

/**
 * What of the viewer any read may depend on: two viewers with the same key see every field of every
 * row alike — the organization (tenant scope, vehicle grants and assignments), its kind and the role
 * (permissions, `@Allow`), the partnerships (job scope), and for a technician the user itself (the jobs
 * it started: `actorFor`). Live subscribers with the same key share one execution of an event
 * (common/graphql/shared-execution.ts): a resolver that starts reading more of the viewer (the user, the
 * key, the session) must add it here.
 */
export function visibilityKey(viewer: Viewer): string {
  const partnerships = viewer.partnerships.map((p) => `${p.partnerId}/${p.principalId}`).sort().join(',');
  const person = viewer.role === 'TECHNICIAN' ? `${viewer.kind}:${viewer.userId ?? viewer.apiKeyId ?? ''}` : '';
  return `${viewer.organizationKind}|${viewer.organizationId}|${viewer.role}|${partnerships}|${person}`;
}
