import type { Breakpoint, TableColumnsType } from 'antd';

/**
 * For a table column worth its width only on wide screens (≥ 1,600 px): below that, the lists fit a
 * laptop's width (1,440 px with the side menu) without scrolling sideways, the identifying column
 * fixed on the left and the action column on the right, and the details page has the rest.
 */
export const WIDE_SCREENS_ONLY: Breakpoint[] = ['xxl'];

/**
 * The width a table scrolls sideways below: the sum of its columns' widths, leaving out those shown
 * only on wide screens. With fixed widths the table lays out at those widths (wider screens share
 * the rest out) and long texts end in an ellipsis instead of widening their column.
 */
export function minimumTableWidth(columns: readonly { width?: number | string; responsive?: Breakpoint[] }[]): number {
  return columns.reduce((sum, column) => sum + (typeof column.width === 'number' && !column.responsive ? column.width : 0), 0);
}

/**
 * The "Principal" column, for a viewer whose rows belong to more than one principal (a partner
 * working for several): without it the same company's partnerships read as identical rows.
 */
export function principalColumn<Row extends { principalName: string }>(rows: readonly Row[]): TableColumnsType<Row> {
  if (new Set(rows.map((row) => row.principalName)).size < 2) return [];
  return [{ title: 'Principal', key: 'principal', width: 150, ellipsis: true, render: (_value: unknown, row: Row) => row.principalName }];
}
