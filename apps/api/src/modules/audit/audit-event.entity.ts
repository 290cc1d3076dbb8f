import { Entity, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { GraphQLJSONObject } from 'graphql-scalars';
import { BaseEntity } from '../../common/db/base.entity.js';
import { TENANT_FILTER, tenantCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';
import { ApiKey } from '../api-key/api-key.entity.js';

/** Field-level changes: `{ field: { from, to } }`. Secrets are never recorded. */
export type AuditChanges = Record<string, { from: unknown; to: unknown }>;

/**
 * Who did what to which object, when, and what changed. Written in the same transaction as
 * the change. Ids are UUIDv7, so "newest first" pages run on the primary key.
 */
@ObjectType({ description: 'Who (a user or an API key) did what to which object, when, and what changed.' })
@Entity({ tableName: 'audit_event' })
@Filter({ name: TENANT_FILTER, cond: tenantCondition('organization'), default: true })
@Index({ properties: ['organization', 'id'] })
@Index({ properties: ['organization', 'objectType', 'objectId'] })
@Index({ properties: ['organization', 'action'] })
@Index({ properties: ['organization', 'actorUser'] })
export class AuditEvent extends BaseEntity<'changes' | 'actorUser' | 'actorApiKey'> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  /** the organization whose data changed; its admins read the event */
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  organization!: Rel<Organization>;

  @Field(() => String, { description: 'What was done, as `object.verb`, e.g. `user.create`.' })
  @Property({ type: 'text' })
  action!: string;

  @Field(() => String, { description: 'Type of the changed object, e.g. `User`.' })
  @Property({ type: 'text' })
  objectType!: string;

  @Field(() => String, { description: 'Id of the changed object.' })
  @Property({ type: 'text' })
  objectId!: string;

  @Field(() => String, { description: 'Who did it, as shown at the time: an e-mail or an API key name.' })
  @Property({ type: 'text' })
  actorLabel!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  actorUser?: Rel<User> | null;

  @ManyToOne(() => ApiKey, { nullable: true, deleteRule: 'set null' })
  actorApiKey?: Rel<ApiKey> | null;

  @Field(() => GraphQLJSONObject, { nullable: true, description: 'Changed fields: `{ field: { from, to } }`.' })
  @Property({ type: 'json', nullable: true })
  changes?: AuditChanges | null;
}
