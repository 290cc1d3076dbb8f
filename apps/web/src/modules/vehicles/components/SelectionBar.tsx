import type { ReactNode } from 'react';
import { Button, Flex, Typography } from 'antd';
import type { VehicleSelection } from '../hooks/use-vehicle-selection';

export type SelectionBarProps = {
  selection: VehicleSelection;
  /** how many vehicles match the filter in view (the connection's totalCount), once known */
  total: number | undefined;
  /** the bulk action buttons */
  children?: ReactNode;
};

const vehicles = (n: number) => `${n} vehicle${n === 1 ? '' : 's'}`;

/**
 * What is selected in a vehicles table — "3 selected", or "All 120 matching vehicles are
 * selected" — with "Select all N matching", "Clear selection" and the bulk actions.
 */
export function SelectionBar({ selection, total, children }: SelectionBarProps) {
  const canSelectAll = !selection.allMatching && total !== undefined && total > 0 && total > selection.count;
  return (
    <Flex
      gap={8}
      align="center"
      wrap
      role="region"
      aria-label="Selection"
      style={{ marginBottom: 12, minHeight: 32 }}
    >
      <Typography.Text strong aria-live="polite">
        {selection.allMatching
          ? `All ${vehicles(selection.count)} matching the filter are selected`
          : selection.count > 0
            ? `${vehicles(selection.count)} selected`
            : 'No vehicles selected'}
      </Typography.Text>
      {canSelectAll ? (
        <Button type="link" size="small" onClick={selection.selectAllMatching}>
          Select all {total} matching
        </Button>
      ) : null}
      {selection.count > 0 ? (
        <Button type="link" size="small" onClick={selection.clear}>
          Clear selection
        </Button>
      ) : null}
      {children ? (
        <Flex gap={8} style={{ marginLeft: 'auto' }} wrap>
          {children}
        </Flex>
      ) : null}
    </Flex>
  );
}
