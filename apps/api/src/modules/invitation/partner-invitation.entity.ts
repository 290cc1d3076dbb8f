import { Entity, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { Partner } from '../partner/partner.entity.js';

/**
 * An invitation to claim a partnership (DESIGN.md §1 "Claiming"): a single-use link whose token
 * is stored only as an HMAC hash. Re-sending revokes the open one and makes a new one.
 */
@Entity({ tableName: 'partner_invitation' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Index({ properties: ['partner', 'createdAt'] })
export class PartnerInvitation extends BaseEntity<'usedAt' | 'revokedAt' | 'declinedAt' | 'invitedByLabel'> {
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  principal!: Rel<Organization>;

  @ManyToOne(() => Partner, { deleteRule: 'cascade' })
  partner!: Rel<Partner>;

  /** where the link was sent */
  @Property({ type: 'text' })
  email!: string;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  @Property(timestamptz())
  expiresAt!: Date;

  @Property({ ...timestamptz(), nullable: true })
  usedAt?: Date | null = null;

  @Property({ ...timestamptz(), nullable: true })
  revokedAt?: Date | null = null;

  @Property({ ...timestamptz(), nullable: true })
  declinedAt?: Date | null = null;

  @Property({ type: 'text' })
  invitedByLabel = 'system';

  /** open: neither used, revoked, declined nor expired */
  isOpen(now = new Date()): boolean {
    return !this.usedAt && !this.revokedAt && !this.declinedAt && this.expiresAt > now;
  }
}
