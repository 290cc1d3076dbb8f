import { DatePicker, Form, Input, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Dayjs } from 'dayjs';
import type { Resolver } from 'react-hook-form';
import type { z } from 'zod';
import { createApiKeySchema, rolesFor } from '@partner-hub/domain';
import type { OrganizationKind, UserRole } from '@partner-hub/domain';
import { CreateApiKeyDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { RoleSelect } from '../../users/components/RoleSelect';

type CreateApiKeyFormValues = {
  name: string;
  role: UserRole;
  expiresAt: Dayjs | null;
};

export type CreatedApiKey = { name: string; secret: string };

export type CreateApiKeyDialogProps = {
  open: boolean;
  organizationKind: OrganizationKind;
  onClose: () => void;
  /** Called with the one-time secret after the key exists. */
  onCreated: (created: CreatedApiKey) => void;
};

/** "Create API key": a name (after the system that will use it), a role and an optional expiry date. */
export function CreateApiKeyDialog({ open, organizationKind, onClose, onCreated }: CreateApiKeyDialogProps) {
  const [createApiKey] = useMutation(CreateApiKeyDocument, { refetchQueries: ['ApiKeys'] });
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<CreateApiKeyFormValues, unknown, z.output<typeof createApiKeySchema>>({
    // The domain schema coerces the picker's Dayjs value into a Date (its input type is `unknown`).
    resolver: zodResolver(createApiKeySchema) as Resolver<CreateApiKeyFormValues, unknown, z.output<typeof createApiKeySchema>>,
    defaultValues: { name: '', role: undefined, expiresAt: null },
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: ['name', 'role', 'expiresAt'] });

  const handleClose = () => {
    reset();
    setFormError(null);
    onClose();
  };

  const handleCreate = handleSubmit(({ name, role, expiresAt }) =>
    submit(
      'CreateApiKeySuccess',
      async () =>
        (await createApiKey({ variables: { input: { name, role, expiresAt: expiresAt ? expiresAt.toISOString() : null } } }))
          .data?.createApiKey,
      {
        onSuccess: (result) => {
          reset();
          onCreated({ name: result.apiKey.name, secret: result.secret });
        },
      },
    ),
  );

  return (
    <Modal
      open={open}
      title="Create API key"
      okText="Create key"
      onOk={() => void handleCreate()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleCreate()} aria-label="Create API key">
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="name"
          label="Name"
          id="create-api-key-name"
          extra="Name it after the partner system that will use it, e.g. “Workshop ERP”."
          render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="role"
          label="Role"
          id="create-api-key-role"
          extra="The key can do what a user with this role can do."
          render={(field, aria) => (
            <RoleSelect
              {...aria}
              roles={rolesFor(organizationKind)}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
            />
          )}
        />
        <FormField
          control={control}
          name="expiresAt"
          label="Expires on"
          id="create-api-key-expires"
          extra="Optional. The key stops working at the end of this day."
          render={(field, aria) => (
            <DatePicker
              {...aria}
              value={field.value}
              onChange={(value) => field.onChange(value ? value.endOf('day') : null)}
              onBlur={field.onBlur}
              disabledDate={(current) => current.endOf('day').valueOf() < Date.now()}
              placeholder="Never"
              style={{ width: '100%' }}
            />
          )}
        />
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
