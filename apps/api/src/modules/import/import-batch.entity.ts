import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, tenantCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';

export const IMPORT_KINDS = ['PARTNERS', 'VEHICLES', 'JOBS'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export interface ImportProblem {
  /** 1-based line of the file (the header is line 1) */
  row: number;
  column: string | null;
  message: string;
}

/**
 * One CSV import (DESIGN.md §4): who, when, which file, counts and problems. The objects it
 * created point at it, so lists can be filtered by batch.
 */
@Entity({ tableName: 'import_batch' })
@Filter({ name: TENANT_FILTER, cond: tenantCondition('organization'), default: true })
@Index({ properties: ['organization', 'kind', 'createdAt'] })
export class ImportBatch extends BaseEntity<'status' | 'createdCount' | 'problems' | 'finishedAt' | 'createdBy'> {
  /** the principal (or partner) whose data the import created */
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Enum({ items: () => [...IMPORT_KINDS], nativeEnumName: 'import_kind' })
  kind!: ImportKind;

  @Enum({ items: () => [...IMPORT_STATUSES], nativeEnumName: 'import_status' })
  status: ImportStatus = 'RUNNING';

  @Property({ type: 'text' })
  fileName!: string;

  @Property({ type: 'text' })
  createdByLabel!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null = null;

  @Property({ type: 'integer' })
  rowCount!: number;

  @Property({ type: 'integer' })
  createdCount = 0;

  @Property({ type: 'jsonb' })
  problems: ImportProblem[] = [];

  @Property({ ...timestamptz(), nullable: true })
  finishedAt?: Date | null = null;
}
