import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { timestamptz } from './base.entity.js';

/** A value the server keeps about itself, by key (not tenant data: read and written only by system work at start). */
@Entity({ tableName: 'server_setting' })
export class ServerSetting {
  [OptionalProps]?: 'updatedAt';

  @PrimaryKey({ type: 'text' })
  key!: string;

  @Property({ type: 'text' })
  value!: string;

  @Property({ ...timestamptz(), onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
