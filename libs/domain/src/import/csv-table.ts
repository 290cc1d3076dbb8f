/**
 * The format-independent half of a CSV import (DESIGN.md §4): a table of text fields, as a CSV
 * reader produced it, turned into named values by its header. Reading bytes (encoding,
 * separators, quotes, line ends) is the reader's job in the API; nothing here parses CSV.
 */

/** One problem of an import, by line of the file (the header is line 1) and column. */
export interface ImportProblem {
  /** 1-based line of the file where the record starts; `null` for a problem of the whole file */
  row: number | null;
  /** the column (as the import format names it, lower case), when the problem is in one field */
  column: string | null;
  message: string;
}

/** One record of a CSV file: its fields and the line it starts on. */
export interface CsvRecord {
  line: number;
  fields: string[];
}

/** A CSV file as read: the header's names and the records below it. */
export interface CsvTable {
  header: string[];
  records: CsvRecord[];
}

/** Where each known column sits in the file; unknown and duplicate columns are problems of line 1. */
export interface HeaderMapping<K extends string> {
  indexOf: ReadonlyMap<K, number>;
  problems: ImportProblem[];
}

/** How a header cell is matched: trimmed and lower-cased, so `Partner_ID ` is `partner_id`. */
export function normalizeHeaderName(name: string): string {
  return name.trim().toLowerCase();
}

/**
 * Maps a file's header onto the columns an import knows (case-insensitively).
 * @param header the header cells as they appear in the file
 * @param columns every column the import understands
 * @param required the columns that must be present
 */
export function mapHeader<K extends string>(header: readonly string[], columns: readonly K[], required: readonly K[]): HeaderMapping<K> {
  const known = new Set<string>(columns);
  const indexOf = new Map<K, number>();
  const problems: ImportProblem[] = [];
  header.forEach((cell, index) => {
    const name = normalizeHeaderName(cell);
    if (name === '') {
      problems.push({ row: 1, column: null, message: `Column ${index + 1} has no name in the header.` });
    } else if (!known.has(name)) {
      problems.push({ row: 1, column: cell.trim(), message: `Unknown column "${cell.trim()}". Known columns: ${columns.join(', ')}.` });
    } else if (indexOf.has(name as K)) {
      problems.push({ row: 1, column: name, message: `The column "${name}" appears more than once in the header.` });
    } else {
      indexOf.set(name as K, index);
    }
  });
  for (const column of required) {
    if (!indexOf.has(column)) problems.push({ row: 1, column, message: `The required column "${column}" is missing from the header.` });
  }
  return { indexOf, problems };
}

/** A record's values by column name; columns absent from the file read as `''`. */
export function recordValues<K extends string>(record: CsvRecord, mapping: HeaderMapping<K>, columns: readonly K[]): Record<K, string> {
  const values = {} as Record<K, string>;
  for (const column of columns) {
    const index = mapping.indexOf.get(column);
    values[column] = index === undefined ? '' : (record.fields[index] ?? '');
  }
  return values;
}

/** Problems in file order: by line (whole-file problems first), then in the order they were found. */
export function sortProblems(problems: readonly ImportProblem[]): ImportProblem[] {
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => (a.problem.row ?? 0) - (b.problem.row ?? 0) || a.index - b.index)
    .map(({ problem }) => problem);
}
