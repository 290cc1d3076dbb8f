import type { ReactNode } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { z } from 'zod';
import { JOB_TEMPLATE_MESSAGES, JOB_TEMPLATE_NAME_MAX, jobTemplateSchema } from '@partner-hub/domain';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import type { ErrorResultLike } from '../../shared/forms/apply-error-result';
import { useMutationForm } from '../../shared/forms/use-mutation-form';

type NameValues = { name: string };

/** What saving under a name answers: the saved template, or a refusal. */
export type TemplateNameResult = { __typename: 'JobTemplateSuccess'; jobTemplate: { name: string } } | ErrorResultLike;

const requiredName = z.object({ name: jobTemplateSchema.shape.name });
const optionalName = z.object({ name: z.string().trim().max(JOB_TEMPLATE_NAME_MAX, JOB_TEMPLATE_MESSAGES.name) });

export type TemplateNameDialogProps = {
  open: boolean;
  title: string;
  okText: string;
  /** what the name is for, shown above the input */
  intro?: ReactNode;
  /** false: an empty name is allowed (the server then chooses one) */
  required?: boolean;
  placeholder?: string;
  /** saves under the checked name; resolves to the server's answer */
  onSubmit: (name: string) => Promise<TemplateNameResult | null | undefined>;
  /** after the template was saved, with its name */
  onSaved: (name: string) => void;
  onClose: () => void;
};

/**
 * Asks for a template's name ("Save as template", "Duplicate"): checked with libs/domain's rule;
 * a refusal naming `name` (e.g. the name is taken) shows on the input, anything else above it.
 */
export function TemplateNameDialog({ open, title, okText, intro, required = true, placeholder, onSubmit, onSaved, onClose }: TemplateNameDialogProps) {
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<NameValues>({
    resolver: zodResolver(required ? requiredName : optionalName) as Resolver<NameValues>,
    defaultValues: { name: '' },
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: ['name'] });

  const handleClose = () => {
    reset({ name: '' });
    setFormError(null);
    onClose();
  };

  const handleSave = handleSubmit(({ name }) =>
    submit('JobTemplateSuccess', () => onSubmit(name), {
      onSuccess: ({ jobTemplate }) => {
        reset({ name: '' });
        onSaved(jobTemplate.name);
      },
    }),
  );

  return (
    <Modal open={open} title={title} okText={okText} onOk={() => void handleSave()} onCancel={handleClose} confirmLoading={isSubmitting} destroyOnHidden>
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleSave()} aria-label={title}>
        {intro ? <Typography.Paragraph type="secondary">{intro}</Typography.Paragraph> : null}
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="name"
          label="Template name"
          id="template-name-prompt"
          required={required}
          render={(field, aria) => <Input {...field} {...aria} placeholder={placeholder} autoComplete="off" autoFocus />}
        />
      </Form>
    </Modal>
  );
}
