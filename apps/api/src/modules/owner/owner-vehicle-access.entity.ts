import { Entity, Enum, Filter, Index, ManyToOne, Unique } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { OWNER_ACCESS_KINDS } from '@partner-hub/domain';
import type { OwnerAccessKind } from '@partner-hub/domain';
import { Field, ID, ObjectType } from 'type-graphql';
import { OwnerAccessKindEnum } from '../../common/graphql/enums.js';
import { BaseEntity } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { Vehicle } from '../vehicle/vehicle.entity.js';
import { Owner } from './owner.entity.js';
import type { ImportBatch } from '../import/import-batch.entity.js';

/** An owner's access to a vehicle: as its OWNER or as a USER (DESIGN.md §1). */
@ObjectType({ description: 'An owner\'s access to a vehicle: as its OWNER or as a USER.' })
@Entity({ tableName: 'owner_vehicle_access' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Unique({ properties: ['owner', 'vehicle'] })
@Index({ properties: ['vehicle'] })
@Index({ properties: ['importBatch'] })
export class OwnerVehicleAccess extends BaseEntity<'importBatch'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @ManyToOne(() => Owner, { deleteRule: 'cascade' })
  owner!: Rel<Owner>;

  @ManyToOne(() => Vehicle, { deleteRule: 'cascade' })
  vehicle!: Rel<Vehicle>;

  @Field(() => OwnerAccessKindEnum, { description: 'OWNER or USER.' })
  @Enum({ items: () => [...OWNER_ACCESS_KINDS], nativeEnumName: 'owner_access_kind' })
  kind!: OwnerAccessKind;

  @ManyToOne({ entity: 'ImportBatch', nullable: true, deleteRule: 'set null' })
  importBatch?: Rel<ImportBatch> | null = null;
}
