import { stringify } from 'csv-stringify/sync';

/**
 * The one CSV writer of every export. A cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is a formula to a spreadsheet (CSV injection, OWASP): such cells are written with a leading
 * `'`, which spreadsheets show as text. The imports take the `'` off again (`withoutFormulaEscape` in
 * csv-reader.ts), so an exported file — phone numbers such as `+49 30 1234` included — imports as it was.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A cell as an export writes it: formula-looking text neutralised. */
export function neutralizeFormula(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

/** CSV lines of `records` (header rows included), each text cell neutralised. */
export function csvLines(records: unknown[][], options: { bom?: boolean } = {}): string {
  return stringify(records, { ...options, cast: { string: neutralizeFormula } });
}
