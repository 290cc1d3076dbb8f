import { useMemo } from 'react';
import { Alert, App as AntApp, Button, Card, Descriptions, Form, Input, Typography } from 'antd';
import { LockOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { ownerAnnotationSchema } from '@partner-hub/domain';
import { UpdateOwnerAnnotationDocument } from '@partner-hub/graphql-client';
import type { OwnerAnnotationFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../../shared/forms/FormField';
import { useVersionConflict } from '../../../shared/forms/use-version-conflict';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { formatDateTime } from '../../../shared/utils/format';
import { ANNOTATION_FORM_FIELDS, annotationFormValues, toAnnotationInput } from '../../forms/owner-forms';
import type { AnnotationFormOutput, AnnotationFormValues } from '../../forms/owner-forms';

/** What the card says about who sees the annotation. */
export const PRIVATE_NOTE = "Private — only your organization's staff see this.";

export type OwnerAnnotationCardProps = {
  ownerId: string;
  annotation: OwnerAnnotationFieldsFragment | null;
  /** principal admins and managers (ownerAnnotations:write); read-only for viewers */
  editable: boolean;
};

/**
 * The principal's private annotation on the owner: its own user id for the person, a display name
 * and a description. Only ever rendered for the principal's staff (the server refuses the field
 * to anyone else); editable by admins and managers. Clearing every field removes it.
 */
export function OwnerAnnotationCard({ ownerId, annotation, editable }: OwnerAnnotationCardProps) {
  const { message } = AntApp.useApp();
  const [updateAnnotation] = useMutation(UpdateOwnerAnnotationDocument);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    getValues,
    setValue,
    formState: { isSubmitting, isDirty },
  } = useForm<AnnotationFormValues, unknown, AnnotationFormOutput>({
    resolver: zodResolver(ownerAnnotationSchema) as Resolver<
      AnnotationFormValues,
      unknown,
      AnnotationFormOutput
    >,
    defaultValues: annotationFormValues(annotation),
  });

  const serverValues = useMemo(() => annotationFormValues(annotation), [annotation]);
  const conflict = useVersionConflict({ form: { getValues, reset, setValue }, serverValues, objectName: 'annotation' });
  const { formError, submit } = useMutationForm({ setError, fields: ANNOTATION_FORM_FIELDS, conflict });

  const handleSave = handleSubmit((values) =>
    submit(
      'OwnerSuccess',
      async () =>
        (await updateAnnotation({ variables: { input: { ...toAnnotationInput(ownerId, values), expectedVersion: annotation?.version ?? 0 } } }))
          .data?.updateOwnerAnnotation,
      {
        onSuccess: (result) =>
          void message.success(result.owner.annotation ? 'The private annotation was saved.' : 'The private annotation was removed.'),
      },
    ),
  );

  const title = (
    <span>
      <LockOutlined aria-hidden /> Private annotation
    </span>
  );
  const note = (
    <Alert
      type="warning"
      showIcon
      icon={<LockOutlined />}
      title={PRIVATE_NOTE}
      style={{ marginBottom: 16 }}
    />
  );

  return (
    <Card title={title} aria-label="Private annotation" role="region">
      {note}
      {editable ? (
        <Form
          layout="vertical"
          requiredMark={false}
          noValidate
          onFinish={() => void handleSave()}
          aria-label="Private annotation form"
        >
          <ErrorResultAlert error={formError} />
          {conflict.dialog}
          <FormField
            control={control}
            name="externalUserId"
            label="Your user id for this person"
            id="owner-annotation-external-user-id"
            render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
          />
          <FormField
            control={control}
            name="displayName"
            label="Display name"
            id="owner-annotation-display-name"
            render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
          />
          <FormField
            control={control}
            name="description"
            label="Description"
            id="owner-annotation-description"
            render={(field, aria) => <Input.TextArea {...field} {...aria} rows={4} />}
          />
          <Button type="primary" htmlType="submit" loading={isSubmitting} disabled={!isDirty}>
            Save annotation
          </Button>
        </Form>
      ) : annotation ? (
        <Descriptions
          column={1}
          items={[
            { key: 'externalUserId', label: 'Your user id', children: annotation.externalUserId ?? '—' },
            { key: 'displayName', label: 'Display name', children: annotation.displayName ?? '—' },
            { key: 'description', label: 'Description', children: annotation.description ?? '—' },
            { key: 'updatedAt', label: 'Last changed', children: formatDateTime(annotation.updatedAt) },
          ]}
        />
      ) : (
        <Typography.Text type="secondary">No annotation yet.</Typography.Text>
      )}
    </Card>
  );
}
