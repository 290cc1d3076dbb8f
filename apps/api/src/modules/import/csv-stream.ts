import { pipeline, Readable } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import type { CsvRecord, ImportProblem } from '@partner-hub/domain';
import { EMPTY_FILE, NOT_UTF8, NO_ROWS, QuoteTracker, UTF16, csvErrorProblem, detectDelimiter, hasUtf16Bom, headerLineProblem, parseOptions, toRecord, tooManyRows } from './csv-reader.js';
import type { CsvReadLimits, ParsedRecord } from './csv-reader.js';

/**
 * The streamed twin of `readCsv` (same rules, csv-reader.ts): a file read piece by piece from any
 * source of bytes and handed on in batches of records, so memory holds one batch and never the
 * whole file. A file the rules refuse as a whole (not UTF-8, empty, broken quotes, too many rows)
 * ends with `problems` of the whole file; the caller then discards what it did with the batches.
 */

/** One batch of records, with the problems of records that could not be read (a field count unlike the header's). */
export interface CsvBatch {
  records: CsvRecord[];
  problems: ImportProblem[];
  /** records read so far, this batch included */
  rowsSoFar: number;
}

export interface CsvStreamHandlers {
  /** the header line, before the first batch */
  header(header: string[], delimiter: ',' | ';'): void | Promise<void>;
  /** each batch, in file order; the next one is read once this resolves */
  batch(batch: CsvBatch): Promise<void>;
}

export interface CsvStreamEnd {
  /** records below the header, also those with problems (and those beyond the row limit) */
  rowCount: number;
  /** problems of the whole file: when there is one, the batches must be disregarded */
  problems: ImportProblem[];
}

class NotUtf8 extends Error {}
class Utf16 extends Error {}

/** The bytes as they come, after checking their first two for a UTF-16 byte order mark (throws Utf16). */
async function* refusingUtf16(source: AsyncIterable<Uint8Array>): AsyncGenerator<Uint8Array> {
  let head: Uint8Array | null = new Uint8Array(0);
  for await (const bytes of source) {
    if (head === null) {
      yield bytes;
      continue;
    }
    head = Buffer.concat([head, bytes]);
    if (head.length < 2) continue;
    if (hasUtf16Bom(head)) throw new Utf16();
    yield head;
    head = null;
  }
  if (head?.length) yield head;
}

/** UTF-8 text of the bytes with one line end throughout (LF), without a BOM; throws NotUtf8 on bytes that are not UTF-8, Utf16 on UTF-16 with a BOM. */
async function* normalizedText(source: AsyncIterable<Uint8Array>): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
  let first = true;
  let pendingCr = false; // a CR at the end of one piece may be the first half of a CRLF
  const normalize = (text: string, last: boolean) => {
    let piece = (pendingCr ? '\r' : '') + text;
    pendingCr = !last && piece.endsWith('\r');
    if (pendingCr) piece = piece.slice(0, -1);
    return piece.replace(/\r\n?/g, '\n');
  };
  const decode = (bytes?: Uint8Array) => {
    try {
      return bytes ? decoder.decode(bytes, { stream: true }) : decoder.decode();
    } catch {
      throw new NotUtf8();
    }
  };
  for await (const bytes of refusingUtf16(source)) {
    let text = decode(bytes);
    if (first && text.length > 0) {
      if (text.startsWith('\uFEFF')) text = text.slice(1);
      first = false;
    }
    const piece = normalize(text, false);
    if (piece) yield piece;
  }
  const rest = normalize(decode(), true);
  if (rest) yield rest;
}

/** Whether the text holds a whole first line (a line end outside quotes). */
function hasHeaderLine(text: string): boolean {
  let quoted = false;
  for (const char of text) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '\n') return true;
  }
  return false;
}

/**
 * Reads a CSV file from a source of bytes in batches of `batchSize` records.
 * @param limits beyond `maxRows` records are only counted: the file is then refused as a whole
 */
export async function readCsvStream(source: AsyncIterable<Uint8Array>, batchSize: number, limits: CsvReadLimits, handlers: CsvStreamHandlers): Promise<CsvStreamEnd> {
  const fileProblem = (message: string, rowCount = 0, row: number | null = null): CsvStreamEnd => ({ rowCount, problems: [{ row, column: null, message }] });
  const text = normalizedText(source)[Symbol.asyncIterator]();

  // the separator is the header line's: read until it is whole
  let start = '';
  let ended = false;
  try {
    while (!hasHeaderLine(start)) {
      const next = await text.next();
      if (next.done) {
        ended = true;
        break;
      }
      start += next.value;
    }
  } catch (error) {
    if (error instanceof NotUtf8) return fileProblem(NOT_UTF8);
    if (error instanceof Utf16) return fileProblem(UTF16);
    throw error;
  }
  if (start.trim() === '' && ended) return fileProblem(EMPTY_FILE);
  const headerProblem = headerLineProblem(start);
  if (headerProblem) return { rowCount: 0, problems: [headerProblem] };
  const delimiter = detectDelimiter(start);

  const quotes = new QuoteTracker();
  async function* all(): AsyncGenerator<string> {
    quotes.feed(start);
    yield start;
    if (ended) return;
    for (let next = await text.next(); !next.done; next = await text.next()) {
      quotes.feed(next.value);
      yield next.value;
    }
  }
  const parser = parse(parseOptions(delimiter));
  pipeline(Readable.from(all(), { objectMode: false }), parser, () => undefined); // errors surface in the loop below

  let header: string[] | null = null;
  let rowCount = 0;
  let batch: CsvBatch = { records: [], problems: [], rowsSoFar: 0 };
  const flush = async () => {
    if (batch.records.length === 0 && batch.problems.length === 0) return;
    await handlers.batch({ ...batch, rowsSoFar: rowCount });
    batch = { records: [], problems: [], rowsSoFar: 0 };
  };
  try {
    for await (const parsed of parser as AsyncIterable<ParsedRecord>) {
      if (!header) {
        header = parsed.record;
        await handlers.header(header, delimiter);
        continue;
      }
      rowCount += 1;
      if (rowCount > limits.maxRows) continue; // only counted: the file is refused below
      const read = toRecord(parsed, header);
      if ('problem' in read) batch.problems.push(read.problem);
      else batch.records.push(read.record);
      if (batch.records.length + batch.problems.length >= batchSize) await flush();
    }
  } catch (error) {
    if (error instanceof NotUtf8) return fileProblem(NOT_UTF8, rowCount);
    if (error instanceof CsvError) return { rowCount, problems: [csvErrorProblem(error, quotes.openedOn)] };
    throw error;
  }
  if (!header) return fileProblem(EMPTY_FILE);
  if (rowCount === 0) return fileProblem(NO_ROWS);
  if (rowCount > limits.maxRows) return fileProblem(tooManyRows(rowCount, limits.maxRows), rowCount);
  await flush();
  return { rowCount, problems: [] };
}
