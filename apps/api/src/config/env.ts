import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

/** The workspace root (apps/api/src/config → ../../../..), also right for the built dist/config. */
export const WORKSPACE_ROOT = fileURLToPath(new URL('../../../../', import.meta.url));

/** An optional URL; an empty value counts as unset. */
const optionalUrl = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
  z.string().trim().url().optional(),
);

/** Who learns about the schema: `signed-in` (a valid session or API key of an unblocked organization), `everyone`, `nobody`. */
const schemaDisclosure = z.enum(['signed-in', 'everyone', 'nobody']).default('signed-in');

const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().default('0.0.0.0'),
  /** the address people open; used in e-mailed links and to decide on Secure cookies */
  PUBLIC_URL: optionalUrl,
  /** PostgreSQL server; without it an embedded PostgreSQL runs under DATA_DIR */
  DATABASE_URL: optionalUrl,
  /** Redis for cross-instance events and sign-in throttling; without it both stay in-process */
  REDIS_URL: optionalUrl,
  /** SMTP server for e-mail; without it e-mails go to the development outbox */
  SMTP_URL: optionalUrl,
  SMTP_FROM: z.string().default('Partner Hub <no-reply@partner-hub.local>'),
  /** key for hashing session, API-key and invitation tokens; set it in production */
  SESSION_SECRET: z.string().min(16, 'SESSION_SECRET needs at least 16 characters.').optional(),
  /** hours a session stays valid without use */
  SESSION_IDLE_HOURS: z.coerce.number().positive().default(12),
  /** days after which a session ends regardless of use */
  SESSION_MAX_DAYS: z.coerce.number().positive().default(14),
  /** where the embedded PostgreSQL keeps its data (git-ignored) */
  DATA_DIR: z.string().default(`${WORKSPACE_ROOT}.data`),
  /** port of the embedded PostgreSQL */
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  /** seed the demo principal into an empty database at start */
  SEED_DEMO: z
    .enum(['true', 'false'])
    .default('true')
    .transform((v) => v === 'true'),
  /**
   * "Simulate technicians" (docs/development.md): move jobs along their lifecycle as their people would.
   * Unset: on for the embedded demo database in development (what `npm start` runs), off otherwise.
   */
  SIMULATE_TECHNICIANS: z
    .enum(['1', '0', 'true', 'false'])
    .optional()
    .transform((v) => (v === undefined ? undefined : v === '1' || v === 'true')),
  /** directory of the built web app served on / */
  WEB_DIST: z.string().default(`${WORKSPACE_ROOT}apps/web/dist`),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** who may introspect the schema (the in-app explorer needs it): signed-in callers, everyone or nobody */
  GRAPHQL_INTROSPECTION: schemaDisclosure,
  /** who gets graphql-js's "Did you mean …?" hints in error messages: signed-in callers, everyone or nobody */
  GRAPHQL_SUGGESTIONS: schemaDisclosure,
});

export type Env = z.infer<typeof envSchema> & { SESSION_SECRET: string; sessionSecretGenerated: boolean };

/**
 * Parses and validates the environment. The only place that reads `process.env`.
 * Without SESSION_SECRET a random one is made: sessions then end when the process restarts.
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = envSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new Error(`Invalid configuration: ${problems}`);
  }
  const secret = parsed.data.SESSION_SECRET;
  return {
    ...parsed.data,
    SESSION_SECRET: secret ?? randomBytes(32).toString('hex'),
    sessionSecretGenerated: secret === undefined,
  };
}
