import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import type { UserRole } from '@partner-hub/domain';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, tenantCondition } from '../../common/db/tenant-filter.js';
import { UserRoleEnum } from '../../common/graphql/enums.js';
import { Organization } from '../organization/organization.entity.js';

/** A person who signs in, member of exactly one organization. */
@ObjectType({ description: 'A person who signs in; member of exactly one organization.' })
@Entity({ tableName: 'app_user' })
@Filter({ name: TENANT_FILTER, cond: tenantCondition('organization'), default: true })
@Index({ properties: ['organization', 'email'] })
export class User extends BaseEntity<'active' | 'lastSignInAt' | 'preferences'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @Field(() => Date, { description: 'When the user was created.' })
  declare createdAt: Date;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  organization!: Rel<Organization>;

  @Field(() => String, { description: 'Sign-in e-mail, lower case; unique across Partner Hub.' })
  @Property({ type: 'text', unique: true })
  email!: string;

  @Field(() => String, { description: 'Display name.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => UserRoleEnum, { description: 'Role within the organization.' })
  @Enum({ items: () => Object.values(UserRoleEnum), nativeEnumName: 'user_role' })
  role!: UserRole;

  /** scrypt hash in the `scrypt$N$r$p$salt$hash` format of password.ts */
  @Property({ type: 'text', lazy: true, hidden: true })
  passwordHash!: string;

  @Field(() => Boolean, { description: 'False once deactivated: the user can no longer sign in and their sessions end.' })
  @Property({ type: 'boolean' })
  active = true;

  @Field(() => Date, { nullable: true, description: 'Time of the last successful sign-in.' })
  @Property({ ...timestamptz(), nullable: true })
  lastSignInAt?: Date | null;

  /** The user's own settings (libs/domain preferences: allowlisted keys); exposed only as `Viewer.preferences`, never on User. */
  @Property({ type: 'jsonb', default: '{}', hidden: true })
  preferences: Record<string, unknown> = {};
}
