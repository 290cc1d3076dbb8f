import { csvLines } from '../import/csv-writer.js';
import { checkExportSize, exportBatches } from '../import/csv-export.js';
import { formatAmount } from '@partner-hub/domain';
import type { RequestContext } from '../../common/context/request-context.js';
import { Partner } from './partner.entity.js';
import { canSee, partnerScope } from '../access/partner-scope.js';
import { subPartnerCounts } from './sub-partner-counts.queries.js';
import { SORT_COLUMNS, partnersWhere } from './partner.service.js';
import type { PartnerFilterInput, PartnerOrderInput } from './partner.service.js';

/**
 * CSV export of the partners list (DESIGN.md §4, "Lists export to CSV with the columns and
 * filters in view"): the same filter, scope and order as `partners`, every page, read in keyset
 * batches with organizations and parents joined and one grouped count per batch — never a query
 * per row. Column names match partners.csv where they overlap, so an export imports again.
 */

export const PARTNER_CSV_COLUMNS = [
  'PARTNER_ID',
  'NAME',
  'ROLE',
  'EMAIL',
  'PHONE',
  'PARENT_PARTNER_ID',
  'REGION',
  'ADDRESS',
  'VAT',
  'IIN',
  'KPP',
  'ACCOUNTING_CODE',
  'CURRENCY',
  'DEPOSIT',
  'ACCOUNT_TYPE',
  'STATUS',
  'BLOCKED',
  'SUB_PARTNER_COUNT',
  'CREATED_AT',
] as const;
export type PartnerCsvColumn = (typeof PARTNER_CSV_COLUMNS)[number];

/** The most rows one export writes; a larger view must be narrowed by its filters first. */
export const MAX_EXPORT_ROWS = 50_000;

interface RowContext {
  partner: Partner;
  parentCode: string;
  subPartnerCount: number;
}

const CELL: Record<PartnerCsvColumn, (row: RowContext) => string | number> = {
  PARTNER_ID: ({ partner }) => partner.code,
  NAME: ({ partner }) => partner.organization.name,
  ROLE: ({ partner }) => partner.role,
  EMAIL: ({ partner }) => partner.organization.email ?? '',
  PHONE: ({ partner }) => partner.organization.phone ?? '',
  PARENT_PARTNER_ID: ({ parentCode }) => parentCode,
  REGION: ({ partner }) => partner.organization.region ?? '',
  ADDRESS: ({ partner }) => partner.organization.address ?? '',
  VAT: ({ partner }) => (partner.organization.vatPercent === null || partner.organization.vatPercent === undefined ? '' : String(partner.organization.vatPercent)),
  IIN: ({ partner }) => partner.organization.iin ?? '',
  KPP: ({ partner }) => partner.organization.kpp ?? '',
  ACCOUNTING_CODE: ({ partner }) => partner.organization.accountingCode ?? '',
  CURRENCY: ({ partner }) => partner.currency,
  DEPOSIT: ({ partner }) => formatAmount(partner.depositMinor, partner.currency),
  ACCOUNT_TYPE: ({ partner }) => partner.accountType,
  STATUS: ({ partner }) => partner.status,
  BLOCKED: ({ partner }) => (partner.blocked ? 'true' : 'false'),
  SUB_PARTNER_COUNT: ({ subPartnerCount }) => subPartnerCount,
  CREATED_AT: ({ partner }) => partner.createdAt.toISOString(),
};

/** The CSV header name of a column: lower snake case, as partners.csv names it. */
export const csvHeaderOf = (column: PartnerCsvColumn) => column.toLowerCase();

/**
 * The partners list as CSV text (header first), exactly the rows and order the list shows.
 * @param columns which columns, in this order; every column when omitted or empty
 * @throws ValidationFailed when the view has more than {@link MAX_EXPORT_ROWS} rows
 */
export async function exportPartnersCsv(
  ctx: RequestContext,
  filter: PartnerFilterInput,
  order: PartnerOrderInput,
  columns: readonly PartnerCsvColumn[] | null | undefined,
): Promise<string> {
  const chosen = columns && columns.length > 0 ? [...new Set(columns)] : [...PARTNER_CSV_COLUMNS];
  const where = await partnersWhere(ctx, filter);
  const scope = await partnerScope(ctx);
  // a fork of its own, cleared after each batch, so 50,000 rows never sit in the request's identity map
  const em = ctx.em.fork();
  await checkExportSize(em, Partner, where, MAX_EXPORT_ROWS, 'partners');
  const lines: string[] = [csvLines([chosen.map(csvHeaderOf)], { bom: false })];
  const batches = exportBatches(em, Partner, where, { orderBy: SORT_COLUMNS[order.field], direction: order.direction, populate: ['organization', 'parent'], maxRows: MAX_EXPORT_ROWS });
  for await (const partners of batches) {
    const needsCounts = chosen.includes('SUB_PARTNER_COUNT');
    const counts = needsCounts ? await subPartnerCounts(em, partners.map((p) => p.id)) : new Map<string, number>();
    const records = partners.map((partner) => {
      const parent = partner.parent;
      // a partner's people never learn who sits above their own partnership
      const parentCode = parent && canSee(scope, parent.id) ? parent.code : '';
      const row = { partner, parentCode, subPartnerCount: counts.get(partner.id) ?? 0 };
      return chosen.map((column) => CELL[column](row));
    });
    lines.push(csvLines(records));
  }
  return lines.join('');
}
