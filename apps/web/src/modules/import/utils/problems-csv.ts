import { stringify } from 'csv-stringify/browser/esm/sync';

export type ProblemRow = { row?: number | null; column?: string | null; message: string };

/**
 * The problems of a dry run as a CSV file people open in a spreadsheet: a BOM (so spreadsheet
 * apps read it as UTF-8), a header, one line per problem; quoting by csv-stringify.
 */
export function problemsToCsv(problems: readonly ProblemRow[]): string {
  const rows = problems.map((p) => [p.row ?? '', p.column ?? '', p.message]);
  return `\uFEFF${stringify([['line', 'column', 'problem'], ...rows])}`;
}

/** `partners.csv` → `partners-problems.csv`. */
export function problemsFileName(fileName: string): string {
  const base = fileName.replace(/\.[^./\\]*$/, '') || 'import';
  return `${base}-problems.csv`;
}
