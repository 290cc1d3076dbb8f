import type { EntityManager } from '@mikro-orm/core';

/**
 * Tenant scoping, applied once in the data layer: every tenant-owned entity declares the
 * `tenant` filter, which is on by default and needs its parameters. A request's EntityManager
 * fork gets the viewer's organization; a query issued without them fails loudly instead of
 * reading across tenants. Only system work (sign-in lookup, seeding, migrations) opts out.
 */
export const TENANT_FILTER = 'tenant';

export type TenantFilterArgs =
  | { system: true }
  | { system?: false; organizationId: string };

/** Builds the `cond` callback of an entity's tenant filter from the column holding the owning organization. */
export function tenantCondition(column: string) {
  return (args: TenantFilterArgs) => (args.system ? {} : { [column]: args.organizationId });
}

/** Scopes an EntityManager fork to one organization. */
export function scopeToOrganization(em: EntityManager, organizationId: string): void {
  em.setFilterParams(TENANT_FILTER, { organizationId } satisfies TenantFilterArgs);
}

/** Lets an EntityManager fork read across tenants — for system work only, never on behalf of a client. */
export function scopeToSystem(em: EntityManager): void {
  em.setFilterParams(TENANT_FILTER, { system: true } satisfies TenantFilterArgs);
}
