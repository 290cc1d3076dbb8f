import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { AccessReason, UserRole } from '@partner-hub/domain';
import { AccessReasonEnum, SortDirectionEnum, UserRoleEnum, enumObject } from '../../common/graphql/enums.js';
import { EXPECTED_VERSION_RULE, UPDATE_RULE } from '../../common/graphql/update-rule.js';
import { Partner } from '../partner/partner.entity.js';
import { Vehicle } from './vehicle.entity.js';
import { VEHICLE_SORT_FIELDS } from './vehicle.service.js';
import type { VehicleSortField } from './vehicle.service.js';

export const VehicleSortFieldEnum = enumObject<VehicleSortField>(VEHICLE_SORT_FIELDS);
registerEnumType(VehicleSortFieldEnum, { name: 'VehicleSortField', description: 'The column a vehicles list is sorted by.' });

@InputType({ description: 'Narrows a list of vehicles; all given conditions must hold.' })
export class VehicleFilter {
  @Field(() => String, { nullable: true, description: 'Part of a VIN, licence plate or device serial.' })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only vehicles assigned to this partner or (unless directOnly) to a partner below it.' })
  partnerId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'With partnerId: only vehicles assigned to that partner itself.' })
  directOnly?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Only vehicles assigned to no partner.' })
  unassigned?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only vehicles this owner owns or uses.' })
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this make (case-insensitive).' })
  make?: string | null;

  @Field(() => String, { nullable: true, description: 'Only this model (case-insensitive).' })
  model?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only archived vehicles. Default: only active ones.' })
  archived?: boolean | null;

  @Field(() => ID, { nullable: true, description: 'Only vehicles created by this import batch.' })
  importBatchId?: string | null;
}

@InputType({ description: 'How a vehicles list is sorted.' })
export class VehicleOrder {
  @Field(() => VehicleSortFieldEnum, { description: 'The column.' })
  field!: VehicleSortField;

  @Field(() => SortDirectionEnum, { description: 'The direction.' })
  direction!: 'ASC' | 'DESC';
}

@InputType({ description: 'A vehicle\'s details; empty optional fields are cleared.' })
export class VehicleDetailsInput {
  @Field(() => String, { description: 'The make (required).' })
  make!: string;

  @Field(() => String, { description: 'The model (required).' })
  model!: string;

  @Field(() => Int, { nullable: true, description: 'The model year.' })
  year?: number | null;

  @Field(() => String, { nullable: true, description: 'The licence plate.' })
  plate?: string | null;

  @Field(() => String, { nullable: true, description: 'The telematics unit\'s serial number.' })
  deviceSerial?: string | null;

  @Field(() => String, { nullable: true, description: 'The telematics unit\'s model.' })
  deviceModel?: string | null;

  @Field(() => String, { nullable: true, description: 'The telematics unit\'s firmware version.' })
  firmware?: string | null;
}

@InputType({ description: 'A new vehicle.' })
export class CreateVehicleInput extends VehicleDetailsInput {
  @Field(() => String, { description: 'The VIN: 17 characters, no I, O or Q; spaces and dashes are dropped.' })
  vin!: string;
}

@InputType({ description: `New details for a vehicle (its VIN cannot change). ${UPDATE_RULE}` })
export class UpdateVehicleInput extends VehicleDetailsInput {
  @Field(() => ID, { description: 'The vehicle.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_RULE })
  expectedVersion?: number | null;
}

@InputType({ description: 'Names one vehicle.' })
export class VehicleIdInput {
  @Field(() => ID, { description: 'The vehicle.' })
  id!: string;
}

@InputType({ description: 'Vehicles to assign to, or take back from, a partner: listed ids or every vehicle matching a filter (exactly one of the two).' })
export class VehicleAssignmentInput {
  @Field(() => ID, { description: 'The partner.' })
  partnerId!: string;

  @Field(() => [ID], { nullable: true, description: 'The vehicles, by id.' })
  vehicleIds?: string[] | null;

  @Field(() => VehicleFilter, { nullable: true, description: 'Every vehicle the viewer may see that matches this filter ("select all matching").' })
  filter?: VehicleFilter | null;
}

@ObjectType({ description: 'One reason why someone may access a vehicle, from the access ledger.' })
export class VehicleAccessEntry {
  @Field(() => AccessReasonEnum, { description: 'The kind of reason.' })
  reason!: AccessReason;

  @Field(() => Partner, { nullable: true, description: 'The partner whose people have access (null for PRINCIPAL_STAFF).' })
  partner!: Partner | null;

  @Field(() => Partner, { nullable: true, description: 'ASSIGNMENT: the partner the vehicle is assigned to — the partner itself, or the sub-partner through which it has access.' })
  assignedPartner!: Partner | null;

  @Field(() => ID, { nullable: true, description: 'JOB_GRANT: the job whose grant gives access.' })
  jobId!: string | null;

  @Field(() => Date, { nullable: true, description: 'Since when this reason holds (null for PRINCIPAL_STAFF).' })
  since!: Date | null;

  @Field(() => Date, { nullable: true, description: 'Until when it holds: a grant\'s end, or an assignment\'s end when asked about the past; null: open-ended.' })
  until!: Date | null;

  @Field(() => [UserRoleEnum], { description: 'Which roles of that organization it reaches.' })
  roles!: UserRole[];
}

@ObjectType({ description: 'The vehicle after a successful change.' })
export class VehicleSuccess {
  @Field(() => Vehicle, { description: 'The vehicle as it is now.' })
  vehicle!: Vehicle;

  @Field(() => [String], { description: 'Doubts that did not stop the change, e.g. a North-American VIN whose check digit does not match.' })
  warnings!: string[];
}

@ObjectType({ description: 'The outcome of assigning or taking back vehicles.' })
export class VehicleAssignmentSuccess {
  @Field(() => Partner, { description: 'The partner.' })
  partner!: Partner;

  @Field(() => Int, { description: 'How many vehicles changed.' })
  changedCount!: number;

  @Field(() => Int, { description: 'How many selected vehicles were already in that state.' })
  unchangedCount!: number;
}
