import { useEffect, useState } from 'react';
import { App as AntApp, Button, Form, Modal, Segmented } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { JOB_KINDS } from '@partner-hub/domain';
import type { JobKind } from '@partner-hub/domain';
import { CreateJobDocument, JobDetailsDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { QueryErrorAlert } from '../../shared/components/QueryErrorAlert';
import { FormField } from '../../shared/forms/FormField';
import { applyErrorResult } from '../../shared/forms/apply-error-result';
import type { FormLevelError } from '../../shared/forms/apply-error-result';
import { describeError } from '../../shared/utils/errors';
import { JOB_SERVER_FIELDS, emptyJobValues, jobFormSchema, toCreateJobInput, toJobFormValues } from '../forms/job-form';
import type { JobFormOutput, JobFormValues } from '../forms/job-form';
import { JOB_KIND_LABELS } from '../utils/job-wording';
import { JobFormFields } from './JobFormFields';
import { ServicePartnerSelect } from './ServicePartnerSelect';
import { VehiclePicker } from './VehiclePicker';

/** Refreshes the jobs lists once a job was created (not after a refusal). */
export function refetchJobsOnCreate(result: { data?: { createJob: { __typename: string } } | null }): string[] {
  return result.data?.createJob.__typename === 'JobSuccess' ? ['Jobs'] : [];
}

export type CreateJobDialogProps = {
  open: boolean;
  /** the kind preselected (the open tab's) */
  kind?: JobKind;
  onClose: () => void;
  /** called with the new job's id (to open its page) */
  onCreated: (id: string) => void;
  /** "Duplicate": the job whose values fill the form (the copy is a new PENDING job) */
  copyOf?: string | null;
};

/**
 * "New job": kind, vehicle, texts, the telematics configuration with named settings, the planned
 * day and the service partner (accepted service partners only). "Save" keeps the job PENDING;
 * "Save & Assign" needs a service partner and assigns it at once. The rules come from
 * libs/domain; the server's field errors land on the fields they name.
 */
export function CreateJobDialog({ open, kind = 'INSTALLATION', onClose, onCreated, copyOf }: CreateJobDialogProps) {
  const { message } = AntApp.useApp();
  const [createJob] = useMutation(CreateJobDocument, { refetchQueries: refetchJobsOnCreate });
  const [formError, setFormError] = useState<FormLevelError | null>(null);
  const {
    control,
    handleSubmit,
    setError,
    setValue,
    reset,
    formState: { isSubmitting },
  } = useForm<JobFormValues, unknown, JobFormOutput>({
    resolver: zodResolver(jobFormSchema) as Resolver<JobFormValues, unknown, JobFormOutput>,
    defaultValues: emptyJobValues(kind),
  });
  const copy = useQuery(JobDetailsDocument, { variables: { id: copyOf ?? '' }, skip: !open || !copyOf });
  const original = copyOf ? copy.data?.job : undefined;

  useEffect(() => {
    if (open && original) reset(toJobFormValues(original));
  }, [open, original, reset]);

  const handleClose = () => {
    reset(emptyJobValues(kind));
    setFormError(null);
    onClose();
  };

  const handleCreate = handleSubmit(async (values) => {
    setFormError(null);
    try {
      const { data } = await createJob({ variables: { input: toCreateJobInput(values) } });
      const result = data?.createJob;
      if (result?.__typename === 'JobSuccess') {
        void message.success(values.assign ? 'The job was created and assigned.' : 'The job was saved.');
        reset(emptyJobValues(kind));
        onCreated(result.job.id);
        return;
      }
      if (result) setFormError(applyErrorResult(result, setError, JOB_SERVER_FIELDS));
    } catch (error) {
      setFormError({ message: describeError(error) });
    }
  });

  const submit = (assign: boolean) => {
    setValue('assign', assign);
    void handleCreate();
  };

  return (
    <Modal
      open={open}
      title={original ? `New job — a copy of “${original.title ?? 'Untitled job'}”` : 'New job'}
      onCancel={handleClose}
      width={760}
      destroyOnHidden
      footer={[
        <Button key="cancel" onClick={handleClose}>
          Cancel
        </Button>,
        <Button key="save" loading={isSubmitting} onClick={() => submit(false)}>
          Save
        </Button>,
        <Button key="assign" type="primary" loading={isSubmitting} onClick={() => submit(true)}>
          Save &amp; Assign
        </Button>,
      ]}
    >
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => submit(false)} aria-label="New job">
        <ErrorResultAlert error={formError} />
        {copyOf && copy.error ? <QueryErrorAlert title="The job to copy could not be loaded" error={copy.error} onRetry={() => void copy.refetch()} /> : null}
        <FormField
          control={control}
          name="kind"
          label="Kind"
          id="new-job-kind"
          render={(field) => (
            <Segmented<JobKind>
              id="new-job-kind"
              value={field.value}
              onChange={field.onChange}
              options={JOB_KINDS.map((value) => ({ value, label: JOB_KIND_LABELS[value] }))}
            />
          )}
        />
        <FormField
          control={control}
          name="vehicleId"
          label="Vehicle"
          id="new-job-vehicle"
          render={(field, aria) => (
            <VehiclePicker {...aria} ref={field.ref} value={field.value || null} selectedLabel={original?.vehicle?.id === field.value ? original.vehicle.vin : undefined} onChange={(id) => field.onChange(id ?? '')} onBlur={field.onBlur} />
          )}
        />
        <JobFormFields
          control={control}
          idPrefix="new-job"
          besideSchedule={
            <FormField
              control={control}
              name="servicePartnerId"
              label="Service partner"
              id="new-job-partner"
              extra="Accepted service partners; needed for Save & Assign."
              render={(field, aria) => (
                <ServicePartnerSelect {...aria} acceptedOnly ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} style={{ width: '100%' }} />
              )}
            />
          }
        />
        {/* Lets Enter submit the form from any field. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
