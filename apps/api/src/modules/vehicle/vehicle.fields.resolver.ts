import { Arg, Ctx, FieldResolver, Int, Resolver } from 'type-graphql';
import { Parent } from '../../common/graphql/parent.js';
import { seesAssignments } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Allow } from '../../common/auth/authorize.js';
import type { Page } from '../../common/graphql/connection.js';
import type { AuditEvent } from '../audit/audit-event.entity.js';
import { historyPage } from '../audit/audit-query.service.js';
import { AuditEventConnection } from '../audit/audit.resolver.js';
import { Owner } from '../owner/owner.entity.js';
import { OwnerVehicleAccess } from '../owner/owner-vehicle-access.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { NotFound } from '../../common/errors/app-errors.js';
import { accessSubject } from '../access/vehicle-access.js';
import { accessVia } from './vehicle-access.service.js';
import { vehicleAssignments } from './vehicle.service.js';
import { Vehicle } from './vehicle.entity.js';
import { VehicleAccessEntry } from './vehicle.types.js';
import { VehicleAssignment } from './vehicle-assignment.entity.js';
import { vehicleLoaders } from './vehicle.loaders.js';
import { loaderById, rowNow } from '../../common/context/loaders.js';
import { thenNow } from '../../common/context/now.js';
import type { Now } from '../../common/context/now.js';
import { fieldReads } from '../../common/graphql/row-reads.js';
import { Organization } from '../organization/organization.entity.js';
import { Job } from '../job/job.entity.js';
import { visibleJobs } from '../access/job-scope.js';

@Resolver(() => Vehicle)
export class VehicleFieldsResolver {
  @Allow()
  @FieldResolver(() => String, { description: 'The name of the principal the vehicle belongs to (a partner working for several principals sees vehicles of each).' })
  principalName(@Parent() vehicle: Vehicle, @Ctx() ctx: RequestContext): Now<string> {
    return thenNow(rowNow(ctx, Organization, vehicle.principal.id, ['name']), (principal) => {
      if (!principal) throw new Error(`principal of vehicle ${vehicle.id} is missing`);
      return principal.name;
    });
  }

  @Allow('vehicles:read')
  @FieldResolver(() => [VehicleAccessEntry], { description: 'Why the viewer may see this vehicle: principal staff, the assignment to a partner (directly or through a sub-partner), or a job grant until its end.' })
  accessVia(@Parent() vehicle: Vehicle, @Ctx() ctx: RequestContext): Promise<VehicleAccessEntry[]> {
    return accessVia(ctx, vehicle.id);
  }

  @Allow('vehicles:read')
  @FieldResolver(() => [VehicleAssignment], {
    description: 'The partners the vehicle is assigned to, as far as the viewer\'s tree reaches (technicians see none); with includeEnded, also earlier periods.',
  })
  assignments(
    @Parent() vehicle: Vehicle,
    @Ctx() ctx: RequestContext,
    @Arg('includeEnded', () => Boolean, { defaultValue: false, description: 'Also list assignments that were taken back.' }) includeEnded: boolean,
  ): Now<VehicleAssignment[]> {
    const subject = accessSubject(ctx);
    if (subject.kind === 'PARTNER' && !seesAssignments(subject.role)) return [];
    return vehicleAssignments(ctx, vehicle.id, includeEnded);
  }

  @Allow('vehicles:read')
  @FieldResolver(() => Boolean, {
    description: 'Whether the vehicle is assigned now to a partner that `assignments` does not show the viewer (a technician, or a partner seeing it through a job grant): it is held, but not by whom.',
  })
  heldOutOfView(@Parent() vehicle: Vehicle, @Ctx() ctx: RequestContext): Now<boolean> {
    return thenNow(this.assignments(vehicle, ctx, false), (shownList) => {
      const shown = new Set(shownList.map((a) => a.id));
      return thenNow(vehicleLoaders(ctx).assignmentsByVehicle.now(vehicle.id), (all) => all.some((a) => !a.unassignedAt && !shown.has(a.id)));
    });
  }

  @Allow('owners:read')
  @FieldResolver(() => [OwnerVehicleAccess], { description: 'The people who own or use the vehicle (basic data; never the principal\'s annotations to a partner; none through a job grant).' })
  owners(@Parent() vehicle: Vehicle, @Ctx() ctx: RequestContext): Promise<OwnerVehicleAccess[]> {
    // a partner sees the owners of the vehicles it holds; a job grant shows the vehicle, never its owners (owner-access.ts)
    return vehicleLoaders(ctx).visibleOwnerAccessByVehicle.load(vehicle.id);
  }

  @Allow('vehicles:read')
  @FieldResolver(() => AuditEventConnection, { description: 'What was done to this vehicle, newest first (the principal\'s record: empty for partners, who see only their own organization\'s events).' })
  history(
    @Parent() vehicle: Vehicle,
    @Ctx() ctx: RequestContext,
    @Arg('first', () => Int, { defaultValue: 50, description: 'Page size, 1 to 200.' }) first: number,
    @Arg('after', () => String, { nullable: true, description: 'The endCursor of the previous page.' }) after?: string | null,
  ): Promise<Page<AuditEvent>> {
    return historyPage(ctx.em, 'Vehicle', vehicle.id, first, after);
  }
}

@Resolver(() => VehicleAssignment)
export class VehicleAssignmentFieldsResolver {
  @Allow('vehicles:read')
  @FieldResolver(() => Partner, { description: 'The partner the vehicle is (or was) assigned to.' })
  partner(@Parent() assignment: VehicleAssignment, @Ctx() ctx: RequestContext): Now<Partner> {
    return thenNow(loaderById(ctx, Partner).now(assignment.partner.id), (partner) => {
      if (!partner) throw new NotFound('partner');
      return partner;
    });
  }
}

@Resolver(() => VehicleAccessEntry)
export class VehicleAccessEntryFieldsResolver {
  @Allow('vehicles:read')
  @FieldResolver(() => Job, { nullable: true, description: 'JOB_GRANT: the job whose grant gives access, when the viewer may see that job (null otherwise).' })
  job(@Parent() entry: VehicleAccessEntry, @Ctx() ctx: RequestContext): Promise<Job | null> {
    // the ledger names the job; its title and kind follow the viewer's job scope, like every job read
    return entry.jobId ? visibleJobs(ctx).load(entry.jobId) : Promise.resolve(null);
  }
}

@Resolver(() => OwnerVehicleAccess)
export class OwnerVehicleAccessFieldsResolver {
  @Allow('owners:read')
  @FieldResolver(() => Owner, { description: 'The owner.' })
  async owner(@Parent() access: OwnerVehicleAccess, @Ctx() ctx: RequestContext): Promise<Owner> {
    const owner = await loaderById(ctx, Owner).load(access.owner.id);
    if (!owner) throw new NotFound('owner');
    return owner;
  }

  @Allow('vehicles:read')
  @FieldResolver(() => Vehicle, { description: 'The vehicle (listed only where the viewer may see it).' })
  async vehicle(@Parent() access: OwnerVehicleAccess, @Ctx() ctx: RequestContext): Promise<Vehicle> {
    const vehicle = await loaderById(ctx, Vehicle).load(access.vehicle.id);
    if (!vehicle) throw new NotFound('vehicle');
    return vehicle;
  }
}

@Resolver(() => Partner)
export class PartnerVehicleFieldsResolver {
  @Allow('partners:read', 'vehicles:read')
  @FieldResolver(() => Int, {
    description: 'How many active vehicles are assigned to this partner itself now (not counting those of its sub-partners).',
  })
  vehicleCount(@Parent() partner: Partner, @Ctx() ctx: RequestContext): Now<number> {
    return vehicleLoaders(ctx).assignedVehicleCount.now(partner.id);
  }
}

// what the fields a vehicles list shows read of a vehicle's row (row-reads.ts): the page reads no more
fieldReads(Vehicle, {
  principalName: [{ principal: ['name'] }],
  accessVia: [],
  assignments: [],
  heldOutOfView: [],
  owners: [],
});

// a partners list's vehicle count reads only the partner's id (row-reads.ts)
fieldReads(Partner, { vehicleCount: [] });
