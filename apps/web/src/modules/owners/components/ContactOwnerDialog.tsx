import { App as AntApp, Form, Input, Modal, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { Resolver } from 'react-hook-form';
import { ownerMessageSchema } from '@partner-hub/domain';
import { ContactOwnerDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { CONTACT_FORM_FIELDS, emptyContactValues, toContactInput } from '../forms/owner-forms';
import type { ContactFormOutput, ContactFormValues } from '../forms/owner-forms';

/** The owner a message goes to. */
export type ContactRecipient = { id: string; email: string; name: string | null };

export type ContactOwnerDialogProps = {
  /** The owner to write to; the dialog is open while there is one. */
  owner: ContactRecipient | null;
  onClose: () => void;
};

/**
 * "Contact": an e-mail to the owner (subject and message), sent by the server through its mailer
 * and recorded in the owner's history with its subject.
 */
export function ContactOwnerDialog({ owner, onClose }: ContactOwnerDialogProps) {
  const { message } = AntApp.useApp();
  const [contactOwner] = useMutation(ContactOwnerDocument, {
    refetchQueries: (result) =>
      result.data?.contactOwner.__typename === 'OwnerSuccess' ? ['OwnerHistory'] : [],
  });
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<ContactFormValues, unknown, ContactFormOutput>({
    resolver: zodResolver(ownerMessageSchema) as Resolver<ContactFormValues, unknown, ContactFormOutput>,
    defaultValues: emptyContactValues(),
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: CONTACT_FORM_FIELDS });

  const handleClose = () => {
    reset(emptyContactValues());
    setFormError(null);
    onClose();
  };

  const handleSend = handleSubmit(async (values) => {
    if (!owner) return;
    await submit('OwnerSuccess', async () => (await contactOwner({ variables: { input: toContactInput(owner.id, values) } })).data?.contactOwner, {
      onSuccess: () => {
        void message.success(`Your message to ${owner.name ?? owner.email} was sent.`);
        handleClose();
      },
    });
  });

  return (
    <Modal
      open={owner !== null}
      title={owner ? `Contact ${owner.name ?? owner.email}` : 'Contact owner'}
      okText="Send"
      onOk={() => void handleSend()}
      onCancel={handleClose}
      confirmLoading={isSubmitting}
      destroyOnHidden
    >
      <Form
        layout="vertical"
        requiredMark={false}
        noValidate
        onFinish={() => void handleSend()}
        aria-label="Contact owner"
      >
        {owner ? (
          <Typography.Paragraph type="secondary">
            An e-mail to {owner.email}. The subject is kept in the owner&apos;s history.
          </Typography.Paragraph>
        ) : null}
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="subject"
          label="Subject"
          id="contact-owner-subject"
          required
          render={(field, aria) => <Input {...field} {...aria} autoComplete="off" />}
        />
        <FormField
          control={control}
          name="message"
          label="Message"
          id="contact-owner-message"
          required
          render={(field, aria) => <Input.TextArea {...field} {...aria} rows={6} />}
        />
      </Form>
    </Modal>
  );
}
