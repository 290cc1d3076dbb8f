import { useMemo } from 'react';
import { App as AntApp, Col, Form, Input, Modal, Row, Segmented } from 'antd';
import { useFragment, useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { JOB_KINDS } from '@partner-hub/domain';
import type { JobKind } from '@partner-hub/domain';
import { CreateJobTemplateDocument, JobTemplateFieldsFragmentDoc, UpdateJobTemplateDocument } from '@partner-hub/graphql-client';
import type { JobTemplateFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useVersionConflict } from '../../shared/forms/use-version-conflict';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { JobConfigurationFields, configurationControl } from '../components/JobConfigurationFields';
import { ServicePartnerSelect } from '../components/ServicePartnerSelect';
import { JOB_KIND_LABELS } from '../utils/job-wording';
import { TEMPLATE_SERVER_FIELDS, templateFormSchema, templateFormValues, toTemplateInput } from './template-form';
import type { TemplateFormOutput, TemplateFormValues } from './template-form';

/** Refreshes the templates list once a template changed (not after a refusal); the New job dialog's picker fetches anew when it opens. */
export const refetchTemplatesOnSuccess = (typename: string | undefined): string[] => (typename === 'JobTemplateSuccess' ? ['JobTemplates'] : []);

/** Mount it per template (a `key`): its inputs start from the template it was mounted with. */
export type TemplateDialogProps = {
  open: boolean;
  /** the template to edit; none: a new one */
  template: JobTemplateFieldsFragment | null;
  onClose: () => void;
};

/**
 * Creates or edits a job template: name, kind, texts, default service partner and the
 * configuration with named settings — checked with libs/domain's template rules (the API's),
 * the API's field errors (a taken name, a partner that cannot take jobs) on their fields.
 */
export function TemplateDialog({ open, template, onClose }: TemplateDialogProps) {
  const { message } = AntApp.useApp();
  const [createTemplate] = useMutation(CreateJobTemplateDocument, {
    refetchQueries: (result) => refetchTemplatesOnSuccess(result.data?.createJobTemplate.__typename),
  });
  const [updateTemplate] = useMutation(UpdateJobTemplateDocument, {
    refetchQueries: (result) => refetchTemplatesOnSuccess(result.data?.updateJobTemplate.__typename),
  });
  // the template as the cache has it now: reloading after a version conflict brings in its new version
  const live = useFragment({ fragment: JobTemplateFieldsFragmentDoc, fragmentName: 'JobTemplateFields', from: template });
  const current = live.complete ? (live.data as JobTemplateFieldsFragment) : template;
  const {
    control,
    handleSubmit,
    setError,
    getValues,
    reset,
    setValue,
    formState: { isSubmitting },
  } = useForm<TemplateFormValues, unknown, TemplateFormOutput>({
    resolver: zodResolver(templateFormSchema) as Resolver<TemplateFormValues, unknown, TemplateFormOutput>,
    defaultValues: templateFormValues(template),
  });
  const serverValues = useMemo(() => (current ? templateFormValues(current) : null), [current]);
  const conflict = useVersionConflict({ form: { getValues, reset, setValue }, serverValues, objectName: 'template' });
  const { formError, submit } = useMutationForm({ setError, fields: TEMPLATE_SERVER_FIELDS, conflict });

  const handleSave = handleSubmit((values) => {
    const input = toTemplateInput(values);
    return submit(
      'JobTemplateSuccess',
      async () =>
        current
          ? (await updateTemplate({ variables: { input: { id: current.id, expectedVersion: current.version, ...input } } })).data?.updateJobTemplate
          : (await createTemplate({ variables: { input } })).data?.createJobTemplate,
      {
        onSuccess: ({ jobTemplate }) => {
          void message.success(template ? `The template “${jobTemplate.name}” was saved.` : `The template “${jobTemplate.name}” was created.`);
          onClose();
        },
      },
    );
  });

  const title = template ? `Edit template “${template.name}”` : 'New template';
  return (
    <Modal open={open} title={title} okText={template ? 'Save' : 'Create'} onOk={() => void handleSave()} onCancel={onClose} confirmLoading={isSubmitting} width={760} destroyOnHidden>
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleSave()} aria-label={template ? 'Edit template' : 'New template'}>
        <ErrorResultAlert error={formError} />
        {conflict.dialog}
        <Row gutter={12}>
          <Col xs={24} sm={14}>
            <FormField
              control={control}
              name="name"
              label="Name"
              id="template-name"
              required
              render={(field, aria) => <Input {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" />}
            />
          </Col>
          <Col xs={24} sm={10}>
            <FormField
              control={control}
              name="kind"
              label="Kind"
              id="template-kind"
              render={(field) => (
                <Segmented<JobKind>
                  id="template-kind"
                  value={field.value}
                  onChange={field.onChange}
                  options={JOB_KINDS.map((value) => ({ value, label: JOB_KIND_LABELS[value] }))}
                />
              )}
            />
          </Col>
        </Row>
        <FormField
          control={control}
          name="title"
          label="Job title"
          id="template-title"
          render={(field, aria) => <Input {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="description"
          label="Description"
          id="template-description"
          render={(field, aria) => <Input.TextArea {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={2} />}
        />
        <FormField
          control={control}
          name="instructions"
          label="Instructions for the technician"
          id="template-instructions"
          render={(field, aria) => <Input.TextArea {...aria} ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} rows={2} />}
        />
        <FormField
          control={control}
          name="defaultServicePartnerId"
          label="Default service partner"
          id="template-partner"
          extra="The New job dialog proposes it for jobs from this template (the jobs CSV import does not use it)."
          render={(field, aria) => (
            <ServicePartnerSelect {...aria} acceptedOnly ref={field.ref} value={field.value} onChange={field.onChange} onBlur={field.onBlur} style={{ width: '100%' }} />
          )}
        />
        <JobConfigurationFields control={configurationControl(control)} idPrefix="template" />
        {/* Lets Enter submit the form from any field. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
