import { Entity, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { Vehicle } from './vehicle.entity.js';
import type { ImportBatch } from '../import/import-batch.entity.js';

/**
 * One assignment of a vehicle to a partner, kept as a period in the access ledger: taking the
 * vehicle back closes the period (`unassignedAt`) instead of deleting the row, so "who could
 * access this vehicle at time T" stays answerable. At most one open period per vehicle and
 * partner (a partial unique index in the migration). Both ends are stamped with the time of the
 * change, never a future one, so "open now" is simply `unassignedAt is null` — what the list
 * filter uses, on a partial index.
 */
@ObjectType({ description: 'One period in which a vehicle was assigned to a partner (open while unassignedAt is null).' })
@Entity({ tableName: 'vehicle_assignment' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Index({ properties: ['vehicle', 'assignedAt'] })
@Index({ properties: ['importBatch'] })
@Index({
  name: 'vehicle_assignment_open_unique',
  expression: 'create unique index "vehicle_assignment_open_unique" on "vehicle_assignment" ("vehicle_id", "partner_id") where "unassigned_at" is null',
})
// "the vehicles of these partners now": the list filter and the partner's vehicle count
@Index({
  name: 'vehicle_assignment_open_partner_index',
  expression: 'create index "vehicle_assignment_open_partner_index" on "vehicle_assignment" ("partner_id", "vehicle_id") where "unassigned_at" is null',
})
export class VehicleAssignment extends BaseEntity<'unassignedAt' | 'unassignedByLabel' | 'importBatch'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @ManyToOne(() => Vehicle, { deleteRule: 'cascade' })
  vehicle!: Rel<Vehicle>;

  @ManyToOne(() => Partner, { deleteRule: 'cascade' })
  partner!: Rel<Partner>;

  @Field(() => Date, { description: 'When the vehicle was assigned.' })
  @Property(timestamptz())
  assignedAt!: Date;

  @Field(() => String, { description: 'Who assigned it: an e-mail or an API key\'s name.' })
  @Property({ type: 'text' })
  assignedByLabel!: string;

  @Field(() => Date, { nullable: true, description: 'When it was taken back; null while the assignment holds.' })
  @Property({ ...timestamptz(), nullable: true })
  unassignedAt?: Date | null = null;

  @Field(() => String, { nullable: true, description: 'Who took it back.' })
  @Property({ type: 'text', nullable: true })
  unassignedByLabel?: string | null = null;

  @ManyToOne({ entity: 'ImportBatch', nullable: true, deleteRule: 'set null' })
  importBatch?: Rel<ImportBatch> | null = null;
}
