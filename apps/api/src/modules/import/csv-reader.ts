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
export const UTF16 = 'The file is UTF-16 text, not UTF-8. Save it as "CSV UTF-8" (or CSV with UTF-8 encoding) and choose it again.';

/** Whether the bytes open with a UTF-16 byte order mark (which is not valid UTF-8). */
export function hasUtf16Bom(head: Uint8Array): boolean {
  return head.length >= 2 && ((head[0] === 0xff && head[1] === 0xfe) || (head[0] === 0xfe && head[1] === 0xff));
}

/** A lone UTF-16 surrogate: half of a character, which no UTF-8 text (nor PostgreSQL) can hold. */
const LONE_SURROGATE = /\p{Cs}/u;

/** The text of a file: bytes must be valid UTF-8; text that went through a lenient decoder must not carry U+FFFD replacement characters or lone surrogates. */
function decode(content: string | Uint8Array): string | null {
  if (typeof content === 'string') return content.includes('\uFFFD') || LONE_SURROGATE.test(content) ? null : content;
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

const SEPARATOR_NAMES = { '\t': 'tabs', '|': '| (pipes)' } as const;

/**
 * A problem of the header line that makes reading the rest pointless: UTF-16 text without a byte
 * order mark (valid UTF-8 bytes, every other one zero), a NUL character, or a separator other than
 * `,` and `;` (which would otherwise read the whole header as one unknown column).
 */
export function headerLineProblem(text: string): ImportProblem | null {
  const end = text.indexOf('\n');
  const line = end === -1 ? text : text.slice(0, end);
  const nuls = line.split('\u0000').length - 1;
  if (nuls > 0 && nuls * 4 >= line.length) return { row: null, column: null, message: UTF16 };
  if (nuls > 0) return { row: 1, column: null, message: 'The header line contains a NUL character (\\0). Remove it and choose the file again.' };
  const counts = { ',': 0, ';': 0, '\t': 0, '|': 0 };
  let quoted = false;
  for (const char of line) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char in counts) counts[char as keyof typeof counts]++;
  }
  if (counts[','] > 0 || counts[';'] > 0) return null;
  const other = counts['\t'] >= counts['|'] ? '\t' : '|';
  if (counts[other] === 0) return null;
  return {
    row: 1,
    column: null,
    message: `The file is separated by ${SEPARATOR_NAMES[other]}; only commas or semicolons separate the columns of a CSV file. Save it as "CSV UTF-8 (comma delimited)" and choose it again.`,
  };
}

/**
 * Follows quotes and line ends across the pieces of an LF text, so an unclosed quote is reported on
 * the line where it opens (csv-parse only knows where the file ended).
 */
export class QuoteTracker {
  private line = 1;
  private quoted = false;
  /** the line of the last opening quote */
  openedOn = 1;

  feed(text: string): void {
    const marks = /["\n]/g;
    for (let match = marks.exec(text); match; match = marks.exec(text)) {
      if (match[0] === '\n') this.line++;
      else {
        this.quoted = !this.quoted;
        if (this.quoted) this.openedOn = this.line;
      }
    }
  }
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

/** A csv-parse error as a problem of its line; an unclosed quote on the line where it opened (`quoteOpenedOn`). */
export function csvErrorProblem(error: CsvError, quoteOpenedOn: number): ImportProblem {
  const reported = typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : null;
  const line = error.code === 'CSV_QUOTE_NOT_CLOSED' ? quoteOpenedOn : reported;
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

/** A cell an export wrote as `'=…`, `'+…`, `'-…`, `'@…` (csv-writer.ts) reads back as it was. */
export function withoutFormulaEscape(field: string): string {
  return /^'[=+\-@\t\r\n]/.test(field) ? field.slice(1) : field;
}

const NUL_IN_CELL = 'This cell contains a NUL character (\\0), which text cannot hold. Remove it and import again.';

/** A parsed record with the line it starts on, or — when its field count differs from the header's, or a cell holds a NUL character that PostgreSQL cannot store — its problem. */
export function toRecord({ record, info }: ParsedRecord, header: readonly string[]): { record: CsvRecord } | { problem: ImportProblem } {
  const line = startLine(info.lines, info.raw ?? '');
  if (record.length !== header.length) {
    return {
      problem: {
        row: line,
        column: null,
        message: `This row has ${record.length} field(s), the header has ${header.length}. Check for a missing separator, an extra one, or a field that needs quotes.`,
      },
    };
  }
  for (const [index, field] of record.entries()) {
    if (field.includes('\u0000')) return { problem: { row: line, column: (header[index] ?? '').trim().toLowerCase(), message: NUL_IN_CELL } };
  }
  return { record: { line, fields: record.map(withoutFormulaEscape) } };
}

/**
 * Reads a CSV file into its header and records, each record with the line it starts on.
 * @param content the file as bytes, or as text already decoded (e.g. by a browser)
 */
export function readCsv(content: string | Uint8Array, limits: CsvReadLimits = IMPORT_LIMITS): CsvRead {
  const fail = (message: string, rowCount = 0): CsvRead => ({ table: null, problems: [{ row: null, column: null, message }], delimiter: ',', rowCount });
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (bytes > limits.maxBytes) return fail(tooLarge(bytes, limits.maxBytes));
  if (typeof content !== 'string' && hasUtf16Bom(content)) return fail(UTF16);
  const decoded = decode(content);
  if (decoded === null) return fail(NOT_UTF8);
  // one line end throughout (CRLF, LF and CR all become LF, also inside quoted fields), so the
  // parser's line count is the line number a spreadsheet shows
  const text = (decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded).replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail(EMPTY_FILE);
  const headerProblem = headerLineProblem(text);
  if (headerProblem) return { table: null, problems: [headerProblem], delimiter: ',', rowCount: 0 };
  const delimiter = detectDelimiter(text);

  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, parseOptions(delimiter)) as unknown as ParsedRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const quotes = new QuoteTracker();
    quotes.feed(text);
    return { table: null, problems: [csvErrorProblem(error, quotes.openedOn)], delimiter, rowCount: 0 };
  }

  const [header, ...body] = parsed;
  if (!header) return fail(EMPTY_FILE);
  if (body.length === 0) return fail(NO_ROWS);
  if (body.length > limits.maxRows) return fail(tooManyRows(body.length, limits.maxRows), body.length);
  const problems: ImportProblem[] = [];
  const records: CsvRecord[] = [];
  for (const parsedRecord of body) {
    const read = toRecord(parsedRecord, header.record);
    if ('problem' in read) problems.push(read.problem);
    else records.push(read.record);
  }
  return { table: { header: header.record, records }, problems, delimiter, rowCount: body.length };
}
