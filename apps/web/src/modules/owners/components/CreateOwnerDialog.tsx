import { App as AntApp, Form, Input, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { ownerSchema } from '@partner-hub/domain';
import { CreateOwnerDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { OWNER_FORM_FIELDS, ownerFormValues, toOwnerInput } from '../forms/owner-forms';
import type { OwnerFormOutput, OwnerFormValues } from '../forms/owner-forms';

export type CreateOwnerDialogProps = {
  open: boolean;
  onClose: () => void;
  /** Called with the new owner's id once it exists. */
  onCreated: (id: string) => void;
};

/** "New owner": e-mail (unique within the principal), name and phone. */
export function CreateOwnerDialog({ open, onClose, onCreated }: CreateOwnerDialogProps) {
  const { message } = AntApp.useApp();
  const [createOwner] = useMutation(CreateOwnerDocument, {
    refetchQueries: (result) => (result.data?.createOwner.__typename === 'OwnerSuccess' ? ['Owners'] : []),
  });
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<OwnerFormValues, unknown, OwnerFormOutput>({
    resolver: zodResolver(ownerSchema) as Resolver<OwnerFormValues, unknown, OwnerFormOutput>,
    defaultValues: ownerFormValues(),
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: OWNER_FORM_FIELDS });

  const handleClose = () => {
    reset(ownerFormValues());
    setFormError(null);
    onClose();
  };

  const handleCreate = handleSubmit((values) =>
    submit('OwnerSuccess', async () => (await createOwner({ variables: { input: toOwnerInput(values) } })).data?.createOwner, {
      onSuccess: ({ owner }) => {
        void message.success(`${owner.name ?? owner.email} was added.`);
        reset(ownerFormValues());
        onCreated(owner.id);
      },
    }),
  );

  return (
    <Modal
      open={open}
      title="New owner"
      okText="Add owner"
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
        aria-label="New owner"
      >
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="email"
          label="E-mail"
          id="create-owner-email"
          required
          render={(field, aria) => <Input {...field} {...aria} type="email" autoComplete="off" />}
        />
        <FormField
          control={control}
          name="name"
          label="Name"
          id="create-owner-name"
          render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="phone"
          label="Phone"
          id="create-owner-phone"
          render={(field, aria) => <Input {...field} {...aria} type="tel" autoComplete="off" />}
        />
      </Form>
    </Modal>
  );
}
