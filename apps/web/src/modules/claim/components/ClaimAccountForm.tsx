import { useMemo } from 'react';
import { Button, Form, Input } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { PasswordPolicy } from '@partner-hub/domain';
import { ClaimInvitationDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { useMutationForm } from '../../shared/forms/use-mutation-form';
import { claimAccountSchema } from '../forms/claim-schemas';
import type { ClaimAccountValues } from '../forms/claim-schemas';
import type { UnusableInvitationState } from '../utils/invitation-states';

export type ClaimAccountFormProps = {
  token: string;
  email: string;
  passwordPolicy: PasswordPolicy;
  onClaimed: (email: string) => void;
  /** The link turned out to be unusable meanwhile (used, withdrawn, expired). */
  onUnusable: (state: UnusableInvitationState) => void;
};

/** "Create your admin account": claims the organization with its first admin user. */
export function ClaimAccountForm({
  token,
  email,
  passwordPolicy,
  onClaimed,
  onUnusable,
}: ClaimAccountFormProps) {
  const [claimInvitation] = useMutation(ClaimInvitationDocument);
  const schema = useMemo(() => claimAccountSchema(passwordPolicy), [passwordPolicy]);
  const {
    control,
    handleSubmit,
    setError,
    formState: { isSubmitting },
  } = useForm<ClaimAccountValues, unknown, z.output<typeof schema>>({
    resolver: zodResolver(schema),
    defaultValues: { name: '', email, password: '', passwordConfirmation: '' },
  });
  const { formError, submit } = useMutationForm({ setError, fields: ['name', 'email', 'password'] });

  const handleClaim = handleSubmit(({ name, email: chosenEmail, password }) =>
    submit(
      'ClaimSuccess',
      async () => (await claimInvitation({ variables: { input: { token, name, email: chosenEmail, password } } })).data?.claimInvitation,
      {
        onSuccess: () => onClaimed(chosenEmail),
        onRefusal: (refusal) => {
          if (refusal.__typename !== 'InvitationUnusableError' || refusal.state === 'OPEN') return refusal;
          onUnusable(refusal.state);
          return null;
        },
      },
    ),
  );

  return (
    <Form
      layout="vertical"
      requiredMark={false}
      noValidate
      onFinish={() => void handleClaim()}
      aria-label="Create your admin account"
    >
      <ErrorResultAlert error={formError} />
      <FormField
        control={control}
        name="name"
        label="Your name"
        id="claim-name"
        render={(field, aria) => <Input {...field} {...aria} autoComplete="name" autoFocus />}
      />
      <FormField
        control={control}
        name="email"
        label="E-mail"
        id="claim-email"
        extra="You sign in with this address."
        render={(field, aria) => <Input {...field} {...aria} type="email" autoComplete="username" />}
      />
      <FormField
        control={control}
        name="password"
        label="Password"
        id="claim-password"
        extra={
          passwordPolicy === 'COMPLEX'
            ? 'At least 12 characters with upper and lower case letters, a digit and a symbol.'
            : 'At least 8 characters.'
        }
        render={(field, aria) => <Input.Password {...field} {...aria} autoComplete="new-password" />}
      />
      <FormField
        control={control}
        name="passwordConfirmation"
        label="Password again"
        id="claim-password-confirmation"
        render={(field, aria) => <Input.Password {...field} {...aria} autoComplete="new-password" />}
      />
      <Button type="primary" htmlType="submit" block size="large" loading={isSubmitting}>
        Create account and claim
      </Button>
    </Form>
  );
}
