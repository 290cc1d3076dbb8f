import { Migration20261123163207 } from './Migration20261123163207.js';
import { Migration20261123181617 } from './Migration20261123181617.js';
import { Migration20261123211415 } from './Migration20261123211415.js';
import { Migration20261123220239 } from './Migration20261123220239.js';
import { Migration20261124001916 } from './Migration20261124001916.js';
import { Migration20261124002056 } from './Migration20261124002056.js';
import { Migration20261124004831 } from './Migration20261124004831.js';
import { Migration20261201000000 } from './Migration20261201000000.js';
import { Migration20261202071347 } from './Migration20261202071347.js';
import { Migration20261202100000 } from './Migration20261202100000.js';
import { Migration20261202120000 } from './Migration20261202120000.js';
import { Migration20261202130000 } from './Migration20261202130000.js';
import { Migration20261202161029 } from './Migration20261202161029.js';
import { Migration20261202164000 } from './Migration20261202164000.js';

/**
 * Every committed migration, in order. Listed explicitly (not found by globbing) so the same
 * code runs from TypeScript sources under Vitest and from the built JavaScript.
 * `npm run db:migration:create` writes a new file: add it here.
 */
export const migrationsList = [
  { name: 'Migration20261123163207', class: Migration20261123163207 },
  { name: 'Migration20261123181617', class: Migration20261123181617 },
  { name: 'Migration20261123211415', class: Migration20261123211415 },
  { name: 'Migration20261123220239', class: Migration20261123220239 },
  { name: 'Migration20261124001916', class: Migration20261124001916 },
  { name: 'Migration20261124002056', class: Migration20261124002056 },
  { name: 'Migration20261124004831', class: Migration20261124004831 },
  { name: 'Migration20261201000000', class: Migration20261201000000 },
  { name: 'Migration20261202071347', class: Migration20261202071347 },
  { name: 'Migration20261202100000', class: Migration20261202100000 },
  { name: 'Migration20261202120000', class: Migration20261202120000 },
  { name: 'Migration20261202130000', class: Migration20261202130000 },
  { name: 'Migration20261202161029', class: Migration20261202161029 },
  { name: 'Migration20261202164000', class: Migration20261202164000 },
];
