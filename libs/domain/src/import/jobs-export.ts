import { JOB_EXPORT_READ_ONLY_COLUMNS, JOB_IMPORT_COLUMNS, JOB_SETTING_COLUMN_PREFIX } from './jobs-import.js';

/**
 * The jobs list's CSV export (DESIGN.md §4): the columns of jobs.csv — so an export imports again —
 * with a `setting.<name>` column per named setting in the view, followed by read-only columns the
 * import accepts and ignores (they describe the exported job, they do not set anything).
 */
export type JobExportReadOnlyColumn = (typeof JOB_EXPORT_READ_ONLY_COLUMNS)[number];

/**
 * The header of a jobs export: jobs.csv's columns with the setting columns (sorted by name)
 * before `scheduled_for`, as the import documents them, then the read-only columns.
 */
export function jobExportHeader(settingNames: readonly string[]): string[] {
  const settings = [...settingNames].sort((a, b) => a.localeCompare(b, 'en')).map((name) => `${JOB_SETTING_COLUMN_PREFIX}${name}`);
  const at = JOB_IMPORT_COLUMNS.indexOf('scheduled_for');
  return [...JOB_IMPORT_COLUMNS.slice(0, at), ...settings, ...JOB_IMPORT_COLUMNS.slice(at), ...JOB_EXPORT_READ_ONLY_COLUMNS];
}
