import { Alert, App as AntApp, Form, Input, Modal } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { SendPartnerInvitationFromDetailsDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../../shared/forms/FormField';
import { useMutationForm } from '../../../shared/forms/use-mutation-form';
import { sendInvitationSchema } from '../forms/invitation-schemas';
import type { SendInvitationValues } from '../forms/invitation-schemas';

export type SendInvitationDialogProps = {
  open: boolean;
  partnerId: string;
  partnerName: string;
  /** Where the e-mail goes unless changed: the last invitation's address or the organization's e-mail. */
  defaultEmail: string;
  /** A link is open already: sending again replaces it. */
  resend: boolean;
  onClose: () => void;
};

/** Sends (or re-sends) the invitation e-mail with the claim link. */
export function SendInvitationDialog({
  open,
  partnerId,
  partnerName,
  defaultEmail,
  resend,
  onClose,
}: SendInvitationDialogProps) {
  const { message } = AntApp.useApp();
  const [sendInvitation] = useMutation(SendPartnerInvitationFromDetailsDocument, {
    refetchQueries: ['PartnerHistory'],
  });
  const {
    control,
    handleSubmit,
    setError,
    reset,
    formState: { isSubmitting },
  } = useForm<SendInvitationValues, unknown, z.output<typeof sendInvitationSchema>>({
    resolver: zodResolver(sendInvitationSchema),
    values: { email: defaultEmail },
  });
  const { formError, setFormError, submit } = useMutationForm({ setError, fields: ['email'] });

  const handleClose = () => {
    reset();
    setFormError(null);
    onClose();
  };

  const handleSend = handleSubmit(({ email }) =>
    submit('PartnerSuccess', async () => (await sendInvitation({ variables: { input: { partnerId, email } } })).data?.sendPartnerInvitation, {
      onSuccess: () => {
        void message.success(`The invitation was sent to ${email}.`);
        handleClose();
      },
    }),
  );

  const title = resend ? 'Re-send invitation' : 'Send invitation';
  return (
    <Modal
      open={open}
      title={title}
      okText={resend ? 'Re-send' : 'Send'}
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
        aria-label={title}
      >
        {resend ? (
          <Alert
            type="warning"
            showIcon
            title="The link of the earlier e-mail stops working"
            description="A new e-mail with a new link, valid for 7 days, replaces it."
            style={{ marginBottom: 16 }}
          />
        ) : null}
        <ErrorResultAlert error={formError} />
        <FormField
          control={control}
          name="email"
          label="Send to"
          id="send-invitation-email"
          extra={`The person who will claim ${partnerName} and become its first admin.`}
          render={(field, aria) => <Input {...field} {...aria} type="email" autoComplete="off" />}
        />
        <button type="submit" hidden aria-hidden="true" tabIndex={-1} />
      </Form>
    </Modal>
  );
}
