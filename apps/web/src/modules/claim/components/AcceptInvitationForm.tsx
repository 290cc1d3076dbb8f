import { Button, Form, Input, Typography } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { AcceptInvitationDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { acceptInvitationSchema } from '../forms/claim-schemas';
import type { AcceptInvitationValues } from '../forms/claim-schemas';
import type { UnusableInvitationState } from '../utils/invitation-states';

export type AcceptInvitationFormProps = {
  token: string;
  onAccepted: (email: string, organizationName: string) => void;
  onUnusable: (state: UnusableInvitationState) => void;
};

/** "My company already uses Partner Hub": an admin of that organization connects it to the inviting company. */
export function AcceptInvitationForm({ token, onAccepted, onUnusable }: AcceptInvitationFormProps) {
  const [acceptInvitation] = useMutation(AcceptInvitationDocument);
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm<AcceptInvitationValues, unknown, z.output<typeof acceptInvitationSchema>>({
    resolver: zodResolver(acceptInvitationSchema),
    defaultValues: { email: '', password: '' },
  });
  const { formError, submit } = useMutationForm({ setError, fields: ['email', 'password'] });

  const handleAccept = handleSubmit((values) =>
    submit('ClaimSuccess', async () => (await acceptInvitation({ variables: { input: { token, ...values } } })).data?.acceptInvitation, {
      onSuccess: (result) => onAccepted(values.email, result.organizationName),
      onRefusal: (refusal) => {
        if (refusal.__typename !== 'InvitationUnusableError' || refusal.state === 'OPEN') return refusal;
        onUnusable(refusal.state);
        return null;
      },
    }),
  );

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      noValidate
      onFinish={() => void handleAccept()}
      aria-label="Connect an existing organization"
    >
      <Typography.Paragraph type="secondary">
        Sign in as an admin of your organization to connect it. Your organization keeps its profile and users.
      </Typography.Paragraph>
      <ErrorResultAlert error={formError} />
      <FormField
        control={control}
        name="email"
        label="Admin e-mail"
        id="accept-email"
        render={(field, aria) => <Input {...field} {...aria} type="email" autoComplete="username" />}
      />
      <FormField
        control={control}
        name="password"
        label="Password"
        id="accept-password"
        render={(field, aria) => <Input.Password {...field} {...aria} autoComplete="current-password" />}
      />
      <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
        Connect my organization
      </Button>
    </Form>
  );
}
