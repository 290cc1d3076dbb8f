import DataLoader from 'dataloader';
import { Loader, batched, computeAlong, contextLoaders, groupRows, primeRows } from '../../common/context/loaders.js';
import { rowsWhere } from '../../common/db/plain-rows.js';
import { uuidArray } from '../../common/db/uuid-array.js';
import { OwnerVehicleAccess } from '../owner/owner-vehicle-access.entity.js';
import { visibleAccessSql } from '../access/owner-access.js';
import { VehicleAssignment } from './vehicle-assignment.entity.js';
import { assignedVehicleCountSql, assignedVehicleCounts } from './vehicle-counts.queries.js';
import { Partner } from '../partner/partner.entity.js';

/** Vehicles' loaders (vehicles by id: `loaderById(ctx, Vehicle)`). */
export const vehicleLoaders = contextLoaders((em, ctx) => ({
  /** every assignment period of each vehicle, newest first: plain rows, each with its partner (and the partner's organization) read along */
  assignmentsByVehicle: new Loader<string, VehicleAssignment[]>(async (ids) => {
    const { rows, related } = await rowsWhere(em, VehicleAssignment, {
      where: ['t."vehicle_id" = any(?::uuid[])'],
      params: [uuidArray(ids)],
      orderBy: 't."assigned_at" desc, t."id" desc',
      along: ['partner'],
    });
    primeRows(ctx, related);
    return groupRows(ids, rows, (row) => row.vehicle.id);
  }),
  /**
   * the owners' access to each vehicle the viewer holds (owner-access.ts: none through a job grant),
   * oldest first — the `owners` field's rule (`visibleAccessSql`), which the vehicles export applies in
   * its `FilterQuery` form (`visibleAccessWhere`)
   */
  visibleOwnerAccessByVehicle: new DataLoader<string, OwnerVehicleAccess[]>(async (ids) => {
    // plain rows, each owner read along and primed into its by-id loader
    const visible = await visibleAccessSql(ctx);
    const { rows, related } = await rowsWhere(em, OwnerVehicleAccess, {
      where: ['t."vehicle_id" = any(?::uuid[])', ...visible.where],
      params: [uuidArray(ids), ...visible.params],
      orderBy: 't."created_at" asc, t."id" asc',
      along: ['owner'],
    });
    primeRows(ctx, related);
    return groupRows(ids, rows, (row) => row.vehicle.id);
  }),
  /** how many active vehicles are assigned to each partner itself (one grouped query per batch) */
  assignedVehicleCount: batched((ids) => assignedVehicleCounts(em, ids), 0),
}));

// a partners page counts each partner's assigned vehicles in its statement (Partner.vehicleCount), on the open-assignment index
computeAlong(Partner, 'vehicleCount', {
  sql: assignedVehicleCountSql,
  prime: (ctx, id, value) => vehicleLoaders(ctx).assignedVehicleCount.prime(id, Number(value)),
});
