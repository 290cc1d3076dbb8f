import { Entity, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { BaseEntity } from '../../common/db/base.entity.js';
import { TENANT_FILTER, tenantCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';

/** An e-mail kept in the development outbox because no SMTP_URL is configured. */
@ObjectType('MailMessage', { description: 'An e-mail in the development outbox (kept when no SMTP server is configured).' })
@Entity({ tableName: 'outbox_email' })
@Filter({ name: TENANT_FILTER, cond: tenantCondition('organization'), default: true })
@Index({ properties: ['organization', 'id'] })
export class OutboxEmail extends BaseEntity {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @Field(() => Date, { description: 'When it was sent.' })
  declare createdAt: Date;

  /** the organization on whose behalf it was sent; its admins see it */
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field(() => String, { description: 'Recipient address.' })
  @Property({ type: 'text' })
  to!: string;

  @Field(() => String, { description: 'Subject line.' })
  @Property({ type: 'text' })
  subject!: string;

  @Field(() => String, { description: 'Plain-text body.' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'HTML body.' })
  @Property({ type: 'text', nullable: true })
  html?: string | null;
}
