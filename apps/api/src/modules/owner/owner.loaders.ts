import DataLoader from 'dataloader';
import { contextLoaders } from '../../common/context/loaders.js';
import { OwnerAnnotation } from './owner-annotation.entity.js';
import { OwnerVehicleAccess } from './owner-vehicle-access.entity.js';
import { visibleAccessWhere } from '../access/owner-access.js';

/** Owners' loaders (owners by id: `loaderById(ctx, Owner)`). */
export const ownerLoaders = contextLoaders((em, ctx) => ({
  /** each owner's access to the vehicles the viewer may see now (a partner never learns the rest of an owner's fleet) */
  visibleOwnerAccessByOwner: new DataLoader<string, OwnerVehicleAccess[]>(async (ids) => {
    const where = { $and: [{ owner: { $in: [...ids] } }, await visibleAccessWhere(ctx)] };
    const rows = await em.find(OwnerVehicleAccess, where, { orderBy: { createdAt: 'asc' } });
    const grouped = new Map<string, OwnerVehicleAccess[]>(ids.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.owner.id)?.push(row);
    return ids.map((id) => grouped.get(id) ?? []);
  }),
  /** the principal's private annotation on each owner; its tenant filter returns none to anyone but the principal's own staff */
  ownerAnnotationByOwner: new DataLoader<string, OwnerAnnotation | null>(async (ids) => {
    const rows = await em.find(OwnerAnnotation, { owner: { $in: [...ids] } });
    const found = new Map(rows.map((r) => [r.owner.id, r]));
    return ids.map((id) => found.get(id) ?? null);
  }),
}));
