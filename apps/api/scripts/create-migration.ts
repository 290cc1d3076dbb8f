/**
 * Writes a new migration for the difference between the entities and the last migration's
 * snapshot. Needs a PostgreSQL server: DATABASE_URL, or the machine's server on 127.0.0.1:5432.
 * Usage: npm run db:migration:create [-- --initial]
 */
import { MikroORM } from '@mikro-orm/postgresql';
import { ormConfig } from '../src/db/mikro-orm.config.js';

const url = process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/partner_hub_migrations';
const orm = await MikroORM.init(ormConfig(url));
try {
  await orm.schema.ensureDatabase();
  const migrator = orm.getMigrator();
  await migrator.up();
  const result = await migrator.createMigration(undefined, false, process.argv.includes('--initial'));
  process.stdout.write(result.fileName ? `created ${result.fileName}\n` : 'no changes: entities match the migrations\n');
} finally {
  await orm.close(true);
}
