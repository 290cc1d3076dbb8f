import { describe, expect, it } from 'vitest';
import { detectDelimiter, readCsv } from './csv-reader.js';
import { csvLines } from './csv-writer.js';

const limits = { maxRows: 10_000, maxBytes: 5 * 1024 * 1024 };

describe('readCsv', () => {
  it('reads a plain comma-separated file with LF line ends', () => {
    const { table, problems, delimiter } = readCsv('name,role\nAcme,DEALER\nBeta,OEM\n', limits);
    expect(problems).toEqual([]);
    expect(delimiter).toBe(',');
    expect(table).toEqual({
      header: ['name', 'role'],
      records: [
        { line: 2, fields: ['Acme', 'DEALER'] },
        { line: 3, fields: ['Beta', 'OEM'] },
      ],
    });
  });

  it('drops a UTF-8 BOM, from text and from bytes', () => {
    expect(readCsv('\uFEFFname,role\nA,B', limits).table?.header).toEqual(['name', 'role']);
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('name,role\nA,B')]);
    expect(readCsv(bytes, limits).table?.header).toEqual(['name', 'role']);
  });

  it('takes semicolons when the header uses them, commas staying inside fields', () => {
    const { table, delimiter } = readCsv('name;address;role\nAcme;1 Main St, Berlin;DEALER\n', limits);
    expect(delimiter).toBe(';');
    expect(table?.records[0]?.fields).toEqual(['Acme', '1 Main St, Berlin', 'DEALER']);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks, and CRLF line ends', () => {
    const text = 'name,address,role\r\n"Acme, Inc.","The ""Yard""\r\nGate 2",DEALER\r\n\r\nBeta,x,OEM\r\n';
    const { table, problems } = readCsv(text, limits);
    expect(problems).toEqual([]);
    expect(table?.records).toEqual([
      { line: 2, fields: ['Acme, Inc.', 'The "Yard"\nGate 2', 'DEALER'] },
      { line: 5, fields: ['Beta', 'x', 'OEM'] },
    ]);
  });

  it('reports rows with more or fewer fields than the header on their line', () => {
    const { table, problems } = readCsv('name,role\nA,DEALER\nB\nC,OEM,extra\n', limits);
    expect(table?.records.map((r) => r.line)).toEqual([2]);
    expect(problems).toEqual([
      { row: 3, column: null, message: expect.stringContaining('This row has 1 field(s), the header has 2') },
      { row: 4, column: null, message: expect.stringContaining('This row has 3 field(s)') },
    ]);
  });

  it('refuses bytes that are not UTF-8, and text that was decoded with replacement characters', () => {
    const latin1 = new Uint8Array([...new TextEncoder().encode('name,role\nM'), 0xfc, ...new TextEncoder().encode('nchen,DEALER\n')]);
    expect(readCsv(latin1, limits)).toMatchObject({ table: null, problems: [{ row: null, message: expect.stringContaining('not UTF-8') }] });
    expect(readCsv('name,role\nM\uFFFDnchen,DEALER', limits).problems[0]?.message).toContain('not UTF-8');
  });

  it('refuses an empty file and a file with only a header', () => {
    expect(readCsv('', limits).problems[0]?.message).toContain('empty');
    expect(readCsv(' \n\n', limits).problems[0]?.message).toContain('empty');
    expect(readCsv('name,role\n', limits).problems[0]?.message).toBe('The file has a header but no rows.');
  });

  it('refuses files over the row and size limits', () => {
    const rows = Array.from({ length: 4 }, (_, i) => `P${i},DEALER`).join('\n');
    expect(readCsv(`name,role\n${rows}`, { maxRows: 3, maxBytes: 1000 })).toMatchObject({ table: null, rowCount: 4, problems: [{ message: expect.stringContaining('at most 3 can be imported') }] });
    expect(readCsv(`name,role\n${rows}`, { maxRows: 10, maxBytes: 10 }).problems[0]?.message).toContain('MB can be imported at once');
  });

  it('reports a broken quote with its line', () => {
    expect(readCsv('name,role\nA,DEALER\n"B,OEM\n', limits).problems).toEqual([{ row: 3, column: null, message: 'A quoted field is never closed: a " is missing.' }]);
    expect(readCsv('name,role\nA,DE"AL"ER\n', limits).problems[0]).toMatchObject({ row: 2, message: expect.stringContaining('put the field in quotes') });
  });

  it('reports an unclosed quote on the line where it opens, not where the file ends', () => {
    expect(readCsv('name,role\nA,DEALER\n"B,OEM\nC,OEM\n\nD,OEM\nE,OEM\n', limits).problems).toEqual([
      { row: 3, column: null, message: 'A quoted field is never closed: a " is missing.' },
    ]);
  });

  it('names a tab or pipe separator instead of reading the header as one column', () => {
    expect(readCsv('vin\tmake\tmodel\nA\tB\tC\n', limits)).toMatchObject({ table: null, problems: [{ row: 1, column: null, message: expect.stringContaining('separated by tabs') }] });
    expect(readCsv('vin|make|model\nA|B|C\n', limits)).toMatchObject({ table: null, problems: [{ row: 1, column: null, message: expect.stringContaining('separated by | (pipes)') }] });
    // a tab inside a quoted header cell is not a separator
    expect(readCsv('"a\tb",c\n1,2\n', limits).problems).toEqual([]);
  });

  it('recognises UTF-16 text, with or without a byte order mark', () => {
    const utf16le = (text: string, bom: boolean) => new Uint8Array([...(bom ? [0xff, 0xfe] : []), ...Buffer.from(text, 'utf16le')]);
    const utf16be = (text: string) => new Uint8Array(Buffer.from(text, 'utf16le').swap16());
    for (const bytes of [utf16le('vin,make\nA,B\n', false), utf16le('vin,make\nA,B\n', true), utf16be('vin,make\nA,B\n')]) {
      expect(readCsv(bytes, limits)).toMatchObject({ table: null, problems: [{ row: null, column: null, message: expect.stringContaining('UTF-16') }] });
    }
  });

  it('refuses a NUL character in a cell, naming its row and column', () => {
    expect(readCsv('Name,Role\nA,DEALER\nB\u0000x,OEM\nC,OE\u0000M\n', limits).problems).toEqual([
      { row: 3, column: 'name', message: expect.stringContaining('NUL character') },
      { row: 4, column: 'role', message: expect.stringContaining('NUL character') },
    ]);
  });

  it('refuses text with a lone surrogate (half a character) as not UTF-8', () => {
    expect(readCsv('name,role\nA,DE\uD800\n', limits).problems[0]?.message).toContain('not UTF-8');
  });
});

describe('exported formula escapes', () => {
  it('reads the cells an export neutralised as they were, and leaves other quotes alone', () => {
    const exported = csvLines([['name', 'phone', 'note'], ['=HYPERLINK("x")', '+49 30 1234', "'plain"], ['-5', '@home', 'a=b']]);
    expect(exported).toContain("'=HYPERLINK");
    expect(exported).toContain("'+49 30 1234");
    expect(readCsv(exported, limits).table?.records.map((r) => r.fields)).toEqual([
      ['=HYPERLINK("x")', '+49 30 1234', "'plain"],
      ['-5', '@home', 'a=b'],
    ]);
  });
});

describe('detectDelimiter', () => {
  it('counts separators of the header line outside quotes only', () => {
    expect(detectDelimiter('a;b;c\n1,2,3,4,5')).toBe(';');
    expect(detectDelimiter('"a;b;c",d\n')).toBe(',');
    expect(detectDelimiter('single\n')).toBe(',');
  });
});
