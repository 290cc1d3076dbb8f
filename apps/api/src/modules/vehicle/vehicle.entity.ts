import { Entity, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import type { ImportBatch } from '../import/import-batch.entity.js';

/**
 * A principal's vehicle (DESIGN.md §1): identified by its VIN within the principal, with its
 * telematics unit. Who may see it is decided by the access ledger (vehicle-access.ts), not here.
 * Search by VIN, plate and device serial runs on trigram indexes (see the migration).
 */
@ObjectType({ description: 'A vehicle of the principal, with its telematics unit.' })
@Entity({ tableName: 'vehicle' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Unique({ properties: ['principal', 'vin'] })
// the list's keyset orders (newest first, by make; by VIN on the unique index): `(sort, id) < (…)` seeks on them
@Index({ properties: ['principal', 'createdAt', 'id'] })
@Index({ properties: ['principal', 'make', 'id'] })
@Index({ properties: ['principal', 'make', 'model'] })
@Index({ properties: ['principal', 'archivedAt'] })
@Index({ properties: ['importBatch'] })
// search matches any part of a VIN, plate or serial (people type the last digits): trigram indexes
@Index({ name: 'vehicle_vin_trgm_index', expression: 'create index "vehicle_vin_trgm_index" on "vehicle" using gin ("vin" gin_trgm_ops)' })
@Index({ name: 'vehicle_plate_trgm_index', expression: 'create index "vehicle_plate_trgm_index" on "vehicle" using gin ("plate" gin_trgm_ops)' })
@Index({ name: 'vehicle_device_serial_trgm_index', expression: 'create index "vehicle_device_serial_trgm_index" on "vehicle" using gin ("device_serial" gin_trgm_ops)' })
export class Vehicle extends BaseEntity<'year' | 'plate' | 'deviceSerial' | 'deviceModel' | 'firmware' | 'archivedAt' | 'importBatch' | 'version'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @Field(() => String, { description: 'The VIN: 17 characters of the VIN alphabet, unique per principal.' })
  @Property({ type: 'text' })
  vin!: string;

  @Field(() => String, { description: 'The make, e.g. Aurora.' })
  @Property({ type: 'text' })
  make!: string;

  @Field(() => String, { description: 'The model, e.g. Orion.' })
  @Property({ type: 'text' })
  model!: string;

  @Field(() => Int, { nullable: true, description: 'The model year.' })
  @Property({ type: 'integer', nullable: true })
  year?: number | null = null;

  @Field(() => String, { nullable: true, description: 'The licence plate, upper case.' })
  @Property({ type: 'text', nullable: true })
  plate?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The telematics unit\'s serial number.' })
  @Property({ type: 'text', nullable: true })
  deviceSerial?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The telematics unit\'s model.' })
  @Property({ type: 'text', nullable: true })
  deviceModel?: string | null = null;

  @Field(() => String, { nullable: true, description: 'The telematics unit\'s firmware version.' })
  @Property({ type: 'text', nullable: true })
  firmware?: string | null = null;

  @Field(() => Date, { nullable: true, description: 'When the vehicle was archived; archived vehicles are hidden from lists by default.' })
  @Property({ ...timestamptz(), nullable: true })
  archivedAt?: Date | null = null;

  @Field(() => Date, { description: 'When the vehicle was recorded.' })
  declare createdAt: Date;

  /** the import that created it, if any */
  @ManyToOne({ entity: 'ImportBatch', nullable: true, deleteRule: 'set null' })
  importBatch?: Rel<ImportBatch> | null = null;

  /** optimistic concurrency (common/db/versioned.ts): bumped by every change */
  @Field(() => Int, { description: 'Bumped by every change to the vehicle. Send it back as `expectedVersion` when updating it: if it changed meanwhile the update answers `VersionConflictError` and writes nothing.' })
  @Property({ version: true })
  version = 1;
}
