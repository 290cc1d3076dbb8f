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

/** One row of `partnershipStatesSql`, as PostgreSQL returns it. */
export interface PartnershipStateRow {
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
 * The SQL listing every partnership of a partner organization with its blocks (DESIGN.md §1 settings,
 * §3), as `PartnershipStateRow`s: a partnership is cut when it or any ancestor is blocked or archived;
 * for users (not API keys) also when any ancestor has `usersBlocked`. One recursive CTE up the tree.
 * `organizationId` is an SQL expression: `?`, or a column of an enclosing statement (authentication
 * aggregates these rows into its single lookup).
 */
export function partnershipStatesSql(organizationId: string): string {
  return `with recursive chain as (
       select p.id as partner_id, p.principal_id, p.id, p.parent_id, p.blocked, p.archived_at, false as users_blocked_above, 0 as level
         from partner p where p.organization_id = ${organizationId}
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
      order by principal.name`;
}

export function partnershipStateOf(row: PartnershipStateRow): PartnershipState {
  return { partnerId: row.partner_id, principalId: row.principal_id, principalName: row.principal_name, blocked: row.blocked, usersBlocked: row.users_blocked };
}

/** Every partnership of a partner organization with its blocks (see `partnershipStatesSql`). */
export async function partnershipStates(em: EntityManager, organizationId: string): Promise<PartnershipState[]> {
  const rows: PartnershipStateRow[] = await em.getConnection().execute(partnershipStatesSql('?'), [organizationId]);
  return rows.map(partnershipStateOf);
}

/** Whether an identity of the kind given may act through the partnership now. */
export function isCut(state: PartnershipState, identity: 'USER' | 'API_KEY'): boolean {
  return state.blocked || (identity === 'USER' && state.usersBlocked);
}

/** Which of an organization's partnerships an identity may act through. */
export function accessFrom(states: PartnershipState[], identity: 'USER' | 'API_KEY'): PartnershipAccess {
  if (states.length === 0) return { state: 'NONE' };
  const partnerships = states.filter((state) => !isCut(state, identity)).map(({ partnerId, principalId }) => ({ partnerId, principalId }));
  return partnerships.length > 0 ? { state: 'ACTIVE', partnerships } : { state: 'BLOCKED' };
}

/**
 * Which partnerships of a partner organization may act right now. Authentication runs the same rule
 * inside its single lookup on every request, so a block takes effect on the very next request of every
 * session and key.
 */
export async function partnershipAccess(em: EntityManager, organizationId: string, identity: 'USER' | 'API_KEY'): Promise<PartnershipAccess> {
  return accessFrom(await partnershipStates(em, organizationId), identity);
}
