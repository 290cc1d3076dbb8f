import { DecimalType, Entity, Enum, Index, Property } from '@mikro-orm/core';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { OrganizationKind, PasswordPolicy } from '@partner-hub/domain';
import { BaseEntity } from '../../common/db/base.entity.js';
import { OrganizationKindEnum, PasswordPolicyEnum } from '../../common/graphql/enums.js';

/** A company with users: a principal (OEM, fleet operator) or a partner company (DESIGN.md §1). */
@ObjectType({ description: 'A company with users: a principal (OEM or fleet operator) or a partner company.' })
@Entity({ tableName: 'organization' })
export class Organization extends BaseEntity<'passwordPolicy'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @Field(() => OrganizationKindEnum, { description: 'Whether this organization runs an ecosystem or is a partner.' })
  @Enum({ items: () => Object.values(OrganizationKindEnum), nativeEnumName: 'organization_kind' })
  @Index()
  kind!: OrganizationKind;

  @Field(() => String, { description: 'Company name.' })
  @Index()
  @Property({ type: 'text' })
  name!: string;

  @Field(() => String, { nullable: true, description: 'Legal form (organization type), e.g. GmbH.' })
  @Property({ type: 'text', nullable: true })
  legalForm?: string | null;

  @Field(() => String, { nullable: true, description: 'Postal address.' })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact e-mail.' })
  @Property({ type: 'text', nullable: true })
  email?: string | null;

  @Field(() => String, { nullable: true, description: 'Contact phone.' })
  @Property({ type: 'text', nullable: true })
  phone?: string | null;

  @Field(() => String, { nullable: true, description: 'Region the organization works in.' })
  @Property({ type: 'text', nullable: true })
  region?: string | null;

  @Field(() => String, { nullable: true, description: 'IIN, the 12-digit tax identification number.' })
  @Property({ type: 'text', nullable: true })
  iin?: string | null;

  @Field(() => String, { nullable: true, description: 'KPP, the 9-digit tax registration reason code.' })
  @Property({ type: 'text', nullable: true })
  kpp?: string | null;

  @Field(() => Float, { nullable: true, description: 'VAT rate in percent, e.g. 19 or 7.7.' })
  @Property({ type: new DecimalType('number'), precision: 5, scale: 2, nullable: true })
  vatPercent?: number | null;

  @Field(() => String, { nullable: true, description: 'Accounting code ("1C code"): the id in the principal\'s accounting system.' })
  @Property({ type: 'text', nullable: true })
  accountingCode?: string | null;

  @Field(() => PasswordPolicyEnum, { description: 'Password policy for this organization\'s users.' })
  @Enum({ items: () => Object.values(PasswordPolicyEnum), nativeEnumName: 'password_policy' })
  passwordPolicy: PasswordPolicy = 'SIMPLE';
}
