import { useState } from 'react';
import { App as AntApp, Button, Dropdown, Tooltip } from 'antd';
import { MoreOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { useNavigate, useSearchParams } from 'react-router';
import { canDelete, editRefusal } from '@partner-hub/domain';
import { DeleteJobDocument } from '@partner-hub/graphql-client';
import type { JobListFieldsFragment } from '@partner-hub/graphql-client';
import { describeError } from '../../shared/utils/errors';
import { needsDialog } from '../details/TransitionDialog';
import { useJobTransition } from '../hooks/use-job-transition';
import { JOB_ACTION_LABELS, isDangerousJobAction } from '../utils/job-wording';
import { EditJobDialog } from './EditJobDialog';

export type JobRowMenuProps = { job: JobListFieldsFragment; writable: boolean };

const LIFECYCLE_KEY = 'lifecycle:';

/**
 * The row menu: open the job; the lifecycle actions the API offers the viewer on it
 * (`availableActions`: Start for a technician, Assign… for the principal …); edit it (PENDING fully,
 * ASSIGNED in schedule and instructions, else disabled with the reason); duplicate it into
 * "New job"; delete it after a confirmation (the API refuses running jobs and says why).
 */
export function JobRowMenu({ job, writable }: JobRowMenuProps) {
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
          else if (result)
            notification.error({ title: 'The job was not deleted', description: result.message });
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
                      <Tooltip
                        title={`${notEditable} Duplicate it to make a new one like it.`}
                        placement="left"
                      >
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
