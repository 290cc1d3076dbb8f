import type { EntityManager } from '@mikro-orm/postgresql';
import type { RequestContext } from '../../common/context/request-context.js';
import { scopeToSystem } from '../../common/db/tenant-filter.js';

/**
 * The few reads on a viewer's behalf that leave the tenant filter (DESIGN.md §3), each named for
 * what it reads and why. The filter scopes a request to the viewer's organization and principals;
 * these read rows of *another* tenant that the policy nevertheless lets the viewer (or a mail to a
 * third party) see. Every caller has already checked the object they hang off, so each fork is used
 * for one query about that object only. Sign-in, token and invitation lookups (no viewer yet) and
 * seeding are system work, not part of the visibility policy, and use `scopeToSystem` themselves.
 */

/**
 * A fork of `em` that reads across tenants; only for the named reads below. It reads in `em`'s
 * transaction, if any: on a connection of its own, many concurrent transactions each waiting for a
 * second connection would exhaust the pool (20 simultaneous "Save & Assign"s on a pool of 5 did).
 */
function acrossTenants(em: EntityManager): EntityManager {
  const fork = em.fork({ keepTransactionContext: true });
  scopeToSystem(fork);
  return fork;
}

/**
 * A partner's history as its principal's staff read it: every event on the partner, also those its
 * own people made (stored in the partner organization's tenant). Only for a partner of the viewer's
 * own principal.
 */
export function principalReadsPartnerHistory(ctx: RequestContext): EntityManager {
  return acrossTenants(ctx.em);
}

/**
 * The users of another organization's partner: principal ADMINs and the partner ADMINs above it
 * read them (`seesUsersOf` decides, on a partner the viewer sees); they live in that organization's tenant.
 */
export function readsUsersOfPartner(ctx: RequestContext): EntityManager {
  return acrossTenants(ctx.em);
}

/**
 * A service partner's admins, to tell them jobs were assigned to it (DESIGN.md §2): the principal's
 * staff (or import) assigning the job never sees them, the e-mail only goes to them. Read in the
 * caller's transaction, for a partner the caller has already checked.
 */
export function readsAdminsToNotify(em: EntityManager): EntityManager {
  return acrossTenants(em);
}
