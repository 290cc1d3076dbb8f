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
  principal_name: string;
  blocked: boolean;
  users_blocked: boolean;
}

/** One partnership of a partner organization, and whether it is cut off now (and why). */
export interface PartnershipState {
  partnerId: string;
  principalId: string;
  principalName: string;
  /** it or a partner above it is blocked or archived */
  blocked: boolean;
  /** a partner above it blocks its sub-accounts' users (API keys still work) */
  usersBlocked: boolean;
}

/**
 * Every partnership of a partner organization with its blocks (DESIGN.md §1 settings, §3): a
 * partnership is cut when it or any ancestor is blocked or archived; for users (not API keys)
 * also when any ancestor has `usersBlocked`. One recursive CTE up the tree.
 */
export async function partnershipStates(em: EntityManager, organizationId: string): Promise<PartnershipState[]> {
  const rows: Row[] = await em.getConnection().execute(
    `with recursive chain as (
       select p.id as partner_id, p.principal_id, p.id, p.parent_id, p.blocked, p.archived_at, false as users_blocked_above, 0 as level
         from partner p where p.organization_id = ?
       union all
       select c.partner_id, c.principal_id, a.id, a.parent_id, a.blocked, a.archived_at, a.users_blocked, c.level + 1
         from chain c join partner a on a.id = c.parent_id
         where c.level < 64
     )
     select chain.partner_id, chain.principal_id, principal.name as principal_name,
            bool_or(chain.blocked or chain.archived_at is not null) as blocked,
            bool_or(chain.users_blocked_above) as users_blocked
       from chain join organization principal on principal.id = chain.principal_id
      group by chain.partner_id, chain.principal_id, principal.name
      order by principal.name`,
    [organizationId],
  );
  return rows.map((r) => ({ partnerId: r.partner_id, principalId: r.principal_id, principalName: r.principal_name, blocked: r.blocked, usersBlocked: r.users_blocked }));
}

/** Whether an identity of the kind given may act through the partnership now. */
export function isCut(state: PartnershipState, identity: 'USER' | 'API_KEY'): boolean {
  return state.blocked || (identity === 'USER' && state.usersBlocked);
}

/**
 * Which partnerships of a partner organization may act right now — run on every request, so a
 * block takes effect on the very next request of every session and key.
 */
export async function partnershipAccess(em: EntityManager, organizationId: string, identity: 'USER' | 'API_KEY'): Promise<PartnershipAccess> {
  const states = await partnershipStates(em, organizationId);
  if (states.length === 0) return { state: 'NONE' };
  const partnerships = states.filter((state) => !isCut(state, identity)).map(({ partnerId, principalId }) => ({ partnerId, principalId }));
  return partnerships.length > 0 ? { state: 'ACTIVE', partnerships } : { state: 'BLOCKED' };
}
