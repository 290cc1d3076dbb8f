import { describe, expect, it } from 'vitest';
import { MAX_TREE_DEPTH } from '../partner/partner-tree.js';
import { isValidPartnerCode } from '../partner/partner-code.js';
import { mapHeader, normalizeHeaderName, sortProblems } from './csv-table.js';
import type { CsvTable } from './csv-table.js';
import { PARTNER_IMPORT_COLUMNS, finishPartnersPlan, readPartnerRow, readPartnersTable } from './partners-import.js';
import type { PartnerImportColumn, PartnersImportContext } from './partners-import.js';

const HEADER = ['partner_id', 'name', 'role', 'parent_partner_id', 'email', 'iin', 'kpp', 'vat', 'currency', 'pricing_plan'];

/** A table with the header above; each row gives the cells it cares about. */
function table(rows: Partial<Record<PartnerImportColumn, string>>[], header = HEADER): CsvTable {
  return {
    header,
    records: rows.map((row, i) => ({ line: i + 2, fields: header.map((h) => row[h as PartnerImportColumn] ?? '') })),
  };
}

const empty: PartnersImportContext = { existingCodes: new Set(), existingParents: new Map() };

function plan(rows: Partial<Record<PartnerImportColumn, string>>[], context: PartnersImportContext = empty) {
  return finishPartnersPlan(readPartnersTable(table(rows)), context);
}

const row = (partnerId: string, parent = '', extra: Partial<Record<PartnerImportColumn, string>> = {}) => ({
  partner_id: partnerId,
  name: `Partner ${partnerId || 'new'}`,
  role: 'DEALER',
  parent_partner_id: parent,
  ...extra,
});

describe('mapHeader', () => {
  it('matches header names case-insensitively and ignores surrounding spaces', () => {
    const mapping = mapHeader([' Partner_ID', 'NAME ', 'Role'], PARTNER_IMPORT_COLUMNS, ['name', 'role']);
    expect(mapping.problems).toEqual([]);
    expect([...mapping.indexOf]).toEqual([
      ['partner_id', 0],
      ['name', 1],
      ['role', 2],
    ]);
    expect(normalizeHeaderName(' Accounting_Code ')).toBe('accounting_code');
  });

  it('reports unknown, duplicate, unnamed and missing required columns on line 1', () => {
    const { problems } = mapHeader(['name', 'colour', 'NAME', ''], PARTNER_IMPORT_COLUMNS, ['name', 'role']);
    expect(problems).toEqual([
      { row: 1, column: 'colour', message: expect.stringContaining('Unknown column "colour"') },
      { row: 1, column: 'name', message: expect.stringContaining('more than once') },
      { row: 1, column: null, message: 'Column 4 has no name in the header.' },
      { row: 1, column: 'role', message: 'The required column "role" is missing from the header.' },
    ]);
  });
});

describe('readPartnerRow', () => {
  const values = (cells: Partial<Record<PartnerImportColumn, string>>) =>
    Object.fromEntries(PARTNER_IMPORT_COLUMNS.map((c) => [c, cells[c] ?? ''])) as Record<PartnerImportColumn, string>;

  it('normalizes a good row: role in any case, codes upper-cased, VAT as a number, currency defaulted', () => {
    const result = readPartnerRow(7, values({ name: ' Acme ', role: 'service_partner', partner_id: 'ab12c', parent_partner_id: ' wk3de ', vat: '7,7', email: 'A@B.example' }));
    expect(result.problems).toEqual([]);
    expect(result.row).toMatchObject({ line: 7, role: 'SERVICE_PARTNER', partnerId: 'AB12C', parentPartnerId: 'WK3DE', currency: 'EUR', profile: { name: 'Acme', vatPercent: 7.7, email: 'a@b.example' } });
  });

  it('reports each bad field on its own column with the form message', () => {
    const result = readPartnerRow(3, values({ name: '', role: 'reseller', email: 'nope', iin: '123', kpp: '12345678X', vat: '101', currency: 'EURO', partner_id: 'TOO-LONG' }));
    expect(result.row).toBeNull();
    expect(Object.fromEntries(result.problems.map((p) => [p.column, p.message]))).toEqual({
      name: "Enter the partner's name.",
      email: 'Enter a valid e-mail address, like name@company.com.',
      iin: 'The IIN has 12 digits.',
      kpp: 'The KPP has 9 digits.',
      vat: 'The VAT rate is a number from 0 to 100 with at most 2 decimals, like 19 or 7.7.',
      role: 'Unknown role "reseller": use DEALER, SERVICE_PARTNER or OEM.',
      partner_id: 'A Partner ID has 5 letters or digits, like VEZ9A.',
      currency: 'Enter a currency as its 3-letter ISO code, like EUR or USD.',
    });
    expect(result.problems.every((p) => p.row === 3)).toBe(true);
  });

  it('keeps a pricing plan out and says so as a warning, not a problem', () => {
    const result = readPartnerRow(2, values({ name: 'A', role: 'OEM', pricing_plan: 'Gold' }));
    expect(result.problems).toEqual([]);
    expect(result.row).not.toBeNull();
    expect(result.warnings).toEqual([{ row: 2, column: 'pricing_plan', message: expect.stringContaining('"Gold" was left out') }]);
  });
});

describe('planning an import', () => {
  it('orders parents before children, also when a parent comes later in the file', () => {
    const result = plan([row('CHLD1', 'MIDL1'), row('MIDL1', 'ROOT1'), row('ROOT1')]);
    expect(result.problems).toEqual([]);
    expect(result.planned.map((p) => [p.code, p.depth, p.parentInFile])).toEqual([
      ['ROOT1', 0, false],
      ['MIDL1', 1, true],
      ['CHLD1', 2, true],
    ]);
  });

  it('generates free Partner IDs for empty cells, avoiding existing and in-file codes', () => {
    let n = 0;
    const sequence = [0, 0, 0, 0, 0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.9, 0.9, 0.9, 0.9, 0.9];
    const random = () => sequence[n++ % sequence.length] ?? 0;
    const result = plan([row(''), row('')], { existingCodes: new Set(['22222']), existingParents: new Map(), random });
    expect(result.problems).toEqual([]);
    const codes = result.planned.map((p) => p.code);
    expect(codes.every(isValidPartnerCode)).toBe(true);
    expect(new Set(codes).size).toBe(2);
    expect(codes).not.toContain('22222');
    expect(result.planned.every((p) => p.generatedCode)).toBe(true);
  });

  it('hangs rows under existing partners and counts their depth', () => {
    const result = plan([row('NEW01', 'OLD01')], { existingCodes: new Set(['OLD01']), existingParents: new Map([['OLD01', { depth: 3, archived: false }]]) });
    expect(result.problems).toEqual([]);
    expect(result.planned[0]).toMatchObject({ code: 'NEW01', parentPartnerId: 'OLD01', parentInFile: false, depth: 4 });
  });

  it('reports duplicates in the file and against existing partners on the later row', () => {
    const result = plan([row('DUP01'), row('DUP01'), row('OLD01')], { existingCodes: new Set(['OLD01']), existingParents: new Map() });
    expect(result.problems).toEqual([
      { row: 3, column: 'partner_id', message: 'The Partner ID DUP01 is already used on line 2 of this file.' },
      { row: 4, column: 'partner_id', message: 'The Partner ID OLD01 is already used by an existing partner.' },
    ]);
  });

  it('reports unknown, archived and self parents', () => {
    const result = plan([row('A0001', 'NOPE1'), row('A0002', 'ARCH1'), row('A0003', 'A0003')], {
      existingCodes: new Set(['ARCH1']),
      existingParents: new Map([['ARCH1', { depth: 0, archived: true }]]),
    });
    expect(result.problems.map((p) => [p.row, p.column, p.message])).toEqual([
      [2, 'parent_partner_id', 'No partner with the Partner ID NOPE1 exists, here or among your partners.'],
      [3, 'parent_partner_id', 'The partner ARCH1 is archived: restore it first, or choose another parent.'],
      [4, 'parent_partner_id', 'A partner cannot be its own parent.'],
    ]);
  });

  it('reports a cycle within the file on each of its rows', () => {
    const result = plan([row('CYC01', 'CYC03'), row('CYC02', 'CYC01'), row('CYC03', 'CYC02'), row('FINE1')]);
    expect(result.problems.map((p) => p.row)).toEqual([2, 3, 4]);
    expect(result.problems[0]?.message).toMatch(/form a cycle \(.*→.*\)/);
    expect(result.planned.map((p) => p.code)).toEqual(['FINE1']);
  });

  it('does not call a parent unknown when its own row has problems', () => {
    const result = plan([row('BAD01', '', { iin: '1' }), row('KID01', 'BAD01')]);
    expect(result.problems).toEqual([{ row: 2, column: 'iin', message: 'The IIN has 12 digits.' }]);
  });

  it(`refuses partners deeper than ${MAX_TREE_DEPTH} levels`, () => {
    const result = plan([row('DEEP1', 'OLD01')], { existingCodes: new Set(['OLD01']), existingParents: new Map([['OLD01', { depth: MAX_TREE_DEPTH, archived: false }]]) });
    expect(result.problems).toEqual([{ row: 2, column: 'parent_partner_id', message: expect.stringContaining(`more than ${MAX_TREE_DEPTH} levels`) }]);
  });

  it('puts header problems first and keeps the row count', () => {
    const result = finishPartnersPlan(readPartnersTable(table([{ name: 'X', role: 'DEALER' }], ['name', 'role', 'colour'])), empty);
    expect(result.rowCount).toBe(1);
    expect(result.problems).toEqual([{ row: 1, column: 'colour', message: expect.stringContaining('Unknown column') }]);
  });
});

describe('sortProblems', () => {
  it('puts whole-file problems first, then by line, keeping the order within a line', () => {
    const sorted = sortProblems([
      { row: 3, column: 'b', message: '1' },
      { row: 2, column: 'a', message: '2' },
      { row: null, column: null, message: '3' },
      { row: 3, column: 'a', message: '4' },
    ]);
    expect(sorted.map((p) => p.message)).toEqual(['3', '2', '1', '4']);
  });
});
