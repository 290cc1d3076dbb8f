import type { FilterQuery } from '@mikro-orm/core';
import { validate as isUuid } from 'uuid';
import { memoize, memoizeNow, viewerOf } from '../../common/context/request-context.js';
import type { Now } from '../../common/context/now.js';
import type { RequestContext } from '../../common/context/request-context.js';
import { NotFound } from '../../common/errors/app-errors.js';
import { Partner } from '../partner/partner.entity.js';
import { subtreesOf } from './partner-tree.queries.js';

/**
 * Which partners a viewer may see and change (DESIGN.md §3), decided here once:
 * - principal staff: every partner of their principal (the tenant filter already narrows to it);
 * - a partner's people: their own partnerships and everything below them — never siblings,
 *   ancestors or another principal's partners, which answer exactly like missing ones.
 */
export interface PartnerScope {
  /** principal staff: no narrowing beyond the tenant filter */
  all: boolean;
  /** for a partner viewer: its own active partnerships */
  own: ReadonlySet<string>;
  /** for a partner viewer: its partnerships and every partner below them */
  visible: ReadonlySet<string>;
}

/** The viewer's partner scope, computed once per request (one recursive query for a partner). */
export function partnerScope(ctx: RequestContext): Promise<PartnerScope> {
  return memoize(ctx, 'partnerScope', () => readPartnerScope(ctx));
}

/** {@link partnerScope}, at once once it has been read (now.ts) */
export function partnerScopeNow(ctx: RequestContext): Now<PartnerScope> {
  return memoizeNow(ctx, 'partnerScope', () => readPartnerScope(ctx));
}

async function readPartnerScope(ctx: RequestContext): Promise<PartnerScope> {
  const viewer = viewerOf(ctx);
  if (viewer.organizationKind === 'PRINCIPAL') return { all: true, own: new Set(), visible: new Set() };
  const own = viewer.partnerships.map((p) => p.partnerId);
  const rows = await subtreesOf(ctx.em, own);
  return { all: false, own: new Set(own), visible: new Set(rows.map((r) => r.id)) };
}

/** The filter that narrows a partner query to the viewer's scope. */
export async function visiblePartnersWhere(ctx: RequestContext): Promise<FilterQuery<Partner>> {
  const scope = await partnerScope(ctx);
  return scope.all ? {} : { id: { $in: [...scope.visible] } };
}

export function canSee(scope: PartnerScope, partnerId: string): boolean {
  return scope.all || scope.visible.has(partnerId);
}

/**
 * Whether the viewer manages this partner's agreement, settings, place in the tree and
 * (until it claims) profile: principal staff for every partner, a partner admin for the
 * partners below its own — not for its own partnership, which its principal manages.
 */
export function canManage(scope: PartnerScope, partnerId: string): boolean {
  return scope.all || (scope.visible.has(partnerId) && !scope.own.has(partnerId));
}

/**
 * Whether the viewer may read the users of a partner it sees (DESIGN.md §3: users are principal
 * ADMINs' and partner admins' business): of its own organization with `users:read` (what the
 * `users` query lists), of any other organization — a partner below its own, or any partner of its
 * principal — only with `users:manage`, which principal and partner ADMINs hold and MANAGER, VIEWER,
 * STAFF and TECHNICIAN do not.
 */
export function seesUsersOf(ctx: RequestContext, partner: Partner): boolean {
  const viewer = viewerOf(ctx);
  if (partner.organization.id === viewer.organizationId) return viewer.permissions.has('users:read');
  return viewer.permissions.has('users:manage');
}

/** Loads a partner the viewer may see, or fails as if it did not exist. */
export async function findVisiblePartner(ctx: RequestContext, id: string, field = 'id'): Promise<Partner> {
  const scope = await partnerScope(ctx);
  const partner = isUuid(id) && canSee(scope, id) ? await ctx.em.findOne(Partner, { id }, { populate: ['organization'] }) : null;
  if (!partner) throw new NotFound('partner', field);
  return partner;
}

/** Loads a partner the viewer manages, or fails as if it did not exist (a partner admin's own partnership included: it is seen, not managed). */
export async function findManagedPartner(ctx: RequestContext, id: string, field = 'id'): Promise<Partner> {
  const scope = await partnerScope(ctx);
  if (!canManage(scope, id)) throw new NotFound('partner', field);
  return findVisiblePartner(ctx, id, field);
}
