import { Arg, Ctx, ID, Info, Int, Mutation, Query, Resolver, createUnionType } from 'type-graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import { Connection } from '../../common/graphql/connection.js';
import { nodeSelection } from '../../common/graphql/node-selection.js';
import { NotFoundError, ValidationError, VersionConflictError } from '../../common/errors/error-results.js';
import { Vehicle } from './vehicle.entity.js';
import { whoCanAccess } from './vehicle-access.service.js';
import {
  assignVehicles,
  createVehicle,
  getVehicle,
  listVehicles,
  setVehicleArchived,
  unassignVehicles,
  updateVehicle,
} from './vehicle.service.js';
import {
  CreateVehicleInput,
  UpdateVehicleInput,
  VehicleAccessEntry,
  VehicleAssignmentInput,
  VehicleAssignmentSuccess,
  VehicleFilter,
  VehicleIdInput,
  VehicleOrder,
  VehicleSuccess,
} from './vehicle.types.js';

export const VehicleConnection = Connection(Vehicle);

const VehicleResult = createUnionType({
  name: 'VehicleResult',
  description: 'The outcome of a change to a vehicle.',
  types: () => [VehicleSuccess, ValidationError, NotFoundError, VersionConflictError] as const,
});
const VehicleAssignmentResult = createUnionType({
  name: 'VehicleAssignmentResult',
  description: 'The outcome of assigning vehicles to a partner or taking them back.',
  types: () => [VehicleAssignmentSuccess, ValidationError, NotFoundError] as const,
});

const vehicleSuccess = (vehicle: Vehicle, warnings: string[] = []) => Object.assign(new VehicleSuccess(), { vehicle, warnings });
const assignmentSuccess = (change: VehicleAssignmentSuccess) => Object.assign(new VehicleAssignmentSuccess(), change);

@Resolver(() => Vehicle)
export class VehicleResolver {
  @Allow('vehicles:read')
  @Query(() => VehicleConnection, {
    description: 'Vehicles the viewer may see: all of a principal\'s; those assigned to a partner\'s subtree; a technician\'s through active job grants.',
  })
  async vehicles(
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
    @Arg('filter', () => VehicleFilter, { nullable: true, description: 'Narrows the list.' }) filter?: VehicleFilter | null,
    @Arg('orderBy', () => VehicleOrder, { nullable: true, description: 'Sort order; newest first when omitted.' }) orderBy?: VehicleOrder | null,
    @Info() info?: GraphQLResolveInfo,
  ) {
    return listVehicles(ctx, filter ?? {}, orderBy ?? { field: 'CREATED_AT', direction: 'DESC' }, first, after, info ? nodeSelection(info, Vehicle) : undefined);
  }

  @Allow('vehicles:read')
  @Query(() => Vehicle, { description: 'One vehicle the viewer may see (NOT_FOUND otherwise, whether or not it exists).' })
  vehicle(@Arg('id', () => ID, { description: 'The vehicle\'s id.' }) id: string, @Ctx() ctx: RequestContext): Promise<Vehicle> {
    return getVehicle(ctx, id);
  }

  @Allow('vehicleAccess:read')
  @Query(() => [VehicleAccessEntry], { description: 'Who can access a vehicle now or at a past time, and why — from the ledger that enforcement uses.' })
  whoCanAccess(
    @Ctx() ctx: RequestContext,
    @Arg('vehicleId', () => ID, { description: 'The vehicle.' }) vehicleId: string,
    @Arg('at', () => Date, { nullable: true, description: 'The time asked about; now when omitted.' }) at?: Date | null,
  ): Promise<VehicleAccessEntry[]> {
    return whoCanAccess(ctx, vehicleId, at);
  }

  @Allow('vehicles:write')
  @Mutation(() => VehicleResult, { description: 'Records a new vehicle; the VIN must be new to the principal.' })
  async createVehicle(@Arg('input', () => CreateVehicleInput, { description: 'The vehicle.' }) input: CreateVehicleInput, @Ctx() ctx: RequestContext) {
    const { vehicle, warnings } = await createVehicle(ctx, input);
    return vehicleSuccess(vehicle, warnings);
  }

  @Allow('vehicles:write')
  @Mutation(() => VehicleResult, { description: 'Changes a vehicle\'s details.' })
  async updateVehicle(@Arg('input', () => UpdateVehicleInput, { description: 'The vehicle and its new details.' }) input: UpdateVehicleInput, @Ctx() ctx: RequestContext) {
    const { id, ...details } = input;
    return vehicleSuccess(await updateVehicle(ctx, id, details));
  }

  @Allow('vehicles:write')
  @Mutation(() => VehicleResult, { description: 'Archives a vehicle: hidden from lists by default; assignments and history are kept.' })
  async archiveVehicle(@Arg('input', () => VehicleIdInput, { description: 'The vehicle.' }) input: VehicleIdInput, @Ctx() ctx: RequestContext) {
    return vehicleSuccess(await setVehicleArchived(ctx, input.id, true));
  }

  @Allow('vehicles:write')
  @Mutation(() => VehicleResult, { description: 'Restores an archived vehicle.' })
  async restoreVehicle(@Arg('input', () => VehicleIdInput, { description: 'The vehicle.' }) input: VehicleIdInput, @Ctx() ctx: RequestContext) {
    return vehicleSuccess(await setVehicleArchived(ctx, input.id, false));
  }

  @Allow('vehicleAssignments:write')
  @Mutation(() => VehicleAssignmentResult, {
    description: 'Assigns vehicles to a partner, all or nothing. Principal staff: any partner; a partner admin: the vehicles it holds, to partners below it.',
  })
  async assignVehicles(@Arg('input', () => VehicleAssignmentInput, { description: 'The partner and the vehicles.' }) input: VehicleAssignmentInput, @Ctx() ctx: RequestContext) {
    return assignmentSuccess(await assignVehicles(ctx, input.partnerId, input));
  }

  @Allow('vehicleAssignments:write')
  @Mutation(() => VehicleAssignmentResult, { description: 'Takes vehicles back from a partner and from every partner below it; the ledger keeps the ended periods.' })
  async unassignVehicles(@Arg('input', () => VehicleAssignmentInput, { description: 'The partner and the vehicles.' }) input: VehicleAssignmentInput, @Ctx() ctx: RequestContext) {
    return assignmentSuccess(await unassignVehicles(ctx, input.partnerId, input));
  }
}
