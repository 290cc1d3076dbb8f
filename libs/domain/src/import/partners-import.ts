import { currencySchema } from '../money/money.js';
import { generateUniquePartnerCode, partnerCodeSchema } from '../partner/partner-code.js';
import { partnerRoleSchema } from '../partner/partner-role-schemas.js';
import type { PartnerRole } from '../partner/partner-roles.js';
import { MAX_TREE_DEPTH } from '../partner/partner-tree.js';
import { partnerProfileSchema } from '../partner/tax-ids.js';
import type { PartnerProfile } from '../partner/tax-ids.js';
import { mapHeader, recordValues, sortProblems } from './csv-table.js';
import type { CsvTable, ImportProblem } from './csv-table.js';

/**
 * The partners.csv import (DESIGN.md §4), without a database: header mapping, per-row checks
 * with the same rules as the partner forms, and the plan of what a file would create — Partner
 * IDs (given or generated), parents (existing partners or rows of the same file, in any order),
 * cycles and depth within the file, and an insert order with every parent before its children.
 * The API supplies what it knows of the principal's existing partners in two set-based queries.
 */

/** The columns of partners.csv, in the order an export writes them. */
export const PARTNER_IMPORT_COLUMNS = [
  'partner_id',
  'name',
  'role',
  'email',
  'phone',
  'parent_partner_id',
  'region',
  'address',
  'vat',
  'iin',
  'kpp',
  'accounting_code',
  'currency',
  'pricing_plan',
] as const;
export type PartnerImportColumn = (typeof PARTNER_IMPORT_COLUMNS)[number];

export const PARTNER_IMPORT_REQUIRED_COLUMNS: readonly PartnerImportColumn[] = ['name', 'role'];

/** What one import may hold: more rows or bytes are refused with a clear message before any row is checked. */
export const IMPORT_LIMITS = { maxRows: 10_000, maxBytes: 5 * 1024 * 1024 } as const;

/** The currency of an imported partner whose `currency` cell is empty (as for a partner created in the app). */
export const DEFAULT_IMPORT_CURRENCY = 'EUR';

/** Profile field → the CSV column it comes from. */
const PROFILE_COLUMN: Record<string, PartnerImportColumn> = {
  name: 'name',
  email: 'email',
  phone: 'phone',
  region: 'region',
  address: 'address',
  vatPercent: 'vat',
  iin: 'iin',
  kpp: 'kpp',
  accountingCode: 'accounting_code',
};

/** One row of partners.csv that passed its own checks. */
export interface PartnerImportRow {
  line: number;
  /** the Partner ID given in the file (normalized), or `null` to generate one */
  partnerId: string | null;
  /** the parent's Partner ID (normalized), or `null` for a top-level partner */
  parentPartnerId: string | null;
  role: PartnerRole;
  profile: PartnerProfile;
  currency: string;
}

export interface PartnerRowResult {
  row: PartnerImportRow | null;
  problems: ImportProblem[];
  warnings: ImportProblem[];
}

/**
 * Checks one row: name, role (any case), profile fields (e-mail, phone, IIN, KPP, VAT, …),
 * Partner IDs and currency, each problem on its own column with the form's message.
 */
export function readPartnerRow(line: number, values: Record<PartnerImportColumn, string>): PartnerRowResult {
  const problems: ImportProblem[] = [];
  const warnings: ImportProblem[] = [];
  const problem = (column: PartnerImportColumn, message: string) => problems.push({ row: line, column, message });

  const profile = partnerProfileSchema.safeParse({
    name: values.name,
    email: values.email,
    phone: values.phone,
    region: values.region,
    address: values.address,
    vatPercent: values.vat,
    iin: values.iin,
    kpp: values.kpp,
    accountingCode: values.accounting_code,
  });
  if (!profile.success) {
    const seen = new Set<string>();
    for (const issue of profile.error.issues) {
      const column = PROFILE_COLUMN[String(issue.path[0])] ?? 'name';
      if (seen.has(column)) continue;
      seen.add(column);
      problem(column, issue.message);
    }
  }

  const role = partnerRoleSchema.safeParse(values.role.trim().toUpperCase());
  if (!role.success) {
    problem('role', values.role.trim() === '' ? 'Enter a role: DEALER, SERVICE_PARTNER or OEM.' : `Unknown role "${values.role.trim()}": use DEALER, SERVICE_PARTNER or OEM.`);
  }

  const code = (column: PartnerImportColumn): string | null => {
    if (values[column].trim() === '') return null;
    const parsed = partnerCodeSchema.safeParse(values[column]);
    if (parsed.success) return parsed.data;
    problem(column, parsed.error.issues[0]?.message ?? 'A Partner ID has 5 letters or digits.');
    return null;
  };
  const partnerId = code('partner_id');
  const parentPartnerId = code('parent_partner_id');

  let currency = DEFAULT_IMPORT_CURRENCY;
  if (values.currency.trim() !== '') {
    const parsed = currencySchema.safeParse(values.currency);
    if (parsed.success) currency = parsed.data;
    else problem('currency', parsed.error.issues[0]?.message ?? 'Unknown currency.');
  }

  const plan = values.pricing_plan.trim();
  if (plan !== '') {
    warnings.push({ row: line, column: 'pricing_plan', message: `Pricing plans cannot be imported yet: "${plan}" was left out; assign the plan once pricing plans exist.` });
  }

  if (problems.length > 0 || !profile.success || !role.success) return { row: null, problems, warnings };
  return { row: { line, partnerId, parentPartnerId, role: role.data, profile: profile.data, currency }, problems, warnings };
}

/** An existing partner of the principal that a file's `parent_partner_id` may name. */
export interface ExistingParent {
  /** its depth in the principal's tree (0 = top level) */
  depth: number;
  archived: boolean;
}

export interface PartnersImportContext {
  /** every Partner ID the principal already uses */
  existingCodes: ReadonlySet<string>;
  /** the existing partners the file names as parents, by Partner ID (unknown ones are absent) */
  existingParents: ReadonlyMap<string, ExistingParent>;
  /** random source for generated Partner IDs (tests pass a seeded one) */
  random?: () => number;
  /** Partner IDs of rows that failed their own checks (their problems are reported there) */
  invalidRowCodes?: ReadonlySet<string>;
}

/** One partner a file would create, in insert order (parents first). */
export interface PlannedPartner extends PartnerImportRow {
  /** the Partner ID it gets: the file's, or a generated one */
  code: string;
  generatedCode: boolean;
  /** whether the parent is created by the same file */
  parentInFile: boolean;
  depth: number;
}

export interface PartnersImportPlan {
  rowCount: number;
  /** the rows that would be created, every parent before its children */
  planned: PlannedPartner[];
  /** blocking problems, in file order; the import creates nothing while there is one */
  problems: ImportProblem[];
  /** notes that do not block the import (e.g. a pricing plan that cannot be imported yet) */
  warnings: ImportProblem[];
}

/** The Partner IDs a file names (its own and its parents'), normalized: what the API must look up. */
export function partnerCodesNamedIn(rows: readonly PartnerImportRow[]): { codes: string[]; parentCodes: string[] } {
  return {
    codes: [...new Set(rows.flatMap((r) => (r.partnerId ? [r.partnerId] : [])))],
    parentCodes: [...new Set(rows.flatMap((r) => (r.parentPartnerId ? [r.parentPartnerId] : [])))],
  };
}

export interface PartnersTableRead {
  rowCount: number;
  rows: PartnerImportRow[];
  problems: ImportProblem[];
  warnings: ImportProblem[];
  /** Partner IDs of rows that failed their own checks: children naming them are not told "unknown parent" */
  invalidRowCodes: ReadonlySet<string>;
}

/** Reads every row of a partners.csv table (header mapping included). */
export function readPartnersTable(table: CsvTable): PartnersTableRead {
  const mapping = mapHeader(table.header, PARTNER_IMPORT_COLUMNS, PARTNER_IMPORT_REQUIRED_COLUMNS);
  const problems = [...mapping.problems];
  const warnings: ImportProblem[] = [];
  const rows: PartnerImportRow[] = [];
  const invalidRowCodes = new Set<string>();
  for (const record of table.records) {
    const values = recordValues(record, mapping, PARTNER_IMPORT_COLUMNS);
    const result = readPartnerRow(record.line, values);
    problems.push(...result.problems);
    warnings.push(...result.warnings);
    if (result.row) rows.push(result.row);
    else if (values.partner_id.trim() !== '') invalidRowCodes.add(values.partner_id.trim().toUpperCase());
  }
  return { rowCount: table.records.length, rows, problems, warnings, invalidRowCodes };
}

/**
 * Plans an import of checked rows against the principal's existing partners: Partner IDs unique
 * in the file and for the principal (empty ones generated), parents found (an existing, active
 * partner or any row of the file), no cycle within the file, no partner deeper than
 * {@link MAX_TREE_DEPTH}; the rows come out parents first.
 */
export function planPartnersImport(rows: readonly PartnerImportRow[], context: PartnersImportContext): { planned: PlannedPartner[]; problems: ImportProblem[] } {
  const problems: ImportProblem[] = [];
  const problem = (line: number, column: PartnerImportColumn, message: string) => problems.push({ row: line, column, message });

  // Partner IDs: given ones unique, empty ones generated around every code in use
  const lineOfCode = new Map<string, number>();
  for (const row of rows) {
    if (!row.partnerId) continue;
    const earlier = lineOfCode.get(row.partnerId);
    if (earlier !== undefined) problem(row.line, 'partner_id', `The Partner ID ${row.partnerId} is already used on line ${earlier} of this file.`);
    else if (context.existingCodes.has(row.partnerId)) problem(row.line, 'partner_id', `The Partner ID ${row.partnerId} is already used by an existing partner.`);
    else lineOfCode.set(row.partnerId, row.line);
  }
  const taken = (code: string) => context.existingCodes.has(code) || lineOfCode.has(code);
  const codeOfLine = new Map<number, { code: string; generated: boolean }>();
  for (const row of rows) {
    if (row.partnerId) {
      codeOfLine.set(row.line, { code: row.partnerId, generated: false });
    } else {
      const code = generateUniquePartnerCode(taken, context.random);
      lineOfCode.set(code, row.line);
      codeOfLine.set(row.line, { code, generated: true });
    }
  }
  const rowOfCode = new Map<string, PartnerImportRow>();
  for (const row of rows) {
    const code = codeOfLine.get(row.line)?.code;
    if (code && lineOfCode.get(code) === row.line) rowOfCode.set(code, row);
  }

  // parents: in the file (any line) or an existing, active partner
  const parentRowOf = new Map<number, PartnerImportRow>();
  const badParent = new Set<number>();
  for (const row of rows) {
    const parent = row.parentPartnerId;
    if (!parent) continue;
    const inFile = rowOfCode.get(parent);
    if (inFile === row) {
      problem(row.line, 'parent_partner_id', 'A partner cannot be its own parent.');
      badParent.add(row.line);
    } else if (inFile) {
      parentRowOf.set(row.line, inFile);
    } else {
      const existing = context.existingParents.get(parent);
      if (!existing && context.invalidRowCodes?.has(parent)) {
        badParent.add(row.line); // its parent's line has problems of its own
      } else if (!existing) {
        problem(row.line, 'parent_partner_id', `No partner with the Partner ID ${parent} exists, here or among your partners.`);
        badParent.add(row.line);
      } else if (existing.archived) {
        problem(row.line, 'parent_partner_id', `The partner ${parent} is archived: restore it first, or choose another parent.`);
        badParent.add(row.line);
      }
    }
  }

  // cycles within the file, depth, and the insert order (parents first)
  const depthOf = new Map<number, number>();
  const inCycle = new Set<number>();
  const ordered: PartnerImportRow[] = [];
  const visiting = new Set<number>();
  const place = (start: PartnerImportRow) => {
    // walk up to the first placed (or external) ancestor, then place the chain top-down
    const chain: PartnerImportRow[] = [];
    let current: PartnerImportRow | undefined = start;
    while (current && !depthOf.has(current.line) && !inCycle.has(current.line)) {
      if (visiting.has(current.line)) {
        const loop = chain.slice(chain.indexOf(current));
        const codes = [...loop, current].map((r) => codeOfLine.get(r.line)?.code ?? '?');
        for (const member of loop) {
          inCycle.add(member.line);
          problem(member.line, 'parent_partner_id', `The parents in this file form a cycle (${codes.join(' → ')}).`);
        }
        break;
      }
      visiting.add(current.line);
      chain.push(current);
      current = parentRowOf.get(current.line);
    }
    for (const row of chain.reverse()) {
      visiting.delete(row.line);
      if (inCycle.has(row.line)) continue;
      const parentRow = parentRowOf.get(row.line);
      let depth = 0;
      if (parentRow) {
        if (inCycle.has(parentRow.line) || !depthOf.has(parentRow.line)) {
          inCycle.add(row.line); // below a cycle: reported there, never placed
          continue;
        }
        depth = (depthOf.get(parentRow.line) ?? 0) + 1;
      } else if (row.parentPartnerId && !badParent.has(row.line)) {
        depth = (context.existingParents.get(row.parentPartnerId)?.depth ?? 0) + 1;
      }
      depthOf.set(row.line, depth);
      ordered.push(row);
      if (depth > MAX_TREE_DEPTH) {
        problem(row.line, 'parent_partner_id', `This partner would sit more than ${MAX_TREE_DEPTH} levels below the top of the tree.`);
      }
    }
  };
  for (const row of rows) place(row);

  const planned = ordered.map((row) => {
    const { code, generated } = codeOfLine.get(row.line) ?? { code: '', generated: true };
    return { ...row, code, generatedCode: generated, parentInFile: parentRowOf.has(row.line), depth: depthOf.get(row.line) ?? 0 };
  });
  return { planned, problems };
}

/**
 * Completes a dry run: the rows read by {@link readPartnersTable} planned against the
 * principal's partners, every problem (the rows' own and the plan's) in file order.
 */
export function finishPartnersPlan(read: PartnersTableRead, context: PartnersImportContext): PartnersImportPlan {
  const plan = planPartnersImport(read.rows, { ...context, invalidRowCodes: read.invalidRowCodes });
  return {
    rowCount: read.rowCount,
    planned: plan.planned,
    problems: sortProblems([...read.problems, ...plan.problems]),
    warnings: sortProblems(read.warnings),
  };
}
