import { useMemo } from 'react';
import { App as AntApp, Form, Input, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { checkPassword, createUserSchema, rolesFor } from '@partner-hub/domain';
import type { OrganizationKind, PasswordPolicy } from '@partner-hub/domain';
import { CreateUserDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { RoleSelect } from './RoleSelect';

export type CreateUserDialogProps = {
  open: boolean;
  organizationKind: OrganizationKind;
  passwordPolicy: PasswordPolicy;
  onClose: () => void;
};

/** "Add user": a colleague with e-mail, name, role and an initial password. */
export function CreateUserDialog({ open, organizationKind, passwordPolicy, onClose }: CreateUserDialogProps) {
  const { message } = AntApp.useApp();
  const [createUser] = useMutation(CreateUserDocument, { refetchQueries: ['Users'] });
  const roles = rolesFor(organizationKind);
  const schema = useMemo(
    () =>
      createUserSchema.extend({
        password: createUserSchema.shape.password.superRefine((password, ctx) => {
          const problem = password ? checkPassword(password, passwordPolicy) : null;
          if (problem) ctx.addIssue({ code: 'custom', message: problem });
        }),
      }),
    [passwordPolicy],
  );
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<z.input<typeof schema>, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { email: '', name: '', role: undefined, password: '' },
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: ['email', 'name', 'role', 'password'] });

  const handleClose = () => {
    reset();
    setFormError(null);
    onClose();
  };

  const handleCreate = handleSubmit((values) =>
    submit('CreateUserSuccess', async () => (await createUser({ variables: { input: values } })).data?.createUser, {
      onSuccess: ({ user }) => {
        void message.success(`${user.name} was added.`);
        handleClose();
      },
    }),
  );

  return (
    <Modal
      open={open}
      title="Add user"
      okText="Add user"
      onOk={() => void handleCreate()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleCreate()} aria-label="Add user">
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="email"
          label="E-mail"
          id="create-user-email"
          render={(field, aria) => <Input {...field} {...aria} type="email" autoComplete="off" />}
        />
        <FormField
          control={control}
          name="name"
          label="Name"
          id="create-user-name"
          render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="role"
          label="Role"
          id="create-user-role"
          render={(field, aria) => (
            <RoleSelect
              {...aria}
              roles={roles}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
            />
          )}
        />
        <FormField
          control={control}
          name="password"
          label="Initial password"
          id="create-user-password"
          extra="Share it with your colleague through a separate channel; they can change it under Settings → Profile."
          render={(field, aria) => <Input.Password {...field} {...aria} autoComplete="new-password" />}
        />
        {/* Lets Enter submit the form from any field. */}
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
