import { useState } from 'react';
import { App as AntApp, Button, Form, Modal, Segmented } from 'antd';
import { useMutation, useQuery } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm, useWatch } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { JOB_KINDS } from '@partner-hub/domain';
import type { JobKind } from '@partner-hub/domain';
import { CreateJobDocument, CreateJobTemplateDocument, JobDetailsDocument, JobTemplateDocument } from '@partner-hub/graphql-client';
import type { JobDetailsFieldsFragment, JobTemplateFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import type { FormLevelError } from '../../shared/forms/apply-error-result';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { describeError } from '../../shared/utils/errors';
import { JOB_SERVER_FIELDS, emptyJobValues, jobFormSchema, toCreateJobInput, toJobFormValues } from '../forms/job-form';
import type { JobFormOutput, JobFormValues } from '../forms/job-form';
import { refetchTemplatesOnSuccess } from '../templates/TemplateDialog';
import { TemplateNameDialog } from '../templates/TemplateNameDialog';
import { TemplatePicker } from '../templates/TemplatePicker';
import { applyTemplate, templateFormSchema, templateValuesFromJob, toTemplateInput } from '../templates/template-form';
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
  /** the template to start from ("Create new job" on a template), if any */
  templateId?: string | null;
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
 *
 * A template (chosen in the dialog, or given by `templateId`) fills the fields the job leaves
 * empty, as the API does; "Save as template" keeps the dialog's values as a new template.
 */
export function CreateJobDialog({ templateId, copyOf, ...props }: CreateJobDialogProps) {
  // "Create new job" on a template, or "Duplicate" of a job: the dialog opens once what fills it has loaded
  const templateQuery = useQuery(JobTemplateDocument, { variables: { id: templateId ?? '' }, skip: !props.open || !templateId });
  const copyQuery = useQuery(JobDetailsDocument, { variables: { id: copyOf ?? '' }, skip: !props.open || !copyOf });
  const linked = templateId && templateQuery.data?.jobTemplate.id === templateId ? templateQuery.data.jobTemplate : null;
  const original = copyOf && copyQuery.data?.job?.id === copyOf ? copyQuery.data.job : null;
  const waiting = (templateId && !linked && !templateQuery.error) || (copyOf && !original && !copyQuery.error);
  if (!props.open || waiting) return null;
  const loadError = templateQuery.error
    ? { message: `The template could not be loaded: ${describeError(templateQuery.error)}` }
    : copyQuery.error
      ? { message: `The job to copy could not be loaded: ${describeError(copyQuery.error)}` }
      : null;
  // mounted per opening, so every opening starts from its own values
  return <NewJobForm {...props} template={linked} original={original} loadError={loadError} />;
}

type NewJobFormProps = Omit<CreateJobDialogProps, 'templateId' | 'copyOf'> & {
  /** the template the dialog starts from */
  template: JobTemplateFieldsFragment | null;
  /** the job whose values fill the form ("Duplicate") */
  original: JobDetailsFieldsFragment | null;
  loadError: FormLevelError | null;
};

function initialValues(kind: JobKind, template: JobTemplateFieldsFragment | null, original: NewJobFormProps['original']): JobFormValues {
  if (original) return toJobFormValues(original);
  if (template) return { ...applyTemplate(emptyJobValues(kind), null, template), templateId: template.id };
  return emptyJobValues(kind);
}

function NewJobForm({ open, kind = 'INSTALLATION', template: initialTemplate, original, loadError, onClose, onCreated }: NewJobFormProps) {
  const { message } = AntApp.useApp();
  const [createJob] = useMutation(CreateJobDocument, { refetchQueries: refetchJobsOnCreate });
  const [createTemplate] = useMutation(CreateJobTemplateDocument, {
    refetchQueries: (result) => refetchTemplatesOnSuccess(result.data?.createJobTemplate.__typename),
  });
  const [template, setTemplate] = useState<JobTemplateFieldsFragment | null>(initialTemplate);
  const [namingTemplate, setNamingTemplate] = useState(false);
  const {
    control,
    handleSubmit,
    setError,
    setValue,
    getValues,
    trigger,
    reset,
    formState: { isSubmitting },
  } = useForm<JobFormValues, unknown, JobFormOutput>({
    resolver: zodResolver(jobFormSchema) as Resolver<JobFormValues, unknown, JobFormOutput>,
    defaultValues: initialValues(kind, initialTemplate, original),
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: JOB_SERVER_FIELDS, initialError: loadError });

  const currentKind = useWatch({ control, name: 'kind' });

  const chooseTemplate = (next: JobTemplateFieldsFragment | null) => {
    reset({ ...applyTemplate(getValues(), template, next), templateId: next?.id ?? null }, { keepDefaultValues: true });
    setTemplate(next);
  };

  const handleClose = () => {
    reset(emptyJobValues(kind));
    setTemplate(null);
    setFormError(null);
    onClose();
  };

  const handleKindChange = (next: JobKind) => {
    setValue('kind', next);
    // a job takes a template of its own kind only
    if (template && template.kind !== next) {
      setValue('templateId', null);
      setTemplate(null);
    }
  };

  const handleSaveAsTemplate = async () => {
    // the job's own rules for the texts and configuration are the template's
    if (await trigger(['title', 'description', 'instructions', 'configuration'])) setNamingTemplate(true);
  };

  const saveAsTemplate = async (name: string) => {
    const checked = templateFormSchema.safeParse(templateValuesFromJob(name, getValues()));
    if (!checked.success) return { __typename: 'ValidationError', code: 'VALIDATION_FAILED', message: checked.error.issues.map((issue) => issue.message).join(' '), field: null };
    return (await createTemplate({ variables: { input: toTemplateInput(checked.data) } })).data?.createJobTemplate;
  };

  const handleTemplateSaved = (name: string) => {
    void message.success(`The template “${name}” was saved.`);
    setNamingTemplate(false);
  };

  const handleCreate = handleSubmit((values) =>
    submit('JobSuccess', async () => (await createJob({ variables: { input: toCreateJobInput(values) } })).data?.createJob, {
      onSuccess: ({ job }) => {
        void message.success(values.assign ? 'The job was created and assigned.' : 'The job was saved.');
        reset(emptyJobValues(kind));
        setTemplate(null);
        onCreated(job.id);
      },
    }),
  );

  const save = (assign: boolean) => {
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
        <Button key="template" onClick={() => void handleSaveAsTemplate()} style={{ float: 'left' }}>
          Save as template…
        </Button>,
        <Button key="cancel" onClick={handleClose}>
          Cancel
        </Button>,
        <Button key="save" loading={isSubmitting} onClick={() => save(false)}>
          Save
        </Button>,
        <Button key="assign" type="primary" loading={isSubmitting} onClick={() => save(true)}>
          Save &amp; Assign
        </Button>,
      ]}
    >
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => save(false)} aria-label="New job">
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="kind"
          label="Kind"
          id="new-job-kind"
          render={(field) => (
            <Segmented<JobKind>
              id="new-job-kind"
              value={field.value}
              onChange={handleKindChange}
              options={JOB_KINDS.map((value) => ({ value, label: JOB_KIND_LABELS[value] }))}
            />
          )}
        />
        <FormField
          control={control}
          name="templateId"
          label="Template"
          id="new-job-template"
          extra={template ? 'The template filled the fields below; what you change wins, and fields left empty take the template’s values.' : undefined}
          render={(field, aria) => (
            <TemplatePicker {...aria} ref={field.ref} kind={currentKind} value={template} onChange={chooseTemplate} onBlur={field.onBlur} style={{ width: '100%' }} />
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
      <TemplateNameDialog
        open={namingTemplate}
        title="Save as template"
        okText="Save template"
        intro="A new template with this job's kind, texts, configuration and service partner (not its vehicle or day)."
        onSubmit={saveAsTemplate}
        onSaved={handleTemplateSaved}
        onClose={() => setNamingTemplate(false)}
      />
    </Modal>
  );
}
