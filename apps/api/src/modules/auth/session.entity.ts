import { Entity, Index, ManyToOne, Property } from '@mikro-orm/core';
import type { Rel } from '@mikro-orm/core';
import { BaseEntity, timestamptz } from '../../common/db/base.entity.js';
import { User } from '../user/user.entity.js';

/** A signed-in browser. The cookie holds a random token; only its keyed hash is stored. */
@Entity({ tableName: 'session' })
export class Session extends BaseEntity<'revokedAt' | 'lastSeenAt'> {
  @ManyToOne(() => User, { deleteRule: 'cascade' })
  @Index()
  user!: Rel<User>;

  @Property({ type: 'text', unique: true })
  tokenHash!: string;

  /** slides forward with use, never past `absoluteExpiresAt` */
  @Property(timestamptz())
  expiresAt!: Date;

  @Property(timestamptz())
  absoluteExpiresAt!: Date;

  @Property(timestamptz())
  lastSeenAt: Date = new Date();

  @Property({ ...timestamptz(), nullable: true })
  revokedAt?: Date | null;

  @Property({ type: 'text', nullable: true })
  userAgent?: string | null;

  @Property({ type: 'text', nullable: true })
  ip?: string | null;
}
