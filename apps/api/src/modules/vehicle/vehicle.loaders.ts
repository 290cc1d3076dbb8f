import DataLoader from 'dataloader';
import { batched, contextLoaders, groupedBy } from '../../common/context/loaders.js';
import { OwnerVehicleAccess } from '../owner/owner-vehicle-access.entity.js';
import { visibleAccessWhere } from '../access/owner-access.js';
import { VehicleAssignment } from './vehicle-assignment.entity.js';
import { assignedVehicleCounts } from './vehicle-counts.queries.js';

/** Vehicles' loaders (vehicles by id: `loaderById(ctx, Vehicle)`). */
export const vehicleLoaders = contextLoaders((em, ctx) => ({
  /** every assignment period of each vehicle, newest first */
  assignmentsByVehicle: groupedBy(em, VehicleAssignment, 'vehicle', { assignedAt: 'desc' }),
  /**
   * the owners' access to each vehicle the viewer holds (owner-access.ts: none through a job grant),
   * oldest first — the `owners` field's rule, which the vehicles export applies through the same function
   */
  visibleOwnerAccessByVehicle: new DataLoader<string, OwnerVehicleAccess[]>(async (ids) => {
    const where = { $and: [{ vehicle: { $in: [...ids] } }, await visibleAccessWhere(ctx)] };
    const rows = await em.find(OwnerVehicleAccess, where, { orderBy: { createdAt: 'asc', id: 'asc' } });
    const grouped = new Map<string, OwnerVehicleAccess[]>(ids.map((id) => [id, []]));
    for (const row of rows) grouped.get(row.vehicle.id)?.push(row);
    return ids.map((id) => grouped.get(id) ?? []);
  }),
  /** how many active vehicles are assigned to each partner itself (one grouped query per batch) */
  assignedVehicleCount: batched((ids) => assignedVehicleCounts(em, ids), 0),
}));
