import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from './mikro-orm.config.js';

/** Applies every committed migration that `orm`'s database lacks. Never synchronises the schema. */
export async function applyMigrations(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((m) => m.name);
}

/** Opens a short-lived connection to `clientUrl` and migrates it to the latest committed migration. */
export async function migrateToLatest(clientUrl: string): Promise<void> {
  const orm = await MikroORM.init(ormConfig(clientUrl, { pool: { min: 0, max: 2 } }));
  try {
    await applyMigrations(orm);
  } finally {
    await orm.close(true);
  }
}
