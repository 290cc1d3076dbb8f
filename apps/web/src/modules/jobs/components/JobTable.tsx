import { useState } from 'react';
import type { ReactNode } from 'react';
import { App as AntApp, Button, Dropdown, Table, Tooltip, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { MoreOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { canDelete, editRefusal } from '@partner-hub/domain';
import type { JobListColumn } from '@partner-hub/domain';
import { DeleteJobDocument } from '@partner-hub/graphql-client';
import type { JobListFieldsFragment, JobSortField, SortDirection } from '@partner-hub/graphql-client';
import { describeError } from '../../shared/utils/errors';
import { formatDate, formatDateTime } from '../../shared/utils/format';
import { needsDialog } from '../details/TransitionDialog';
import { useJobTransition } from '../hooks/use-job-transition';
import { JOB_ACTION_LABELS, JOB_COLUMN_LABELS, JOB_KIND_LABELS, isDangerousJobAction } from '../utils/job-wording';
import { EditJobDialog } from './EditJobDialog';
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

const LIFECYCLE_KEY = 'lifecycle:';

/**
 * The row menu: open the job; the lifecycle actions the API offers the viewer on it
 * (`availableActions`: Start for a technician, Assign… for the principal …); edit it (PENDING fully,
 * ASSIGNED in schedule and instructions, else disabled with the reason); duplicate it into
 * "New job"; delete it after a confirmation (the API refuses running jobs and says why).
 */
function JobRowMenu({ job, writable }: { job: JobListFieldsFragment; writable: boolean }) {
  const navigate = useNavigate();
  const [searchParams, setSearchParams] = useSearchParams();
  const [editing, setEditing] = useState(false);
  const { modal, message, notification } = AntApp.useApp();
  const [deleteJob] = useMutation(DeleteJobDocument, {
    refetchQueries: (result) => (result.data?.deleteJob.__typename === 'JobSuccess' ? ['Jobs'] : []),
  });
  const label = job.title ?? 'this job';
  const notEditable = editRefusal(job.status);
  const transition = useJobTransition(job.id, (refusal) => notification.error({ title: 'Not done', description: refusal }));

  const handleDuplicate = () => {
    const next = new URLSearchParams(searchParams);
    next.set('new', '1');
    next.set('copyOf', job.id);
    setSearchParams(next, { replace: true });
  };

  const handleDelete = () =>
    modal.confirm({
      title: `Delete ${label}?`,
      content: canDelete(job.status)
        ? 'The job disappears from the lists (its history is kept) and its service partner loses access to the vehicle.'
        : 'This job is running; the server will refuse to delete it.',
      okText: 'Delete',
      okButtonProps: { danger: true },
      onOk: async () => {
        try {
          const { data } = await deleteJob({ variables: { input: { id: job.id } } });
          const result = data?.deleteJob;
          if (result?.__typename === 'JobSuccess') void message.success('The job was deleted.');
          else if (result) notification.error({ title: 'The job was not deleted', description: result.message });
        } catch (error) {
          notification.error({ title: 'The job was not deleted', description: describeError(error) });
        }
      },
    });

  return (
    <>
      <Dropdown
        trigger={['click']}
        menu={{
          items: [
            { key: 'open', label: 'Open' },
            ...job.availableActions.map((action) => ({
              key: `${LIFECYCLE_KEY}${action}`,
              label: `${JOB_ACTION_LABELS[action]}${needsDialog(action) ? '…' : ''}`,
              danger: isDangerousJobAction(action),
            })),
            ...(writable
              ? [
                  {
                    key: 'edit',
                    label: notEditable ? (
                      <Tooltip title={`${notEditable} Duplicate it to make a new one like it.`} placement="left">
                        <span>Edit…</span>
                      </Tooltip>
                    ) : (
                      'Edit…'
                    ),
                    disabled: Boolean(notEditable),
                  },
                  { key: 'duplicate', label: 'Duplicate…' },
                  { key: 'delete', label: 'Delete…', danger: true },
                ]
              : []),
          ],
          onClick: ({ key }) => {
            if (key === 'open') void navigate(`/jobs/${job.id}`);
            if (key === 'edit') setEditing(true);
            if (key === 'duplicate') handleDuplicate();
            if (key === 'delete') handleDelete();
            const action = job.availableActions.find((offered) => key === `${LIFECYCLE_KEY}${offered}`);
            if (action) void transition.take(action);
          },
        }}
      >
        <Button type="text" aria-label={`Actions for ${label}`} icon={<MoreOutlined />} loading={transition.acting} />
      </Dropdown>
      {editing ? <EditJobDialog jobId={job.id} onClose={() => setEditing(false)} /> : null}
      {transition.dialog}
    </>
  );
}

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
    { key: 'scheduledFor', title: JOB_COLUMN_LABELS.scheduledFor, render: (_, job) => formatDate(job.scheduledFor) },
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
