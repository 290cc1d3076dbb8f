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

const NOT_UTF8 = 'The file is not UTF-8 text. Save it as "CSV UTF-8" (or CSV with UTF-8 encoding) and choose it again.';

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

interface ParsedRecord {
  record: string[];
  info: { lines: number; raw?: string };
}

/** The line a record starts on, from the line it ends on and its raw text (which carries the skipped empty lines before it). */
function startLine(endLine: number, raw: string): number {
  const inner = raw.replace(/^\n+/, '').replace(/\n$/, '');
  return endLine - (inner.match(/\n/g)?.length ?? 0);
}

/**
 * Reads a CSV file into its header and records, each record with the line it starts on.
 * @param content the file as bytes, or as text already decoded (e.g. by a browser)
 */
export function readCsv(content: string | Uint8Array, limits: CsvReadLimits = IMPORT_LIMITS): CsvRead {
  const fail = (message: string, rowCount = 0): CsvRead => ({ table: null, problems: [{ row: null, column: null, message }], delimiter: ',', rowCount });
  const bytes = typeof content === 'string' ? Buffer.byteLength(content, 'utf8') : content.byteLength;
  if (bytes > limits.maxBytes) {
    return fail(`The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; at most ${limits.maxBytes / 1024 / 1024} MB can be imported at once. Split it into smaller files.`);
  }
  const decoded = decode(content);
  if (decoded === null) return fail(NOT_UTF8);
  // one line end throughout (CRLF, LF and CR all become LF, also inside quoted fields), so the
  // parser's line count is the line number a spreadsheet shows
  const text = (decoded.startsWith('\uFEFF') ? decoded.slice(1) : decoded).replace(/\r\n?/g, '\n');
  if (text.trim() === '') return fail('The file is empty: it needs a header line and at least one row.');
  const delimiter = detectDelimiter(text);

  let parsed: ParsedRecord[];
  try {
    parsed = parse(text, {
      delimiter,
      record_delimiter: '\n',
      info: true,
      raw: true,
      relax_column_count: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof (error as CsvError & { lines?: number }).lines === 'number' ? (error as CsvError & { lines: number }).lines : null;
    const message =
      error.code === 'CSV_QUOTE_NOT_CLOSED'
        ? 'A quoted field is never closed: a " is missing.'
        : error.code === 'CSV_INVALID_CLOSING_QUOTE' || error.code === 'INVALID_OPENING_QUOTE'
          ? 'A quote sits inside a field that is not quoted: put the field in quotes and double the quotes inside it ("").'
          : `The file is not valid CSV: ${error.message}`;
    return { table: null, problems: [{ row: line, column: null, message }], delimiter, rowCount: 0 };
  }

  const [header, ...body] = parsed;
  if (!header) return fail('The file is empty: it needs a header line and at least one row.');
  if (body.length === 0) return fail('The file has a header but no rows.');
  if (body.length > limits.maxRows) {
    return fail(`The file has ${body.length.toLocaleString('en')} rows; at most ${limits.maxRows.toLocaleString('en')} can be imported at once. Split it into smaller files.`, body.length);
  }
  const problems: ImportProblem[] = [];
  const records: CsvRecord[] = [];
  for (const { record, info } of body) {
    const line = startLine(info.lines, info.raw ?? '');
    if (record.length !== header.record.length) {
      problems.push({
        row: line,
        column: null,
        message: `This row has ${record.length} field(s), the header has ${header.record.length}. Check for a missing separator, an extra one, or a field that needs quotes.`,
      });
      continue;
    }
    records.push({ line, fields: record });
  }
  return { table: { header: header.record, records }, problems, delimiter, rowCount: body.length };
}
