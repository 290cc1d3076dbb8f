import { Field, ID, InputType, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { OwnerAccessKind } from '@partner-hub/domain';
import { OwnerAccessKindEnum, SortDirectionEnum, enumObject } from '../../common/graphql/enums.js';
import { EXPECTED_VERSION_RULE, UPDATE_RULE } from '../../common/graphql/update-rule.js';
import { Owner } from './owner.entity.js';
import { OWNER_SORT_FIELDS } from './owner.service.js';
import type { OwnerSortField } from './owner.service.js';

export const OwnerSortFieldEnum = enumObject<OwnerSortField>(OWNER_SORT_FIELDS);
registerEnumType(OwnerSortFieldEnum, { name: 'OwnerSortField', description: 'The column an owners list is sorted by.' });

@InputType({ description: 'Narrows a list of owners; all given conditions must hold.' })
export class OwnerFilter {
  @Field(() => String, {
    nullable: true,
    description: 'Part of the name or e-mail. For the principal\'s staff also part of the private annotation\'s display name or external user id; for anyone else never.',
  })
  search?: string | null;

  @Field(() => ID, { nullable: true, description: 'Only owners with access to this vehicle (one the viewer may see).' })
  vehicleId?: string | null;

  @Field(() => Boolean, { nullable: true, description: 'True: only archived owners. Default: only active ones.' })
  archived?: boolean | null;
}

@InputType({ description: 'How an owners list is sorted.' })
export class OwnerOrder {
  @Field(() => OwnerSortFieldEnum, { description: 'The column.' })
  field!: OwnerSortField;

  @Field(() => SortDirectionEnum, { description: 'The direction.' })
  direction!: 'ASC' | 'DESC';
}

@InputType({ description: 'An owner\'s basic data; empty optional fields are cleared.' })
export class OwnerFieldsInput {
  @Field(() => String, { description: 'The e-mail address; unique within the principal (stored in lower case).' })
  email!: string;

  @Field(() => String, { nullable: true, description: 'Full name.' })
  name?: string | null;

  @Field(() => String, { nullable: true, description: 'Phone number.' })
  phone?: string | null;
}

@InputType({ description: 'A new owner.' })
export class CreateOwnerInput extends OwnerFieldsInput {}

@InputType({ description: `New basic data for an owner. ${UPDATE_RULE}` })
export class UpdateOwnerInput extends OwnerFieldsInput {
  @Field(() => ID, { description: 'The owner.' })
  id!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_RULE })
  expectedVersion?: number | null;
}

@InputType({ description: 'Names one owner.' })
export class OwnerIdInput {
  @Field(() => ID, { description: 'The owner.' })
  id!: string;
}

@InputType({ description: `The principal's private annotation on an owner. ${UPDATE_RULE} When every field ends up empty the annotation is removed.` })
export class UpdateOwnerAnnotationInput {
  @Field(() => ID, { description: 'The owner.' })
  ownerId!: string;

  @Field(() => Int, { nullable: true, description: EXPECTED_VERSION_RULE })
  expectedVersion?: number | null;

  @Field(() => String, { nullable: true, description: 'The principal\'s own user id for this person.' })
  externalUserId?: string | null;

  @Field(() => String, { nullable: true, description: 'The name the principal shows for this person.' })
  displayName?: string | null;

  @Field(() => String, { nullable: true, description: 'The principal\'s notes on this person.' })
  description?: string | null;
}

@InputType({ description: 'Gives an owner access to a vehicle, or changes the kind of an existing access.' })
export class AddOwnerVehicleAccessInput {
  @Field(() => ID, { description: 'The owner.' })
  ownerId!: string;

  @Field(() => ID, { description: 'The vehicle.' })
  vehicleId!: string;

  @Field(() => OwnerAccessKindEnum, { description: 'OWNER or USER.' })
  kind!: OwnerAccessKind;
}

@InputType({ description: 'Takes an owner\'s access to a vehicle away.' })
export class RemoveOwnerVehicleAccessInput {
  @Field(() => ID, { description: 'The owner.' })
  ownerId!: string;

  @Field(() => ID, { description: 'The vehicle.' })
  vehicleId!: string;
}

@InputType({ description: 'An e-mail to an owner.' })
export class ContactOwnerInput {
  @Field(() => ID, { description: 'The owner.' })
  ownerId!: string;

  @Field(() => String, { description: 'The subject (1 to 200 characters); recorded in the owner\'s history.' })
  subject!: string;

  @Field(() => String, { description: 'The message (1 to 10,000 characters); sent, not recorded.' })
  message!: string;
}

@ObjectType({ description: 'The owner after a successful change.' })
export class OwnerSuccess {
  @Field(() => Owner, { description: 'The owner as it is now.' })
  owner!: Owner;
}
