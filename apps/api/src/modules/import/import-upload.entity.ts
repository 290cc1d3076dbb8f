import { Entity, Filter, Index, ManyToOne, PrimaryKey, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { BaseEntity } from '../../common/db/base.entity.js';
import { TENANT_FILTER, tenantCondition } from '../../common/db/tenant-filter.js';
import { Organization } from '../organization/organization.entity.js';
import { User } from '../user/user.entity.js';

/**
 * A file uploaded for an import (POST /imports/uploads), kept in PostgreSQL in chunks so any API
 * instance can check and import it, and so no process ever holds the whole file. Uploads older
 * than a day are removed when the organization uploads again.
 */
@Entity({ tableName: 'import_upload' })
@Filter({ name: TENANT_FILTER, cond: tenantCondition('organization'), default: true })
@Index({ properties: ['organization', 'createdAt'] })
export class ImportUpload extends BaseEntity<'byteSize' | 'rowCount' | 'createdBy'> {
  /** the organization that uploaded it: only its staff may use it */
  @ManyToOne(() => Organization, { deleteRule: 'cascade' })
  organization!: Rel<Organization>;

  @ManyToOne(() => User, { nullable: true, deleteRule: 'set null' })
  createdBy?: Rel<User> | null = null;

  @Property({ type: 'text' })
  fileName!: string;

  /** bytes received (final once the upload has ended) */
  @Property({ type: 'bigint', columnType: 'bigint' })
  byteSize = 0;

  /** how many rows a dry run found (the total a progress bar counts towards), or null before one */
  @Property({ type: 'integer', nullable: true })
  rowCount?: number | null = null;
}

/** One piece of an uploaded file (about 1 MB), in order of `seq`. */
@Entity({ tableName: 'import_upload_chunk' })
export class ImportUploadChunk {
  @ManyToOne(() => ImportUpload, { primary: true, deleteRule: 'cascade' })
  upload!: Rel<ImportUpload>;

  @PrimaryKey({ type: 'integer' })
  seq!: number;

  @Property({ type: 'blob', columnType: 'bytea' })
  data!: Buffer;
}
