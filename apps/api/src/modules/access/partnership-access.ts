import type { EntityManager } from '@mikro-orm/postgresql';

/** One partnership through which a partner organization's identity works for a principal. */
export interface ActivePartnership {
  partnerId: string;
  principalId: string;
}

export type PartnershipAccess =
  | { state: 'ACTIVE'; partnerships: ActivePartnership[] }
  /** every partnership is blocked or archived (itself or above it) — or, for users, cut by a parent's "block users" */
  | { state: 'BLOCKED' }
  /** no partnership at all (e.g. a new organization between claim steps) */
  | { state: 'NONE' };

interface Row {
  partner_id: string;
  principal_id: string;
  blocked: boolean;
  users_blocked: boolean;
}

/**
 * Which partnerships of a partner organization may act right now (DESIGN.md §1 settings, §3):
 * a partnership is cut when it or any ancestor is blocked or archived; for users (not API keys)
 * also when any ancestor has `usersBlocked`. One recursive CTE up the tree, run on every
 * request, so a block takes effect on the very next request of every session and key.
 */
export async function partnershipAccess(em: EntityManager, organizationId: string, identity: 'USER' | 'API_KEY'): Promise<PartnershipAccess> {
  const rows: Row[] = await em.getConnection().execute(
    `with recursive chain as (
       select p.id as partner_id, p.principal_id, p.id, p.parent_id, p.blocked, p.archived_at, false as users_blocked_above, 0 as level
         from partner p where p.organization_id = ?
       union all
       select c.partner_id, c.principal_id, a.id, a.parent_id, a.blocked, a.archived_at, a.users_blocked, c.level + 1
         from chain c join partner a on a.id = c.parent_id
         where c.level < 64
     )
     select partner_id, principal_id,
            bool_or(blocked or archived_at is not null) as blocked,
            bool_or(users_blocked_above) as users_blocked
       from chain group by partner_id, principal_id`,
    [organizationId],
  );
  if (rows.length === 0) return { state: 'NONE' };
  const partnerships = rows
    .filter((r) => !r.blocked && !(identity === 'USER' && r.users_blocked))
    .map((r) => ({ partnerId: r.partner_id, principalId: r.principal_id }));
  return partnerships.length > 0 ? { state: 'ACTIVE', partnerships } : { state: 'BLOCKED' };
}

