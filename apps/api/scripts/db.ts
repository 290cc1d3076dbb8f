/**
 * Database chores against DATABASE_URL, or the embedded PostgreSQL under DATA_DIR (as `npm start` uses it):
 *   migrate  apply committed migrations
 *   seed     seed the demo into an empty database
 *   reset    drop every table and type, migrate, seed (asks nothing: meant for development data only)
 */
import { join } from 'node:path';
import { MikroORM } from '@mikro-orm/postgresql';
import { loadEnv } from '../src/config/env.js';
import { createLogger } from '../src/common/observability/logger.js';
import { startEmbeddedPostgres } from '../src/db/embedded-postgres.js';
import { ormConfig } from '../src/db/mikro-orm.config.js';
import { applyMigrations } from '../src/db/migrate.js';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seeders/demo.seeder.js';

const command = process.argv[2];
if (!['migrate', 'seed', 'reset'].includes(command ?? '')) {
  process.stderr.write('usage: db.ts migrate|seed|reset\n');
  process.exit(2);
}
const env = loadEnv();
const logger = createLogger(env.LOG_LEVEL);
const embedded = env.DATABASE_URL ? null : await startEmbeddedPostgres({ dataDir: join(env.DATA_DIR, 'postgres'), port: env.EMBEDDED_PG_PORT, logger });
const orm = await MikroORM.init(ormConfig(embedded?.url ?? (env.DATABASE_URL as string)));
try {
  if (command === 'reset') {
    await orm.schema.dropSchema({ dropMigrationsTable: true });
    await orm.em.getConnection().execute('drop type if exists organization_kind, password_policy, partner_role, partner_status, user_role cascade');
  }
  const applied = await applyMigrations(orm);
  logger.info({ applied }, 'migrations applied');
  if (command !== 'migrate') {
    const logins = await seedDemo(orm);
    logger.info(logins ? { logins, password: DEMO_PASSWORD } : {}, logins ? 'demo seeded' : 'database not empty: demo not seeded');
  }
} finally {
  await orm.close();
  await embedded?.stop();
}
