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

/** One partnership of an organization with the blocks found on its way up the tree. */
export interface PartnershipBlockRow {
  partner_id: string;
  principal_id: string;
  blocked: boolean;
  users_blocked: boolean;
}

/**
 * The SQL that lists an organization's partnerships with their blocks (rows of `PartnershipBlockRow`):
 * a partnership is cut when it or any ancestor is blocked or archived; for users also when any
 * ancestor has `usersBlocked` (`accessFromBlocks` applies that). One recursive CTE up the tree;
 * `organizationId` is an SQL expression (`?`, or a column of an enclosing statement, as authentication's
 * single lookup uses it).
 */
export function partnershipBlocksSql(organizationId: string): string {
  return `with recursive chain as (
       select p.id as partner_id, p.principal_id, p.id, p.parent_id, p.blocked, p.archived_at, false as users_blocked_above, 0 as level
         from partner p where p.organization_id = ${organizationId}
       union all
       select c.partner_id, c.principal_id, a.id, a.parent_id, a.blocked, a.archived_at, a.users_blocked, c.level + 1
         from chain c join partner a on a.id = c.parent_id
         where c.level < 64
     )
     select partner_id, principal_id,
            bool_or(blocked or archived_at is not null) as blocked,
            bool_or(users_blocked_above) as users_blocked
       from chain group by partner_id, principal_id`;
}

/** Which partnerships an identity may act through, given its organization's `partnershipBlocksSql` rows. */
export function accessFromBlocks(rows: PartnershipBlockRow[], identity: 'USER' | 'API_KEY'): PartnershipAccess {
  if (rows.length === 0) return { state: 'NONE' };
  const partnerships = rows
    .filter((r) => !r.blocked && !(identity === 'USER' && r.users_blocked))
    .map((r) => ({ partnerId: r.partner_id, principalId: r.principal_id }));
  return partnerships.length > 0 ? { state: 'ACTIVE', partnerships } : { state: 'BLOCKED' };
}

/**
 * Which partnerships of a partner organization may act right now (DESIGN.md §1 settings, §3),
 * run on every request (inside authentication's one lookup), so a block takes effect on the
 * very next request of every session and key.
 */
export async function partnershipAccess(em: EntityManager, organizationId: string, identity: 'USER' | 'API_KEY'): Promise<PartnershipAccess> {
  const rows: PartnershipBlockRow[] = await em.getConnection().execute(partnershipBlocksSql('?'), [organizationId]);
  return accessFromBlocks(rows, identity);
}
