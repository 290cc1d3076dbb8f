import { App as AntApp, Form, Input, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { rolesFor, updateUserSchema } from '@partner-hub/domain';
import type { OrganizationKind, UpdateUserValues } from '@partner-hub/domain';
import { UpdateUserDocument } from '@partner-hub/graphql-client';
import type { UserFieldsFragment } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { RoleSelect } from './RoleSelect';

export type EditUserDialogProps = {
  user: UserFieldsFragment;
  organizationKind: OrganizationKind;
  /** The signed-in user may rename themselves but not change their own role. */
  isSelf: boolean;
  onClose: () => void;
};

/** Edits a user's name and role. Mount it only while open (it takes its values from `user`). */
export function EditUserDialog({ user, organizationKind, isSelf, onClose }: EditUserDialogProps) {
  const { message } = AntApp.useApp();
  const [updateUser] = useMutation(UpdateUserDocument);
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting, isDirty },
  } = useForm<UpdateUserValues, unknown, z.output<typeof updateUserSchema>>({
    resolver: zodResolver(updateUserSchema),
    defaultValues: { name: user.name, role: user.role },
  });
  const { formError, submit } = useMutationForm({ setError, fields: ['name', 'role'] });

  const handleSave = handleSubmit(async (values) => {
    if (!isDirty) {
      onClose();
      return;
    }
    await submit('UpdateUserSuccess', async () => (await updateUser({ variables: { input: { id: user.id, ...values } } })).data?.updateUser, {
      onSuccess: (result) => {
        void message.success(`${result.user.name} was updated.`);
        onClose();
      },
    });
  });

  return (
    <Modal
      open
      title={`Edit ${user.name}`}
      okText="Save"
      onOk={() => void handleSave()}
      onCancel={onClose}
      confirmLoading={isSubmitting}
    >
      <Form layout="vertical" requiredMark={false} noValidate onFinish={() => void handleSave()} aria-label="Edit user">
        <ErrorResultAlert error={formError} />
        <Form.Item label="E-mail">
          <Input value={user.email} disabled aria-label="E-mail" />
        </Form.Item>
        <FormField
          control={control}
          name="name"
          label="Name"
          id="edit-user-name"
          render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="role"
          label="Role"
          id="edit-user-role"
          extra={isSelf ? 'You cannot change your own role; ask another admin.' : undefined}
          render={(field, aria) => (
            <RoleSelect
              {...aria}
              roles={rolesFor(organizationKind)}
              value={field.value}
              onChange={field.onChange}
              onBlur={field.onBlur}
              ref={field.ref}
              disabled={isSelf}
            />
          )}
        />
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
