import { describe, expect, it } from 'vitest';
import type { CsvRecord, ImportProblem } from '@partner-hub/domain';
import { readCsv } from './csv-reader.js';
import { readCsvStream } from './csv-stream.js';

const limits = { maxRows: 10, maxBytes: 5 * 1024 * 1024 };

/** The file's bytes in pieces of `size` (1 splits every multi-byte character, BOM and CRLF). */
async function* pieces(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let i = 0; i < bytes.length; i += size) yield bytes.subarray(i, i + size);
}

async function readStreamed(content: string | Uint8Array, size: number, batchSize = 2) {
  const bytes = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  let header: string[] | null = null;
  let delimiter: string | null = null;
  const records: CsvRecord[] = [];
  const problems: ImportProblem[] = [];
  const batches: number[] = [];
  const end = await readCsvStream(pieces(bytes, size), batchSize, limits, {
    header: (cells, sep) => {
      header = cells;
      delimiter = sep;
    },
    batch: async (batch) => {
      records.push(...batch.records);
      problems.push(...batch.problems);
      batches.push(batch.rowsSoFar);
    },
  });
  return { header, delimiter, records, problems, batches, end };
}

const FILES: Record<string, string> = {
  'BOM, semicolons, quotes, CRLF and a line break inside a field': '\uFEFFvin;title;note\r\nA1;"Fit; then test";"the ""B"" adapter"\r\n\r\nB2;"Two\r\nlines";Zürich ✓\r\nC3;x;y\r\n',
  'commas, LF, a ragged row, no final line end': 'name,role\nAcme,DEALER\nBeta\nGamma,OEM',
  'CR line ends': 'a,b\r1,2\r3,4\r',
};

describe('readCsvStream', () => {
  for (const [name, content] of Object.entries(FILES)) {
    it(`reads ${name} as readCsv does, however the bytes are split`, async () => {
      const whole = readCsv(content, limits);
      for (const size of [1, 2, 3, 7, 1024]) {
        const streamed = await readStreamed(content, size);
        expect(streamed.end.problems, `pieces of ${size}`).toEqual([]);
        expect(streamed.header).toEqual(whole.table?.header);
        expect(streamed.delimiter).toBe(whole.delimiter);
        expect(streamed.records).toEqual(whole.table?.records);
        expect(streamed.problems).toEqual(whole.problems);
        expect(streamed.end.rowCount).toBe(whole.rowCount);
      }
    });
  }

  it('hands the records on in batches, in file order', async () => {
    const { batches, records } = await readStreamed('a,b\n1,2\n3,4\n5,6\n7,8\n9,10\n', 4);
    expect(batches).toEqual([2, 4, 5]);
    expect(records.map((r) => r.line)).toEqual([2, 3, 4, 5, 6]);
  });

  it('refuses what readCsv refuses, as a problem of the whole file', async () => {
    const refused = async (content: string | Uint8Array) => (await readStreamed(content, 3)).end;
    expect(await refused(new Uint8Array([0x61, 0x2c, 0x62, 0x0a, 0xff, 0xfe, 0x0a]))).toEqual({ rowCount: 0, problems: [{ row: null, column: null, message: expect.stringContaining('not UTF-8') }] });
    expect((await refused('')).problems[0]?.message).toMatch(/empty/);
    expect((await refused('a,b\n')).problems[0]?.message).toBe('The file has a header but no rows.');
    expect((await refused('a,b\n1,"2\n')).problems[0]?.message).toMatch(/never closed/);
    const eleven = `a,b\n${'1,2\n'.repeat(11)}`;
    expect(await refused(eleven)).toEqual({ rowCount: 11, problems: [{ row: null, column: null, message: 'The file has 11 rows; at most 10 can be imported at once. Split it into smaller files.' }] });
    expect(readCsv(eleven, limits).problems).toEqual((await refused(eleven)).problems);
  });

  it('reports what readCsv reports for unclosed quotes, tab separators, UTF-16 and NUL characters', async () => {
    const files: (string | Uint8Array)[] = [
      'name,role\nA,DEALER\n"B,OEM\nC,OEM\n\nD,OEM\nE,OEM\n',
      'vin\tmake\nA\tB\n',
      'vin|make\nA|B\n',
      new Uint8Array(Buffer.from('vin,make\nA,B\n', 'utf16le')),
      new Uint8Array([0xff, 0xfe, ...Buffer.from('vin,make\nA,B\n', 'utf16le')]),
    ];
    for (const content of files) {
      const whole = readCsv(content, limits);
      expect(whole.problems).toHaveLength(1);
      for (const size of [1, 3, 1024]) expect((await readStreamed(content, size)).end.problems, `pieces of ${size}`).toEqual(whole.problems);
    }
    const nul = 'Name,Role\nA,DEALER\nB\u0000x,OEM\n';
    expect((await readStreamed(nul, 2)).problems).toEqual(readCsv(nul, limits).problems);
  });
});
