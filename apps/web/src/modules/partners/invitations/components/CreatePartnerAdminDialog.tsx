import { useMemo } from 'react';
import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { PasswordPolicy } from '@partner-hub/domain';
import { CreatePartnerAdminDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../../shared/forms/FormField';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { partnerAdminSchema } from '../forms/invitation-schemas';
import type { PartnerAdminValues } from '../forms/invitation-schemas';

export type CreatePartnerAdminDialogProps = {
  open: boolean;
  partnerId: string;
  partnerName: string;
  passwordPolicy: PasswordPolicy;
  defaultEmail: string;
  onClose: () => void;
};

/** "Create admin login instead": the partner's first admin, with a password under its policy; the partner counts as claimed. */
export function CreatePartnerAdminDialog({
  open,
  partnerId,
  partnerName,
  passwordPolicy,
  defaultEmail,
  onClose,
}: CreatePartnerAdminDialogProps) {
  const { message } = AntApp.useApp();
  const [createAdmin] = useMutation(CreatePartnerAdminDocument, {
    refetchQueries: ['PartnerUsers', 'PartnerHistory'],
  });
  const schema = useMemo(() => partnerAdminSchema(passwordPolicy), [passwordPolicy]);
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<PartnerAdminValues, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    values: { email: defaultEmail, name: '', password: '' },
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: ['email', 'name', 'password'] });

  const handleClose = () => {
    reset();
    setFormError(null);
    onClose();
  };

  const handleCreate = handleSubmit((values) =>
    submit('PartnerSuccess', async () => (await createAdmin({ variables: { input: { partnerId, ...values } } })).data?.createPartnerAdmin, {
      onSuccess: () => {
        void message.success(`${values.name} can now sign in as ${partnerName}'s admin.`);
        handleClose();
      },
    }),
  );

  return (
    <Modal
      open={open}
      title={`Create an admin login for ${partnerName}`}
      okText="Create admin login"
      onOk={() => void handleCreate()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleCreate()}
        aria-label="Create admin login"
      >
        <Alert
          type="info"
          showIcon
          title="Instead of an invitation"
          description={`${partnerName} counts as claimed from then on: its profile becomes theirs to edit, and any open invitation link stops working.`}
          style={{ marginBottom: 16 }}
        />
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="email"
          label="E-mail"
          id="partner-admin-email"
          render={(field, aria) => <Input {...field} {...aria} type="email" autoComplete="off" />}
        />
        <FormField
          control={control}
          name="name"
          label="Name"
          id="partner-admin-name"
          render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="password"
          label="Initial password"
          id="partner-admin-password"
          extra={
            passwordPolicy === 'COMPLEX'
              ? 'The partner requires complex passwords: 12+ characters with upper and lower case, a digit and a symbol. Share it through a separate channel.'
              : 'At least 8 characters. Share it through a separate channel.'
          }
          render={(field, aria) => <Input.Password {...field} {...aria} autoComplete="new-password" />}
        />
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
