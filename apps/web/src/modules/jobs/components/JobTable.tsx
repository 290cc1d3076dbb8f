import type { ReactNode } from 'react';
import { App as AntApp, Button, Dropdown, Table, Typography } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { SortOrder } from 'antd/es/table/interface';
import { MoreOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { Link, useNavigate } from 'react-router';
import { canDelete } from '@partner-hub/domain';
import { DeleteJobDocument } from '@partner-hub/graphql-client';
import type { JobListFieldsFragment, JobSortField, SortDirection } from '@partner-hub/graphql-client';
import { describeError } from '../../shared/utils/errors';
import { formatDate, formatDateTime } from '../../shared/utils/format';
import { JobStatusTag } from './JobStatusTag';

export type JobOrderState = { sort: JobSortField; direction: SortDirection };

export type JobTableProps = {
  jobs: JobListFieldsFragment[];
  loading: boolean;
  order: JobOrderState;
  onOrderChange: (order: JobOrderState | undefined) => void;
  /** offer "Delete" in the row menu (principal writers) */
  canDelete: boolean;
  emptyText: ReactNode;
};

const COLUMN_SORT: Partial<Record<string, JobSortField>> = { status: 'STATUS', createdAt: 'CREATED_AT' };

/** The row menu: open the job; delete it after a confirmation (the API refuses running jobs and says why). */
function JobRowMenu({ job, deletable }: { job: JobListFieldsFragment; deletable: boolean }) {
  const navigate = useNavigate();
  const { modal, message, notification } = AntApp.useApp();
  const [deleteJob] = useMutation(DeleteJobDocument, {
    refetchQueries: (result) => (result.data?.deleteJob.__typename === 'JobSuccess' ? ['Jobs'] : []),
  });
  const label = job.title ?? 'this job';

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
    <Dropdown
      trigger={['click']}
      menu={{
        items: [
          { key: 'open', label: 'Open' },
          ...(deletable ? [{ key: 'delete', label: 'Delete…', danger: true }] : []),
        ],
        onClick: ({ key }) => {
          if (key === 'open') void navigate(`/jobs/${job.id}`);
          if (key === 'delete') handleDelete();
        },
      }}
    >
      <Button type="text" aria-label={`Actions for ${label}`} icon={<MoreOutlined />} />
    </Dropdown>
  );
}

/** The jobs table: title (link), vehicle, service partner, status, schedule, attempt, created; server-side sort. */
export function JobTable({ jobs, loading, order, onOrderChange, canDelete: deletable, emptyText }: JobTableProps) {
  const sortOrderOf = (field: JobSortField): SortOrder =>
    order.sort === field ? (order.direction === 'ASC' ? 'ascend' : 'descend') : null;

  const columns: TableColumnsType<JobListFieldsFragment> = [
    {
      key: 'title',
      title: 'Title',
      render: (_, job) => <Link to={`/jobs/${job.id}`}>{job.title ?? <Typography.Text type="secondary">Untitled job</Typography.Text>}</Link>,
    },
    {
      key: 'vehicle',
      title: 'Vehicle',
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
      title: 'Service partner',
      render: (_, job) => job.servicePartner?.name ?? <Typography.Text type="secondary">Unassigned</Typography.Text>,
    },
    { key: 'status', title: 'Status', sorter: true, sortOrder: sortOrderOf('STATUS'), render: (_, job) => <JobStatusTag status={job.status} /> },
    { key: 'scheduledFor', title: 'Scheduled for', render: (_, job) => formatDate(job.scheduledFor) },
    { key: 'attempt', title: 'Attempt', align: 'right', render: (_, job) => job.attempt },
    { key: 'createdAt', title: 'Created', sorter: true, sortOrder: sortOrderOf('CREATED_AT'), render: (_, job) => formatDateTime(job.createdAt) },
    { key: 'actions', title: '', width: 48, render: (_, job) => <JobRowMenu job={job} deletable={deletable} /> },
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
      scroll={{ x: 'max-content' }}
      locale={{ emptyText }}
    />
  );
}
