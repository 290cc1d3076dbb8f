import { useMemo } from 'react';
import { App as AntApp, Alert, Button, Descriptions, Form, Modal, Skeleton } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { JobDetailsDocument, UpdateJobDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { useVersionConflict } from '../../shared/forms/use-version-conflict';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { JOB_SERVER_FIELDS, emptyJobValues, jobFormSchema, toJobFormValues, toUpdateJobInput } from '../forms/job-form';
import type { JobFormOutput, JobFormValues } from '../forms/job-form';
import { JOB_KIND_LABELS } from '../utils/job-wording';
import { JobFormFields } from './JobFormFields';
import { JobStatusTag } from './JobStatusTag';

export type EditJobDialogProps = {
  /** the job to edit; the dialog is open while it is set */
  jobId: string | null;
  onClose: () => void;
};

/**
 * "Edit job": a PENDING job's texts, schedule and configuration; an ASSIGNED one's schedule and
 * instructions only (the rest shown, disabled, with the reason). Kind, vehicle and service
 * partner are not edited here (duplicate the job, or unassign it, to change those).
 */
export function EditJobDialog({ jobId, onClose }: EditJobDialogProps) {
  const { message } = AntApp.useApp();
  const { data, error, loading, refetch } = useQuery(JobDetailsDocument, { variables: { id: jobId ?? '' }, skip: !jobId, fetchPolicy: 'network-only' });
  const job = jobId ? data?.job : undefined;
  const [updateJob] = useMutation(UpdateJobDocument);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    getValues,
    setValue,
    formState: { isSubmitting, isDirty },
  } = useForm<JobFormValues, unknown, JobFormOutput>({
    resolver: zodResolver(jobFormSchema) as Resolver<JobFormValues, unknown, JobFormOutput>,
    defaultValues: emptyJobValues(),
  });

  const serverValues = useMemo(() => (job ? toJobFormValues(job) : null), [job]);
  const conflict = useVersionConflict({ form: { getValues, reset, setValue }, serverValues, objectName: 'job' });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: JOB_SERVER_FIELDS, conflict });

  const assigned = job?.status === 'ASSIGNED';

  const handleClose = () => {
    setFormError(null);
    onClose();
  };

  const handleSave = handleSubmit(async (values) => {
    if (!job) return;
    await submit(
      'JobSuccess',
      async () => (await updateJob({ variables: { input: { ...toUpdateJobInput(job.id, values), expectedVersion: job.version } } })).data?.updateJob,
      {
        onSuccess: () => {
          void message.success('The job was saved.');
          onClose();
        },
      },
    );
  });

  return (
    <Modal
      open={jobId !== null}
      title={job ? `Edit “${job.title ?? 'Untitled job'}”` : 'Edit job'}
      onCancel={handleClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={handleClose}>
          Cancel
        </Button>,
        <Button key="save" type="primary" loading={isSubmitting} disabled={!job || !isDirty} onClick={() => void handleSave()}>
          Save changes
        </Button>,
      ]}
    >
      {error ? <QueryErrorAlert title="The job could not be loaded" error={error} onRetry={() => void refetch()} /> : null}
      {!job && loading ? <Skeleton active /> : null}
      {job ? (
        <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleSave()} aria-label="Edit job">
          <ErrorResultAlert error={formError} />
          {conflict.dialog}
          {assigned ? (
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 16 }}
              title="This job is assigned: only its schedule and instructions can change."
              description="Unassign it to change its title, description or configuration."
            />
          ) : null}
          <Descriptions size="small" column={3} style={{ marginBottom: 16 }}>
            <Descriptions.Item label="Kind">{JOB_KIND_LABELS[job.kind]}</Descriptions.Item>
            <Descriptions.Item label="Vehicle">{job.vehicle?.vin ?? '—'}</Descriptions.Item>
            <Descriptions.Item label="Status">
              <JobStatusTag status={job.status} />
            </Descriptions.Item>
          </Descriptions>
          <JobFormFields control={control} idPrefix="edit-job" onlyScheduleAndInstructions={assigned} />
          {/* Lets Enter submit the form from any field. */}
          <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
        </Form>
      ) : null}
    </Modal>
  );
}
