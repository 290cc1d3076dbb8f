import { parse } from 'csv-parse/sync';
import { CsvError } from 'csv-parse/sync';
import { IMPORT_LIMITS } from '@partner-hub/domain';
import type { CsvRecord, CsvTable, ImportProblem } from '@partner-hub/domain';

/**
 * The one CSV reader of every import (DESIGN.md §4), on csv-parse: UTF-8 with or without a BOM,
 * comma or semicolon separators (whichever the header line uses), quoted fields with separators,
 * quotes and line breaks inside, CRLF or LF line ends. Anything else — bytes that are not UTF-8,
 * an empty file, a record with more or fewer fields than the header, a broken quote, a file
 * over the limits — comes back as a problem with its line, never as an exception.
 */

export interface CsvReadLimits {
  maxRows: number;
  maxBytes: number;
}

export interface CsvRead {
  /** the table, when the file could be read at all */
  table: CsvTable | null;
  /** problems of the whole file (`row: null`) or of single records */
  problems: ImportProblem[];
  /** the separator the header line uses */
  delimiter: ',' | ';';
  /** how many records the file has below the header (also those with problems) */
  rowCount: number;
}

export const NOT_UTF8 = 'The file is not UTF-8 text. Save it as "CSV UTF-8" (or CSV with UTF-8 encoding) and choose it again.';

/** The text of a file: bytes must be valid UTF-8; text that went through a lenient decoder must not carry U+FFFD replacement characters. */
function decode(content: string | Uint8Array): string | null {
  if (typeof content === 'string') return content.includes('\uFFFD') ? null : content;
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(content);
  } catch {
    return null;
  }
}

/** The separator of the header line: the one of `,` and `;` that occurs more often outside quotes (a comma when neither does). */
export function detectDelimiter(text: string): ',' | ';' {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas++;
    else if (!quoted && char === ';') semicolons++;
  }
  return semicolons > commas ? ';' : ',';
}

export interface ParsedRecord {
  record: string[];
  info: { lines: number; raw?: string };
}

// The reading rules below are shared by `readCsv` (a whole file in memory) and `readCsvStream`
// (csv-stream.ts, a file read piece by piece), so both accept and refuse the same files.

export const EMPTY_FILE = 'The file is empty: it needs a header line and at least one row.';
export const NO_ROWS = 'The file has a header but no rows.';
export const tooManyRows = (rows: number, maxRows: number) =>
  `The file has ${rows.toLocaleString('en')} rows; at most ${maxRows.toLocaleString('en')} can be imported at once. Split it into smaller files.`;
export const tooLarge = (bytes: number, maxBytes: number) =>
  `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${maxBytes / 1024 / 1024} MB can be imported at once. Split it into smaller files.`;

/** csv-parse's options for text whose line ends are already LF: records with their line info and raw text, ragged rows kept (and reported), empty lines skipped. */
export function parseOptions(delimiter: ',' | ';') {
  return {
    delimiter,
    record_delimiter: '\n',
    info: true,
    raw: true,
    relax_column_count: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  } as const;
}

/** A csv-parse error as a problem of its line. */
export function csvErrorProblem(error: CsvError): ImportProblem {
  const line = typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : null;
  const message =
    error.code === 'CSV_QUOTE_NOT_CLOSED'
      ? 'A quoted field is never closed: a " is missing.'
      : error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'INVALID_OPENING_QUOTE'
        ? 'A quote sits inside a field that is not quoted: put the field in quotes and double the quotes inside it ("").'
        : `The file is not valid CSV: ${error.message}`;
  return { row: line, column: null, message };
}

/** The line a record starts on, from the line it ends on and its raw text (which carries the skipped empty lines before it). */
function startLine(endLine: number, raw: string): number {
  const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (inner.match(/\n/g)?.length ?? 0);
}

/** A parsed record with the line it starts on, or — when its field count differs from the header's — its problem. */
export function toRecord({ record, info }: ParsedRecord, headerLength: number): { record: CsvRecord } | { problem: ImportProblem } {
  const line = startLine(info.lines, info.raw ?? '');
  if (record.length !== headerLength) {
    return {
      problem: {
        row: line,
        column: null,
        message: `This row has ${record.length} field(s), the header has ${headerLength}. Check for a missing separator, an extra one, or a field that needs quotes.`,
      },
    };
  }
  return { record: { line, fields: record } };
}

/**
 * Reads a CSV file into its header and records, each record with the line it starts on.
 * @param content the file as bytes, or as text already decoded (e.g. by a browser)
 */
export function readCsv(content: string | Uint8Array, limits: CsvReadLimits = IMPORT_LIMITS): CsvRead {
  const fail = (message: string, rowCount = 0): CsvRead => ({ table: null, problems: [{ row: null, column: null, message }], delimiter: ',', rowCount });
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (bytes > limits.maxBytes) return fail(tooLarge(bytes, limits.maxBytes));
  const decoded = decode(content);
  if (decoded === null) return fail(NOT_UTF8);
  // one line end throughout (CRLF, LF and CR all become LF, also inside quoted fields), so the
  // parser's line count is the line number a spreadsheet shows
  const text = (decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded).replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail(EMPTY_FILE);
  const delimiter = detectDelimiter(text);

  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, parseOptions(delimiter)) as unknown as ParsedRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    return { table: null, problems: [csvErrorProblem(error)], delimiter, rowCount: 0 };
  }

  const [header, ...body] = parsed;
  if (!header) return fail(EMPTY_FILE);
  if (body.length === 0) return fail(NO_ROWS);
  if (body.length > limits.maxRows) return fail(tooManyRows(body.length, limits.maxRows), body.length);
  const problems: ImportProblem[] = [];
  const records: CsvRecord[] = [];
  for (const parsedRecord of body) {
    const read = toRecord(parsedRecord, header.record.length);
    if ('problem' in read) problems.push(read.problem);
    else records.push(read.record);
  }
  return { table: { header: header.record, records }, problems, delimiter, rowCount: body.length };
}
