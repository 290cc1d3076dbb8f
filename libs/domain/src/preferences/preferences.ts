import { z } from 'zod';

/**
 * A user's own preferences (e.g. which columns a list shows), kept on the server so they follow
 * the user across browsers. Only the keys listed here may be stored, each with its own shape,
 * so the column cannot grow into a dumping ground.
 */

/** The columns the jobs list can show, in the table's order. */
export const JOB_LIST_COLUMNS = ['title', 'kind', 'status', 'vehicle', 'servicePartner', 'scheduledFor', 'attempt', 'createdAt', 'template', 'importBatch'] as const;
export type JobListColumn = (typeof JOB_LIST_COLUMNS)[number];

/** What the jobs list shows before the user chooses. */
export const DEFAULT_JOB_LIST_COLUMNS: JobListColumn[] = ['title', 'vehicle', 'servicePartner', 'status', 'scheduledFor', 'attempt', 'createdAt'];

/** Every preference key and the shape of its value. */
export const PREFERENCE_SCHEMAS = {
  'jobs.columns': z
    .array(z.enum(JOB_LIST_COLUMNS, { message: `A column is one of ${JOB_LIST_COLUMNS.join(', ')}.` }))
    .min(1, 'Keep at least one column.')
    .refine((columns) => new Set(columns).size === columns.length, 'Each column may be listed once.'),
} as const;

export type PreferenceKey = keyof typeof PREFERENCE_SCHEMAS;
export type PreferenceValue<K extends PreferenceKey> = z.output<(typeof PREFERENCE_SCHEMAS)[K]>;
export const PREFERENCE_KEYS = Object.keys(PREFERENCE_SCHEMAS) as PreferenceKey[];

/** The most one preference's value may take, as JSON text. */
export const MAX_PREFERENCE_BYTES = 2048;

export type PreferenceCheck = { ok: true; key: PreferenceKey; value: unknown } | { ok: false; field: 'key' | 'value'; message: string };

/** Whether `value` may be stored under `key`: a known key, a value of at most MAX_PREFERENCE_BYTES, of the key's shape. */
export function checkPreference(key: string, value: unknown): PreferenceCheck {
  if (!Object.hasOwn(PREFERENCE_SCHEMAS, key)) return { ok: false, field: 'key', message: `Unknown preference "${key.slice(0, 60)}"; known: ${PREFERENCE_KEYS.join(', ')}.` };
  const size = new TextEncoder().encode(JSON.stringify(value ?? null)).length;
  if (size > MAX_PREFERENCE_BYTES) return { ok: false, field: 'value', message: `A preference holds at most ${MAX_PREFERENCE_BYTES} bytes; this one has ${size}.` };
  const parsed = PREFERENCE_SCHEMAS[key as PreferenceKey].safeParse(value);
  if (!parsed.success) return { ok: false, field: 'value', message: parsed.error.issues[0]?.message ?? 'This value does not fit the preference.' };
  return { ok: true, key: key as PreferenceKey, value: parsed.data };
}

/** The stored value of a preference when it still fits its shape (columns may be dropped later), else the default. */
export function readPreference<K extends PreferenceKey>(stored: Record<string, unknown> | null | undefined, key: K, fallback: PreferenceValue<K>): PreferenceValue<K> {
  const parsed = PREFERENCE_SCHEMAS[key].safeParse(stored?.[key]);
  return parsed.success ? parsed.data : fallback;
}
