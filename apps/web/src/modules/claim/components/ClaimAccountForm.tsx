import { useMemo, useState } from 'react';
import { Button, Form, Input } from 'antd';
import { useMutation } from '@apollo/client/react';
import { zodResolver } from '@hookform/resolvers/zod';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import type { PasswordPolicy } from '@partner-hub/domain';
import { ClaimInvitationDocument } from '@partner-hub/graphql-client';
import { ErrorResultAlert } from '@partner-hub/ui';
import { FormField } from '../../shared/forms/FormField';
import { applyErrorResult } from '../../shared/forms/apply-error-result';
import type { FormLevelError } from '../../shared/forms/apply-error-result';
import { describeError } from '../../shared/utils/errors';
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
  const [formError, setFormError] = useState<FormLevelError | null>(null);
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

  const handleClaim = handleSubmit(async ({ name, email: chosenEmail, password }) => {
    setFormError(null);
    try {
      const { data } = await claimInvitation({
        variables: { input: { token, name, email: chosenEmail, password } },
      });
      const result = data?.claimInvitation;
      if (!result) setFormError({ message: 'The server sent no answer. Try again.' });
      else if (result.__typename === 'ClaimSuccess') onClaimed(chosenEmail);
      else if (result.__typename === 'InvitationUnusableError' && result.state !== 'OPEN')
        onUnusable(result.state);
      else setFormError(applyErrorResult(result, setError, ['name', 'email', 'password']));
    } catch (error) {
      setFormError({ message: describeError(error) });
    }
  });

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
