import { Entity, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, principalCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { Partner } from '../partner/partner.entity.js';
import { Vehicle } from './vehicle.entity.js';

/**
 * A temporary, job-scoped permission of a service partner's people on one vehicle (DESIGN.md §3),
 * the second kind of entry in the access ledger. Active from `startsAt` until its window closes
 * (`endsAt`) or its job ends it (`endedAt`); an ended grant is never revived — re-assigning a job
 * makes a new one. Jobs create and end grants; the ledger reads them.
 */
@Entity({ tableName: 'access_grant' })
@Filter({ name: TENANT_FILTER, cond: principalCondition('principal'), default: true })
@Index({ properties: ['partner', 'vehicle'] })
@Index({ properties: ['vehicle', 'startsAt'] })
@Index({ properties: ['jobId'] })
export class AccessGrant extends BaseEntity<'endsAt' | 'endedAt' | 'endReason' | 'jobId'> {
  @ManyToOne(() => Organization, { deleteRule: 'restrict' })
  principal!: Rel<Organization>;

  @ManyToOne(() => Vehicle, { deleteRule: 'cascade' })
  vehicle!: Rel<Vehicle>;

  /** the service partner whose people the grant lets in */
  @ManyToOne(() => Partner, { deleteRule: 'cascade' })
  partner!: Rel<Partner>;

  /** the job it was made for (jobs arrive with issue 5, which adds the foreign key) */
  @Property({ type: 'uuid', nullable: true })
  jobId?: string | null = null;

  @Property(timestamptz())
  startsAt!: Date;

  @Property({ ...timestamptz(), nullable: true })
  endsAt?: Date | null = null;

  @Property({ ...timestamptz(), nullable: true })
  endedAt?: Date | null = null;

  /** why it ended early, e.g. SUCCEEDED, CANCELLED */
  @Property({ type: 'text', nullable: true })
  endReason?: string | null = null;
}
