import DataLoader from 'dataloader';
import { contextLoaders, groupRows, primeRows } from '../../common/context/loaders.js';
import { rowsWhere } from '../../common/db/plain-rows.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import { OwnerAnnotation } from './owner-annotation.entity.js';
import { OwnerVehicleAccess } from './owner-vehicle-access.entity.js';
import { visibleAccessSql } from '../access/owner-access.js';

/** Owners' loaders (owners by id: `loaderById(ctx, Owner)`): plain rows (common/db/plain-rows.ts). */
export const ownerLoaders = contextLoaders((em, ctx) => ({
  /**
   * each owner's access to the vehicles the viewer may see now (a partner never learns the rest of an
   * owner's fleet), oldest first, each vehicle read along and primed into its by-id loader
   */
  visibleOwnerAccessByOwner: new DataLoader<string, OwnerVehicleAccess[]>(async (ids) => {
    const visible = await visibleAccessSql(ctx);
    const { rows, related } = await rowsWhere(em, OwnerVehicleAccess, {
      where: ['t."owner_id" = any(?::uuid[])', ...visible.where],
      params: [uuidArray(ids), ...visible.params],
      orderBy: 't."created_at" asc, t."id" asc',
      along: ['vehicle'],
    });
    primeRows(ctx, related);
    return groupRows(ids, rows, (row) => row.owner.id);
  }),
  /** the principal's private annotation on each owner; its tenant filter returns none to anyone but the principal's own staff */
  ownerAnnotationByOwner: new DataLoader<string, OwnerAnnotation | null>(async (ids) => {
    const { rows } = await rowsWhere(em, OwnerAnnotation, { where: ['t."owner_id" = any(?::uuid[])'], params: [uuidArray(ids)], orderBy: 't."id"' });
    const found = new Map(rows.map((r) => [r.owner.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  }),
}));
