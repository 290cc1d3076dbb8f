/**
 * Names and URLs of the databases the integration-test harness creates. Pure helpers shared by
 * the global setup (main process) and `createTestDatabase()` (test workers).
 */
import { randomBytes } from 'node:crypto';

/** Template per run: `ph_template_<run>`. */
export const TEMPLATE_PREFIX = 'ph_template_';
/** Test database per file: `ph_test_<run>_<random>`. */
export const TEST_DB_PREFIX = 'ph_test_';

/** A new run id: 8 lowercase hex characters. */
export function newRunId(): string {
  return randomBytes(4).toString('hex');
}

export function templateName(runId: string): string {
  return `${TEMPLATE_PREFIX}${runId}`;
}

/** A fresh test database name belonging to the run of `template`. */
export function testDatabaseName(template: string): string {
  if (!template.startsWith(TEMPLATE_PREFIX)) throw new Error(`Not a test template database: ${template}`);
  return `${TEST_DB_PREFIX}${template.slice(TEMPLATE_PREFIX.length)}_${randomBytes(6).toString('hex')}`;
}

/** `url` with its database replaced by `database` (user, host, port and query kept). */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}
