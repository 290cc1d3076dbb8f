import { Entity, Enum, Filter, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType, registerEnumType } from 'type-graphql';
import type { ImportProblem } from '@partner-hub/domain';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { TENANT_FILTER, tenantCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';
import { enumObject } from '../../common/graphql/enums.js';
import { ImportProblemType } from './import.types.js';

export const IMPORT_KINDS = ['PARTNERS', 'VEHICLES', 'JOBS'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const IMPORT_STATUSES = ['RUNNING', 'SUCCEEDED', 'FAILED'] as const;
export type ImportStatus = (typeof IMPORT_STATUSES)[number];

export type { ImportProblem };

export const ImportKindEnum = enumObject<ImportKind>(IMPORT_KINDS);
registerEnumType(ImportKindEnum, { name: 'ImportKind', description: 'What a CSV import creates: PARTNERS, VEHICLES or JOBS.' });
export const ImportStatusEnum = enumObject<ImportStatus>(IMPORT_STATUSES);
registerEnumType(ImportStatusEnum, {
  name: 'ImportStatus',
  description: 'RUNNING: being committed (in the background). SUCCEEDED: every row was created. FAILED: the file had problems (or the import was interrupted) and nothing was created.',
});

/**
 * One CSV import (DESIGN.md §4): who, when, which file, counts and problems. The objects it
 * created point at it, so lists can be filtered by batch.
 */
@ObjectType({ description: 'One CSV import: who ran it, when, on which file, how many rows it had and created, and its problems.' })
@Entity({ tableName: 'import_batch' })
@Filter({ name: TENANT_FILTER, cond: tenantCondition('organization'), default: true })
@Index({ properties: ['organization', 'kind', 'createdAt'] })
export class ImportBatch extends BaseEntity<'status' | 'createdCount' | 'processedRows' | 'problemCount' | 'problems' | 'finishedAt' | 'createdBy'> {
  @Field(() => ID, { description: 'Opaque unique id; filter a list by it (PartnerFilter.importBatchId, VehicleFilter.importBatchId, JobFilter.importBatchId).' })
  declare id: string;

  @Field(() => Date, { description: 'When the import was run.' })
  declare createdAt: Date;

  /** the principal (or partner) whose data the import created */
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @Field(() => ImportKindEnum, { description: 'What the import creates.' })
  @Enum({ items: () => [...IMPORT_KINDS], nativeEnumName: 'import_kind' })
  kind!: ImportKind;

  @Field(() => ImportStatusEnum, { description: 'How the import ended.' })
  @Enum({ items: () => [...IMPORT_STATUSES], nativeEnumName: 'import_status' })
  status: ImportStatus = 'RUNNING';

  @Field(() => String, { description: 'The name of the imported file.' })
  @Property({ type: 'text' })
  fileName!: string;

  /** the e-mail or API key name of whoever ran it, kept when the user is gone */
  @Field(() => String, { description: 'Who ran the import: an e-mail or an API key\'s name.' })
  @Property({ type: 'text' })
  createdByLabel!: string;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null = null;

  @Field(() => Int, { description: 'How many rows the file had (the header not counted). While a jobs import is RUNNING: the rows its dry run counted (0 without one).' })
  @Property({ type: 'integer' })
  rowCount!: number;

  @Field(() => Int, { description: 'How many objects the import created.' })
  @Property({ type: 'integer' })
  createdCount = 0;

  @Field(() => Int, { description: 'How many rows have been checked (and, while no problem was found, written) so far: with rowCount, the progress of a RUNNING import.' })
  @Property({ type: 'integer', default: 0 })
  processedRows = 0;

  @Field(() => Int, { description: 'How many problems the file has (problems keeps the first 1,000).' })
  @Property({ type: 'integer', default: 0 })
  problemCount = 0;

  @Field(() => [ImportProblemType], { description: 'The problems that stopped a failed import (at most the first 1,000).' })
  @Property({ type: 'jsonb' })
  problems: ImportProblem[] = [];

  @Field(() => Date, { nullable: true, description: 'When the import ended.' })
  @Property({ ...timestamptz(), nullable: true })
  finishedAt?: Date | null = null;
}
