import 'reflect-metadata';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@mikro-orm/postgresql';
import type { Options } from '@mikro-orm/postgresql';
import { ReflectMetadataProvider } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { entities } from './entities.js';
import { migrationsList } from './migrations/index.js';

const here = dirname(fileURLToPath(import.meta.url));

/** The ORM configuration for a PostgreSQL server at `clientUrl`. */
export function ormConfig(clientUrl: string, overrides: Partial<Options> = {}): Options {
  return defineConfig({
    clientUrl,
    entities,
    metadataProvider: ReflectMetadataProvider,
    discovery: { warnWhenNoEntities: true },
    extensions: [Migrator],
    migrations: {
      // new migrations are written to src (this path is used only when creating one)
      path: join(here, 'migrations').replace(/[\\/]dist[\\/]/, '/src/'),
      migrationsList,
      emit: 'ts',
      snapshot: true,
      snapshotName: '.snapshot',
      transactional: true,
      allOrNothing: true,
      silent: true,
    },
    // counters kept by triggers, not by entities (Migration20261202100000 and the counter migrations after it): the schema diff leaves them alone
    schemaGenerator: { skipTables: ['job_count', 'job_daily_count', 'job_open_day_count', 'vehicle_count', 'owner_count', 'audit_event_count'] },
    pool: { min: 0, max: 10 },
    forceUtcTimezone: true,
    // request code always works on a fork; touching the global EntityManager is a bug
    allowGlobalContext: false,
    debug: false,
    ...overrides,
  });
}

// Used by the MikroORM CLI (`npm run db:migration:create`).
export default ormConfig(process.env['DATABASE_URL'] ?? 'postgresql://postgres@127.0.0.1:5432/partner_hub_dev');
