import { useMemo } from 'react';
import { App as AntApp, Button, Card, Descriptions, Form, Input } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { ownerSchema } from '@partner-hub/domain';
import { UpdateOwnerDocument } from '@partner-hub/graphql-client';
import type { OwnerListFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../../shared/forms/FormField';
import { useVersionConflict } from '../../../shared/forms/use-version-conflict';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { formatDateTime } from '../../../shared/utils/format';
import { OWNER_FORM_FIELDS, ownerFormValues, toOwnerInput } from '../../forms/owner-forms';
import type { OwnerFormOutput, OwnerFormValues } from '../../forms/owner-forms';

export type OwnerBasicDataCardProps = {
  owner: OwnerListFieldsFragment;
  /** principal writers (owners:write), while the owner is not archived */
  editable: boolean;
};

/** The owner's basic data — what partners see too: a form for the principal's writers, read-only for everyone else. */
export function OwnerBasicDataCard({ owner, editable }: OwnerBasicDataCardProps) {
  const { message } = AntApp.useApp();
  const [updateOwner] = useMutation(UpdateOwnerDocument);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    getValues,
    setValue,
    formState: { isSubmitting, isDirty },
  } = useForm<OwnerFormValues, unknown, OwnerFormOutput>({
    resolver: zodResolver(ownerSchema) as Resolver<OwnerFormValues, unknown, OwnerFormOutput>,
    defaultValues: ownerFormValues(owner),
  });

  // a newer owner from the server (after saving, or edited elsewhere) replaces the form's values
  const serverValues = useMemo(() => ownerFormValues(owner), [owner]);
  const conflict = useVersionConflict({ form: { getValues, reset, setValue }, serverValues, objectName: 'owner' });
  const { formError, submit } = useMutationForm({ setError, fields: OWNER_FORM_FIELDS, conflict });

  const handleSave = handleSubmit((values) =>
    submit(
      'OwnerSuccess',
      async () =>
        (await updateOwner({ variables: { input: { id: owner.id, expectedVersion: owner.version, ...toOwnerInput(values) } } })).data
          ?.updateOwner,
      { onSuccess: () => void message.success('The owner was saved.') },
    ),
  );

  if (!editable) {
    return (
      <Card title="Basic data">
        <Descriptions
          column={1}
          items={[
            { key: 'name', label: 'Name', children: owner.name ?? '—' },
            { key: 'email', label: 'E-mail', children: owner.email },
            { key: 'phone', label: 'Phone', children: owner.phone ?? '—' },
            { key: 'createdAt', label: 'Added', children: formatDateTime(owner.createdAt) },
          ]}
        />
      </Card>
    );
  }

  return (
    <Card title="Basic data">
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleSave()}
        aria-label="Owner basic data"
      >
        <ErrorResultAlert error={formError} />
        {conflict.dialog}
        <FormField
          control={control}
          name="name"
          label="Name"
          id="owner-name"
          render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="email"
          label="E-mail"
          id="owner-email"
          required
          render={(field, aria) => <Input {...field} {...aria} type="email" autoComplete="off" />}
        />
        <FormField
          control={control}
          name="phone"
          label="Phone"
          id="owner-phone"
          render={(field, aria) => <Input {...field} {...aria} type="tel" autoComplete="off" />}
        />
        <Button type="primary" htmlType="submit" loading={isSubmitting} disabled={!isDirty}>
          Save
        </Button>
      </Form>
    </Card>
  );
}
