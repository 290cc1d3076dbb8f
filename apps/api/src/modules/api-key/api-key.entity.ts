import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import type { UserRole } from '@partner-hub/domain';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, tenantCondition } from '../../common/db/tenant-filter.js';
import { UserRoleEnum } from '../../common/graphql/enums.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';

/** A secret for a partner system: one organization, one role; shown once, stored as a keyed hash. */
@ObjectType({ description: 'A secret for a partner system, acting for one organization with one role.' })
@Entity({ tableName: 'api_key' })
@Filter({ name: TENANT_FILTER, cond: tenantCondition('organization'), default: true })
export class ApiKey extends BaseEntity<'revokedAt' | 'lastUsedAt' | 'expiresAt' | 'createdBy'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @Field(() => Date, { description: 'When the key was created.' })
  declare createdAt: Date;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  @Index()
  organization!: Rel<Organization>;

  @Field(() => String, { description: 'Name of the system that uses the key.' })
  @Property({ type: 'text' })
  name!: string;

  @Field(() => UserRoleEnum, { description: 'The role the key acts with.' })
  @Enum({ items: () => Object.values(UserRoleEnum), nativeEnumName: 'user_role' })
  role!: UserRole;

  @Field(() => String, { description: 'The first characters of the secret, to recognise it by.' })
  @Property({ type: 'text' })
  prefix!: string;

  @Property({ type: 'text', unique: true, hidden: true })
  tokenHash!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null;

  @Field(() => Date, { nullable: true, description: 'After this time the key is refused.' })
  @Property({ ...timestamptz(), nullable: true })
  expiresAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'When the key was revoked.' })
  @Property({ ...timestamptz(), nullable: true })
  revokedAt?: Date | null;

  @Field(() => Date, { nullable: true, description: 'Last time the key authenticated a request (to the minute).' })
  @Property({ ...timestamptz(), nullable: true })
  lastUsedAt?: Date | null;
}

/** Whether the key authenticates requests at `now` (an entity or a plain row: common/db/plain-rows.ts). */
export function isUsable(key: Pick<ApiKey, 'revokedAt' | 'expiresAt'>, now = new Date()): boolean {
  return !key.revokedAt && (!key.expiresAt || key.expiresAt > now);
}
