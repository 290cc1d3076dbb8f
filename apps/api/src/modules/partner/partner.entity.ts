import { Entity, Enum, Index, ManyToOne, Property, Unique } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { PARTNER_ROLES, PARTNER_STATUSES } from '@partner-hub/domain';
import type { PartnerRole, PartnerStatus } from '@partner-hub/domain';
import { BaseEntity } from '../../common/db/base.entity.js';
import { Organization } from '../organization/organization.entity.js';


/**
 * The partnership of a partner organization with one principal (DESIGN.md §1), placed in the
 * principal's sub-partner tree by `parent`. The foundation stores it so partner users have a
 * tenant; its API and screens come with the partners issue.
 */
@Entity({ tableName: 'partner' })
@Unique({ properties: ['principal', 'code'] })
@Unique({ properties: ['principal', 'organization'] })
@Index({ properties: ['principal', 'parent'] })
export class Partner extends BaseEntity<'status' | 'blocked' | 'usersBlocked' | 'allowJobOverride'> {
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  @Index()
  organization!: Rel<Organization>;

  @Enum({ items: () => [...PARTNER_ROLES], nativeEnumName: 'partner_role' })
  role!: PartnerRole;

  /** the short, human-friendly Partner ID, unique per principal */
  @Property({ type: 'text' })
  code!: string;

  @ManyToOne(() => Partner, { nullable: true, deleteRule: 'restrict' })
  parent?: Rel<Partner> | null;

  @Enum({ items: () => [...PARTNER_STATUSES], nativeEnumName: 'partner_status' })
  status: PartnerStatus = 'DRAFT';

  @Property({ type: 'boolean' })
  blocked = false;

  @Property({ type: 'boolean' })
  usersBlocked = false;

  @Property({ type: 'boolean' })
  allowJobOverride = false;
}
