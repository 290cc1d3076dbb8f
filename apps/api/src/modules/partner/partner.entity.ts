import { BigIntType, Entity, Enum, Filter, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { ACCOUNT_TYPES, PARTNER_ROLES, PARTNER_STATUSES } from '@partner-hub/domain';
import type { AccountType, PartnerRole, PartnerStatus } from '@partner-hub/domain';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { PartnerRoleEnum, PartnerStatusEnum } from '../../common/graphql/enums.js';
import { Organization } from '../organization/organization.entity.js';
import type { ImportBatch } from '../import/import-batch.entity.js';

/**
 * The partnership of a partner organization with one principal (DESIGN.md §1), placed in the
 * principal's sub-partner tree by `parent` (an adjacency list; subtrees are read with recursive
 * CTEs). The profile lives on the organization; agreement and settings are the principal's.
 */
@ObjectType({ description: 'A partnership: a partner organization (dealer, service partner, OEM) of one principal, with its agreement and settings.' })
@Entity({ tableName: 'partner' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Unique({ properties: ['principal', 'code'] })
@Unique({ properties: ['principal', 'organization'] })
@Index({ properties: ['principal', 'parent'] })
@Index({ properties: ['principal', 'status'] })
@Index({ properties: ['principal', 'role'] })
@Index({ properties: ['principal', 'createdAt'] })
@Index({ properties: ['importBatch'] })
export class Partner extends BaseEntity<
  'status' | 'blocked' | 'usersBlocked' | 'allowJobOverride' | 'depositMinor' | 'currency' | 'additionalCurrencies' | 'accountType' | 'archivedAt' | 'claimedAt' | 'importBatch' | 'version'
> {
  @Field(() => ID, { description: 'Opaque unique id.' })
  declare id: string;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  @Index()
  organization!: Rel<Organization>;

  @Field(() => PartnerRoleEnum, { description: 'What the partner is to the principal.' })
  @Enum({ items: () => [...PARTNER_ROLES], nativeEnumName: 'partner_role' })
  role!: PartnerRole;

  /** the short, human-friendly Partner ID, unique per principal */
  @Field(() => String, { name: 'partnerId', description: 'The short Partner ID (5 characters, e.g. VEZ9A), unique per principal; CSV files refer to partners by it.' })
  @Property({ type: 'text' })
  code!: string;

  @ManyToOne(() => Partner, { nullable: true, deleteRule: 'restrict' })
  parent?: Rel<Partner> | null;

  @Field(() => PartnerStatusEnum, { description: 'DRAFT (not invited), PENDING (invitation sent) or ACCEPTED (claimed).' })
  @Enum({ items: () => [...PARTNER_STATUSES], nativeEnumName: 'partner_status' })
  status: PartnerStatus = 'DRAFT';

  @Field(() => Boolean, { description: 'Blocked: the partner and its whole subtree have no access.' })
  @Property({ type: 'boolean' })
  blocked = false;

  @Field(() => Boolean, { description: 'The users of its sub-partners cannot sign in.' })
  @Property({ type: 'boolean' })
  usersBlocked = false;

  @Field(() => Boolean, { description: 'Its technicians may change a job\'s predefined configuration.' })
  @Property({ type: 'boolean' })
  allowJobOverride = false;

  /** agreement: deposit in minor units of `currency` */
  @Property({ type: new BigIntType('number') })
  depositMinor = 0;

  @Property({ type: 'text' })
  currency = 'EUR';

  @Property({ type: 'text[]' })
  additionalCurrencies: string[] = [];

  @Enum({ items: () => [...ACCOUNT_TYPES], nativeEnumName: 'account_type' })
  accountType: AccountType = 'PREPAID';

  @Field(() => Date, { nullable: true, description: 'When the partner was archived; archived partners are hidden from lists by default and have no access.' })
  @Property({ ...timestamptz(), nullable: true })
  archivedAt?: Date | null = null;

  @Field(() => Date, { nullable: true, description: 'When the partner claimed its organization.' })
  @Property({ ...timestamptz(), nullable: true })
  claimedAt?: Date | null = null;

  @Field(() => Date, { description: 'When the partner was created.' })
  declare createdAt: Date;

  /** the import that created it, if any */
  @ManyToOne({ entity: 'ImportBatch', nullable: true, deleteRule: 'set null' })
  importBatch?: Rel<ImportBatch> | null = null;

  /** optimistic concurrency (common/db/versioned.ts): bumped by every change */
  @Field(() => Int, { description: 'Bumped by every change to the partner (its profile, agreement, settings, place in the tree). Send it back as `expectedVersion` when updating it: if it changed meanwhile the update answers `VersionConflictError` and writes nothing.' })
  @Property({ version: true })
  version = 1;
}
