import { Button, Checkbox, Flex, Popover, Tooltip, Typography } from 'antd';
import { SettingOutlined } from '@ant-design/icons';
import { JOB_LIST_COLUMNS } from '@partner-hub/domain';
import type { JobListColumn } from '@partner-hub/domain';
import { JOB_COLUMN_LABELS } from '../utils/job-wording';

export type JobColumnsMenuProps = {
  /** the columns shown now */
  value: JobListColumn[];
  onChange: (columns: JobListColumn[]) => void;
  /** forget the choice: the default columns again */
  onReset: () => void;
};

/** The gear above the jobs table: a checklist of its columns; the last one shown cannot be hidden. */
export function JobColumnsMenu({ value, onChange, onReset }: JobColumnsMenuProps) {
  const shown = new Set(value);
  const toggle = (column: JobListColumn, checked: boolean) => {
    const next = new Set(shown);
    if (checked) next.add(column);
    else next.delete(column);
    // the table's order, whatever order they were ticked in
    onChange(JOB_LIST_COLUMNS.filter((c) => next.has(c)));
  };

  const content = (
    <Flex vertical gap={6} role="group" aria-label="Columns shown">
      {JOB_LIST_COLUMNS.map((column) => {
        const last = shown.size === 1 && shown.has(column);
        const box = (
          <Checkbox key={column} checked={shown.has(column)} disabled={last} onChange={(event) => toggle(column, event.target.checked)}>
            {JOB_COLUMN_LABELS[column]}
          </Checkbox>
        );
        return last ? (
          <Tooltip key={column} title="Keep at least one column.">
            <span>{box}</span>
          </Tooltip>
        ) : (
          box
        );
      })}
      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
        Remembered for you on every device.
      </Typography.Text>
      <Button size="small" onClick={onReset}>
        Reset to default
      </Button>
    </Flex>
  );

  return (
    <Popover trigger="click" placement="bottomRight" title="Columns" content={content}>
      <Button aria-label="Choose columns" icon={<SettingOutlined />} />
    </Popover>
  );
}
