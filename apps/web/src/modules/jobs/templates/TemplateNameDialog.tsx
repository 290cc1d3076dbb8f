import { useState } from 'react';
import type { ReactNode } from 'react';
import { Form, Input, Modal, Typography } from 'antd';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { z } from 'zod';
import { JOB_TEMPLATE_MESSAGES, JOB_TEMPLATE_NAME_MAX, jobTemplateSchema } from '@partner-hub/domain';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { applyErrorResult } from '../../shared/forms/apply-error-result';
import type { ErrorResultLike, FormLevelError } from '../../shared/forms/apply-error-result';
import { describeError } from '../../shared/utils/errors';

type NameValues = { name: string };

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
  /** saves under the checked name; resolves to the server's refusal, or null when done */
  onSubmit: (name: string) => Promise<ErrorResultLike | null>;
  onClose: () => void;
};

/**
 * Asks for a template's name ("Save as template", "Duplicate"): checked with libs/domain's rule;
 * a refusal naming `name` (e.g. the name is taken) shows on the input, anything else above it.
 */
export function TemplateNameDialog({ open, title, okText, intro, required = true, placeholder, onSubmit, onClose }: TemplateNameDialogProps) {
  const [formError, setFormError] = useState<FormLevelError | null>(null);
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

  const handleClose = () => {
    reset({ name: '' });
    setFormError(null);
    onClose();
  };

  const handleSave = handleSubmit(async ({ name }) => {
    setFormError(null);
    try {
      const refusal = await onSubmit(name);
      if (refusal) setFormError(applyErrorResult(refusal, setError, ['name']));
      else reset({ name: '' });
    } catch (error) {
      setFormError({ message: describeError(error) });
    }
  });

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
