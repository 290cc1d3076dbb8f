import { OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';
import { v7 as uuidv7 } from 'uuid';

/**
 * Columns every table has. Ids are UUIDv7 made in code: opaque to clients, yet time-ordered,
 * so keyset pagination "newest first" can run on the primary key alone.
 */
export abstract class BaseEntity<Optional extends string = never> {
  [OptionalProps]?: 'id' | 'createdAt' | 'updatedAt' | Optional;

  @PrimaryKey({ type: 'uuid' })
  id: string = uuidv7();

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'datetime', columnType: 'timestamptz', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}

/** Column options for a `timestamptz`. */
export const timestamptz = () => ({ type: 'datetime', columnType: 'timestamptz' }) as const;
