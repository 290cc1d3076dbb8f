import type { ReactNode } from 'react';
import { Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { Link } from 'react-router';
import type { JobListColumn } from '@partner-hub/domain';
import type { JobListFieldsFragment, JobSortField, SortDirection } from '@partner-hub/graphql-client';
import { formatDateTime, formatLocalDate } from '../../shared/utils/format';
import { JOB_COLUMN_LABELS, JOB_KIND_LABELS } from '../utils/job-wording';
import { JobRowMenu } from './JobRowMenu';
import { JobStatusTag } from './JobStatusTag';

export type JobOrderState = { sort: JobSortField; direction: SortDirection };

export type JobTableProps = {
  jobs: JobListFieldsFragment[];
  loading: boolean;
  order: JobOrderState;
  onOrderChange: (order: JobOrderState | undefined) => void;
  /** offer Edit, Duplicate and Delete in the row menu, and row selection (principal writers) */
  canWrite: boolean;
  /** the columns to show, in the table's order (the row menu is always there) */
  columns: JobListColumn[];
  /** the selected jobs' ids, also those on pages loaded earlier */
  selectedIds?: string[];
  onSelectionChange?: (ids: string[]) => void;
  emptyText: ReactNode;
};

const COLUMN_SORT: Partial<Record<string, JobSortField>> = { status: 'STATUS', createdAt: 'CREATED_AT' };

/**
 * The jobs table: the columns the user chose (title link, kind, vehicle, service partner, status,
 * schedule, attempt, created, template, import batch), server-side sort, a row menu, and row
 * selection kept across "Load more".
 */
export function JobTable({ jobs, loading, order, onOrderChange, canWrite, columns: shown, selectedIds, onSelectionChange, emptyText }: JobTableProps) {
  const sortOrderOf = (field: JobSortField): SortOrder =>
    order.sort === field ? (order.direction === 'ASC' ? 'ascend' : 'descend') : null;

  const all: TableColumnsType<JobListFieldsFragment> = [
    {
      key: 'title',
      title: JOB_COLUMN_LABELS.title,
      render: (_, job) => <Link to={`/jobs/${job.id}`}>{job.title ?? <Typography.Text type="secondary">Untitled job</Typography.Text>}</Link>,
    },
    { key: 'kind', title: JOB_COLUMN_LABELS.kind, render: (_, job) => JOB_KIND_LABELS[job.kind] },
    {
      key: 'vehicle',
      title: JOB_COLUMN_LABELS.vehicle,
      render: (_, job) =>
        job.vehicle ? (
          <Typography.Text code style={{ whiteSpace: 'nowrap' }}>
            <Link to={`/vehicles/${job.vehicle.id}`}>{job.vehicle.vin}</Link>
          </Typography.Text>
        ) : (
          <Typography.Text type="secondary">No access</Typography.Text>
        ),
    },
    {
      key: 'servicePartner',
      title: JOB_COLUMN_LABELS.servicePartner,
      render: (_, job) => job.servicePartner?.name ?? <Typography.Text type="secondary">Unassigned</Typography.Text>,
    },
    { key: 'status', title: JOB_COLUMN_LABELS.status, sorter: true, sortOrder: sortOrderOf('STATUS'), render: (_, job) => <JobStatusTag status={job.status} /> },
    { key: 'scheduledFor', title: JOB_COLUMN_LABELS.scheduledFor, render: (_, job) => formatLocalDate(job.scheduledFor) },
    { key: 'attempt', title: JOB_COLUMN_LABELS.attempt, align: 'right', render: (_, job) => job.attempt },
    { key: 'createdAt', title: JOB_COLUMN_LABELS.createdAt, sorter: true, sortOrder: sortOrderOf('CREATED_AT'), render: (_, job) => formatDateTime(job.createdAt) },
    { key: 'template', title: JOB_COLUMN_LABELS.template, render: (_, job) => job.template?.name ?? <Typography.Text type="secondary">—</Typography.Text> },
    {
      key: 'importBatch',
      title: JOB_COLUMN_LABELS.importBatch,
      render: (_, job) => (job.importBatch ? <Link to={`/jobs?importBatchId=${job.importBatch.id}`}>{job.importBatch.fileName}</Link> : <Typography.Text type="secondary">—</Typography.Text>),
    },
  ];
  const columns: TableColumnsType<JobListFieldsFragment> = [
    ...all.filter((column) => shown.includes(column.key as JobListColumn)),
    { key: 'actions', title: '', width: 48, render: (_, job) => <JobRowMenu job={job} writable={canWrite} /> },
  ];

  const handleChange: TableProps<JobListFieldsFragment>['onChange'] = (_pagination, _filters, sorter) => {
    const single = Array.isArray(sorter) ? sorter[0] : sorter;
    const field = single?.columnKey ? COLUMN_SORT[String(single.columnKey)] : undefined;
    if (!field || !single?.order) onOrderChange(undefined);
    else onOrderChange({ sort: field, direction: single.order === 'ascend' ? 'ASC' : 'DESC' });
  };

  return (
    <Table<JobListFieldsFragment>
      aria-label="Jobs"
      rowKey="id"
      size="middle"
      columns={columns}
      dataSource={jobs}
      loading={loading}
      pagination={false}
      onChange={handleChange}
      rowSelection={
        onSelectionChange
          ? {
              selectedRowKeys: selectedIds ?? [],
              // keep the jobs of earlier pages selected when "Load more" appends rows
              preserveSelectedRowKeys: true,
              onChange: (keys) => onSelectionChange(keys.map(String)),
              getTitleCheckboxProps: () => ({ 'aria-label': 'Select all shown jobs' }),
              getCheckboxProps: (job) => ({ 'aria-label': `Select ${job.title ?? 'untitled job'}` }),
            }
          : undefined
      }
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
    />
  );
}
