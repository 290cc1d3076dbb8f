import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityClass } from '@mikro-orm/core';
import { Organization } from '../modules/organization/organization.entity.js';
import { User } from '../modules/user/user.entity.js';
import { ApiKey } from '../modules/api-key/api-key.entity.js';
import { Partner } from '../modules/partner/partner.entity.js';
import { chainsAbove, subPartnerCounts } from '../modules/partner/partner-tree.queries.js';
import type { TreeRow } from '../modules/partner/partner-tree.queries.js';
import { PartnerInvitation } from '../modules/invitation/partner-invitation.entity.js';

/** Batches "load by id" for one entity into one `where id in (...)` per tick, through the scoped fork. */
function byId<T extends { id: string }>(em: EntityManager, entity: EntityClass<T>) {
  return new DataLoader<string, T | null>(async (ids) => {
    const rows = await em.find(entity, { id: { $in: [...ids] } } as never);
    const found = new Map(rows.map((r) => [r.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  });
}

/** Request-scoped DataLoaders: relations are resolved in batches, never one query per parent row. */
export function createLoaders(em: EntityManager) {
  return {
    organizationById: byId(em, Organization),
    userById: byId(em, User),
    apiKeyById: byId(em, ApiKey),
    /** tenant-filtered; callers still check the viewer's partner scope */
    partnerById: byId(em, Partner),
    subPartnerCount: new DataLoader<string, number>(async (ids) => {
      const counts = await subPartnerCounts(em, ids);
      return ids.map((id) => counts.get(id) ?? 0);
    }),
    /** the chain above each partner (one recursive query per batch) */
    chainAbove: new DataLoader<string, TreeRow[]>(async (ids) => {
      const chains = await chainsAbove(em, ids);
      return ids.map((id) => chains.get(id) ?? []);
    }),
    latestInvitation: new DataLoader<string, PartnerInvitation | null>(async (ids) => {
      const rows = await em.find(PartnerInvitation, { partner: { $in: [...ids] } }, { orderBy: { createdAt: 'desc' } });
      const latest = new Map<string, PartnerInvitation>();
      for (const row of rows) if (!latest.has(row.partner.id)) latest.set(row.partner.id, row);
      return ids.map((id) => latest.get(id) ?? null);
    }),
  };
}

export type Loaders = ReturnType<typeof createLoaders>;
