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
  | {
      system?: false;
      organizationId: string;
      /** the principals whose ecosystem the viewer works in: its own organization for principal staff, the principals of its partnerships for a partner */
      principalIds: readonly string[];
    };

/** Builds the `cond` callback of an entity's tenant filter from the column holding the owning organization. */
export function tenantCondition(column: string) {
  return (args: TenantFilterArgs) => (args.system ? {} : { [column]: args.organizationId });
}

/**
 * Builds the `cond` of a principal-owned entity (partners, later vehicles and jobs): rows of the
 * principals the viewer works for. Finer scoping (a partner's own subtree) is the feature's
 * service's job on top of this guarantee that nothing of another principal is ever read.
 */
export function principalCondition(column: string) {
  return (args: TenantFilterArgs) => (args.system ? {} : { [column]: { $in: [...args.principalIds] } });
}

/** Scopes an EntityManager fork to one organization and the principals it works for. */
export function scopeToOrganization(em: EntityManager, organizationId: string, principalIds: readonly string[] = [organizationId]): void {
  em.setFilterParams(TENANT_FILTER, { organizationId, principalIds } satisfies TenantFilterArgs);
}

/** Lets an EntityManager fork read across tenants — for system work only, never on behalf of a client. */
export function scopeToSystem(em: EntityManager): void {
  em.setFilterParams(TENANT_FILTER, { system: true } satisfies TenantFilterArgs);
}
